package io.arcml.sweep;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trial of a sweep: its hyperparameters, how it ended and what it reported.
 *
 * @param index the trial's number in the sweep, from 0
 * @param trialId the trial's identifier (its job name)
 * @param parameters the hyperparameters it ran with
 * @param state where it is
 * @param primaryMetric the objective's metric (its final value, else its last reported one), or {@code null}
 * @param intermediate the primary metric by step, as reported while running
 * @param metrics every final metric it reported
 * @param duration how long it ran, or {@code null} while unknown
 * @param message why it failed or was canceled, or {@code null}
 * @param startTime when it started running, or {@code null} while unknown
 * @param endTime when it ended, or {@code null} while it runs or when unknown
 */
public record TrialResult(
        int index,
        String trialId,
        Map<String, Object> parameters,
        State state,
        Double primaryMetric,
        List<Double> intermediate,
        Map<String, Double> metrics,
        Duration duration,
        String message,
        OffsetDateTime startTime,
        OffsetDateTime endTime) {

    /** A trial whose start and end times are unknown. */
    public TrialResult(
            int index,
            String trialId,
            Map<String, Object> parameters,
            State state,
            Double primaryMetric,
            List<Double> intermediate,
            Map<String, Double> metrics,
            Duration duration,
            String message) {
        this(index, trialId, parameters, state, primaryMetric, intermediate, metrics, duration, message, null, null);
    }

    /**
     * The last step the trial reported: for an early-terminated trial, the step where the policy
     * stopped it. 0 when it reported none.
     */
    public int lastStep() {
        return intermediate.size();
    }

    /** Where a trial is. */
    public enum State {
        /** Waiting to start or for resources. */
        QUEUED,
        /** Running. */
        RUNNING,
        /** Ended with exit code 0. */
        COMPLETED,
        /** Ended in failure. */
        FAILED,
        /** Canceled by the early-termination policy. */
        EARLY_TERMINATED,
        /** Canceled by the user or a limit. */
        CANCELED;

        /** True once the trial has ended. */
        public boolean isTerminal() {
            return this != QUEUED && this != RUNNING;
        }
    }

    /** For example {@code trial 7 (sweep-t7) COMPLETED accuracy=0.931 {lr=0.01, bs=32}}. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        parameters.forEach((k, v) -> shown.put(k, SearchSpace.format(v)));
        return "trial " + index + " (" + trialId + ") " + state
                + (primaryMetric == null ? "" : " primary=" + SearchSpace.format(primaryMetric)) + " " + shown
                + (message == null ? "" : " - " + message);
    }

    /** Canonical constructor: copies the collections. */
    public TrialResult {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        intermediate = intermediate == null ? List.of() : List.copyOf(intermediate);
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
