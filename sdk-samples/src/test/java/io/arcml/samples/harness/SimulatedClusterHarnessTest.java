package io.arcml.samples.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.JobFailedException;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.testing.FleetInstanceType;
import io.arcml.testing.FleetNode;
import io.arcml.testing.WithSimulatedCluster;
import io.arcml.testing.sim.PodBehavior;
import io.arcml.testing.sim.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's harness on the direct cluster transport without a cluster: each test gets a fresh
 * simulated two-node fleet (a CPU node and a tainted GPU node) with {@code gpu-compute} attached,
 * trains on it, and scripts what the pods do.
 */
@WithSimulatedCluster(
        nodes = {
            @FleetNode(name = "cpu-1", cpu = "8", memory = "32Gi"),
            @FleetNode(
                    name = "gpu-1",
                    cpu = "8",
                    memory = "64Gi",
                    gpus = 2,
                    labels = "accelerator=nvidia-tesla-k80",
                    taints = "sku=gpu:NoSchedule")
        },
        namespace = "amlarc-testing",
        compute = "gpu-compute",
        defaultInstanceType = "gpu_instance",
        instanceTypes = {
            @FleetInstanceType(
                    name = "gpu_instance",
                    nodeSelector = "accelerator=nvidia-tesla-k80",
                    cpu = "2",
                    memory = "16Gi",
                    gpus = 1),
            @FleetInstanceType(name = "cpu_small", cpu = "1", memory = "2Gi")
        })
class SimulatedClusterHarnessTest {

    private static CommandJob training(String name, String instanceType) {
        return CommandJob.builder()
                .name(name)
                .image("python:3.11")
                .command("python train.py")
                .instanceType(instanceType)
                .build();
    }

    private static List<Pod> pods(SimulatedCluster cluster, JobRun run) {
        return cluster.client()
                .pods()
                .inNamespace("amlarc-testing")
                .withLabel("arcml.io/run-id", run.runId())
                .list()
                .getItems();
    }

    @Test
    void aGpuJobRunsOnTheGpuNodeAndACpuJobOnTheCpuNode(KubernetesCompute compute, SimulatedCluster cluster) {
        JobRun gpu = compute.submit(training("train-gpu", "gpu_instance"));
        JobRun cpu = compute.submit(training("prep-cpu", "cpu_small"));
        gpu.waitForCompletion(false);
        cpu.waitForCompletion(false);

        assertThat(gpu.getStatus().state()).isEqualTo(JobState.COMPLETED);
        assertThat(pods(cluster, gpu))
                .singleElement()
                .satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("gpu-1"));
        assertThat(pods(cluster, cpu))
                .singleElement()
                .satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("cpu-1"));
    }

    @Test
    void aTrainingThatCrashesEndsFailedWithItsLastWords(KubernetesCompute compute, SimulatedCluster cluster) {
        cluster.workloadOfJob("diverges", PodBehavior.fails(3, "loss is NaN at step 120"));

        JobRun run = compute.submit(training("diverges", "gpu_instance"));

        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("loss is NaN at step 120");
        assertThat(run.getStatus().state()).isEqualTo(JobState.FAILED);
    }
}
