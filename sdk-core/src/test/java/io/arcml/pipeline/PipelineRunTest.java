package io.arcml.pipeline;

import static io.arcml.pipeline.PipelineJobTest.diamond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.operation.OperationWaiter;
import io.arcml.pipeline.PipelineRun.StepState;
import io.arcml.resource.RunState;
import io.arcml.testutil.ManualClock;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.Fault;
import io.arcml.transport.embedded.JobSimulation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineRunTest {
    private static final String ARC =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";
    private final ManualClock clock = new ManualClock();

    private EmbeddedControlPlane local() {
        return EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ZERO)
                .jobSimulator(
                        j -> JobSimulation.succeeds(Duration.ofSeconds(10), List.of(j.name() + " ran: " + j.command())))
                .build();
    }

    private static KubernetesCompute compute(EmbeddedControlPlane local) {
        return ComputeTarget.attach(Workspace.on(local), "cpu", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);
    }

    private PipelineRun tick(PipelineRun run) {
        clock.advance(Duration.ofSeconds(11));
        return run.refresh();
    }

    @Test
    void stepsStartWhenTheirInputsAreDoneAndIndependentStepsRunInParallel() {
        EmbeddedControlPlane local = local();
        PipelineRun run = compute(local).submit(diamond(false));

        assertThat(run.steps())
                .extractingFromEntries(e -> e.getValue().state())
                .containsExactly(StepState.RUNNING, StepState.WAITING, StepState.WAITING, StepState.WAITING);
        tick(run);
        assertThat(run.steps().get("train_a").state()).isEqualTo(StepState.RUNNING);
        assertThat(run.steps().get("train_b").state()).isEqualTo(StepState.RUNNING);
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.WAITING);
        tick(run);
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.RUNNING);
        tick(run);

        assertThat(run.state()).isEqualTo(PipelineRun.State.COMPLETED);
        assertThat(local.jobLogs("cpu", "diamond-eval")).contains("--model /mnt/pipelines/diamond/train_a/model");
    }

    @Test
    void aStepOnAnotherComputeIsRefusedWhereArcmlRunsTheStepsItself() {
        EmbeddedControlPlane local = local();
        PipelineJob pipeline = PipelineJob.builder()
                .name("two")
                .step(
                        "a",
                        PipelineStep.of(CommandJob.builder()
                                        .image("i")
                                        .command("x")
                                        .build())
                                .compute("gpu-cluster"))
                .build();

        assertThatThrownBy(() -> compute(local).submit(pipeline))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("jobs.a.compute: 'gpu-cluster' is not the compute the pipeline runs on (cpu)")
                .hasMessageContaining("submit it to a workspace on Azure");
        assertThat(local.getJob("cpu", "two-a")).isEmpty();
    }

    @Test
    void stepsCarryTheStartAndEndTimesOfTheirJobs() {
        PipelineRun run = compute(local()).submit(diamond(false));
        assertThat(run.steps().get("prep").startTime()).isNotNull();
        assertThat(run.steps().get("prep").endTime()).isNull();
        assertThat(run.steps().get("eval").startTime()).isNull();

        for (int i = 0; i < 3; i++) {
            tick(run);
        }

        PipelineRun.StepStatus prep = run.steps().get("prep");
        PipelineRun.StepStatus eval = run.steps().get("eval");
        assertThat(prep.endTime()).isAfter(prep.startTime());
        assertThat(eval.startTime()).isAfterOrEqualTo(run.steps().get("train_a").endTime());
        assertThat(eval.endTime()).isAfter(eval.startTime());
    }

    @Test
    void aFailedStepStopsThePipelineAndIsNamedWithWhy() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ZERO)
                .jobSimulator(j -> j.name().equals("diamond-train-a")
                        ? JobSimulation.fails(Duration.ofSeconds(5), 1, List.of("epoch 1", "ValueError: NaN loss"))
                        : JobSimulation.succeeds(Duration.ofSeconds(10), List.of("ok")))
                .build();
        PipelineRun run = compute(local).submit(diamond(false));
        tick(run);
        clock.advance(Duration.ofSeconds(6));
        run.refresh();

        assertThat(run.failedStep()).isEqualTo("train_a");
        assertThat(run.steps().get("train_a").state()).isEqualTo(StepState.FAILED);
        assertThat(run.steps().get("train_b").state()).isEqualTo(StepState.CANCELED);
        assertThat(local.getJob("cpu", "diamond-train-b").orElseThrow().status().state())
                .isEqualTo(RunState.CANCELED);
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.SKIPPED);
        assertThat(run.steps().get("eval").message()).isEqualTo("step 'train_a' failed");
        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOfSatisfying(
                        PipelineFailedException.class,
                        e -> assertThat(e.failedStep()).isEqualTo("train_a"))
                .hasMessageContaining(
                        "Step 'train_a' (job diamond-train-a, run diamond-train-a) failed: Exited with code 1")
                .hasMessageContaining("ValueError: NaN loss");
    }

    @Test
    void continuingOnStepFailureStopsOnlyTheDependants() {
        EmbeddedControlPlane local = local();
        local.inject(Fault.failJob("diamond-train-a", 1, "boom"));
        PipelineRun run = compute(local).submit(diamond(true));
        tick(run);
        tick(run);

        assertThat(run.steps().get("train_b").state()).isEqualTo(StepState.COMPLETED);
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.SKIPPED);
        assertThat(run.state()).isEqualTo(PipelineRun.State.FAILED);
    }

    @Test
    void aCycleMadeAfterBuildCannotStallTheRun() {
        PipelineStep a = PipelineStep.of(PipelineJobTest.job("a"));
        PipelineStep b = PipelineStep.of(PipelineJobTest.job("b")).dependsOn("a");
        PipelineJob p =
                PipelineJob.builder().name("after").step("a", a).step("b", b).build();
        a.dependsOn("b");

        PipelineRun run = compute(local()).submit(p);
        tick(run);
        tick(run);

        assertThat(run.state()).isEqualTo(PipelineRun.State.COMPLETED);
    }

    @Test
    void aStepCanceledOutsideThePipelineEndsTheRunNamingTheStepsThatCanNoLongerRun() {
        EmbeddedControlPlane local = local();
        PipelineRun run = compute(local).submit(diamond(true));
        tick(run);
        String trainA = run.steps().get("train_a").runId();
        OperationWaiter.await(
                "cancel",
                local.beginCancelJob("cpu", trainA),
                Duration.ofSeconds(5),
                null); // another process cancels it
        tick(run);

        assertThat(run.isRunning()).isFalse();
        assertThat(run.state()).isEqualTo(PipelineRun.State.FAILED);
        assertThat(run.steps().get("train_a").state()).isEqualTo(StepState.CANCELED);
        assertThat(run.steps().get("train_b").state()).isEqualTo(StepState.COMPLETED);
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.SKIPPED);
        assertThat(run.steps().get("eval").message()).isEqualTo("step 'train_a' was canceled");
        assertThatThrownBy(() -> run.waitForCompletion(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(
                        PipelineFailedException.class,
                        e -> assertThat(e.failedStep()).isEqualTo("train_a"))
                .hasMessageContaining(
                        "Step 'train_a' (job diamond-train-a, run " + trainA + ") was canceled outside the pipeline")
                .hasMessageContaining("Steps that can no longer run: eval");
    }

    @Test
    void aStepCanceledOutsideAPipelineThatStopsOnFailureStopsTheOtherSteps() {
        EmbeddedControlPlane local = local();
        PipelineRun run = compute(local).submit(diamond(false));
        tick(run);
        OperationWaiter.await(
                "cancel", local.beginCancelJob("cpu", run.steps().get("train_b").runId()), Duration.ofSeconds(5), null);
        run.refresh();

        assertThat(run.isRunning()).isFalse();
        assertThat(run.steps().get("train_a").state()).isEqualTo(StepState.CANCELED);
        assertThat(run.steps().get("train_a").message()).isEqualTo("step 'train_b' was canceled");
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.SKIPPED);
        assertThatThrownBy(() -> run.waitForCompletion())
                .isInstanceOf(PipelineFailedException.class)
                .hasMessageContaining("Steps that can no longer run: eval");
    }

    @Test
    void cancelStopsRunningStepsAndSkipsTheRest() {
        PipelineRun run = compute(local()).submit(diamond(false));
        run.cancel();
        assertThat(run.state()).isEqualTo(PipelineRun.State.CANCELED);
        assertThat(run.steps().get("prep").state()).isEqualTo(StepState.CANCELED);
        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.SKIPPED);
    }

    @Test
    void beginCancelSkipsTheWaitingStepsAndItsPollerEndsWithTheRunningOnesCanceled() {
        PipelineRun run = compute(local()).submit(diamond(false));

        com.azure.core.util.polling.SyncPoller<io.arcml.transport.OperationStatus, PipelineRun> poller =
                run.beginCancel();

        assertThat(run.steps().get("eval").state()).isEqualTo(StepState.SKIPPED);
        assertThat(poller.getFinalResult()).isSameAs(run);
        assertThat(run.state()).isEqualTo(PipelineRun.State.CANCELED);
        assertThat(run.steps().get("prep").state()).isEqualTo(StepState.CANCELED);
        assertThat(run.steps().get("prep").message()).isEqualTo("the pipeline was canceled");
        assertThat(run.parentRunId()).as("arcml ran the steps").isEmpty();
    }

    @Test
    void aStepWithAnUnknownInstanceTypeIsRejectedBeforeAnyStepStarts() {
        EmbeddedControlPlane local = local();
        PipelineJob p = PipelineJob.builder()
                .name("typed")
                .step("a", PipelineStep.of(PipelineJobTest.job("a")))
                .step(
                        "b",
                        PipelineStep.of(PipelineJobTest.job("b").toBuilder()
                                        .instanceType("gpu_xl")
                                        .build())
                                .dependsOn("a"))
                .build();

        assertThatThrownBy(() -> compute(local).submit(p))
                .hasMessageStartingWith("jobs.typed-b.instanceType: 'gpu_xl'");
        assertThat(local.getJob("cpu", "typed-a")).isEmpty();
    }
}
