package io.arcml.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ArcmlException;
import io.arcml.OperationTimeoutException;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.ComputeTargetException;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.extension.ExtensionVerification;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ArcmlTest
@FailAttach(compute = "class-level", code = "ClassLevelFault", message = "declared on the class")
class ArcmlTestFaultsTest {
    static final String CLUSTER =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";

    static KubernetesCompute attach(Workspace ws, String name) {
        return ComputeTarget.attach(
                ws, name, KubernetesCompute.attachConfiguration(CLUSTER).namespace("amlarc-testing"));
    }

    @Test
    @FailAttach(compute = "gpu", code = "RoleAssignmentMissing", message = "The cluster identity has no access")
    void failAttachMakesOnlyThatComputeEndFailedWithTheError(Workspace ws) {
        KubernetesCompute gpu = attach(ws, "gpu");

        assertThatThrownBy(() -> gpu.waitForCompletion(false))
                .isInstanceOf(ComputeTargetException.class)
                .hasMessageContaining("RoleAssignmentMissing")
                .hasMessageContaining("The cluster identity has no access");
        assertThat(gpu.provisioningState()).isEqualTo(ProvisioningState.FAILED);
        assertThat(gpu.getStatus().serialize()).containsEntry("provisioningState", "Failed");
        assertThat(attach(ws, "cpu").waitForCompletion(false).provisioningState())
                .isEqualTo(ProvisioningState.SUCCEEDED);
    }

    @Test
    void faultsDeclaredOnTheClassApplyToEveryTest(Workspace ws) {
        assertThatThrownBy(() -> attach(ws, "class-level").waitForCompletion(false))
                .hasMessageContaining("ClassLevelFault");
    }

    @Test
    @FailAttach(compute = "gpu", code = "First", message = "first attach fails")
    @FailAttach(compute = "gpu", code = "Second", message = "second attach fails")
    void repeatedFailAttachFailsThatManyAttachesInOrder(Workspace ws) {
        assertThatThrownBy(() -> attach(ws, "gpu").waitForCompletion(false)).hasMessageContaining("First");
        assertThatThrownBy(() -> attach(ws, "gpu").waitForCompletion(false)).hasMessageContaining("Second");
        assertThat(attach(ws, "gpu").waitForCompletion(false).provisioningState())
                .isEqualTo(ProvisioningState.SUCCEEDED);
    }

    @Test
    @ThrottlePolls(times = 2, retryAfterMillis = 1)
    void aFewThrottledStatusReadsAreRetriedAndTheAttachSucceeds(Workspace ws, EmbeddedControlPlane controlPlane) {
        // read, attach, two throttled polls, the successful poll, the final read
        assertAttachSucceedsAfterRequests(ws, controlPlane, 6);
    }

    @Test
    @ThrottlePolls(times = 50, retryAfterMillis = 1)
    void persistentThrottlingEndsTheWaitWith429(Workspace ws) {
        KubernetesCompute compute = attach(ws, "gpu");

        assertThatThrownBy(() -> compute.waitForCompletion(false))
                .isInstanceOfSatisfying(
                        ControlPlaneException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(429));
    }

    @Test
    @ServerErrorPolls(times = 1, statusCode = 502)
    void aServerErrorOnAStatusReadIsRetriedAndTheAttachSucceeds(Workspace ws, EmbeddedControlPlane controlPlane) {
        // read, attach, the failed poll, the successful poll, the final read
        assertAttachSucceedsAfterRequests(ws, controlPlane, 5);
    }

    private static void assertAttachSucceedsAfterRequests(
            Workspace ws, EmbeddedControlPlane controlPlane, long expectedRequests) {
        long before = controlPlane.requestCount();

        KubernetesCompute compute = attach(ws, "gpu").waitForCompletion(false);

        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(controlPlane.requestCount() - before).isEqualTo(expectedRequests);
    }

    @Test
    @SlowOperations(extraMillis = 600_000)
    void slowOperationOutlastsAShortTimeoutAndStaysCreating(Workspace ws) {
        KubernetesCompute compute = attach(ws, "gpu");

        assertThatThrownBy(() -> compute.waitForCompletion(false, Duration.ofMillis(20)))
                .isInstanceOf(OperationTimeoutException.class);
        compute.refreshState();
        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.CREATING);
    }

    @Test
    @FailExtensionInstall(code = "HealthCheckFailed", message = "pre-install hook healthcheck failed")
    void failExtensionInstallMakesTheInstallFail(Workspace ws) {
        AzureMLExtension extension = AzureMLExtension.create(
                ws,
                CLUSTER,
                AzureMLExtensionConfiguration.builder().enableTraining(true).build());

        assertThatThrownBy(() -> extension.waitForCompletion(false))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("HealthCheckFailed");
    }

    @Test
    @UnhealthyExtensionPod(podPrefix = "gateway", reason = "CrashLoopBackOff")
    void unhealthyExtensionPodFailsTheVerification(Workspace ws) {
        AzureMLExtension extension = AzureMLExtension.create(
                        ws,
                        CLUSTER,
                        AzureMLExtensionConfiguration.builder()
                                .enableTraining(true)
                                .build())
                .waitForCompletion(false);

        ExtensionVerification verification = extension.verify();

        assertThat(verification.isHealthy()).isFalse();
        assertThat(verification.problems())
                .anySatisfy(p -> assertThat(p).contains("gateway").contains("CrashLoopBackOff"));
    }

    @Test
    void withoutFaultsTheExtensionVerifiesHealthy(Workspace ws) {
        AzureMLExtension extension = AzureMLExtension.create(
                        ws,
                        CLUSTER,
                        AzureMLExtensionConfiguration.builder()
                                .enableTraining(true)
                                .build())
                .waitForCompletion(false);

        assertThat(extension.verify().isHealthy()).isTrue();
    }
}
