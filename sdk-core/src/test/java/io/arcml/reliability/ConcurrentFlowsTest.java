package io.arcml.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.job.CommandJob;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.resource.RunState;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.sweep.SweepRun;
import io.arcml.sweep.TrialResult;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.JobSimulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many users of one control plane at once: nothing lost, nothing done twice, no thread left behind. */
class ConcurrentFlowsTest {
    private static final String ARC =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    @Test
    void fiftyConcurrentAttachTrainDetachFlows() throws Exception {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .provisioningDelay(Duration.ofMillis(20))
                .pollInterval(Duration.ofMillis(5))
                .jobQueueTime(Duration.ofMillis(5))
                .jobRunTime(Duration.ofMillis(20))
                .build();
        Workspace ws = Workspace.on(local);
        Set<Thread> before = liveThreads();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<String>> flows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String name = "flow-" + i;
            flows.add(pool.submit(() -> {
                KubernetesCompute compute = ComputeTarget.attach(ws, name, KubernetesCompute.attachConfiguration(ARC))
                        .waitForCompletion(false);
                JobRun run = compute.submit(CommandJob.builder()
                                .name(name + "-job")
                                .image("python:3.11")
                                .command("python t.py")
                                .build())
                        .waitForCompletion(false);
                compute.detach().waitForCompletion(false);
                return run.getStatus().state() == JobState.COMPLETED && compute.isDetached() ? name : "failed " + name;
            }));
        }
        Set<String> done = new HashSet<>();
        for (Future<String> f : flows) {
            done.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(done).hasSize(50).allMatch(s -> s.startsWith("flow-"));
        assertThat(ComputeTarget.list(ws)).isEmpty();
        for (int i = 0; i < 50; i++) {
            assertThat(local.getJob("flow-" + i, "flow-" + i + "-job")
                            .orElseThrow()
                            .status()
                            .state())
                    .isEqualTo(RunState.COMPLETED);
        }
        // A terminated pool's workers may take a moment to exit: give every new thread a bounded chance to.
        Set<Thread> leaked = liveThreads();
        leaked.removeAll(before);
        for (Thread t : leaked) {
            t.join(5_000);
        }
        leaked.removeIf(t -> !t.isAlive());
        assertThat(leaked).isEmpty();
    }

    @Test
    void tenConcurrentSweepsLoseAndDuplicateNoTrial() throws Exception {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(2))
                .jobQueueTime(Duration.ofMillis(2))
                .jobSimulator(job -> JobSimulation.succeeds(
                        Duration.ofMillis(10),
                        List.of("##arcml[final] {\"acc\": " + job.name().length() + "}")))
                .build();
        Workspace ws = Workspace.on(local);
        KubernetesCompute compute = ComputeTarget.attach(ws, "shared", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);
        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<SweepRun>> sweeps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SweepJob sweep = SweepJob.builder()
                    .name("sweep-" + i)
                    .trial(CommandJob.builder()
                            .image("python:3.11")
                            .command("t ${{search_space.x}}")
                            .build())
                    .searchSpace(SearchSpace.builder()
                            .parameter("x", Parameter.uniform(0, 1))
                            .build())
                    .samplingAlgorithm(SamplingAlgorithm.random(i))
                    .objective(Objective.maximize("acc"))
                    .limits(SweepLimits.of(12, 3))
                    .build();
            sweeps.add(pool.submit(() -> compute.submit(sweep).waitForCompletion(false)));
        }
        Set<String> trialIds = new HashSet<>();
        int total = 0;
        for (Future<SweepRun> f : sweeps) {
            SweepRun run = f.get(60, TimeUnit.SECONDS);
            for (TrialResult t : run.results().trials()) {
                assertThat(t.state()).isEqualTo(TrialResult.State.COMPLETED);
                trialIds.add(t.trialId());
                total++;
            }
        }
        pool.shutdown();
        assertThat(total).isEqualTo(120);
        assertThat(trialIds).hasSize(120);
    }
}
