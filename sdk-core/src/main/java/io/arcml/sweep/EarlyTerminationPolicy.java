package io.arcml.sweep;

import io.arcml.ValidationException;
import io.arcml.resource.EarlyTerminationSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When to cancel trials that are not going anywhere, as Azure ML's sweep defines it. A policy is
 * applied to a running trial at every step it reports that falls on the evaluation interval, from
 * the {@code delayEvaluation}-th step on, in order: when several steps arrive between two reads,
 * each of them is still evaluated, and the first that fails the policy cancels the trial.
 */
public sealed interface EarlyTerminationPolicy {

    /** How often (in reported steps) the policy is applied. */
    int evaluationInterval();

    /** The step before which the policy is not applied. */
    int delayEvaluation();

    /**
     * Whether a trial fails the policy at a step, measured against the trials that have reported
     * that step.
     *
     * @param trial the trial evaluated; it has reported {@code step}
     * @param step the step (1-based)
     * @param trials every trial of the sweep, {@code trial} among them
     */
    boolean failsAt(Objective objective, TrialProgress trial, int step, List<TrialProgress> trials);

    /**
     * The trials to cancel now, each with the step at which it failed: for every running trial,
     * the steps it reported since the last evaluation ({@link TrialProgress#evaluatedSteps()})
     * that fall on the interval are evaluated in order, and the first that fails counts.
     */
    default Map<String, Integer> cancellations(Objective objective, List<TrialProgress> trials) {
        Map<String, Integer> cancel = new LinkedHashMap<>();
        for (TrialProgress t : trials) {
            if (t.finished()) {
                continue;
            }
            for (int step = t.evaluatedSteps() + 1; step <= t.lastStep(); step++) {
                if (evaluatedAt(this, step) && failsAt(objective, t, step, trials)) {
                    cancel.put(t.trialId(), step);
                    break;
                }
            }
        }
        return cancel;
    }

    /** The trials to cancel now: {@link #cancellations(Objective, List)} without the steps. */
    default Set<String> trialsToCancel(Objective objective, List<TrialProgress> trials) {
        return cancellations(objective, trials).keySet();
    }

    /** The REST form of the policy. */
    default Map<String, Object> serialize() {
        return toSpec().serialize();
    }

    /** The policy as the transport SPI takes it. */
    EarlyTerminationSpec toSpec();

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
    static TruncationSelectionPolicy truncationSelection(
            int truncationPercentage, int evaluationInterval, int delayEvaluation, boolean excludeFinishedJobs) {
        return new TruncationSelectionPolicy(
                truncationPercentage, evaluationInterval, delayEvaluation, excludeFinishedJobs);
    }

    private static void checkSchedule(String policy, int interval, int delay) {
        if (interval < 1) {
            throw new ValidationException(
                    "early_termination.evaluation_interval",
                    Integer.toString(interval),
                    "is below 1",
                    "Give the number of steps between evaluations, at least 1");
        }
        if (delay < 0) {
            throw new ValidationException(
                    "early_termination.delay_evaluation",
                    Integer.toString(delay),
                    "is negative",
                    "Give 0 to evaluate from the first interval on");
        }
    }

    private static boolean evaluatedAt(EarlyTerminationPolicy p, int step) {
        return step >= 1 && step % p.evaluationInterval() == 0 && step >= p.delayEvaluation();
    }

