package io.arcml.resource;

import java.util.Map;

/**
 * A sweep's early termination policy, as a control plane receives it. The user API's
 * {@code io.arcml.sweep.EarlyTerminationPolicy} converts with {@code toSpec()}.
 *
 * @param policyType {@code Bandit}, {@code MedianStopping} or {@code TruncationSelection}
 * @param slackFactor a bandit policy's slack as a ratio, else {@code 0}
 * @param slackAmount a bandit policy's slack as an amount, else {@code 0}
 * @param truncationPercentage a truncation policy's percentage of trials to cancel, else {@code 0}
 * @param evaluationInterval how often, in metric steps, the policy is applied
 * @param delayEvaluation how many steps pass before its first application
 */
public record EarlyTerminationSpec(
        String policyType,
        double slackFactor,
        double slackAmount,
        int truncationPercentage,
        int evaluationInterval,
        int delayEvaluation) {

    /** The REST form: {@code policyType}, the policy's own settings, {@code evaluationInterval}, {@code delayEvaluation} ({@link SweepJobJson.EarlyTermination}). */
    public Map<String, Object> serialize() {
        return JobJson.map(SweepJobJson.EarlyTermination.of(this));
    }
}
