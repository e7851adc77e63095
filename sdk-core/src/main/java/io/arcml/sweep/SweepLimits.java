package io.arcml.sweep;

import io.arcml.ValidationException;
import java.time.Duration;

/**
 * When a sweep stops: after {@code maxTotalTrials}, or when {@code timeout} passes, whichever is
 * first; at most {@code maxConcurrentTrials} run at once; a trial longer than {@code trialTimeout}
 * is canceled.
 *
 * @param maxTotalTrials 1 to 1000
 * @param maxConcurrentTrials 1 to {@code maxTotalTrials}
 * @param timeout the sweep's whole run time, or {@code null} for none
 * @param trialTimeout one trial's run time, or {@code null} for none
 */
public record SweepLimits(int maxTotalTrials, int maxConcurrentTrials, Duration timeout, Duration trialTimeout) {

    /** Canonical constructor: checks the bounds Azure ML enforces. */
    public SweepLimits {
        if (maxTotalTrials < 1 || maxTotalTrials > 1000) {
            throw new ValidationException(
                    "limits.max_total_trials",
                    Integer.toString(maxTotalTrials),
                    "is outside 1..1000",
                    "Give how many trials to run at most, 1 to 1000");
        }
        if (maxConcurrentTrials < 1 || maxConcurrentTrials > maxTotalTrials) {
            throw new ValidationException(
                    "limits.max_concurrent_trials",
                    Integer.toString(maxConcurrentTrials),
                    "is outside 1..max_total_trials (" + maxTotalTrials + ")",
                    "Give how many trials may run at once");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new ValidationException(
                    "limits.timeout", timeout.toString(), "is not positive", "Give a positive duration, or none");
        }
        if (trialTimeout != null && (trialTimeout.isNegative() || trialTimeout.isZero())) {
            throw new ValidationException(
                    "limits.trial_timeout",
                    trialTimeout.toString(),
                    "is not positive",
                    "Give a positive duration, or none");
        }
    }

    /** {@code maxTotalTrials} trials, {@code maxConcurrentTrials} at a time, no time limits. */
    public static SweepLimits of(int maxTotalTrials, int maxConcurrentTrials) {
        return new SweepLimits(maxTotalTrials, maxConcurrentTrials, null, null);
    }

    /** With a limit on the sweep's run time. */
    public SweepLimits withTimeout(Duration sweepTimeout) {
        return new SweepLimits(maxTotalTrials, maxConcurrentTrials, sweepTimeout, trialTimeout);
    }

    /** With a limit on each trial's run time. */
    public SweepLimits withTrialTimeout(Duration perTrial) {
        return new SweepLimits(maxTotalTrials, maxConcurrentTrials, timeout, perTrial);
    }
}
