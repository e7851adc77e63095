package io.arcml.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.Workspace;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineFailedException;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineRun;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.sweep.SweepRun;
import io.arcml.sweep.TrialResult;
import io.arcml.testing.sim.PodBehavior;
import io.arcml.transport.ControlPlane;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sweeps and pipelines run by arcml's launchers on the simulated cluster, as Kubernetes Jobs. */
class SweepsAndPipelinesOnClusterTest extends SimulatedClusterTestBase {
    private static final Pattern LR = Pattern.compile("--lr (\\S+)");

    /** A trial's log: the accuracy its learning rate reaches, on arcml's metric channel. */
    private static String trainingLog(Pod pod) {
        String command = String.join(" ", pod.getSpec().getContainers().get(0).getCommand());
        Matcher m = LR.matcher(command);
        double lr = m.find() ? Double.parseDouble(m.group(1)) : 0;
        double accuracy = 1 - Math.abs(Math.log10(lr) + 1) / 4;
        return String.format(
                Locale.ROOT,
                "epoch 1\n##arcml[metric] {\"accuracy\": %.4f}\n##arcml[final] {\"accuracy\": %.4f}\n",
                accuracy / 2,
                accuracy);
    }

    private KubernetesCompute cpuCompute() {
        KubernetesCompute compute = attachGpuCompute(gpuCluster(), b -> b);
        cluster.workload(pod -> true, PodBehavior.succeeds().logs(SweepsAndPipelinesOnClusterTest::trainingLog));
        return compute;
    }

    private static SweepJob.Builder sweep(String name, Parameter lr) {
        return SweepJob.builder()
                .name(name)
                .trial(CommandJob.builder()
                        .image("python:3.11")
                        .command("python train.py --lr ${{search_space.lr}}")
                        .instanceType("cpu_small")
                        .build())
                .searchSpace(SearchSpace.builder().parameter("lr", lr).build())
                .objective(Objective.maximize("accuracy"));
    }

    private List<Job> jobs() {
        return cluster.client().batch().v1().jobs().inNamespace(NS).list().getItems();
    }

    /** The Kubernetes Job of an arcml job, found by the name annotation arcml puts on it. */
    private Job jobNamed(String name) {
        return jobs().stream()
                .filter(j -> name.equals(j.getMetadata().getAnnotations().get("arcml.io/job-name")))
                .findFirst()
                .orElse(null);
    }

    @Test
    void aGridSweepRunsExactlyTheGridAsKubernetesJobs() {
        KubernetesCompute compute = cpuCompute();
        SweepRun run = compute.submit(sweep("grid", Parameter.choice(0.001, 0.01, 0.1, 1.0))
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .limits(SweepLimits.of(4, 2))
                        .build())
                .waitForCompletion(false, Duration.ofMinutes(2));

        assertThat(run.results().trials()).hasSize(4).allMatch(t -> t.state() == TrialResult.State.COMPLETED);
        Set<Object> lrs = new HashSet<>();
        run.results().trials().forEach(t -> lrs.add(t.parameters().get("lr")));
        assertThat(lrs).containsExactlyInAnyOrder(0.001, 0.01, 0.1, 1.0);
        assertThat(run.best().orElseThrow().parameters().get("lr")).isEqualTo(0.1);
        assertThat(run.best().orElseThrow().intermediate()).hasSize(1);
        assertThat(jobs())
                .extracting(j -> j.getMetadata().getAnnotations().get("arcml.io/job-name"))
                .contains("grid-t0", "grid-t1", "grid-t2", "grid-t3");
    }

    @Test
    void concurrencyNeverExceedsTheLimitOnTheCluster() throws Exception {
        KubernetesCompute compute = cpuCompute();
        cluster.workload(
                pod -> true,
                PodBehavior.succeeds()
                        .runFor(Duration.ofMillis(300))
                        .logs(SweepsAndPipelinesOnClusterTest::trainingLog));
        SweepRun run = compute.submit(sweep("bounded", Parameter.uniform(0.001, 1))
                .samplingAlgorithm(SamplingAlgorithm.random(3))
                .limits(SweepLimits.of(6, 2))
                .build());
        int maxActive = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (run.isRunning() && System.nanoTime() < deadline) {
            // Trials whose pods hold resources right now.
            long active = cluster.client().pods().inNamespace(NS).list().getItems().stream()
                    .filter(p -> p.getStatus() != null
                            && ("Pending".equals(p.getStatus().getPhase())
                                    || "Running".equals(p.getStatus().getPhase())))
                    .map(p -> p.getMetadata().getAnnotations().get("arcml.io/job-name"))
                    .distinct()
                    .count();
            maxActive = (int) Math.max(maxActive, active);
            Thread.sleep(20);
            run.refresh();
        }
        assertThat(run.isRunning()).isFalse();
        assertThat(maxActive).as("trials holding pods at once").isBetween(1, 2);
        assertThat(run.results().trials()).hasSize(6).allMatch(t -> t.state() == TrialResult.State.COMPLETED);
    }

