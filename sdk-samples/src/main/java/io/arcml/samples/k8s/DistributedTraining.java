package io.arcml.samples.k8s;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.JobRun;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import java.time.Duration;
import java.util.Map;

/**
 * Trains "distributed" on a simulated two-node GPU cluster through the direct cluster transport:
 * attach the cluster with a GPU instance type, let the preflight verify it, run a PyTorch job on
 * two instances with two GPUs each, print its logs, and detach. Swap the simulated cluster for
 * {@code KubernetesControlPlane.connect()} to do the same on the cluster of your kubeconfig.
 */
public final class DistributedTraining {
    private static final String RESOURCE_ID =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";

    private DistributedTraining() {}

    /** Runs the sample on a fresh simulated cluster. */
    public static void main(String[] args) {
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
            JobRun run = train(cluster);
            System.out.println("Final status: " + run.getStatus().serialize());
        }
    }

    /** Attaches the cluster, trains, detaches; returns the finished run. */
    public static JobRun train(SimulatedCluster cluster) {
        // A short poll interval suits the simulated cluster, whose pods run for a fraction of a second.
        try (Workspace ws = Workspace.on(KubernetesControlPlane.builder(cluster.client())
                .pollInterval(Duration.ofMillis(200))
                .build())) {
            KubernetesCompute compute = ComputeTarget.attach(
                    ws,
                    "amlarc-compute",
                    KubernetesCompute.attachConfiguration(RESOURCE_ID)
                            .namespace("amlarc-testing")
                            .defaultInstanceType("gpu_instance")
                            .instanceTypes(Map.of(
                                    "gpu_instance",
                                    InstanceType.builder()
                                            .nodeSelector("accelerator", "nvidia-tesla-v100")
                                            .requests("6", "48Gi", 2)
                                            .limits("6", "48Gi", 2)
                                            .build())));
            compute.waitForCompletion(true); // Creating.Succeeded: the preflight passed

            CommandJob job = CommandJob.builder()
                    .name("pytorch-ddp-mnist")
                    .image("mcr.microsoft.com/azureml/curated/acpt-pytorch-2.2-cuda12.1:latest")
                    .command("python train.py --epochs 10")
                    .instanceCount(2)
                    .distribution(Distribution.pytorch(2)) // 2 instances x 2 GPUs = WORLD_SIZE 4
                    .environmentVariable("NCCL_DEBUG", "INFO")
                    .build();
            JobRun run = compute.submit(job);
            run.waitForCompletion(true); // Queued..Running...Completed, then the logs

            compute.detach().waitForCompletion(true);
            return run;
        }
    }
}
