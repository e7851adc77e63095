package io.arcml.job;

import io.arcml.ErrorDetail;
import io.arcml.internal.Arguments;
import io.arcml.resource.RunStatus;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One reading of a job run's status.
 *
 * @param state where the run is
 * @param message what is going on, in plain words (why it is queued, why it failed), or {@code null}
 * @param error the failure as a code and message when the run failed, else {@code null}
 * @param startTime when it started running, or {@code null}
 * @param endTime when it ended, or {@code null}
 */
public record JobStatus(
        JobState state, String message, ErrorDetail error, OffsetDateTime startTime, OffsetDateTime endTime) {

    /** Canonical constructor: the state is required. */
    public JobStatus {
        Objects.requireNonNull(state, "state");
    }

    /** A status with only a state and a message. */
    public static JobStatus of(JobState state, String message) {
        return new JobStatus(state, message, null, null, null);
    }

    /** A run's status as a control plane reported it: the one conversion from the transport SPI's form. */
    public static JobStatus of(RunStatus status) {
        Arguments.nonNull(status, "status");
        return new JobStatus(
                JobState.of(status.state()), status.message(), status.error(), status.startTime(), status.endTime());
    }

    /** The status as a map: {@code status}, and {@code message}, {@code error}, {@code startTime}, {@code endTime} when known. */
    public Map<String, Object> serialize() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", state.toString());
        if (message != null) {
            out.put("message", message);
        }
        if (error != null) {
            out.put("error", error.serialize());
        }
        if (startTime != null) {
            out.put("startTime", startTime.toString());
        }
        if (endTime != null) {
            out.put("endTime", endTime.toString());
        }
        return out;
    }

    /** For example {@code Queued: 0/3 nodes have a free nvidia.com/gpu}. */
    @Override
    public String toString() {
        return state + (message == null ? "" : ": " + message);
    }
}
