package io.arcml.transport.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import org.junit.jupiter.api.Test;

/** Code written against the embedded control plane's former name still compiles and runs. */
class LocalControlPlaneAliasTest {

    @Test
    @SuppressWarnings("removal")
    void theFormerBuilderBuildsTheEmbeddedControlPlane() {
        EmbeddedControlPlane plane = LocalControlPlane.builder().instant().build();
        try (Workspace ws = Workspace.on(plane)) {
            KubernetesCompute compute = ComputeTarget.attach(
                            ws,
                            "k8s",
                            KubernetesCompute.attachConfiguration(
                                    "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c"))
                    .waitForCompletion(false);
            assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
            assertThat(plane.kind()).isEqualTo("embedded");
        }
    }
}
