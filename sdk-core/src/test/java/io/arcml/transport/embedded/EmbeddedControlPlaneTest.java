package io.arcml.transport.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.resource.ResourceState;
import io.arcml.testutil.ManualClock;
import io.arcml.transport.Accepted;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedControlPlaneTest {
    private static final ClusterResourceId AKS = ClusterResourceId.aks("1", "rg", "aks1");

    private final ManualClock clock = new ManualClock();
    private final EmbeddedControlPlane local = EmbeddedControlPlane.builder()
            .clock(clock)
            .provisioningDelay(Duration.ofSeconds(30))
            .extensionInstallDelay(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(5))
            .build();

    private static KubernetesComputeSpec spec() {
        return KubernetesCompute.attachConfiguration(AKS.toString()).toSpec();
    }

    @Test
    void anAttachIsCreatingUntilTheDelayThenSucceeded() {
        Accepted<ComputeResource> accepted = local.beginAttach("c1", spec().toSpi());

        assertThat(accepted.resource().provisioningState()).isEqualTo(ResourceState.CREATING);
        assertThat(accepted.resource().createdOn()).isNull();
        assertThat(accepted.operation().initialStatus().retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(accepted.operation().poll().state()).isEqualTo(OperationStatus.State.IN_PROGRESS);

        clock.advance(Duration.ofSeconds(30));

        assertThat(accepted.operation().poll().state()).isEqualTo(OperationStatus.State.SUCCEEDED);
        ComputeResource read = local.getCompute("c1").orElseThrow();
        assertThat(read.provisioningState()).isEqualTo(ResourceState.SUCCEEDED);
        assertThat(read.createdOn()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(read.modifiedOn()).isEqualTo("2026-01-01T00:00:30Z");
        assertThat(read.id()).endsWith("/workspaces/local-workspace/computes/c1");
        assertThat(read.location()).isEqualTo("eastus");
    }

    @Test
    void anInjectedFailureEndsFailedWithArmShapedErrorsAndIsUsedUp() {
        local.inject(Fault.failAttach(null, "InternalServerError", "boom"));
        Accepted<ComputeResource> first = local.beginAttach("c1", spec().toSpi());
        clock.advance(Duration.ofMinutes(1));

        OperationStatus end = first.operation().poll();
        assertThat(end.state()).isEqualTo(OperationStatus.State.FAILED);
        assertThat(end.error().code()).isEqualTo("InternalServerError");
        assertThat(local.getCompute("c1").orElseThrow().provisioningErrors())
                .extracting(e -> e.message())
                .containsExactly("boom");

        Accepted<ComputeResource> retry = local.beginAttach("c1", spec().toSpi());
        clock.advance(Duration.ofMinutes(1));
        assertThat(retry.operation().poll().state()).isEqualTo(OperationStatus.State.SUCCEEDED);
    }

    @Test
    void writesDuringARunningOperationAreConflicts() {
        local.beginAttach("c1", spec().toSpi());
        assertThatThrownBy(() -> local.beginAttach("c1", spec().toSpi()))
                .isInstanceOfSatisfying(
                        ControlPlaneException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> local.beginDetach("c1"))
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("operation in progress (state Creating)");
    }

    @Test
    void aDetachGoesThroughDeletingAndTheComputeIsThenGone() {
        local.beginAttach("c1", spec().toSpi());
        clock.advance(Duration.ofSeconds(30));

        var op = local.beginDetach("c1");
        assertThat(local.getCompute("c1").orElseThrow().provisioningState()).isEqualTo(ResourceState.DELETING);
        clock.advance(Duration.ofSeconds(30));

        assertThat(op.poll().state()).isEqualTo(OperationStatus.State.SUCCEEDED);
        assertThat(local.getCompute("c1")).isEmpty();
        assertThat(local.listComputes()).isEmpty();
        assertThat(local.beginDetach("c1").initialStatus().state()).isEqualTo(OperationStatus.State.SUCCEEDED);
    }

    @Test
    void computeNamesAreCaseInsensitiveAsInArm() {
        local.beginAttach("MyCompute", spec().toSpi());
        assertThat(local.getCompute("mycompute")).isPresent();
    }

    @Test
    void theExtensionInstallsAndItsPodsFollowItsSettings() {
        var spec = AzureMLExtensionConfiguration.builder()
                .enableTraining(true)
                .installVolcano(false)
                .build()
                .spec();
        var accepted = local.beginCreateExtension(AKS.toString(), "azureml", spec);

        assertThat(accepted.resource().provisioningState()).isEqualTo(ResourceState.CREATING);
        assertThat(local.extensionPods(AKS.toString(), "azureml"))
                .allMatch(p -> p.phase().equals("Pending"));

        clock.advance(Duration.ofMinutes(2));

        assertThat(local.getExtension(AKS.toString(), "azureml").orElseThrow().provisioningState())
                .isEqualTo(ResourceState.SUCCEEDED);
        var pods = local.extensionPods(AKS.toString(), "azureml");
        assertThat(pods).allMatch(p -> p.isHealthy());
        assertThat(pods).anyMatch(p -> p.name().startsWith("aml-operator-"));
        assertThat(pods).noneMatch(p -> p.name().startsWith("volcano-"));
        assertThat(pods).noneMatch(p -> p.name().startsWith("relayserver-")); // AKS: no relay
    }

    @Test
    void anExtensionBeingDeletedHoldsItsName() {
        var spec = AzureMLExtensionConfiguration.builder()
                .enableTraining(true)
                .build()
                .spec();
        local.beginCreateExtension(AKS.toString(), "azureml", spec);
        clock.advance(Duration.ofMinutes(2));
        local.beginDeleteExtension(AKS.toString(), "azureml", false);

        assertThatThrownBy(() -> local.beginCreateExtension(AKS.toString(), "azureml", spec))
                .hasMessageContaining("cannot re-use a name that is still in use");

        clock.advance(Duration.ofMinutes(2));
        assertThat(local.getExtension(AKS.toString(), "azureml")).isEmpty();
    }

    @Test
    void countsEveryRequest() {
        local.getCompute("x");
        local.listComputes();
        var op = local.beginAttach("c1", spec().toSpi()).operation();
        op.poll();
        assertThat(local.requestCount()).isEqualTo(4);
    }
}
