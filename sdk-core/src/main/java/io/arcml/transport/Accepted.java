package io.arcml.transport;

import java.util.Objects;

/**
 * The answer to a request that starts a long-running operation: the resource as the service
 * echoed it (may be {@code null} when the service sent no body) and the operation to follow.
 *
 * @param resource the resource as first returned, or {@code null}
 * @param operation the operation to wait for
 * @param <T> the resource type
 */
public record Accepted<T>(T resource, LongRunningOperation operation) {

    /** Canonical constructor: the operation is required. */
    public Accepted {
        Objects.requireNonNull(operation, "operation");
    }
}
