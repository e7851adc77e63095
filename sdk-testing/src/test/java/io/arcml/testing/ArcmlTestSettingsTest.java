package io.arcml.testing;

import static io.arcml.testing.ArcmlTestFaultsTest.attach;
import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@ArcmlTest(workspaceName = "harness-ws", resourceGroup = "harness-rg")
class ArcmlTestSettingsTest {
    private Workspace fromBeforeEach;

    @BeforeEach
    void keep(Workspace ws) {
        fromBeforeEach = ws;
    }

    @Test
    void operationsAreInstantByDefault(Workspace ws) {
        KubernetesCompute compute = attach(ws, "gpu");

        compute.refreshState();

        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
    }

    @Test
    @ArcmlTest(provisioningDelayMillis = 600_000)
    void aDelayOnTheMethodKeepsTheAttachCreating(Workspace ws) {
        KubernetesCompute compute = attach(ws, "gpu");

        compute.refreshState();

        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.CREATING);
        assertThat(ws.name())
                .as("a method-level @ArcmlTest replaces the class one")
                .isEqualTo("local-workspace");
    }

    @Test
    void workspaceIdentityComesFromTheAnnotation(Workspace ws) {
        assertThat(ws.name()).isEqualTo("harness-ws");
        assertThat(ws.resourceGroup()).isEqualTo("harness-rg");
        assertThat(ws.subscriptionId()).isEqualTo("00000000-0000-0000-0000-000000000000");
    }

    @Test
    void everyParameterOfOneTestSharesOneEnvironment(
            Workspace ws, EmbeddedControlPlane controlPlane, ArcmlTestEnvironment environment) {
        assertThat(ws).isSameAs(fromBeforeEach).isSameAs(environment.workspace());
        assertThat(ws.controlPlane()).isSameAs(controlPlane).isSameAs(environment.controlPlane());
        assertThat(environment.isClosed()).isFalse();
    }

    @Nested
    class InANestedClass {
        @Test
        void theEnclosingClassSettingsApply(Workspace ws) {
            assertThat(ws.name()).isEqualTo("harness-ws");
        }
    }
}
