package io.arcml.resource;

import io.arcml.ErrorDetail;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One reading of a run's status as a control plane reports it: what the job capabilities of the
 * transport SPI answer with. The user API shows it as {@code io.arcml.job.JobStatus}
 * ({@code JobStatus.of(status)}).
 *
 * @param state where the run is
 * @param message what is going on, in plain words (why it is queued, why it failed), or {@code null}
 * @param error the failure as a code and message when the run failed, else {@code null}
 * @param startTime when it started running, or {@code null}
 * @param endTime when it ended, or {@code null}
 */
public record RunStatus(
        RunState state, String message, ErrorDetail error, OffsetDateTime startTime, OffsetDateTime endTime) {

    /** Canonical constructor: the state is required. */
    public RunStatus {
        Objects.requireNonNull(state, "state");
    }

    /** A status with only a state and a message. */
    public static RunStatus of(RunState state, String message) {
        return new RunStatus(state, message, null, null, null);
    }

    /** For example {@code Queued: 0/3 nodes have a free nvidia.com/gpu}. */
    @Override
    public String toString() {
        return state + (message == null ? "" : ": " + message);
    }
}
