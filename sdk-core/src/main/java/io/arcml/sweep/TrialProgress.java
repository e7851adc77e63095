package io.arcml.sweep;

import java.util.List;

/**
 * What an early-termination policy sees of a trial: the primary metric at each step it reported
 * (step 1 first), and whether it has ended.
 *
 * @param trialId the trial
 * @param values the primary metric by step
 * @param finished whether the trial has ended
 */
public record TrialProgress(String trialId, List<Double> values, boolean finished) {

    /** Canonical constructor: copies the values. */
    public TrialProgress {
        values = List.copyOf(values);
    }

    /** The last step reported, 0 when none. */
    public int lastStep() {
        return values.size();
    }

    /** The value at a step (1-based). */
    public double at(int step) {
        return values.get(step - 1);
    }
}
