package io.arcml.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyTerminationPolicyTest {
    private static final Objective MAX = Objective.maximize("accuracy");
    private static final Objective MIN = Objective.minimize("loss");

    private static TrialProgress running(String id, Double... values) {
        return new TrialProgress(id, List.of(values), false);
    }

    private static TrialProgress finished(String id, Double... values) {
        return new TrialProgress(id, List.of(values), true);
    }

    @Test
    void banditCancelsTrialsOutsideTheSlackOfTheBest() {
        var policy = EarlyTerminationPolicy.bandit(0.1, 1, 0);
        // best at step 3 is 0.8: threshold 0.8 / 1.1 = 0.727
        var trials = List.of(
                running("best", 0.5, 0.7, 0.8), running("close", 0.5, 0.6, 0.75), running("poor", 0.5, 0.6, 0.7));

        assertThat(policy.trialsToCancel(MAX, trials)).containsExactly("poor");
    }

    @Test
    void banditWithBothSlacksAppliesTheFactorAndSendsBothToAzure() {
        // Azure ML's schema and Python SDK take both; arcml's launcher applies the factor: 0.8 / 1.1 = 0.727,
        // where the amount alone (0.8 - 0.01 = 0.79) would also cancel "close".
        var policy = new EarlyTerminationPolicy.BanditPolicy(0.1, 0.01, 1, 0);
        var trials = List.of(
                running("best", 0.5, 0.7, 0.8), running("close", 0.5, 0.6, 0.75), running("poor", 0.5, 0.6, 0.7));

        assertThat(policy.trialsToCancel(MAX, trials)).containsExactly("poor");
        assertThat(policy.serialize()).containsEntry("slackFactor", 0.1).containsEntry("slackAmount", 0.01);
        assertThat(EarlyTerminationPolicy.bandit(0.1, 1, 0).serialize()).doesNotContainKey("slackAmount");
    }

    @Test
    void banditWithSlackAmountWhenMinimising() {
        var policy = EarlyTerminationPolicy.banditWithSlackAmount(0.2, 1, 0);
        var trials = List.of(running("best", 1.0, 0.5), running("ok", 1.0, 0.65), running("bad", 1.0, 0.75));

        assertThat(policy.trialsToCancel(MIN, trials)).containsExactly("bad");
    }

    @Test
    void banditWaitsForTheDelayAndAppliesOnTheInterval() {
        var trials = List.of(running("best", 0.9, 0.9), running("poor", 0.1, 0.1));
        assertThat(EarlyTerminationPolicy.bandit(0.1, 1, 3).trialsToCancel(MAX, trials))
                .isEmpty();
        assertThat(EarlyTerminationPolicy.bandit(0.1, 3, 0).trialsToCancel(MAX, trials))
                .isEmpty();
        assertThat(EarlyTerminationPolicy.bandit(0.1, 2, 2).trialsToCancel(MAX, trials))
                .containsExactly("poor");
    }

    @Test
    void finishedTrialsAreNeverCanceled() {
        var trials = List.of(running("best", 0.9), finished("done", 0.1));
        assertThat(EarlyTerminationPolicy.bandit(0.1, 1, 0).trialsToCancel(MAX, trials))
                .isEmpty();
    }

    @Test
    void medianStoppingCancelsTrialsWorseThanTheMedianOfRunningAverages() {
        var policy = EarlyTerminationPolicy.medianStopping(1, 0);
        // running averages at step 2 of the others: a=(0.6+0.8)/2=0.7, b=0.6, c=0.5 -> median 0.6
        var trials = List.of(
                running("a", 0.6, 0.8), running("b", 0.6, 0.6), running("c", 0.5, 0.5), running("slow", 0.4, 0.55));

        assertThat(policy.trialsToCancel(MAX, trials)).contains("slow").doesNotContain("a", "b");
    }

    @Test
    void medianStoppingNeedsOtherTrialsAtTheSameStep() {
        assertThat(EarlyTerminationPolicy.medianStopping(1, 0).trialsToCancel(MAX, List.of(running("alone", 0.1))))
                .isEmpty();
    }

    @Test
    void truncationSelectionCancelsTheLowestPercentage() {
        var policy = EarlyTerminationPolicy.truncationSelection(20, 1, 0, false);
        var trials = List.of(
                running("t1", 0.9), running("t2", 0.8), running("t3", 0.7), running("t4", 0.6), running("t5", 0.1));

        assertThat(policy.trialsToCancel(MAX, trials)).containsExactly("t5");
        assertThat(EarlyTerminationPolicy.truncationSelection(40, 1, 0, false).trialsToCancel(MAX, trials))
                .containsExactlyInAnyOrder("t4", "t5");
        assertThat(policy.trialsToCancel(MIN, trials)).containsExactly("t1");
    }

    @Test
    void truncationSelectionCanLeaveFinishedTrialsOutOfTheCohort() {
        var trials = List.of(
                finished("f1", 0.1), finished("f2", 0.1), running("r1", 0.5), running("r2", 0.9), running("r3", 0.95));
        assertThat(EarlyTerminationPolicy.truncationSelection(20, 1, 0, false).trialsToCancel(MAX, trials))
                .isEmpty();
        assertThat(EarlyTerminationPolicy.truncationSelection(34, 1, 0, true).trialsToCancel(MAX, trials))
                .containsExactly("r1");
    }

    /** A running trial with {@code steps} steps at {@code value}, none of them evaluated yet. */
    private static TrialProgress unread(String id, double value, int steps) {
        return new TrialProgress(id, Collections.nCopies(steps, value), false, 0);
    }

    @Test
    void everyPolicyEvaluatesTheIntervalStepsThatArrivedBetweenTwoReads() {
        // Seven steps arrived since the last read; the interval is 5: step 5 is evaluated, though step 7 is the latest.
        var trials = List.of(unread("best", 0.5, 10), unread("peer", 0.5, 10), unread("poor", 0.05, 7));
        for (EarlyTerminationPolicy policy : List.of(
                EarlyTerminationPolicy.bandit(0.1, 5, 0),
                EarlyTerminationPolicy.medianStopping(5, 0),
                EarlyTerminationPolicy.truncationSelection(34, 5, 0, false))) {
            assertThat(policy.cancellations(MAX, trials)).as(policy.toString()).containsExactly(Map.entry("poor", 5));
            assertThat(policy.trialsToCancel(MAX, trials)).as(policy.toString()).containsExactly("poor");
        }
    }

    @Test
    void theFirstFailingStepInOrderCancelsTheTrial() {
        var best = unread("best", 0.9, 9);
        // Fine at steps 1-3, ten times worse from step 4 on: the interval 2 evaluates steps 2, 4, 6, 8.
        var slipping =
                new TrialProgress("slipping", List.of(0.9, 0.9, 0.9, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09), false, 0);

        assertThat(EarlyTerminationPolicy.bandit(0.1, 2, 0).cancellations(MAX, List.of(best, slipping)))
                .containsExactly(Map.entry("slipping", 4));
        assertThat(EarlyTerminationPolicy.bandit(0.1, 2, 5).cancellations(MAX, List.of(best, slipping)))
                .as("steps before the delay are not evaluated")
                .containsExactly(Map.entry("slipping", 6));
    }

    @Test
    void stepsEvaluatedAtAnEarlierReadAreNotEvaluatedAgain() {
        var best = unread("best", 0.9, 10);
        var poor = new TrialProgress("poor", Collections.nCopies(7, 0.09), false, 5);

        assertThat(EarlyTerminationPolicy.bandit(0.1, 5, 0).cancellations(MAX, List.of(best, poor)))
                .isEmpty();
        assertThatThrownBy(() -> new TrialProgress("poor", List.of(0.1), false, -1))
                .hasMessageStartingWith("evaluatedSteps: '-1' is negative");
    }

    @Test
    void aLogReadAnewWithFewerStepsHasItsNewStepsEvaluatedAgain() {
        // Five steps were evaluated before the trial's pod restarted; its new log holds three so far.
        var restarted = new TrialProgress("poor", Collections.nCopies(3, 0.05), false, 5);
        assertThat(restarted.evaluatedSteps()).isEqualTo(3);

        var grown = new TrialProgress("poor", Collections.nCopies(6, 0.05), false, restarted.evaluatedSteps());
        assertThat(EarlyTerminationPolicy.bandit(0.1, 5, 0).cancellations(MAX, List.of(unread("best", 0.5, 10), grown)))
                .containsExactly(Map.entry("poor", 5));
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> EarlyTerminationPolicy.bandit(0, 1, 0))
                .hasMessageContaining("must give a positive slack");
        assertThatThrownBy(() -> new EarlyTerminationPolicy.BanditPolicy(0.1, -0.1, 1, 0))
                .hasMessageContaining("neither may be negative");
        assertThatThrownBy(() -> EarlyTerminationPolicy.medianStopping(0, 0))
                .hasMessageStartingWith("early_termination.evaluation_interval: '0'");
        assertThatThrownBy(() -> EarlyTerminationPolicy.medianStopping(1, -1))
                .hasMessageStartingWith("early_termination.delay_evaluation");
        assertThatThrownBy(() -> EarlyTerminationPolicy.truncationSelection(100, 1, 0, false))
                .hasMessageContaining("1..99");
    }

    @Test
    void restFormsNameThePolicyType() {
        assertThat(EarlyTerminationPolicy.medianStopping(1, 1).serialize())
                .containsEntry("policyType", "MedianStopping")
                .containsEntry("evaluationInterval", 1)
                .containsEntry("delayEvaluation", 1);
        assertThat(EarlyTerminationPolicy.bandit(0.1, 1, 5).serialize())
                .containsEntry("policyType", "Bandit")
                .containsEntry("slackFactor", 0.1);
    }
}
