package io.arcml.samples.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import org.junit.jupiter.api.Test;

class DistributedTrainingTest {

    @Test
    void trainsOnBothGpuNodesAndLeavesTheClusterAsItFoundIt() {
        try (SimulatedCluster cluster = SimulatedCluster.builder()
                .node(SimulatedNode.named("gpu-node-0")
                        .cpu("16")
                        .memory("112Gi")
                        .gpus(2)
                        .label("accelerator", "nvidia-tesla-v100"))
                .node(SimulatedNode.named("gpu-node-1")
                        .cpu("16")
                        .memory("112Gi")
                        .gpus(2)
                        .label("accelerator", "nvidia-tesla-v100"))
                .namespace("amlarc-testing")
                .azureMLExtension()
                .build()) {
            JobRun run = DistributedTraining.train(cluster);

            assertThat(run.lastStatus().state()).isEqualTo(JobState.COMPLETED);
            var pods = cluster.client()
                    .pods()
                    .inNamespace("amlarc-testing")
                    .withLabel("arcml.io/run-id", run.runId())
                    .list()
                    .getItems();
            // Each instance takes both GPUs of a node, so the two instances must land on different nodes.
            assertThat(pods)
                    .extracting(p -> p.getSpec().getNodeName())
                    .containsExactlyInAnyOrder("gpu-node-0", "gpu-node-1");
            assertThat(cluster.client()
                            .configMaps()
                            .inNamespace("default")
                            .withLabel("arcml.io/record", "compute")
                            .list()
                            .getItems())
                    .isEmpty();
            assertThat(cluster.client()
                            .genericKubernetesResources("amlarc.azureml.com/v1alpha1", "InstanceType")
                            .list()
                            .getItems())
                    .isEmpty();
        }
    }
}