    /**
     * The bandit policy. Azure ML's schema and its Python SDK (v2) take both slacks; when both are
     * given, Azure ML receives both as written, and arcml's own launcher applies the ratio
     * ({@code slackFactor}): the factor takes precedence over the amount.
     */
    record BanditPolicy(double slackFactor, double slackAmount, int evaluationInterval, int delayEvaluation)
            implements EarlyTerminationPolicy {
        /** Canonical constructor: at least one positive slack, neither negative. */
        public BanditPolicy {
            if (slackFactor < 0 || slackAmount < 0 || (slackFactor == 0 && slackAmount == 0)) {
                throw new ValidationException(
                        "early_termination.slack_factor",
                        slackFactor + "/" + slackAmount,
                        "must give a positive slack, and neither may be negative",
                        "Give slack_factor (e.g. 0.1) or slack_amount (e.g. 0.2)");
            }
            checkSchedule("bandit", evaluationInterval, delayEvaluation);
        }

        @Override
        public boolean failsAt(Objective objective, TrialProgress t, int step, List<TrialProgress> trials) {
            double best = t.at(step);
            for (TrialProgress other : trials) {
                if (other.lastStep() >= step) {
                    best = objective.best(best, other.at(step));
                }
            }
            boolean max = objective.goal() == Objective.Goal.MAXIMIZE;
            double threshold = slackFactor > 0
                    ? (max ? best / (1 + slackFactor) : best * (1 + slackFactor))
                    : (max ? best - slackAmount : best + slackAmount);
            return objective.isBetter(threshold, t.at(step));
        }

        @Override
        public EarlyTerminationSpec toSpec() {
            return new EarlyTerminationSpec("Bandit", slackFactor, slackAmount, 0, evaluationInterval, delayEvaluation);
        }
    }

    /** The median stopping policy. */
    record MedianStoppingPolicy(int evaluationInterval, int delayEvaluation) implements EarlyTerminationPolicy {
        /** Canonical constructor: checks the schedule. */
        public MedianStoppingPolicy {
            checkSchedule("median_stopping", evaluationInterval, delayEvaluation);
        }

        @Override
        public boolean failsAt(Objective objective, TrialProgress t, int step, List<TrialProgress> trials) {
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
                return false;
            }
            averages.sort(Comparator.naturalOrder());
            int n = averages.size();
            double median = n % 2 == 1 ? averages.get(n / 2) : (averages.get(n / 2 - 1) + averages.get(n / 2)) / 2;
            double best = t.at(1);
            for (int s = 2; s <= step; s++) {
                best = objective.best(best, t.at(s));
            }
            return objective.isBetter(median, best);
        }

        @Override
        public EarlyTerminationSpec toSpec() {
            return new EarlyTerminationSpec("MedianStopping", 0, 0, 0, evaluationInterval, delayEvaluation);
        }
    }

    /** The truncation selection policy. */
    record TruncationSelectionPolicy(
            int truncationPercentage, int evaluationInterval, int delayEvaluation, boolean excludeFinishedJobs)
            implements EarlyTerminationPolicy {
        /** Canonical constructor: the percentage is 1 to 99. */
        public TruncationSelectionPolicy {
            if (truncationPercentage < 1 || truncationPercentage > 99) {
                throw new ValidationException(
                        "early_termination.truncation_percentage",
                        Integer.toString(truncationPercentage),
                        "is outside 1..99",
                        "Give the percentage of lowest trials to cancel, e.g. 20");
            }
            checkSchedule("truncation_selection", evaluationInterval, delayEvaluation);
        }

        @Override
        public boolean failsAt(Objective objective, TrialProgress t, int step, List<TrialProgress> trials) {
            List<TrialProgress> cohort = new ArrayList<>();
            for (TrialProgress other : trials) {
                if (other.lastStep() >= step && !(excludeFinishedJobs && other.finished())) {
                    cohort.add(other);
                }
            }
            // Worst first.
            cohort.sort((a, b) -> objective.isBetter(a.at(step), b.at(step))
                    ? 1
                    : objective.isBetter(b.at(step), a.at(step)) ? -1 : 0);
            int truncated = cohort.size() * truncationPercentage / 100;
            return cohort.subList(0, truncated).contains(t);
        }

        @Override
        public EarlyTerminationSpec toSpec() {
            return new EarlyTerminationSpec(
                    "TruncationSelection", 0, 0, truncationPercentage, evaluationInterval, delayEvaluation);
        }
    }
}
