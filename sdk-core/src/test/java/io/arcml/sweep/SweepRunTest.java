package io.arcml.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.testutil.ManualClock;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.Fault;
import io.arcml.transport.embedded.JobSimulation;
import io.arcml.transport.embedded.JobSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SweepRunTest {
    private static final String ARC =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";
    private static final Pattern LR = Pattern.compile("--lr (\\S+)");
    private static final Objective ACCURACY = Objective.maximize("accuracy");

    /** A training curve per learning rate: accuracy rises by step; lr near 0.1 is best. */
    private static JobSimulator curves(int steps, Duration runTime) {
        return job -> {
            Matcher m = LR.matcher(job.command());
            double lr = m.find() ? Double.parseDouble(m.group(1)) : 0;
            double quality = 1 - Math.abs(Math.log10(lr) + 1) / 3;
            List<String> lines = new ArrayList<>();
            for (int s = 1; s <= steps; s++) {
                lines.add(String.format(
                        Locale.ROOT,
                        "[%s] epoch %d ##arcml[metric] {\"accuracy\": %.4f}",
                        job.name(),
                        s,
                        quality * s / steps));
            }
            lines.add(String.format(
                    Locale.ROOT, "##arcml[final] {\"accuracy\": %.4f, \"loss\": %.4f}", quality, 1 - quality));
            return JobSimulation.succeeds(runTime, lines);
        };
    }

    private static KubernetesCompute compute(EmbeddedControlPlane local) {
        return ComputeTarget.attach(Workspace.on(local), "gpu", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);
    }

    private static CommandJob trial(String command) {
        return CommandJob.builder().image("python:3.11").command(command).build();
    }

    private static SweepJob.Builder lrSweep(String name, Parameter lr) {
        return SweepJob.builder()
                .name(name)
                .trial(trial("python train.py --lr ${{search_space.lr}}"))
                .searchSpace(SearchSpace.builder().parameter("lr", lr).build())
                .objective(ACCURACY);
    }

    @Test
    void aGridSweepRunsExactlyTheGrid() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .instant()
                .jobSimulator(curves(2, Duration.ZERO))
                .build();
        SweepJob sweep = SweepJob.builder()
                .name("grid")
                .trial(trial("python train.py --lr ${{search_space.lr}} --bs ${{search_space.bs}}"))
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.001, 0.01, 0.1))
                        .parameter("bs", Parameter.choice(16, 32))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(ACCURACY)
                .build();
        assertThat(sweep.limits().maxTotalTrials()).isEqualTo(6);

        SweepRun run = compute(local).submit(sweep).waitForCompletion(false);

        SweepResults results = run.results();
        assertThat(results.trials()).hasSize(6);
        Set<Map<String, Object>> combos = new HashSet<>();
        results.trials().forEach(t -> combos.add(t.parameters()));
        assertThat(combos).hasSize(6);
        assertThat(results.trials()).allMatch(t -> t.state() == TrialResult.State.COMPLETED);
        assertThat(results.best().orElseThrow().parameters().get("lr")).isEqualTo(0.1);
        assertThat(results.best().orElseThrow().metrics()).containsKeys("accuracy", "loss");
        assertThat(run.state()).isEqualTo(SweepRun.State.COMPLETED);
    }

    @Test
    void aSeededRandomSweepIsReproducible() {
        List<Map<String, Object>> first = new ArrayList<>();
        List<Map<String, Object>> second = new ArrayList<>();
        for (List<Map<String, Object>> sink : List.of(first, second)) {
            EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                    .instant()
                    .jobSimulator(curves(1, Duration.ZERO))
                    .build();
            SweepJob sweep = lrSweep("random", Parameter.loguniform(Math.log(1e-4), Math.log(1)))
                    .samplingAlgorithm(SamplingAlgorithm.random(11))
                    .limits(SweepLimits.of(8, 3))
                    .build();
            compute(local)
                    .submit(sweep)
                    .waitForCompletion(false)
                    .results()
                    .trials()
                    .forEach(t -> sink.add(t.parameters()));
        }
        assertThat(first).hasSize(8).isEqualTo(second);
    }

    @Test
    void concurrencyNeverExceedsTheLimit() {
        ManualClock clock = new ManualClock();
        Map<String, Boolean> active = new ConcurrentHashMap<>();
        int[] maxActive = {0};
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ZERO)
                .jobSimulator(curves(1, Duration.ofSeconds(10)))
                .build();
        SweepJob sweep = lrSweep("bounded", Parameter.uniform(0.001, 1))
                .samplingAlgorithm(SamplingAlgorithm.random(1))
                .limits(SweepLimits.of(10, 3))
                .build();
        SweepRun run = compute(local).submit(sweep);

        while (run.isRunning()) {
            long running = run.results().trials().stream()
                    .filter(t -> !t.state().isTerminal())
                    .count();
            maxActive[0] = (int) Math.max(maxActive[0], running);
            clock.advance(Duration.ofSeconds(4));
            run.refresh();
        }
        assertThat(maxActive[0]).isEqualTo(3);
        assertThat(run.results().trials()).hasSize(10).allMatch(t -> t.state() == TrialResult.State.COMPLETED);
        assertThat(active).isEmpty();
    }

    @Test
    void banditCancelsTheTrialsFarBehindTheBest() {
        ManualClock clock = new ManualClock();
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ZERO)
                .jobSimulator(curves(4, Duration.ofSeconds(4)))
                .build();
        SweepJob sweep = lrSweep("bandit", Parameter.choice(0.1, 0.0001, 0.08))
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .limits(SweepLimits.of(3, 3))
                .earlyTermination(EarlyTerminationPolicy.bandit(0.1, 1, 1))
                .build();
        SweepRun run = compute(local).submit(sweep);

        for (int i = 0; i < 6 && run.isRunning(); i++) {
            clock.advance(Duration.ofSeconds(1));
            run.refresh();
        }

        Map<String, TrialResult> trials = run.trialsByName();
        assertThat(trials.get("bandit-t0").state()).isEqualTo(TrialResult.State.COMPLETED);
        assertThat(trials.get("bandit-t1").state()).isEqualTo(TrialResult.State.EARLY_TERMINATED);
        assertThat(trials.get("bandit-t1").intermediate()).hasSize(1);
        assertThat(trials.get("bandit-t1").message()).contains("Bandit policy at step 1");
        assertThat(trials.get("bandit-t2").state()).isEqualTo(TrialResult.State.COMPLETED);
        assertThat(run.results().best().orElseThrow().trialId()).isEqualTo("bandit-t0");
    }

    @Test
    void trialsCarryTheirStartAndEndTimesAndTheStepWhereThePolicyStoppedThem() {
        ManualClock clock = new ManualClock();
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ZERO)
                .jobSimulator(curves(4, Duration.ofSeconds(4)))
                .build();
        SweepJob sweep = lrSweep("timed", Parameter.choice(0.1, 0.0001))
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .limits(SweepLimits.of(2, 2))
                .earlyTermination(EarlyTerminationPolicy.bandit(0.1, 1, 1))
                .build();
        SweepRun run = compute(local).submit(sweep);

        for (int i = 0; i < 6 && run.isRunning(); i++) {
            clock.advance(Duration.ofSeconds(1));
            run.refresh();
        }

        TrialResult done = run.trialsByName().get("timed-t0");
        assertThat(done.startTime()).isNotNull();
        assertThat(done.endTime()).isAfter(done.startTime());
        assertThat(Duration.between(done.startTime(), done.endTime())).isEqualTo(done.duration());
        TrialResult stopped = run.trialsByName().get("timed-t1");
        assertThat(stopped.state()).isEqualTo(TrialResult.State.EARLY_TERMINATED);
        assertThat(stopped.lastStep()).isEqualTo(1);
    }

    @Test
    void medianStoppingCancelsTheTrialsBelowTheMedian() {
        ManualClock clock = new ManualClock();
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ZERO)
                .jobSimulator(curves(4, Duration.ofSeconds(4)))
                .build();
        SweepJob sweep = lrSweep("median", Parameter.choice(0.1, 0.05, 0.2, 0.0001))
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .limits(SweepLimits.of(4, 4))
                .earlyTermination(EarlyTerminationPolicy.medianStopping(1, 2))
                .build();
        SweepRun run = compute(local).submit(sweep);

        for (int i = 0; i < 8 && run.isRunning(); i++) {
            clock.advance(Duration.ofSeconds(1));
            run.refresh();
        }

        Map<String, TrialResult> trials = run.trialsByName();
        assertThat(trials.get("median-t3").state()).isEqualTo(TrialResult.State.EARLY_TERMINATED);
        assertThat(trials.get("median-t3").intermediate()).hasSize(2);
        assertThat(trials.get("median-t0").state()).isEqualTo(TrialResult.State.COMPLETED);
    }

    static List<EarlyTerminationPolicy> policiesEvaluatingEveryFifthStep() {
        return List.of(
                EarlyTerminationPolicy.bandit(0.1, 5, 0),
                EarlyTerminationPolicy.medianStopping(5, 0),
                EarlyTerminationPolicy.truncationSelection(50, 5, 0, false));
    }

    @ParameterizedTest
    @MethodSource("policiesEvaluatingEveryFifthStep")
    void aTrialTenTimesWorseIsStoppedAtTheRightStepWhenManyStepsArriveBetweenTwoReads(EarlyTerminationPolicy policy) {
        ManualClock clock = new ManualClock();
        // Each trial reports its --q as accuracy at 20 steps over 20 s; the sweep reads every 7 s, so the
        // latest step it sees (7, 14) never falls on the interval of 5.
        Pattern q = Pattern.compile("--q (\\S+)");
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ZERO)
                .jobSimulator(job -> {
                    Matcher m = q.matcher(job.command());
                    String value = m.find() ? m.group(1) : "0";
                    List<String> lines = new ArrayList<>();
                    for (int s = 1; s <= 20; s++) {
                        lines.add("##arcml[metric] {\"accuracy\": " + value + "}");
                    }
                    return JobSimulation.succeeds(Duration.ofSeconds(20), lines);
                })
                .build();
        SweepJob sweep = SweepJob.builder()
                .name("fast")
                .trial(trial("python train.py --q ${{search_space.q}}"))
                .searchSpace(SearchSpace.builder()
                        .parameter("q", Parameter.choice(0.5, 0.05))
                        .build())
                .objective(ACCURACY)
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .limits(SweepLimits.of(2, 2))
                .earlyTermination(policy)
                .build();
        SweepRun run = compute(local).submit(sweep);

        while (run.isRunning()) {
            clock.advance(Duration.ofSeconds(7));
            run.refresh();
        }

        TrialResult poor = run.trialsByName().get("fast-t1");
        assertThat(poor.state()).isEqualTo(TrialResult.State.EARLY_TERMINATED);
        assertThat(poor.message()).endsWith("policy at step 5");
        assertThat(poor.intermediate()).hasSize(7);
        assertThat(run.trialsByName().get("fast-t0").state()).isEqualTo(TrialResult.State.COMPLETED);
    }

    @Test
    void aNewProcessResumesTheSweepWithoutDuplicatesOrLosingFinishedTrials() {
        ManualClock clock = new ManualClock();
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ZERO)
                .jobSimulator(curves(1, Duration.ofSeconds(10)))
                .build();
        SweepJob sweep = lrSweep("resumable", Parameter.uniform(0.001, 1))
                .samplingAlgorithm(SamplingAlgorithm.random(5))
                .limits(SweepLimits.of(6, 2))
                .build();
        KubernetesCompute compute = compute(local);
        SweepRun first = compute.submit(sweep);
        clock.advance(Duration.ofSeconds(11));
        first.refresh(); // t0, t1 done; t2, t3 launched
        List<TrialResult> before = first.results().trials();
        assertThat(before).hasSize(4);

        SweepRun resumed = SweepRun.resume(local, "gpu", sweep); // the first process is gone
        assertThat(resumed.results().trials().subList(0, 4))
                .extracting(TrialResult::parameters)
                .isEqualTo(before.stream().map(TrialResult::parameters).toList());
        assertThat(resumed.results().trials().subList(0, 2))
                .allMatch(t -> t.state() == TrialResult.State.COMPLETED && t.primaryMetric() != null);

        while (resumed.isRunning()) {
            clock.advance(Duration.ofSeconds(11));
            resumed.refresh();
        }
        assertThat(resumed.results().trials())
                .hasSize(6)
                .extracting(TrialResult::trialId)
                .doesNotHaveDuplicates();
        assertThatThrownBy(() -> compute.submit(sweep)).hasMessageContaining("SweepRun.resume");
    }

    @Test
    void failedTrialsAreNotRetriedAndASweepWithNoCompletedTrialFails() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .instant()
                .jobSimulator(curves(1, Duration.ZERO))
                .build();
        local.inject(Fault.failJob("flaky-t1", 1, "Traceback: ValueError"));
        SweepRun run = compute(local)
                .submit(lrSweep("flaky", Parameter.choice(0.1, 0.01, 0.001))
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .build())
                .waitForCompletion(false);
        assertThat(run.results().trials()).hasSize(3);
        assertThat(run.trialsByName().get("flaky-t1").state()).isEqualTo(TrialResult.State.FAILED);

        EmbeddedControlPlane broken = EmbeddedControlPlane.builder().instant().build();
        broken.inject(Fault.failJob("doomed-t0", 2, "boom"));
        SweepRun doomed = compute(broken)
                .submit(lrSweep("doomed", Parameter.choice(0.1))
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .build());
        assertThatThrownBy(() -> doomed.waitForCompletion(false))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("no completed trial");
        assertThat(doomed.state()).isEqualTo(SweepRun.State.FAILED);
    }

    @Test
    void cancelStopsEveryRunningTrial() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobRunTime(Duration.ofHours(1))
                .build();
        SweepRun run = compute(local)
                .submit(lrSweep("stop", Parameter.choice(0.1, 0.2))
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .build());

        run.cancel();

        assertThat(run.isRunning()).isFalse();
        assertThat(run.state()).isEqualTo(SweepRun.State.CANCELED);
        assertThat(run.results().trials()).allMatch(t -> t.state() == TrialResult.State.CANCELED);
    }

    @Test
    void beginCancelAsksForEveryRunningTrialsCancelAndItsPollerEndsWithTheSweepCanceled() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobRunTime(Duration.ofHours(1))
                .build();
        SweepRun run = compute(local)
                .submit(lrSweep("halt", Parameter.choice(0.1, 0.2))
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .build());

        com.azure.core.util.polling.SyncPoller<io.arcml.transport.OperationStatus, SweepRun> poller = run.beginCancel();

        assertThat(run.isRunning()).as("the trials are being canceled").isTrue();
        assertThat(poller.getFinalResult()).isSameAs(run);
        assertThat(run.isRunning()).isFalse();
        assertThat(run.state()).isEqualTo(SweepRun.State.CANCELED);
        assertThat(run.stopReason()).isEqualTo("the sweep was canceled");
        assertThat(run.results().trials()).hasSize(2).allMatch(t -> t.state() == TrialResult.State.CANCELED);
        assertThat(run.parentRunId()).as("arcml launched the trials").isEmpty();
    }

    @Test
    void waitingPrintsProgressThenTheTable() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .instant()
                .jobSimulator(curves(1, Duration.ZERO))
                .build();
        var buf = new ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            compute(local)
                    .submit(lrSweep("shown", Parameter.choice(0.1, 0.01))
                            .samplingAlgorithm(SamplingAlgorithm.grid())
                            .build())
                    .waitForCompletion(true);
        } finally {
            System.setOut(original);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .contains("2/2 trials, 0 running, best accuracy=1 (trial 0)")
                .contains("Sweep: maximize accuracy, 2 trials");
    }

    @Test
    void progressCountsAgainstTheTrialsAGridSmallerThanTheLimitCanRun() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .instant()
                .jobSimulator(curves(1, Duration.ZERO))
                .build();
        SweepJob sweep = SweepJob.builder()
                .name("small")
                .trial(trial("python train.py --lr ${{search_space.lr}} --bs ${{search_space.bs}}"))
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.001, 0.01, 0.1))
                        .parameter("bs", Parameter.choice(16, 32))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(ACCURACY)
                .limits(SweepLimits.of(20, 2))
                .build();
        assertThat(sweep.plannedTrials()).isEqualTo(6);
        var shown = new ByteArrayOutputStream();

        SweepRun run = compute(local).submit(sweep);
        assertThat(run.toString()).contains("/6 trials");
        run.waitForCompletion(new PrintStream(shown, true, StandardCharsets.UTF_8));

        assertThat(shown.toString(StandardCharsets.UTF_8))
                .contains("6/6 trials, 0 running")
                .doesNotContain("/20");
        assertThat(lrSweep("random", Parameter.uniform(0.001, 1))
                        .samplingAlgorithm(SamplingAlgorithm.random(1))
                        .limits(SweepLimits.of(20, 2))
                        .build()
                        .plannedTrials())
                .isEqualTo(20);
    }

    @Test
    void aSweepIsCheckedBeforeAnyTrialIsLaunched() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder().instant().build();
        KubernetesCompute compute = compute(local);
        assertThatThrownBy(() -> lrSweep("bad", Parameter.uniform(0, 1))
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .build())
                .hasMessageContaining("cannot be grid-sampled");
        SweepJob wrongType = SweepJob.builder()
                .name("wrong")
                .trial(trial("python t.py --lr ${{search_space.lr}}").toBuilder()
                        .instanceType("tpu")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(1))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(ACCURACY)
                .build();
        assertThatThrownBy(() -> compute.submit(wrongType)).hasMessageStartingWith("trial.instanceType: 'tpu'");
        assertThat(local.getJob("gpu", "wrong-t0")).isEmpty();
    }

    @Test
    void aSobolSweepIsRefusedWhereArcmlSamplesBeforeAnyRequest() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder().instant().build();
        KubernetesCompute compute = compute(local);
        SweepJob sobol = lrSweep("sobol", Parameter.uniform(0.001, 0.1))
                .samplingAlgorithm(SamplingAlgorithm.sobol(3))
                .build();
        assertThat(sobol.serialize().get("samplingAlgorithm"))
                .isEqualTo(Map.of("samplingAlgorithmType", "Random", "seed", 3L, "rule", "Sobol"));

        long before = local.requestCount();
        assertThatThrownBy(() -> SweepRun.start(local, "gpu", sobol))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("sampling_algorithm.rule: 'sobol'")
                .hasMessageContaining("Azure ML");
        assertThat(local.requestCount()).isEqualTo(before);
        assertThatThrownBy(() -> compute.submit(sobol)).isInstanceOf(ValidationException.class);
        assertThat(local.getJob("gpu", "sobol-t0")).isEmpty();
    }

    @Test
    void aNestedSearchSpaceIsRefusedWhereArcmlSamplesBeforeAnyRequest() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder().instant().build();
        compute(local);
        SweepJob nested = lrSweep("nested", Parameter.choice(Map.of("lr", Parameter.uniform(0.01, 0.1)), 0.5))
                .samplingAlgorithm(SamplingAlgorithm.random(1))
                .build();

        long before = local.requestCount();
        assertThatThrownBy(() -> SweepRun.start(local, "gpu", nested))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("search_space.lr.values: 'a nested search space' is sampled by Azure ML only")
                .hasMessageContaining("flatten it");
        assertThat(local.requestCount()).isEqualTo(before);
    }

    @Test
    void serializesToAzureMlsSweepShape() {
        SweepJob sweep = lrSweep("rest", Parameter.choice(0.1, 0.01))
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .limits(SweepLimits.of(2, 1).withTrialTimeout(Duration.ofMinutes(30)))
                .earlyTermination(EarlyTerminationPolicy.medianStopping(1, 1))
                .build();
        Map<String, Object> body = sweep.serialize();
        assertThat(body)
                .containsEntry("jobType", "Sweep")
                .containsEntry("samplingAlgorithm", Map.of("samplingAlgorithmType", "Grid"))
                .containsEntry("objective", Map.of("primaryMetric", "accuracy", "goal", "Maximize"))
                .containsEntry("searchSpace", Map.of("lr", List.of("choice", List.of(List.of(0.1, 0.01)))));
        assertThat(body.get("limits"))
                .isEqualTo(Map.of(
                        "jobLimitsType",
                        "Sweep",
                        "maxTotalTrials",
                        2,
                        "maxConcurrentTrials",
                        1,
                        "trialTimeout",
                        "PT30M"));
        assertThat(((Map<?, ?>) body.get("trial")).get("command"))
                .isEqualTo("python train.py --lr ${{search_space.lr}}");
    }
}
