package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.JSON;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcml.ArcmlException;
import io.arcml.Secret;
import io.arcml.Workspace;
import io.arcml.compute.ClusterResourceId;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.operation.OperationWaiter;
import io.arcml.resource.ExtensionResource;
import io.arcml.resource.ExtensionSpec;
import io.arcml.resource.ResourceState;
import io.arcml.transport.Accepted;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArmExtensionTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    static final ClusterResourceId CLUSTER = ClusterResourceId.arc("subId1", "rg1", "clusterName1");
    static final String EXTENSION_PATH =
            CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions/ClusterMonitor";
    static final String OPERATION_PATH = EXTENSION_PATH + "/operations/99999999-9999-9999-9999-999999999999";

    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubClusters();
    }

    /** The spec of the contract example {@code CreateExtension.json}. */
    static ExtensionSpec contractSpec() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("omsagent.env.clusterName", "clusterName1");
        settings.put("omsagent.secret.wsid", "fakeTokenPlaceholder");
        return new ExtensionSpec(
                "azuremonitor-containers",
                "kube-system",
                "Preview",
                null,
                true,
                settings,
                Map.of("omsagent.secret.key", Secret.of("secretKeyValue01")));
    }

    private void stubCreated() {
        wm.stubFor(put(urlPathEqualTo(EXTENSION_PATH))
                .willReturn(json(201, fixture("extension/CreateExtension.json").at("/responses/201/body"))
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + OPERATION_PATH + "?api-version=2024-11-01")
                        .withHeader("Operation-Location", EXTENSION_PATH + "/operations/other")
                        .withHeader("x-ms-async-operation-timeout", "PT48H")
                        .withHeader("Retry-After", "0")));
        arm.sequence(
                "op",
                () -> get(urlPathEqualTo(OPERATION_PATH)),
                List.of(
                        json(200, "{\"status\":\"Creating\"}").withHeader("Retry-After", "0"),
                        json(
                                200,
                                fixture("extension/GetExtensionAsyncOperationStatus.json")
                                        .at("/responses/200/body"))));
    }

    @Test
    void createSendsTheContractBodyWithIdentityAndFollowsTheOperation() {
        stubCreated();

        Accepted<ExtensionResource> accepted =
                arm.controlPlane().beginCreateExtension(CLUSTER.toString(), "ClusterMonitor", contractSpec());
        assertThat(accepted.resource().provisioningState()).isEqualTo(ResourceState.CREATING);
        assertThat(accepted.resource().currentVersion()).isNull();
        OperationStatus end = OperationWaiter.await("install", accepted.operation(), Duration.ofSeconds(30), null);
        assertThat(end.state()).isEqualTo(OperationStatus.State.SUCCEEDED);

        LoggedRequest sent =
                wm.findAll(putRequestedFor(urlPathEqualTo(EXTENSION_PATH))).get(0);
        ObjectNode expected = JSON.createObjectNode();
        expected.putObject("identity").put("type", "SystemAssigned");
        expected.set("properties", fixture("extension/CreateExtension.json").at("/parameters/extension/properties"));
        assertThat(ArmComputeTest.readJson(sent.getBodyAsString())).isEqualTo(expected);
        assertThat(sent.queryParameter("api-version").firstValue()).isEqualTo("2024-11-01");
        wm.verify(2, getRequestedFor(urlPathEqualTo(OPERATION_PATH)));
        wm.verify(0, getRequestedFor(urlPathEqualTo(EXTENSION_PATH + "/operations/other")));
    }

    @Test
    void azureMlExtensionIsInstalledClusterScopedInAzuremlWithStringSwitches() {
        wm.stubFor(get(urlPathEqualTo(CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions"))
                .willReturn(json(200, "{\"value\":[]}")));
        String path = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml-extension";
        wm.stubFor(put(urlPathEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + path + "/operations/op1")
                        .withHeader("Retry-After", "0")));
        wm.stubFor(get(urlPathEqualTo(path + "/operations/op1")).willReturn(json(200, "{\"status\":\"Succeeded\"}")));
        wm.stubFor(get(urlPathEqualTo(path))
                .willReturn(json(
                        200,
                        "{\"name\":\"azureml-extension\",\"properties\":{"
                                + "\"extensionType\":\"Microsoft.AzureML.Kubernetes\",\"provisioningState\":\"Succeeded\",\"currentVersion\":\"1.1.60\","
                                + "\"scope\":{\"cluster\":{\"releaseNamespace\":\"azureml\"}},\"configurationSettings\":{\"enableTraining\":\"True\"}},"
                                + "\"identity\":{\"type\":\"SystemAssigned\",\"principalId\":\"pid-1\"}}")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            AzureMLExtension ext = AzureMLExtension.create(
                    ws,
                    CLUSTER,
                    AzureMLExtension.DEFAULT_NAME,
                    AzureMLExtensionConfiguration.builder()
                            .enableTraining(true)
                            .enableInference(false)
                            .build());
            ext.waitForCompletion(false, Duration.ofSeconds(30));
            assertThat(ext.getStatus().currentVersion()).isEqualTo("1.1.60");
            assertThat(ext.getStatus().principalId()).isEqualTo("pid-1");
        }
        JsonNode body = ArmComputeTest.readJson(
                wm.findAll(putRequestedFor(urlPathEqualTo(path))).get(0).getBodyAsString());
        assertThat(body.at("/properties/extensionType").asText()).isEqualTo("Microsoft.AzureML.Kubernetes");
        assertThat(body.at("/properties/scope/cluster/releaseNamespace").asText())
                .isEqualTo("azureml");
        assertThat(body.at("/properties/configurationSettings/enableTraining").isTextual())
                .isTrue();
        assertThat(body.at("/properties/configurationSettings/enableTraining").asText())
                .isEqualTo("True");
        assertThat(body.at("/properties/configurationSettings/enableInference").asText())
                .isEqualTo("False");
        assertThat(body.at("/identity/type").asText()).isEqualTo("SystemAssigned");
        assertThat(body.at("/properties").has("configurationProtectedSettings")).isFalse();
    }

    @Test
    void showMapsTheContractExample() {
        wm.stubFor(get(urlPathEqualTo(EXTENSION_PATH))
                .willReturn(json(200, fixture("extension/GetExtension.json").at("/responses/200/body"))));

        ExtensionResource status = arm.controlPlane()
                .getExtension(CLUSTER.toString(), "ClusterMonitor")
                .orElseThrow();
        assertThat(status.name()).isEqualTo("ClusterMonitor");
        assertThat(status.extensionType()).isEqualTo("azuremonitor-containers");
        assertThat(status.provisioningState()).isEqualTo(ResourceState.SUCCEEDED);
        assertThat(status.currentVersion()).isEqualTo("0.1.4");
        assertThat(status.releaseTrain()).isEqualTo("Preview");
        assertThat(status.releaseNamespace()).isEqualTo("kube-system");
        assertThat(status.configurationSettings()).containsEntry("omsagent.env.clusterName", "clusterName1");
        assertThat(status.installState()).isNull();
        assertThat(status.errorInfo()).isNull();
    }

    @Test
    void showKeepsStatusesErrorInfoAndTheOlderInstallState() {
        wm.stubFor(
                get(urlPathEqualTo(EXTENSION_PATH))
                        .willReturn(
                                json(
                                        200,
                                        "{\"name\":\"ClusterMonitor\",\"properties\":{"
                                                + "\"extensionType\":\"Microsoft.AzureML.Kubernetes\",\"provisioningState\":\"Failed\",\"installState\":\"Failed\","
                                                + "\"statuses\":[{\"code\":\"InstallationFailed\",\"displayStatus\":\"Failed\",\"level\":\"Error\","
                                                + "\"message\":\"Helm installation failed\",\"time\":\"2024-01-02T03:04:05Z\"}],"
                                                + "\"errorInfo\":{\"code\":\"ExtensionOperationFailed\",\"message\":\"pod healthcheck failed\","
                                                + "\"details\":[{\"code\":\"HealthCheck\",\"message\":\"relayserver not ready\"}]}}}")));

        ExtensionResource status = arm.controlPlane()
                .getExtension(CLUSTER.toString(), "ClusterMonitor")
                .orElseThrow();
        assertThat(status.provisioningState()).isEqualTo(ResourceState.FAILED);
        assertThat(status.installState()).isEqualTo("Failed");
        assertThat(status.statuses()).singleElement().satisfies(m -> {
            assertThat(m.level()).isEqualTo("Error");
            assertThat(m.message()).isEqualTo("Helm installation failed");
            assertThat(m.time()).isNotNull();
        });
        assertThat(status.errorInfo().code()).isEqualTo("ExtensionOperationFailed");
        assertThat(status.errorInfo().details()).extracting(d -> d.code()).containsExactly("HealthCheck");
    }

    @Test
    void showOfAnAbsentExtensionIsEmpty() {
        wm.stubFor(get(urlPathEqualTo(EXTENSION_PATH))
                .willReturn(json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"x\"}}")));
        assertThat(arm.controlPlane().getExtension(CLUSTER.toString(), "ClusterMonitor"))
                .isEmpty();
    }

    @Test
    void deleteFollowsTheAsyncOperationAndForceAddsForceDelete() {
        JsonNode headers = fixture("extension/DeleteExtension.json").at("/responses/202/headers");
        wm.stubFor(delete(urlPathEqualTo(EXTENSION_PATH))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + OPERATION_PATH + "?api-version=2024-11-01")
                        .withHeader(
                                "Operation-Location",
                                headers.get("Operation-Location").asText())
                        .withHeader("Retry-After", "0")));
        wm.stubFor(get(urlPathEqualTo(OPERATION_PATH))
                .willReturn(json(
                        200,
                        fixture("extension/GetExtensionAsyncOperationStatus.json")
                                .at("/responses/200/body"))));

        LongRunningOperation op = arm.controlPlane().beginDeleteExtension(CLUSTER.toString(), "ClusterMonitor", true);
        assertThat(op.initialStatus().status()).isEqualTo("Deleting");
        assertThat(OperationWaiter.await("delete", op, Duration.ofSeconds(30), null)
                        .state())
                .isEqualTo(OperationStatus.State.SUCCEEDED);
        wm.verify(1, deleteRequestedFor(urlPathEqualTo(EXTENSION_PATH)).withQueryParam("forceDelete", equalTo("true")));
    }

    @Test
    void deleteOfAnAbsentExtensionEndsAtOnce() {
        wm.stubFor(delete(urlPathEqualTo(EXTENSION_PATH)).willReturn(aResponse().withStatus(204)));
        assertThat(arm.controlPlane()
                        .beginDeleteExtension(CLUSTER.toString(), "ClusterMonitor", false)
                        .initialStatus()
                        .state())
                .isEqualTo(OperationStatus.State.SUCCEEDED);
        assertThat(wm.findAll(deleteRequestedFor(urlPathEqualTo(EXTENSION_PATH)))
                        .get(0)
                        .queryParameter("forceDelete")
                        .isPresent())
                .isFalse();
    }

    @Test
    void listFollowsNextLink() {
        String listPath = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions";
        JsonNode one = fixture("extension/GetExtension.json").at("/responses/200/body");
        ObjectNode page1 = JSON.createObjectNode();
        page1.putArray("value").add(one);
        page1.put("nextLink", listPath + "?api-version=2024-11-01&page=2");
        ObjectNode page2 = JSON.createObjectNode();
        page2.putArray("value").add(((ObjectNode) one.deepCopy()).put("name", "Second"));
        wm.stubFor(get(urlPathEqualTo(listPath))
                .withQueryParam("page", WireMock.absent())
                .willReturn(json(200, page1)));
        wm.stubFor(get(urlPathEqualTo(listPath))
                .withQueryParam("page", equalTo("2"))
                .willReturn(json(200, page2)));

        assertThat(arm.controlPlane().listExtensions(CLUSTER.toString()))
                .extracting(ExtensionResource::name)
                .containsExactly("ClusterMonitor", "Second");
    }

    @Test
    void failedInstallRaisesTheOperationError() {
        String path = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml-extension";
        wm.stubFor(get(urlPathEqualTo(CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions"))
                .willReturn(json(200, "{\"value\":[]}")));
        wm.stubFor(put(urlPathEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + path + "/operations/op1")
                        .withHeader("Retry-After", "0")));
        wm.stubFor(
                get(urlPathEqualTo(path + "/operations/op1"))
                        .willReturn(
                                json(
                                        200,
                                        "{\"status\":\"Failed\",\"error\":{"
                                                + "\"code\":\"ExtensionOperationFailed\",\"message\":\"Helm installation failed: pod healthcheck failed\"}}")));
        wm.stubFor(
                get(urlPathEqualTo(path))
                        .willReturn(
                                json(
                                        200,
                                        "{\"name\":\"azureml-extension\",\"properties\":{"
                                                + "\"extensionType\":\"Microsoft.AzureML.Kubernetes\",\"provisioningState\":\"Failed\"}}")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            AzureMLExtension ext = AzureMLExtension.create(
                    ws,
                    CLUSTER,
                    AzureMLExtension.DEFAULT_NAME,
                    AzureMLExtensionConfiguration.builder().enableTraining(true).build());
            assertThatThrownBy(() -> ext.waitForCompletion(false, Duration.ofSeconds(30)))
                    .isInstanceOf(ArcmlException.class)
                    .hasMessageContaining("ExtensionOperationFailed")
                    .hasMessageContaining("pod healthcheck failed");
        }
    }
}
