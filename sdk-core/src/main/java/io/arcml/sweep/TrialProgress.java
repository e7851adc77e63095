package io.arcml.sweep;

import io.arcml.ValidationException;
import java.util.List;

/**
 * What an early-termination policy sees of a trial: the primary metric at each step it reported
 * (step 1 first), whether it has ended, and how many of its steps the policy has already
 * evaluated (the steps after those are new since the last evaluation).
 *
 * @param trialId the trial
 * @param values the primary metric by step
 * @param finished whether the trial has ended
 * @param evaluatedSteps how many of the first steps were already evaluated, 0 to {@code values.size()}
 */
public record TrialProgress(String trialId, List<Double> values, boolean finished, int evaluatedSteps) {

    /** Canonical constructor: copies the values and checks the evaluated steps. */
    public TrialProgress {
        values = List.copyOf(values);
        if (evaluatedSteps < 0 || evaluatedSteps > values.size()) {
            throw new ValidationException("evaluatedSteps", Integer.toString(evaluatedSteps), "is outside 0.." + values.size(),
                    "Give how many of the trial's " + values.size() + " reported steps the policy has already evaluated");
        }
    }

    /** A trial whose latest step is the only one not yet evaluated, as when it is read after every step. */
    public TrialProgress(String trialId, List<Double> values, boolean finished) {
        this(trialId, values, finished, Math.max(0, values.size() - 1));
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