    @Test
    void aSweepResumesFromClusterStateInANewProcess() {
        KubernetesCompute compute = cpuCompute();
        SweepJob job = sweep("resume", Parameter.uniform(0.001, 1))
                .samplingAlgorithm(SamplingAlgorithm.random(9))
                .limits(SweepLimits.of(5, 2))
                .build();
        SweepRun first = compute.submit(job);
        List<Map<String, Object>> launched =
                first.results().trials().stream().map(TrialResult::parameters).toList();

        // A new process: a new client and control plane on the same cluster.
        try (Workspace other = Workspace.on(KubernetesControlPlane.builder(cluster.client())
                .pollInterval(Duration.ofMillis(20))
                .build())) {
            SweepRun resumed = SweepRun.resume(ControlPlane.of(other.controlPlane()), "gpu-compute", job)
                    .waitForCompletion(false, Duration.ofMinutes(2));
            assertThat(resumed.results().trials())
                    .hasSize(5)
                    .extracting(TrialResult::trialId)
                    .doesNotHaveDuplicates();
            assertThat(resumed.results().trials().subList(0, launched.size()))
                    .extracting(TrialResult::parameters)
                    .isEqualTo(launched);
        }
        assertThat(jobs().stream()
                        .filter(j -> j.getMetadata()
                                .getAnnotations()
                                .get("arcml.io/job-name")
                                .startsWith("resume-t")))
                .hasSize(5);
    }

    @Test
    void aSeededRandomSweepIsReproducibleOnTheCluster() {
        KubernetesCompute compute = cpuCompute();
        List<List<Map<String, Object>>> runs = new ArrayList<>();
        for (String name : List.of("seeded-a", "seeded-b")) {
            SweepRun run = compute.submit(sweep(name, Parameter.loguniform(-7, 0))
                            .samplingAlgorithm(SamplingAlgorithm.random(21))
                            .limits(SweepLimits.of(4, 4))
                            .build())
                    .waitForCompletion(false, Duration.ofMinutes(2));
            runs.add(
                    run.results().trials().stream().map(TrialResult::parameters).toList());
        }
        assertThat(runs.get(0)).hasSize(4).isEqualTo(runs.get(1));
    }

    /** A four-step training curve, all visible while the pod keeps running: lr near 0.1 climbs, others lag. */
    private static String curve(Pod pod) {
        String command = String.join(" ", pod.getSpec().getContainers().get(0).getCommand());
        Matcher m = LR.matcher(command);
        double lr = m.find() ? Double.parseDouble(m.group(1)) : 0;
        double quality = 1 - Math.abs(Math.log10(lr) + 1) / 4;
        StringBuilder log = new StringBuilder();
        for (int step = 1; step <= 4; step++) {
            log.append(String.format(Locale.ROOT, "##arcml[metric] {\"accuracy\": %.4f}%n", quality * step / 4));
        }
        return log.toString();
    }

    @Test
    void banditAndMedianStoppingCancelTheLaggingTrialsOnTheCluster() {
        KubernetesCompute compute = cpuCompute();
        cluster.workload(
                pod -> true,
                PodBehavior.succeeds().runFor(Duration.ofSeconds(3)).logs(SweepsAndPipelinesOnClusterTest::curve));
        SweepRun bandit = compute.submit(sweep("bandit", Parameter.choice(0.1, 0.0001, 0.12))
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        // One trial at a time: the lagging trial is judged once the first has reported, whatever order
                        // the logs are read in.
                        .limits(SweepLimits.of(3, 1))
                        .earlyTermination(EarlyTerminationPolicy.bandit(0.2, 1, 0))
                        .build())
                .waitForCompletion(false, Duration.ofMinutes(2));
        assertThat(bandit.trialsByName().get("bandit-t1").state()).isEqualTo(TrialResult.State.EARLY_TERMINATED);
        assertThat(bandit.trialsByName().get("bandit-t0").state()).isEqualTo(TrialResult.State.COMPLETED);
        assertThat(bandit.trialsByName().get("bandit-t2").state()).isEqualTo(TrialResult.State.COMPLETED);

        SweepRun median = compute.submit(sweep("median", Parameter.choice(0.1, 0.12, 0.08, 0.0001))
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        // The lagging trial (the last of the grid) starts once one of the other three has ended, so it
                        // is judged against them.
                        .limits(SweepLimits.of(4, 3))
                        .earlyTermination(EarlyTerminationPolicy.medianStopping(1, 2))
                        .build())
                .waitForCompletion(false, Duration.ofMinutes(2));
        assertThat(median.trialsByName().get("median-t3").state()).isEqualTo(TrialResult.State.EARLY_TERMINATED);
        assertThat(median.results().trials().stream().filter(t -> t.state() == TrialResult.State.COMPLETED))
                .hasSize(3);
    }

