package io.arcml.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processes the sweep benchmark measures with work as they should, on a small scale. */
class BenchmarkProcessesTest {

    @Test
    void theApiServerProcessCountsRequestsAndATrackingProcessWeighsItsHeapWhileTrackingItsTrials() throws Exception {
        try (ApiServerProcess.Handle server = new ApiServerProcess.Handle();
             KubernetesClient client = SweepFanOut.clientOf(server.url())) {
            int before = server.requestCount();
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("amlarc-testing").endMetadata().build()).create();
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewStatus()
                    .withAllocatable(Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"))).endStatus().build()).create();
            assertThat(server.requestCount() - before).isEqualTo(2);
            try (Workspace ws = Workspace.on(KubernetesControlPlane.builder(client).expectExtension(false).build())) {
                ComputeTarget.attach(ws, "bench-compute", KubernetesCompute.attachConfiguration(
                        "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks")
                        .namespace("amlarc-testing")).waitForCompletion(false);
            }

            SweepFanOut.Tracking tracking = SweepFanOut.Tracking.run(server.url(), "bench-compute", 20);

            assertThat(tracking.usedHeapBytes()).isPositive().isLessThan(256L << 20);
            assertThat(client.batch().v1().jobs().inNamespace("amlarc-testing").list().getItems())
                    .as("the trials the tracking process submitted").hasSize(20);
        }
    }
}
