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
 * @param evaluatedSteps how many of the first steps were already evaluated, at most {@code values.size()}
 */
public record TrialProgress(String trialId, List<Double> values, boolean finished, int evaluatedSteps) {

    /**
     * Canonical constructor: copies the values and checks the evaluated steps. More evaluated
     * steps than values count as all of them evaluated, then new steps are evaluated again as
     * they arrive: a log read anew (a restarted pod) can hold fewer steps than were read before.
     */
    public TrialProgress {
        values = List.copyOf(values);
        if (evaluatedSteps < 0) {
            throw new ValidationException(
                    "evaluatedSteps",
                    Integer.toString(evaluatedSteps),
                    "is negative",
                    "Give how many of the trial's reported steps the policy has already evaluated, 0 for none");
        }
        evaluatedSteps = Math.min(evaluatedSteps, values.size());
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
