package io.arcml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineRun.StepState;
import io.arcml.resource.RunState;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.testutil.ManualClock;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.JobSimulation;
import io.arcml.transport.embedded.JobSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A pipeline with a sweep in the middle: prep, then a sweep and a command side by side, then eval reading the sweep's model. */
class PipelineSweepStepTest {
    private static final String ARC =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";
    private static final NfsMount STORAGE = new NfsMount("10.0.0.4", "/export", "/mnt/pipelines", false);
    private static final Pattern LR = Pattern.compile("--lr (\\S+)");
    private final ManualClock clock = new ManualClock();

    /** Trials log an accuracy that is best for lr 0.1; every other job just succeeds. */
    private static final JobSimulator TRIALS_BEST_AT_0_1 = job -> {
        Matcher m = LR.matcher(job.command());
        if (!m.find()) {
            return JobSimulation.succeeds(Duration.ofSeconds(10), List.of(job.name() + " ran: " + job.command()));
        }
        double accuracy = 1 - Math.abs(Math.log10(Double.parseDouble(m.group(1))) + 1) / 3;
        return JobSimulation.succeeds(
                Duration.ofSeconds(10),
                List.of(
                        job.name() + " ran: " + job.command(),
                        String.format(Locale.ROOT, "##arcml[final] {\"accuracy\": %.4f}", accuracy)));
    };

