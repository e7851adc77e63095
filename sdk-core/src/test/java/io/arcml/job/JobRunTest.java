package io.arcml.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ArcmlException;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.arcml.testutil.ComputesOnlyControlPlane;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobRunTest {
    private static final CommandJob JOB = CommandJob.builder()
            .name("train")
            .image("busybox")
            .command("true")
            .instanceType("cpu")
            .build();

    /** A control plane whose job status readings follow a script. */
    private static ControlPlane scripted(Deque<RunStatus> readings, List<String> calls) {
        return (ControlPlane) Proxy.newProxyInstance(
                ControlPlane.class.getClassLoader(),
                new Class<?>[] {ControlPlane.class, JobOperations.class},
                (p, m, args) -> switch (m.getName()) {
                    case "jobs" -> Optional.of(p);
                    case "getJob" -> {
                        calls.add("get");
                        RunStatus s = readings.size() > 1 ? readings.poll() : readings.peek();
                        yield Optional.of(new JobResource("r1", "train", "k8s", s));
                    }
                    case "jobLogs" -> "=== r1-0 ===\nepoch 1 loss 0.1\n";
                    case "jobStatusInterval" -> Duration.ZERO;
                    case "beginCancelJob" -> {
                        calls.add("cancel");
                        readings.clear();
                        readings.add(RunStatus.of(RunState.CANCELED, "Canceled by the user"));
                        yield LongRunningOperation.completed(
                                new OperationStatus(OperationStatus.State.SUCCEEDED, "Canceled", null, Duration.ZERO));
                    }
                    case "kind" -> "scripted";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static JobRun run(Deque<RunStatus> readings, List<String> calls) {
        return JobRun.track(
                scripted(readings, calls),
                JOB,
                new JobResource("r1", "train", "k8s", RunStatus.of(RunState.QUEUED, "Submitted")));
    }

    @Test
    void waitForCompletionFollowsTheStatesAndPrintsThemWithTheLogs() {
        Deque<RunStatus> readings = new ArrayDeque<>(List.of(
                RunStatus.of(RunState.PREPARING, null),
                RunStatus.of(RunState.RUNNING, null),
                RunStatus.of(RunState.COMPLETED, "All 1 instance(s) succeeded")));
        JobRun run = run(readings, new ArrayList<>());
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            run.waitForCompletion(true);
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString())
                .startsWith("QueuedPreparingRunningCompleted")
                .contains("Run r1 finished: Completed", "epoch 1 loss 0.1");
        assertThat(run.lastStatus().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void aFailedRunThrowsWithItsMessage() {
        JobRun run = run(
                new ArrayDeque<>(List.of(RunStatus.of(RunState.FAILED, "Instance r1-0 failed with exit code 2"))),
                new ArrayList<>());
        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOf(JobFailedException.class)
                .hasMessage("The run r1 of job 'train' ended Failed: Instance r1-0 failed with exit code 2")
                .satisfies(e ->
                        assertThat(((JobFailedException) e).status().state()).isEqualTo(JobState.FAILED));
    }

    @Test
    void cancelAsksOnceAndLeavesEndedRunsAlone() {
        List<String> calls = new ArrayList<>();
        JobRun run = run(new ArrayDeque<>(List.of(RunStatus.of(RunState.RUNNING, null))), calls);
        run.cancel();
        assertThat(run.lastStatus().state()).isEqualTo(JobState.CANCELED);
        run.cancel();
        assertThat(calls).containsExactly("cancel", "get");
    }

    @Test
    void controlPlanesWithoutJobSupportSaySoWhenAJobIsSubmitted() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder().instant().build();
        ControlPlane computesOnly = new ComputesOnlyControlPlane(local);
        try (Workspace ws = Workspace.on(computesOnly)) {
            KubernetesCompute compute = ComputeTarget.attach(
                    ws,
                    "local-k8s",
                    KubernetesCompute.attachConfiguration(
                                    "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c")
                            .namespace("default"));
            compute.waitForCompletion(false);
            assertThatThrownBy(() -> compute.submit(CommandJob.builder()
                            .image("busybox")
                            .command("true")
                            .build()))
                    .isInstanceOf(ArcmlException.class)
                    .hasMessageContaining("The computes-only control plane cannot run jobs, so it cannot submit job");
        }
    }
}
