package io.arcml.transport;

import io.arcml.ArcmlException;
import io.arcml.ErrorDetail;
import java.time.Duration;

/**
 * The control plane refused or failed a request. Carries the HTTP-style status code and the
 * service's error ({@code code}, {@code message}, details), whatever the transport.
 */
public class ControlPlaneException extends ArcmlException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final transient ErrorDetail error;
    private final Duration retryAfter;

    /**
     * @param statusCode the HTTP status code, or the closest one for non-HTTP transports
     * @param error the service's error
     * @param retryAfter how long the service asked to wait before retrying, or {@code null}
     */
    public ControlPlaneException(int statusCode, ErrorDetail error, Duration retryAfter) {
        this(statusCode, error, retryAfter, null);
    }

    /** As {@link #ControlPlaneException(int, ErrorDetail, Duration)}, with the underlying cause. */
    public ControlPlaneException(int statusCode, ErrorDetail error, Duration retryAfter, Throwable cause) {
        super("Status code " + statusCode + ", " + error, cause);
        this.statusCode = statusCode;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status code. */
    public int statusCode() {
        return statusCode;
    }

    /** The service's error. */
    public ErrorDetail error() {
        return error;
    }

    /** How long the service asked to wait before retrying, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True for throttling (429), timeouts (408) and server errors (5xx): safe to retry after a pause. */
    public boolean isRetryable() {
        return statusCode == 408 || statusCode == 429 || statusCode >= 500;
    }
}