    @Test
    void aDiamondPipelineRunsItsIndependentStepsInParallel() throws Exception {
        KubernetesCompute compute = cpuCompute();
        cluster.workload(pod -> true, PodBehavior.succeeds().runFor(Duration.ofMillis(800)));
        CommandJob.Builder base = CommandJob.builder().image("python:3.11").instanceType("cpu_small");
        PipelineJob diamond = DiamondPipeline.of(base);

        PipelineRun run = compute.submit(diamond);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (run.steps().get("prep").state() != PipelineRun.StepState.COMPLETED && System.nanoTime() < deadline) {
            Thread.sleep(20);
            run.refresh();
        }
        // The refresh that saw prep complete started both branches; the join waits for both.
        assertThat(run.steps().get("left").state()).isIn(PipelineRun.StepState.QUEUED, PipelineRun.StepState.RUNNING);
        assertThat(run.steps().get("right").state()).isIn(PipelineRun.StepState.QUEUED, PipelineRun.StepState.RUNNING);
        assertThat(run.steps().get("join").state()).isEqualTo(PipelineRun.StepState.WAITING);
        run.waitForCompletion(false, Duration.ofMinutes(2));

        assertThat(run.state()).isEqualTo(PipelineRun.State.COMPLETED);
        Job prep = jobNamed("diamond-prep");
        Job left = jobNamed("diamond-left");
        Job right = jobNamed("diamond-right");
        Job join = jobNamed("diamond-join");
        // The API server stamps creation to the second: compare at that precision.
        assertThat(second(prep.getStatus().getCompletionTime()))
                .isBeforeOrEqualTo(second(left.getMetadata().getCreationTimestamp()));
        assertThat(second(prep.getStatus().getCompletionTime()))
                .isBeforeOrEqualTo(second(right.getMetadata().getCreationTimestamp()));
        // Both branches were created before either finished: they ran side by side.
        assertThat(second(left.getMetadata().getCreationTimestamp()))
                .isBeforeOrEqualTo(second(right.getStatus().getCompletionTime()));
        assertThat(second(right.getMetadata().getCreationTimestamp()))
                .isBeforeOrEqualTo(second(left.getStatus().getCompletionTime()));
        assertThat(second(join.getMetadata().getCreationTimestamp()))
                .isAfterOrEqualTo(second(left.getStatus().getCompletionTime()))
                .isAfterOrEqualTo(second(right.getStatus().getCompletionTime()));
        assertThat(run.steps().values()).allMatch(st -> st.state() == PipelineRun.StepState.COMPLETED);
    }

    private static Instant second(String timestamp) {
        return Instant.parse(timestamp).truncatedTo(ChronoUnit.SECONDS);
    }

    private static final CommandJob.Builder BASE =
            CommandJob.builder().image("python:3.11").instanceType("cpu_small");

    private static PipelineJob pipeline() {
        return pipeline(
                "pipe",
                "train",
                PipelineStep.of(BASE.command("python train.py --data ${{inputs.data}} --out ${{outputs.model}}")
                        .build()));
    }

    /** prep, then {@code middle} (reading prep's data, writing a model), then evaluate reading that model. */
    private static PipelineJob pipeline(String name, String middleName, PipelineStep middle) {
        return PipelineJob.builder()
                .name(name)
                .sharedStorage(new NfsMount("10.0.0.4", "/export/pipelines", "/mnt/pipelines", false))
                .step(
                        "prep",
                        PipelineStep.of(BASE.command("python prep.py --out ${{outputs.data}}")
                                        .build())
                                .output("data"))
                .step(
                        middleName,
                        middle.input("data", "${{parent.jobs.prep.outputs.data}}")
                                .output("model"))
                .step(
                        "evaluate",
                        PipelineStep.of(BASE.command("python eval.py --model ${{inputs.model}}")
                                        .build())
                                .input("model", "${{parent.jobs." + middleName + ".outputs.model}}"))
                .build();
    }

