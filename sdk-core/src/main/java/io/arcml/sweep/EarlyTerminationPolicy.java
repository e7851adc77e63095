package io.arcml.sweep;

import io.arcml.ValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When to cancel trials that are not going anywhere, as Azure ML's sweep defines it. A policy is
 * applied to a running trial at the steps it reports that fall on the evaluation interval, from
 * the {@code delayEvaluation}-th step on.
 */
public sealed interface EarlyTerminationPolicy {

    /** How often (in reported steps) the policy is applied. */
    int evaluationInterval();

    /** The step before which the policy is not applied. */
    int delayEvaluation();

    /** The trials to cancel now: running trials whose latest step is evaluated and fails the policy. */
    Set<String> trialsToCancel(Objective objective, List<TrialProgress> trials);

    /** The REST form of the policy. */
    Map<String, Object> toRest();

    /**
     * Cancels a trial whose metric falls outside the slack of the best trial's at the same step:
     * maximising, below {@code best / (1 + slackFactor)} or {@code best - slackAmount}.
     */
    static BanditPolicy bandit(double slackFactor, int evaluationInterval, int delayEvaluation) {
        return new BanditPolicy(slackFactor, 0, evaluationInterval, delayEvaluation);
    }

    /** The bandit policy with an absolute slack. */
    static BanditPolicy banditWithSlackAmount(double slackAmount, int evaluationInterval, int delayEvaluation) {
        return new BanditPolicy(0, slackAmount, evaluationInterval, delayEvaluation);
    }

    /** Cancels a trial whose best value is worse than the median of the other trials' running averages. */
    static MedianStoppingPolicy medianStopping(int evaluationInterval, int delayEvaluation) {
        return new MedianStoppingPolicy(evaluationInterval, delayEvaluation);
    }

    /** Cancels the lowest {@code truncationPercentage} percent of trials at each evaluation. */
    static TruncationSelectionPolicy truncationSelection(int truncationPercentage, int evaluationInterval, int delayEvaluation,
                                                         boolean excludeFinishedJobs) {
        return new TruncationSelectionPolicy(truncationPercentage, evaluationInterval, delayEvaluation, excludeFinishedJobs);
    }

    private static void checkSchedule(String policy, int interval, int delay) {
        if (interval < 1) {
            throw new ValidationException("early_termination.evaluation_interval", Integer.toString(interval), "is below 1",
                    "Give the number of steps between evaluations, at least 1");
        }
        if (delay < 0) {
            throw new ValidationException("early_termination.delay_evaluation", Integer.toString(delay), "is negative",
                    "Give 0 to evaluate from the first interval on");
        }
    }

    private static boolean evaluatedAt(EarlyTerminationPolicy p, int step) {
        return step >= 1 && step % p.evaluationInterval() == 0 && step >= p.delayEvaluation();
    }

    private static List<TrialProgress> runningAtEvaluatedStep(EarlyTerminationPolicy p, List<TrialProgress> trials) {
        List<TrialProgress> out = new ArrayList<>();
        for (TrialProgress t : trials) {
            if (!t.finished() && evaluatedAt(p, t.lastStep())) {
                out.add(t);
            }
        }
        return out;
    }

    /** The bandit policy. */
    record BanditPolicy(double slackFactor, double slackAmount, int evaluationInterval, int delayEvaluation)
            implements EarlyTerminationPolicy {
        /** Canonical constructor: exactly one of the slacks, positive. */
        public BanditPolicy {
            if ((slackFactor > 0) == (slackAmount > 0) || slackFactor < 0 || slackAmount < 0) {
                throw new ValidationException("early_termination.slack_factor", slackFactor + "/" + slackAmount,
                        "must be exactly one positive slack", "Give slack_factor (e.g. 0.1) or slack_amount (e.g. 0.2), not both");
            }
            checkSchedule("bandit", evaluationInterval, delayEvaluation);
        }

        @Override
        public Set<String> trialsToCancel(Objective objective, List<TrialProgress> trials) {
            Set<String> cancel = new LinkedHashSet<>();
            for (TrialProgress t : runningAtEvaluatedStep(this, trials)) {
                int step = t.lastStep();
                double best = t.at(step);
                for (TrialProgress other : trials) {
                    if (other.lastStep() >= step) {
                        best = objective.best(best, other.at(step));
                    }
                }
                boolean max = objective.goal() == Objective.Goal.MAXIMIZE;
                double threshold = slackFactor > 0 ? (max ? best / (1 + slackFactor) : best * (1 + slackFactor))
                        : (max ? best - slackAmount : best + slackAmount);
                if (objective.isBetter(threshold, t.at(step))) {
                    cancel.add(t.trialId());
                }
            }
            return cancel;
        }

        @Override
        public Map<String, Object> toRest() {
            return slackFactor > 0
                    ? Map.of("policyType", "Bandit", "slackFactor", slackFactor, "evaluationInterval", evaluationInterval, "delayEvaluation", delayEvaluation)
                    : Map.of("policyType", "Bandit", "slackAmount", slackAmount, "evaluationInterval", evaluationInterval, "delayEvaluation", delayEvaluation);
        }
    }

