package io.arcml.k8s;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/** A simulated cluster with a CPU node and a tainted two-GPU node, a workspace on it, and the teardown of both. */
abstract class SimulatedClusterTestBase {
    static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
    static final String NS = "amlarc-testing";

    SimulatedCluster cluster;
    Workspace ws;

    static SimulatedCluster.Builder gpuCluster() {
        return SimulatedCluster.builder()
                .node(SimulatedNode.named("cpu-1").cpu("8").memory("32Gi").label("agentpool", "cpu"))
                .node(SimulatedNode.named("gpu-1")
                        .cpu("8")
                        .memory("64Gi")
                        .gpus(2)
                        .label("accelerator", "nvidia-tesla-k80")
                        .taint("sku", "gpu", "NoSchedule"))
                .namespace(NS);
    }

    static KubernetesComputeAttachConfiguration gpuConfig() {
        return KubernetesCompute.attachConfiguration(AKS)
                .namespace(NS)
                .defaultInstanceType("gpu_instance")
                .instanceTypes(Map.of(
                        "gpu_instance",
                                InstanceType.builder()
                                        .nodeSelector("accelerator", "nvidia-tesla-k80")
                                        .requests("2", "16Gi", 1)
                                        .limits("2", "16Gi", 1)
                                        .build(),
                        "cpu_small",
                                InstanceType.builder()
                                        .requests("1", "2Gi")
                                        .limits("2", "4Gi")
                                        .build()));
    }

    /** Starts the cluster and a workspace on it, with a short poll interval and the given settings. */
    void connect(SimulatedCluster.Builder builder, UnaryOperator<KubernetesControlPlane.Builder> settings) {
        cluster = builder.build();
        ws = Workspace.on(
                settings.apply(KubernetesControlPlane.builder(cluster.client()).pollInterval(Duration.ofMillis(20)))
                        .build());
    }

    /** Starts, connects and attaches the GPU configuration as {@code gpu-compute}. */
    KubernetesCompute attachGpuCompute(
            SimulatedCluster.Builder builder, UnaryOperator<KubernetesControlPlane.Builder> settings) {
        connect(builder, settings);
        KubernetesCompute compute = ComputeTarget.attach(ws, "gpu-compute", gpuConfig());
        compute.waitForCompletion(false);
        return compute;
    }

    @AfterEach
    void stopCluster() {
        if (ws != null) {
            ws.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