    @Test
    void aThreeStepPipelineRunsInOrderWithItsOutputsOnTheSharedVolume() {
        KubernetesCompute compute = cpuCompute();
        PipelineRun run = compute.submit(pipeline()).waitForCompletion(false, Duration.ofMinutes(2));

        assertThat(run.state()).isEqualTo(PipelineRun.State.COMPLETED);
        Job train = jobNamed("pipe-train");
        var spec = train.getSpec().getTemplate().getSpec();
        assertThat(spec.getVolumes())
                .filteredOn(v -> v.getNfs() != null)
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.getNfs().getServer()).isEqualTo("10.0.0.4");
                    assertThat(v.getNfs().getPath()).isEqualTo("/export/pipelines");
                });
        assertThat(String.join(" ", spec.getContainers().get(0).getCommand()))
                .contains("--data /mnt/pipelines/pipe/prep/data --out /mnt/pipelines/pipe/train/model");
        var prep = jobNamed("pipe-prep");
        var evaluate = jobNamed("pipe-evaluate");
        assertThat(second(prep.getStatus().getCompletionTime()))
                .isBeforeOrEqualTo(second(train.getMetadata().getCreationTimestamp()));
        assertThat(second(train.getStatus().getCompletionTime()))
                .isBeforeOrEqualTo(second(evaluate.getMetadata().getCreationTimestamp()));
    }

    @Test
    void aFailingStepStopsTheStepsAfterItAndIsNamed() {
        KubernetesCompute compute = cpuCompute();
        cluster.workloadOfJob(
                "pipe-train",
                PodBehavior.fails(1, "RuntimeError: CUDA out of memory")
                        .logs("loading data\nRuntimeError: CUDA out of memory\n"));
        PipelineRun run = compute.submit(pipeline());

        assertThatThrownBy(() -> run.waitForCompletion(false, Duration.ofMinutes(2)))
                .isInstanceOfSatisfying(
                        PipelineFailedException.class,
                        e -> assertThat(e.failedStep()).isEqualTo("train"))
                .hasMessageContaining("Step 'train' (job pipe-train, run pipe-train-")
                .hasMessageContaining("CUDA out of memory");
        assertThat(run.steps().get("evaluate").state()).isEqualTo(PipelineRun.StepState.SKIPPED);
        assertThat(jobNamed("pipe-evaluate")).isNull();
    }

    @Test
    void aSweepStepRunsItsTrialsAsKubernetesJobsAndTheNextStepReadsTheBestTrialsModel() {
        KubernetesCompute compute = cpuCompute();
        PipelineJob pipeline = pipeline(
                "tuned",
                "tune",
                PipelineStep.of(sweep("ignored", Parameter.choice(0.001, 0.1, 1.0))
                        .trial(BASE.command("python train.py --lr ${{search_space.lr}} --data ${{inputs.data}}"
                                        + " --out ${{outputs.model}}")
                                .build())
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .limits(SweepLimits.of(3, 2))
                        .build()));

        PipelineRun run = compute.submit(pipeline).waitForCompletion(false, Duration.ofMinutes(2));

        assertThat(run.state()).isEqualTo(PipelineRun.State.COMPLETED);
        assertThat(run.steps().get("tune").message()).isEqualTo("best trial tuned-tune-t1");
        assertThat(jobs())
                .extracting(j -> j.getMetadata().getAnnotations().get("arcml.io/job-name"))
                .contains("tuned-prep", "tuned-tune-t0", "tuned-tune-t1", "tuned-tune-t2", "tuned-evaluate");
        assertThat(String.join(
                        " ",
                        jobNamed("tuned-tune-t1")
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getCommand()))
                .contains(
                        "--lr 0.1 --data /mnt/pipelines/tuned/prep/data --out /mnt/pipelines/tuned/tune/model/tuned-tune-t1");
        assertThat(String.join(
                        " ",
                        jobNamed("tuned-evaluate")
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getCommand()))
                .contains("--model /mnt/pipelines/tuned/tune/model/tuned-tune-t1");
    }
}