    /** The median stopping policy. */
    record MedianStoppingPolicy(int evaluationInterval, int delayEvaluation) implements EarlyTerminationPolicy {
        /** Canonical constructor: checks the schedule. */
        public MedianStoppingPolicy {
            checkSchedule("median_stopping", evaluationInterval, delayEvaluation);
        }

        @Override
        public Set<String> trialsToCancel(Objective objective, List<TrialProgress> trials) {
            Set<String> cancel = new LinkedHashSet<>();
            for (TrialProgress t : runningAtEvaluatedStep(this, trials)) {
                int step = t.lastStep();
                List<Double> averages = new ArrayList<>();
                for (TrialProgress other : trials) {
                    if (other != t && other.lastStep() >= step) {
                        double sum = 0;
                        for (int s = 1; s <= step; s++) {
                            sum += other.at(s);
                        }
                        averages.add(sum / step);
                    }
                }
                if (averages.isEmpty()) {
                    continue;
                }
                averages.sort(Comparator.naturalOrder());
                int n = averages.size();
                double median = n % 2 == 1 ? averages.get(n / 2) : (averages.get(n / 2 - 1) + averages.get(n / 2)) / 2;
                double best = t.at(1);
                for (int s = 2; s <= step; s++) {
                    best = objective.best(best, t.at(s));
                }
                if (objective.isBetter(median, best)) {
                    cancel.add(t.trialId());
                }
            }
            return cancel;
        }

        @Override
        public Map<String, Object> toRest() {
            return Map.of("policyType", "MedianStopping", "evaluationInterval", evaluationInterval, "delayEvaluation", delayEvaluation);
        }
    }

    /** The truncation selection policy. */
    record TruncationSelectionPolicy(int truncationPercentage, int evaluationInterval, int delayEvaluation,
                                     boolean excludeFinishedJobs) implements EarlyTerminationPolicy {
        /** Canonical constructor: the percentage is 1 to 99. */
        public TruncationSelectionPolicy {
            if (truncationPercentage < 1 || truncationPercentage > 99) {
                throw new ValidationException("early_termination.truncation_percentage", Integer.toString(truncationPercentage),
                        "is outside 1..99", "Give the percentage of lowest trials to cancel, e.g. 20");
            }
            checkSchedule("truncation_selection", evaluationInterval, delayEvaluation);
        }

        @Override
        public Set<String> trialsToCancel(Objective objective, List<TrialProgress> trials) {
            Set<String> cancel = new LinkedHashSet<>();
            for (TrialProgress t : runningAtEvaluatedStep(this, trials)) {
                int step = t.lastStep();
                List<TrialProgress> cohort = new ArrayList<>();
                for (TrialProgress other : trials) {
                    if (other.lastStep() >= step && !(excludeFinishedJobs && other.finished())) {
                        cohort.add(other);
                    }
                }
                // Worst first.
                cohort.sort((a, b) -> objective.isBetter(a.at(step), b.at(step)) ? 1 : objective.isBetter(b.at(step), a.at(step)) ? -1 : 0);
                int truncated = cohort.size() * truncationPercentage / 100;
                if (cohort.subList(0, truncated).contains(t)) {
                    cancel.add(t.trialId());
                }
            }
            return cancel;
        }

        @Override
        public Map<String, Object> toRest() {
            return Map.of("policyType", "TruncationSelection", "truncationPercentage", truncationPercentage,
                    "evaluationInterval", evaluationInterval, "delayEvaluation", delayEvaluation);
        }
    }
}
