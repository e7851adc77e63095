package io.arcml.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ProvisioningState;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AzureMLExtensionTest {
    private static final ClusterResourceId ARC = ClusterResourceId.arc("1", "rg", "amlarc");
    private final EmbeddedControlPlane local =
            EmbeddedControlPlane.builder().instant().build();
    private final Workspace ws = Workspace.on(local);
    private final AzureMLExtensionConfiguration training =
            AzureMLExtensionConfiguration.builder().enableTraining(true).build();

    @Test
    void installsWaitsAndVerifiesProvisioningStateAndPods() {
        AzureMLExtension ext = AzureMLExtension.create(ws, ARC.toString(), training);
        assertThat(ext.getStatus().provisioningState()).isEqualTo(ProvisioningState.CREATING);
        assertThat(ext.warnings()).isEmpty();

        ext.waitForCompletion(false);
        ExtensionVerification v = ext.verify();

        assertThat(v.isHealthy()).isTrue();
        assertThat(v.status().currentVersion()).isEqualTo("0.0.0-local");
        assertThat(v.pods().orElseThrow())
                .anyMatch(p -> p.name().startsWith("relayserver-")); // Arc clusters run the relay
        assertThat(v.toString()).contains("healthy").contains("pods in azureml:");
        assertThat(AzureMLExtension.show(ws, ARC, AzureMLExtension.DEFAULT_NAME)
                        .orElseThrow()
                        .configurationSettings())
                .containsEntry("enableTraining", "True");
    }

    @Test
    void aFailedInstallRaisesWithTheServiceErrorAndWhereToLook() {
        local.inject(Fault.failExtensionInstall(
                "ExtensionOperationFailed", "Helm installation failed: pod healthcheck failed"));
        AzureMLExtension ext = AzureMLExtension.create(ws, ARC.toString(), training);

        assertThatThrownBy(() -> ext.waitForCompletion(false))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("ExtensionOperationFailed: Helm installation failed")
                .hasMessageContaining("arcml-healthcheck");
        assertThat(ext.verify().problems()).anyMatch(p -> p.contains("is Failed"));
    }

    @Test
    void anUnhealthyPodFailsVerification() {
        local.inject(Fault.unhealthyExtensionPod("volcano-scheduler", "CrashLoopBackOff"));
        AzureMLExtension ext =
                AzureMLExtension.create(ws, ARC.toString(), training).waitForCompletion(false);

        ExtensionVerification v = ext.verify();
        assertThat(v.isHealthy()).isFalse();
        assertThat(v.problems())
                .singleElement()
                .asString()
                .startsWith("pod volcano-scheduler-")
                .contains("CrashLoopBackOff");
    }

    @Test
    void warnsAboutAnotherAzureMlExtensionOnTheCluster() {
        AzureMLExtension.create(ws, ARC, "first", training).waitForCompletion(false);

        AzureMLExtension second = AzureMLExtension.create(ws, ARC, "second", training);

        assertThat(second.warnings())
                .singleElement()
                .asString()
                .contains("Another Azure ML extension, 'first'")
                .contains("CRDs");
    }

    @Test
    void warnsThatReinstallingUnderTheSameNameUpdatesIt() {
        AzureMLExtension.create(ws, ARC, "azureml", training).waitForCompletion(false);
        AzureMLExtension again = AzureMLExtension.create(ws, ARC, "azureml", training);
        assertThat(again.warnings())
                .singleElement()
                .asString()
                .contains("already installed")
                .contains("Protected settings");
    }

    @Test
    void reinstallingWhileTheOldOneIsBeingDeletedWarnsThenFails() {
        EmbeddedControlPlane slowDelete = EmbeddedControlPlane.builder()
                .extensionInstallDelay(Duration.ofMillis(300))
                .pollInterval(Duration.ofMillis(10))
                .build();
        Workspace w = Workspace.on(slowDelete);
        AzureMLExtension.create(w, ARC, "azureml", training)
                .waitForCompletion(false)
                .delete();

        assertThatThrownBy(() -> AzureMLExtension.create(w, ARC, "azureml", training))
                .hasMessageContaining("cannot re-use a name that is still in use");
    }

    @Test
    void deleteRemovesTheExtension() {
        AzureMLExtension ext =
                AzureMLExtension.create(ws, ARC.toString(), training).waitForCompletion(false);

        ext.delete().waitForCompletion(false);

        assertThat(ext.isDeleted()).isTrue();
        assertThat(AzureMLExtension.show(ws, ARC, AzureMLExtension.DEFAULT_NAME))
                .isEmpty();
        assertThat(ext.toString()).contains("state=Deleted");
        assertThatThrownBy(() -> AzureMLExtension.get(ws, ARC, AzureMLExtension.DEFAULT_NAME))
                .hasMessageContaining("Install it with");
    }

    @Test
    void rejectsAnInternalLoadBalancerOnArcAndBadNames() {
        var ilb = AzureMLExtensionConfiguration.builder()
                .enableInference(true)
                .inferenceRouterServiceType("loadBalancer")
                .allowInsecureConnections(true)
                .internalLoadBalancerProvider("azure")
                .build();
        assertThatThrownBy(() -> AzureMLExtension.create(ws, ARC.toString(), ilb))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("only supported on AKS");
        assertThatThrownBy(() -> AzureMLExtension.create(ws, ARC, "Bad_Name", training))
                .hasMessageStartingWith("extensionName: 'Bad_Name'");
        assertThat(local.requestCount()).isZero();
    }
}
