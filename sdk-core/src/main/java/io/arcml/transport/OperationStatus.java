package io.arcml.transport;

import io.arcml.ErrorDetail;
import io.arcml.internal.Arguments;
import io.arcml.resource.ResourceState;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import java.time.Duration;
import java.util.Objects;

/**
 * One reading of a long-running operation.
 *
 * @param state where the operation is
 * @param status the status as the service words it ({@code Creating}, {@code InProgress}, {@code Succeeded}, ...)
 * @param error why it failed, or {@code null}
 * @param retryAfter how long to wait before the next reading
 */
public record OperationStatus(State state, String status, ErrorDetail error, Duration retryAfter) {

    /** Where an operation is. */
    public enum State {
        /** Still running. */
        IN_PROGRESS,
        /** Ended well. */
        SUCCEEDED,
        /** Ended in failure. */
        FAILED,
        /** Canceled before it ended. */
        CANCELED;

        /** True for every state but {@link #IN_PROGRESS}. */
        public boolean isTerminal() {
            return this != IN_PROGRESS;
        }
    }

    /** Canonical constructor: state, status and retryAfter are required. */
    public OperationStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * A job run's status as a reading of a long-running operation, for the one waiting loop:
     * Completed, Failed and Canceled end it; a failure without an error gets one from the message.
     */
    public static OperationStatus ofJob(RunStatus job, Duration retryAfter) {
        Objects.requireNonNull(job, "job");
        State s = switch (job.state()) {
            case COMPLETED -> State.SUCCEEDED;
            case FAILED -> State.FAILED;
            case CANCELED -> State.CANCELED;
            default -> State.IN_PROGRESS;
        };
        ErrorDetail e = job.error() != null || job.state() != RunState.FAILED
                ? job.error()
                : ErrorDetail.of("JobFailed", job.message());
        return new OperationStatus(s, job.state().toString(), e, retryAfter);
    }

    /**
     * Reads ARM's operation status words, which are its provisioning states: Succeeded, Failed,
     * Canceled are terminal; anything else ({@code InProgress}, {@code Creating}, ...) is in progress.
     */
    public static State stateOf(String status) {
        return stateOf(ResourceState.parse(status));
    }

    /** Where an operation is whose resource is in {@code state}: Succeeded, Failed and Canceled end it. */
    public static State stateOf(ResourceState state) {
        return switch (Arguments.nonNull(state, "state")) {
            case SUCCEEDED -> State.SUCCEEDED;
            case FAILED -> State.FAILED;
            case CANCELED -> State.CANCELED;
            default -> State.IN_PROGRESS;
        };
    }

    /** For example {@code Creating (retry after PT5S)} or {@code Failed: InternalServerError: ...}. */
    @Override
    public String toString() {
        return status
                + (error != null
                        ? ": " + error.code() + ": " + error.message()
                        : state.isTerminal() ? "" : " (retry after " + retryAfter + ")");
    }

    /** A status that has ended. */
    public boolean isTerminal() {
        return state.isTerminal();
    }
}
