package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.testing.sim.PodBehavior;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster changes under a run: its pod is evicted, the only node that fits it disappears. */
class NodesAndEvictionsTest {
    private static final String NS = "amlarc-testing";
    private static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

    private SimulatedCluster cluster;
    private Workspace ws;
    private KubernetesCompute compute;

    @BeforeEach
    void attach() {
        cluster = SimulatedCluster.builder()
                .node(SimulatedNode.named("cpu-1").cpu("8").memory("32Gi"))
                .node(SimulatedNode.named("gpu-1")
                        .cpu("8")
                        .memory("64Gi")
                        .gpus(2)
                        .label("accelerator", "nvidia-tesla-k80"))
                .namespace(NS)
                .defaultBehavior(PodBehavior.succeeds().runFor(Duration.ofMinutes(5)))
                .build();
        ws = Workspace.on(KubernetesControlPlane.builder(cluster.client())
                .pollInterval(Duration.ofMillis(20))
                .build());
        compute = ComputeTarget.attach(
                ws,
                "gpu-compute",
                KubernetesCompute.attachConfiguration(AKS)
                        .namespace(NS)
                        .defaultInstanceType("gpu_instance")
                        .instanceTypes(Map.of(
                                "gpu_instance",
                                InstanceType.builder()
                                        .nodeSelector("accelerator", "nvidia-tesla-k80")
                                        .requests("2", "16Gi", 1)
                                        .limits("2", "16Gi", 1)
                                        .build())));
        compute.waitForCompletion(false);
    }

    @AfterEach
    void stop() {
        ws.close();
        cluster.close();
    }

    private static CommandJob job() {
        return CommandJob.builder()
                .name("train")
                .image("python:3.11")
                .command("python train.py")
                .build();
    }

    private static JobStatus awaitStatus(JobRun run, Predicate<JobStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JobStatus s = run.getStatus();
        while (!condition.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = run.getStatus();
        }
        assertThat(condition).as("status %s", s).accepts(s);
        return s;
    }

    @Test
    void anEvictedPodFailsTheRunWithTheKubeletsReason() throws InterruptedException {
        JobRun run = compute.submit(job());
        awaitStatus(run, s -> s.state() == JobState.RUNNING);

        Pod pod = cluster.client()
                .pods()
                .inNamespace(NS)
                .withLabel("arcml.io/run-id", run.runId())
                .list()
                .getItems()
                .get(0);
        pod.getStatus().setPhase("Failed");
        pod.getStatus().setReason("Evicted");
        pod.getStatus().setMessage("The node was low on resource: memory.");
        pod.getStatus().setContainerStatuses(List.of());
        cluster.client().pods().inNamespace(NS).resource(pod).updateStatus();

        JobStatus status = awaitStatus(run, s -> s.state().isTerminal());
        assertThat(status.state()).isEqualTo(JobState.FAILED);
        assertThat(status.message()).contains("Evicted").contains("low on resource: memory");
        assertThat(status.error().code()).isEqualTo("Evicted");
    }

    @Test
    void aRunWhoseOnlyFittingNodeDisappearedWaitsAndSaysWhy() throws InterruptedException {
        cluster.removeNode("gpu-1");

        JobRun run = compute.submit(job());

        JobStatus status =
                awaitStatus(run, s -> s.message() != null && s.message().contains("nvidia-tesla-k80"));
        assertThat(status.state().isTerminal()).isFalse();
    }

    @Test
    void aNodeAddedBackLetsTheWaitingRunStart() throws InterruptedException {
        cluster.removeNode("gpu-1");
        JobRun run = compute.submit(job());
        awaitStatus(run, s -> s.message() != null && s.message().contains("nvidia-tesla-k80"));

        cluster.addNode(
                SimulatedNode.named("gpu-2").cpu("8").memory("64Gi").gpus(2).label("accelerator", "nvidia-tesla-k80"));

        awaitStatus(run, s -> s.state() == JobState.RUNNING);
    }
}