    private EmbeddedControlPlane local(JobSimulator simulator) {
        return EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ZERO)
                .jobSimulator(simulator)
                .build();
    }

    private static KubernetesCompute compute(EmbeddedControlPlane local) {
        return ComputeTarget.attach(Workspace.on(local), "cpu", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);
    }

    private static CommandJob job(String command) {
        return CommandJob.builder().image("python:3.11").command(command).build();
    }

    static SweepJob tuneSweep() {
        return SweepJob.builder()
                .trial(job(
                        "python train.py --lr ${{search_space.lr}} --data ${{inputs.data}} --model ${{outputs.model}}"))
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.001, 0.1, 1.0))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(Objective.maximize("accuracy"))
                .limits(SweepLimits.of(3, 2))
                .build();
    }

    static PipelineJob withSweep() {
        return PipelineJob.builder()
                .name("tuned")
                .sharedStorage(STORAGE)
                .step(
                        "prep",
                        PipelineStep.of(job("python prep.py --out ${{outputs.data}}"))
                                .output("data"))
                .step(
                        "tune",
                        PipelineStep.of(tuneSweep())
                                .input("data", "${{parent.jobs.prep.outputs.data}}")
                                .output("model"))
                .step(
                        "report",
                        PipelineStep.of(job("python report.py --data ${{inputs.data}}"))
                                .input("data", "${{parent.jobs.prep.outputs.data}}"))
                .step(
                        "eval",
                        PipelineStep.of(job("python eval.py --model ${{inputs.model}}"))
                                .input("model", "${{parent.jobs.tune.outputs.model}}")
                                .dependsOn("report"))
                .build();
    }

    private PipelineRun driveToEnd(PipelineRun run) {
        for (int i = 0; i < 20 && run.state() == PipelineRun.State.RUNNING; i++) {
            clock.advance(Duration.ofSeconds(11));
            run.refresh();
        }
        return run;
    }

    @Test
    void aSweepStepRunsItsTrialsAndTheStepsAfterItReadTheBestTrialsOutput() {
        EmbeddedControlPlane local = local(TRIALS_BEST_AT_0_1);
        PipelineRun run = compute(local).submit(withSweep());
        clock.advance(Duration.ofSeconds(11));
        run.refresh();

        assertThat(run.steps().get("tune").state()).isEqualTo(StepState.RUNNING);
        assertThat(run.steps().get("tune").jobName()).isEqualTo("tuned-tune");
        assertThat(run.steps().get("tune").message()).isEqualTo("0/3 trials, 2 running");
        assertThat(run.steps().get("report").state()).isEqualTo(StepState.RUNNING);
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.WAITING);

        driveToEnd(run);

        assertThat(run.state()).isEqualTo(PipelineRun.State.COMPLETED);
        assertThat(run.steps().get("tune").message()).isEqualTo("best trial tuned-tune-t1");
        assertThat(local.jobLogs("cpu", "tuned-tune-t1"))
                .contains(
                        "mkdir -p /mnt/pipelines/tuned/tune/model/tuned-tune-t1 && python train.py --lr 0.1"
                                + " --data /mnt/pipelines/tuned/prep/data --model /mnt/pipelines/tuned/tune/model/tuned-tune-t1");
        assertThat(local.jobLogs("cpu", "tuned-eval"))
                .contains("python eval.py --model /mnt/pipelines/tuned/tune/model/tuned-tune-t1");
    }

    @Test
    void aSweepWithNoCompletedTrialFailsItsStepAndTheStepsAfterItDoNotRun() {
        EmbeddedControlPlane local = local(job -> job.name().startsWith("tuned-tune-t")
                ? JobSimulation.fails(Duration.ofSeconds(5), 1, List.of("CUDA out of memory"))
                : JobSimulation.succeeds(Duration.ofSeconds(10), List.of("ok")));
        PipelineRun run = driveToEnd(compute(local).submit(withSweep()));

        assertThat(run.state()).isEqualTo(PipelineRun.State.FAILED);
        assertThat(run.failedStep()).isEqualTo("tune");
        assertThat(run.steps().get("tune").state()).isEqualTo(StepState.FAILED);
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.SKIPPED);
        assertThat(local.getJob("cpu", "tuned-eval")).isEmpty();
        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOf(PipelineFailedException.class)
                .hasMessageContaining("Step 'tune' (sweep tuned-tune) failed: no trial completed")
                .hasMessageContaining("Steps that can no longer run: eval")
                .hasMessageContaining("Its trials:")
                .hasMessageContaining("0.001");
    }

    @Test
    void cancelingThePipelineCancelsTheSweepStepsTrials() {
        EmbeddedControlPlane local = local(TRIALS_BEST_AT_0_1);
        PipelineRun run = compute(local).submit(withSweep());
        clock.advance(Duration.ofSeconds(11));
        run.refresh();
        assertThat(run.steps().get("tune").state()).isEqualTo(StepState.RUNNING);

        run.cancel();

        assertThat(run.state()).isEqualTo(PipelineRun.State.CANCELED);
        assertThat(run.steps().get("tune").state()).isEqualTo(StepState.CANCELED);
        assertThat(local.getJob("cpu", "tuned-tune-t0").orElseThrow().status().state())
                .isEqualTo(RunState.CANCELED);
        assertThat(local.getJob("cpu", "tuned-tune-t1").orElseThrow().status().state())
                .isEqualTo(RunState.CANCELED);
        assertThat(local.getJob("cpu", "tuned-tune-t2")).isEmpty();
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.SKIPPED);
    }

    @Test
    void aSweepStepIsFrozenWithThePipelineAndShowsItsSweep() {
        PipelineJob pipeline = withSweep();
        PipelineStep tune = pipeline.steps().get("tune");

        assertThat(tune.sweep()).isPresent();
        assertThat(pipeline.steps().get("prep").sweep()).isEmpty();
        assertThat(tune.toString()).startsWith("PipelineStep{sweep=sweep-");
        assertThatThrownBy(() -> tune.output("other")).isInstanceOf(ValidationException.class);
        SweepJob sweep = pipeline.stepSweep("tune", pipeline.stepJob("tune"));
        assertThat(sweep.name()).isEqualTo("tuned-tune");
        assertThat(sweep.experimentName()).isEqualTo("tuned");
        assertThat(sweep.trialJob(4, java.util.Map.of("lr", 0.1)).command())
                .isEqualTo(
                        "mkdir -p /mnt/pipelines/tuned/tune/model/tuned-tune-t4 && python train.py --lr 0.1"
                                + " --data /mnt/pipelines/tuned/prep/data --model /mnt/pipelines/tuned/tune/model/tuned-tune-t4");
        assertThatThrownBy(() -> pipeline.stepSweep("prep", pipeline.stepJob("prep")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("jobs.prep");
    }

    @Test
    void bindingAnOutputTheSweepStepDoesNotDeclareIsRefusedAtBuild() {
        PipelineJob.Builder b = PipelineJob.builder()
                .sharedStorage(STORAGE)
                .step(
                        "tune",
                        PipelineStep.of(tuneSweep()).input("data", "/mnt/data").output("model"))
                .step(
                        "eval",
                        PipelineStep.of(job("python eval.py --m ${{inputs.m}}"))
                                .input("m", "${{parent.jobs.tune.outputs.metrics}}"));

        assertThatThrownBy(b::build)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("jobs.eval.inputs.m")
                .hasMessageContaining("${{parent.jobs.tune.outputs.metrics}}")
                .hasMessageContaining(".output(\"metrics\") on step 'tune'");
    }

    @Test
    void aSweepTrialPlaceholderTheStepDoesNotDeclareIsRefusedAtBuild() {
        PipelineJob.Builder b = PipelineJob.builder()
                .sharedStorage(STORAGE)
                .step("tune", PipelineStep.of(tuneSweep()).input("data", "/mnt/data"));

        assertThatThrownBy(b::build)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("jobs.tune.command")
                .hasMessageContaining("${{outputs.model}}");
    }
}
