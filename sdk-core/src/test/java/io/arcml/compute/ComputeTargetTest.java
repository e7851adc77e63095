package io.arcml.compute;

import static io.arcml.compute.KubernetesComputeAttachConfigurationTest.ARC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.ErrorDetail;
import io.arcml.OperationTimeoutException;
import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComputeTargetTest {
    private EmbeddedControlPlane local;
    private Workspace ws;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void setUp() {
        local = EmbeddedControlPlane.builder()
                .provisioningDelay(Duration.ofMillis(60))
                .pollInterval(Duration.ofMillis(10))
                .build();
        ws = Workspace.on(local);
        originalOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(originalOut);
    }

    private String output() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void attachGoesFromCreatingToSucceededAndPrintsProgress() {
        KubernetesCompute compute =
                ComputeTarget.attach(ws, "amlarc-compute", KubernetesCompute.attachConfiguration(ARC));
        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.CREATING);

        compute.waitForCompletion(true);

        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(output())
                .matches(
                        "(?s)Creating\\.*Succeeded\\R" + "Provisioning operation finished, operation \"Succeeded\"\\R");
        Map<String, Object> status = compute.getStatus().serialize();
        assertThat(status).containsOnlyKeys("creationTime", "modifiedTime", "provisioningState");
        assertThat(status.get("provisioningState")).isEqualTo("Succeeded");
        assertThat(status.get("creationTime")).isNotNull();
    }

    @Test
    void waitingSilentlyPrintsNothing() {
        ComputeTarget.attach(ws, "quiet", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);
        assertThat(output()).isEmpty();
    }

    @Test
    void aFailedAttachRaisesWithTheProvisioningErrorsAndSaysTheComputeRemains() {
        local.inject(Fault.failAttach("broken", "InternalServerError", "An internal server error occurred."));
        KubernetesCompute compute = ComputeTarget.attach(ws, "broken", KubernetesCompute.attachConfiguration(ARC));

        assertThatThrownBy(() -> compute.waitForCompletion(true))
                .isInstanceOfSatisfying(ComputeTargetException.class, e -> {
                    assertThat(e.errors()).extracting(ErrorDetail::code).contains("InternalServerError");
                    assertThat(e.getMessage())
                            .contains("non-successful terminal state, current provisioning state: Failed")
                            .contains("StatusCode: InternalServerError")
                            .contains("remains in workspace local-workspace")
                            .contains("detach()");
                });
        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.FAILED);
        assertThat(compute.getStatus().serialize()).containsKey("provisioningErrors");
        assertThat(output()).contains("Creating").contains("Failed");
    }

    @Test
    void attachingTheSameSettingsAgainReturnsTheExistingComputeWithoutAnotherAttach() {
        ComputeTarget.attach(
                        ws, "same", KubernetesCompute.attachConfiguration(ARC).namespace("ns"))
                .waitForCompletion(false);
        long before = local.requestCount();

        KubernetesCompute again = ComputeTarget.attach(
                ws, "same", KubernetesCompute.attachConfiguration(ARC).namespace("ns"));

        assertThat(local.requestCount() - before).isEqualTo(1); // the read only
        assertThat(again.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        again.waitForCompletion(true);
        assertThat(output()).contains("Final state of \"Succeeded\" has been reached");
    }

    @Test
    void attachingDifferentSettingsOverAnExistingComputeIsRefused() {
        ComputeTarget.attach(
                        ws, "taken", KubernetesCompute.attachConfiguration(ARC).namespace("ns-a"))
                .waitForCompletion(false);

        assertThatThrownBy(() -> ComputeTarget.attach(
                        ws, "taken", KubernetesCompute.attachConfiguration(ARC).namespace("ns-b")))
                .isInstanceOf(ComputeTargetException.class)
                .hasMessageContaining(
                        "already attached with different settings: namespace (existing ns-a, requested ns-b)")
                .hasMessageContaining("replaceExisting(true)");
        assertThat(ComputeTarget.get(ws, "taken"))
                .isInstanceOfSatisfying(
                        KubernetesCompute.class, k -> assertThat(k.namespace()).isEqualTo("ns-a"));
    }

    @Test
    void replaceExistingOverwritesAsAzureDoes() {
        ComputeTarget.attach(
                        ws, "taken", KubernetesCompute.attachConfiguration(ARC).namespace("ns-a"))
                .waitForCompletion(false);

        KubernetesCompute replaced = ComputeTarget.attach(
                        ws,
                        "taken",
                        KubernetesCompute.attachConfiguration(ARC)
                                .namespace("ns-b")
                                .replaceExisting(true))
                .waitForCompletion(false);

        assertThat(replaced.namespace()).isEqualTo("ns-b");
    }

    @Test
    void attachingWhileAnotherAttachRunsIsAConflict() {
        EmbeddedControlPlane slow = EmbeddedControlPlane.builder()
                .provisioningDelay(Duration.ofMinutes(5))
                .build();
        Workspace slowWs = Workspace.on(slow);
        ComputeTarget.attach(
                slowWs, "busy", KubernetesCompute.attachConfiguration(ARC).namespace("a"));

        assertThatThrownBy(() -> ComputeTarget.attach(
                        slowWs,
                        "busy",
                        KubernetesCompute.attachConfiguration(ARC)
                                .namespace("b")
                                .replaceExisting(true)))
                .isInstanceOfSatisfying(ControlPlaneException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.error().code()).isEqualTo("Conflict");
                });
    }

    @Test
    void aComputeOfAnotherTypeIsNeverOverwritten() {
        local.seed("cpu-cluster", "AmlCompute", null, false);
        assertThatThrownBy(() -> ComputeTarget.attach(
                        ws,
                        "cpu-cluster",
                        KubernetesCompute.attachConfiguration(ARC).replaceExisting(true)))
                .isInstanceOf(ComputeTargetException.class)
                .hasMessageContaining("with type AmlCompute");
    }

    @Test
    void invalidInputIsRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> ComputeTarget.attach(ws, "x", KubernetesCompute.attachConfiguration(ARC)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("name: 'x'");
        assertThatThrownBy(() -> ComputeTarget.attach(
                        ws,
                        "good-name",
                        KubernetesCompute.attachConfiguration(ARC)
                                .instanceType("gpu", InstanceType.builder().build())))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("defaultInstanceType:");
        assertThat(local.requestCount()).isZero();
    }

    @Test
    void computeTargetsListsAttachedKubernetesComputesOnly() {
        ComputeTarget.attach(ws, "k8s-one", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);
        local.seed("cpu-cluster", "AmlCompute", null, false);
        local.seed(
                "not-attached",
                "Kubernetes",
                KubernetesCompute.attachConfiguration(ARC).toSpec(),
                false);

        assertThat(ComputeTarget.list(ws)).containsOnlyKeys("k8s-one");
        assertThat(ComputeTarget.list(ws).get("k8s-one")).isInstanceOf(KubernetesCompute.class);
    }

    @Test
    void getOfAMissingComputeSaysHowToAttachIt() {
        assertThatThrownBy(() -> ComputeTarget.get(ws, "missing"))
                .isInstanceOf(ComputeTargetException.class)
                .hasMessageContaining("'missing' was not found")
                .hasMessageContaining("ComputeTarget.attach");
    }

    @Test
    void detachRemovesTheComputeAndLeavesTheHandleDetached() {
        KubernetesCompute compute = ComputeTarget.attach(ws, "gone", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);

        compute.detach();
        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.DELETING);
        compute.waitForCompletion(true);

        assertThat(compute.isDetached()).isTrue();
        assertThat(ComputeTarget.list(ws)).doesNotContainKey("gone");
        assertThat(output()).contains("Deleting").contains("Succeeded");
        assertThat(compute).hasToString(compute.toString()).asString().contains("state=Detached");
        assertThatThrownBy(compute::detach).hasMessageContaining("already detached");
    }

    @Test
    void deleteIsNotSupportedAsInThePythonSdk() {
        KubernetesCompute compute = ComputeTarget.attach(ws, "nodelete", KubernetesCompute.attachConfiguration(ARC));
        assertThatThrownBy(compute::delete)
                .hasMessage("Delete is not supported for KubernetesCompute object. Try to use detach instead.");
    }

    @Test
    void aTimeoutLeavesTheOperationGoingAndAWaitCanResume() {
        EmbeddedControlPlane slow = EmbeddedControlPlane.builder()
                .provisioningDelay(Duration.ofMillis(400))
                .pollInterval(Duration.ofMillis(20))
                .build();
        KubernetesCompute compute =
                ComputeTarget.attach(Workspace.on(slow), "slow", KubernetesCompute.attachConfiguration(ARC));

        assertThatThrownBy(() -> compute.waitForCompletion(false, Duration.ofMillis(50)))
                .isInstanceOfSatisfying(
                        OperationTimeoutException.class,
                        e -> assertThat(e.lastStatus()).isEqualTo("Creating"))
                .hasMessageContaining("call waitForCompletion again");

        compute.waitForCompletion(false, Duration.ofSeconds(30));
        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
    }

    @Test
    void throttledStatusReadsAreRetriedAfterRetryAfter() {
        local.inject(Fault.throttlePolls(3, Duration.ofMillis(5)));

        KubernetesCompute compute = ComputeTarget.attach(ws, "throttled", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);

        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
    }

    @Test
    void aBurstOfServerErrorsLongerThanTheRetryBudgetEndsTheWait() {
        local.inject(Fault.serverErrorPolls(50, 503, Duration.ofMillis(1)));
        KubernetesCompute compute = ComputeTarget.attach(ws, "flaky", KubernetesCompute.attachConfiguration(ARC));

        assertThatThrownBy(() -> compute.waitForCompletion(false))
                .isInstanceOfSatisfying(
                        ControlPlaneException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(503));
    }

    @Test
    void serializeGivesThePythonSdksShape() {
        KubernetesCompute compute = ComputeTarget.attach(
                        ws,
                        "shape",
                        KubernetesCompute.attachConfiguration(ARC)
                                .namespace("ns")
                                .identity(ComputeIdentity.systemAssigned()))
                .waitForCompletion(false);

        Map<String, Object> s = compute.serialize();
        assertThat(s).containsKeys("id", "name", "tags", "location", "identity", "properties");
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) s.get("properties");
        assertThat(props)
                .containsEntry("computeType", "Kubernetes")
                .containsEntry("resourceId", ARC)
                .containsEntry("provisioningState", "Succeeded")
                .containsEntry("computeLocation", "eastus");
        assertThat(props.get("properties"))
                .isEqualTo(Map.of(
                        "namespace",
                        "ns",
                        "defaultInstanceType",
                        "defaultinstancetype",
                        "instanceTypes",
                        Map.of(
                                "defaultinstancetype",
                                InstanceType.defaultInstanceType().serialize())));
        assertThat(compute.toString())
                .contains("name=shape")
                .contains("state=Succeeded")
                .contains("namespace=ns");
    }

    @Test
    void printsAsJsonAndReadableLinesInANotebook() throws Exception {
        KubernetesCompute compute = ComputeTarget.attach(
                        ws, "json", KubernetesCompute.attachConfiguration(ARC).namespace("ns"))
                .waitForCompletion(false);

        var tree = new ObjectMapper().readTree(compute.toJson());
        assertThat(tree.path("properties").path("properties").path("namespace").asText())
                .isEqualTo("ns");
        assertThat(compute.getStatus().toJson()).contains("\"provisioningState\" : \"Succeeded\"");
        assertThat(compute.getStatus().toString()).startsWith("KubernetesComputeStatus{");
        assertThat(KubernetesCompute.attachConfiguration(ARC).toString())
                .isEqualTo(
                        "KubernetesComputeAttachConfiguration{cluster=amlarc-cluster (ARC), namespace=default, defaultInstanceType=defaultinstancetype (1 CPU, 4Gi)}");
        assertThat(InstanceType.builder().nodeSelector("VMSizes", "big").build())
                .hasToString("InstanceType{nodeSelector={VMSizes=big}}");
        assertThat(ComputeIdentity.systemAssigned()).hasToString("SystemAssigned");
    }

    @Test
    void aFailedAttachListsEachErrorOnce() {
        local.inject(Fault.failAttach("once", "InternalServerError", "boom"));
        KubernetesCompute compute = ComputeTarget.attach(ws, "once", KubernetesCompute.attachConfiguration(ARC));
        assertThatThrownBy(() -> compute.waitForCompletion(false))
                .isInstanceOfSatisfying(
                        ComputeTargetException.class,
                        e -> assertThat(e.errors()).hasSize(1));
    }

    @Test
    void aClosedWorkspaceRefusesLaterRequests() {
        ws.close();
        assertThat(local.isClosed()).isTrue();
        assertThatThrownBy(() -> ComputeTarget.list(ws))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was closed");
    }

    @Test
    void refreshStateNoticesADetachDoneElsewhere() {
        KubernetesCompute compute = ComputeTarget.attach(ws, "elsewhere", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);
        ((KubernetesCompute) ComputeTarget.get(ws, "elsewhere")).detach().waitForCompletion(false);

        assertThatThrownBy(compute::refreshState).hasMessageContaining("no longer exists");
    }
}
