package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.CLUSTER_ID;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.JSON;
import static io.arcml.transport.arm.ArmEmulator.STATUS_PATH;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcml.ErrorDetail;
import io.arcml.OperationTimeoutException;
import io.arcml.Workspace;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.ComputeTargetException;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.compute.ProvisioningState;
import io.arcml.operation.OperationWaiter;
import io.arcml.transport.Accepted;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArmComputeTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubWorkspace();
    }

    /** The configuration that matches the contract example {@code createOrUpdate-KubernetesCompute.json}. */
    static KubernetesComputeAttachConfiguration contractConfiguration() {
        return KubernetesCompute.attachConfiguration(CLUSTER_ID)
                .description("some compute")
                .namespace("default")
                .defaultInstanceType("defaultInstanceType")
                .instanceType(
                        "defaultInstanceType",
                        InstanceType.builder()
                                .requests("1", "4Gi")
                                .limits("1", "4Gi")
                                .build());
    }

    private String statusUrl(String signature) {
        return arm.baseUrl() + STATUS_PATH + "?api-version=2024-10-01&service=new&s=" + signature;
    }

    private static ResponseDefinitionBuilder status(String status, String retryAfter) {
        return json(200, "{\"status\":\"" + status + "\"}").withHeader("Retry-After", retryAfter);
    }

    /** GET compute: absent first (the existence check), then as the contract's GET example. */
    private void stubComputeAbsentThenAttached(JsonNode attached) {
        arm.sequence(
                "compute",
                () -> get(urlPathEqualTo(COMPUTE_PATH)),
                List.of(
                        json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"not found\"}}"),
                        json(200, attached)));
    }

    private void stubPutCreated(String retryAfter) {
        JsonNode created =
                fixture("compute/createOrUpdate-KubernetesCompute.json").at("/responses/201/body");
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(201, created)
                        .withHeader("Azure-AsyncOperation", statusUrl("sig"))
                        .withHeader("Retry-After", retryAfter)));
    }

    private void stubStatuses(String retryAfter, String... statuses) {
        List<ResponseDefinitionBuilder> answers = new ArrayList<>();
        for (String s : statuses) {
            answers.add(status(s, retryAfter));
        }
        arm.sequence("status", () -> get(urlPathEqualTo(STATUS_PATH)), answers);
    }

    @Test
    void attachSendsTheContractBodyAndCostsOneGetOnePutOnePollPerStatusAndOneFinalGet() {
        stubComputeAbsentThenAttached(
                fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"));
        stubPutCreated("0");
        stubStatuses("0", "InProgress", "InProgress", "Succeeded");

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = ComputeTarget.attach(ws, COMPUTE, contractConfiguration());
            compute.waitForCompletion(false, Duration.ofSeconds(30));
            assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
            assertThat(compute.location()).isEqualTo("eastus");
        }

        List<LoggedRequest> requests = arm.requests();
        assertThat(requests)
                .extracting(r -> r.getMethod().value() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly(
                        "GET " + COMPUTE_PATH, // the existence check
                        "GET " + WORKSPACE_PATH, // the workspace location, once per control plane
                        "GET " + CLUSTER_ID, // the cluster exists (generic-resources read), once per cluster and
                        // control plane
                        "PUT " + COMPUTE_PATH,
                        "GET " + STATUS_PATH,
                        "GET " + STATUS_PATH,
                        "GET " + STATUS_PATH,
                        "GET " + COMPUTE_PATH); // the final refresh
        LoggedRequest putRequest = requests.get(3);
        JsonNode expected =
                fixture("compute/createOrUpdate-KubernetesCompute.json").at("/parameters/parameters");
        assertThat(readJson(putRequest.getBodyAsString())).isEqualTo(expected);
        assertThat(putRequest.queryParameter("api-version").firstValue()).isEqualTo("2024-10-01");
        assertThat(putRequest.getHeader("Authorization")).isEqualTo("Bearer " + ArmEmulator.TOKEN);
        assertThat(putRequest.getHeader("User-Agent")).contains("azsdk-java-arcml-core/");
        assertThat(putRequest.getHeader("x-ms-client-request-id")).isNotBlank();
        assertThat(requests.get(4).queryParameter("s").firstValue())
                .as("the signed status URL is used as given")
                .isEqualTo("sig");
    }

    @Test
    void attachOverTheSameComputeReadBackFromArmSendsNoPut() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = ComputeTarget.attach(ws, COMPUTE, contractConfiguration());
            assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
            assertThatThrownBy(() -> ComputeTarget.attach(
                            ws, COMPUTE, contractConfiguration().namespace("other")))
                    .isInstanceOf(ComputeTargetException.class)
                    .hasMessageContaining("namespace");
        }
        wm.verify(0, putRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
    }

    @Test
    void attachBodyCarriesIdentitiesNodeSelectorsGpusAndConnectionStrings() {
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        String identityId =
                "/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1";
        arm.controlPlane()
                .beginAttach(
                        COMPUTE,
                        KubernetesCompute.attachConfiguration(CLUSTER_ID)
                                .namespace("amlarc-testing")
                                .defaultInstanceType("gpu")
                                .identity(ComputeIdentity.userAssigned(identityId))
                                .instanceType(
                                        "gpu",
                                        InstanceType.builder()
                                                .nodeSelector("accelerator", "nvidia-tesla-k80")
                                                .requests("2", "16Gi", 1)
                                                .limits("2", "16Gi", 1)
                                                .build())
                                .instanceType(
                                        "big_cpu_sku",
                                        InstanceType.builder()
                                                .nodeSelector("VMSizes", "VM-64vCPU-256GB")
                                                .build())
                                .relayConnectionString("Endpoint=sb://relay/;SharedAccessKey=k")
                                .toSpec());

        JsonNode body = readJson(
                wm.findAll(putRequestedFor(urlPathEqualTo(COMPUTE_PATH))).get(0).getBodyAsString());
        assertThat(body.at("/identity/type").asText()).isEqualTo("UserAssigned");
        assertThat(body.at("/identity/userAssignedIdentities").has(identityId)).isTrue();
        JsonNode k8s = body.at("/properties/properties");
        assertThat(k8s.at("/namespace").asText()).isEqualTo("amlarc-testing");
        assertThat(k8s.at("/instanceTypes/gpu/nodeSelector/accelerator").asText())
                .isEqualTo("nvidia-tesla-k80");
        assertThat(k8s.at("/instanceTypes/gpu/resources/limits/nvidia.com~1gpu").asText())
                .isEqualTo("1");
        assertThat(k8s.at("/instanceTypes/big_cpu_sku").has("resources")).isFalse();
        assertThat(k8s.at("/relayConnectionString").asText()).isEqualTo("Endpoint=sb://relay/;SharedAccessKey=k");
        assertThat(k8s.has("serviceBusConnectionString")).isFalse();
    }

    @Test
    void workspaceLocationIsReadOnceAndBecomesTheComputeLocation() {
        ArmControlPlane cp = arm.controlPlane();
        assertThat(cp.workspaceLocation()).isEqualTo("eastus");
        assertThat(cp.workspaceLocation()).isEqualTo("eastus");
        wm.verify(1, getRequestedFor(urlPathEqualTo(WORKSPACE_PATH)));
    }

    @Test
    void neverPollsFasterThanRetryAfter() {
        stubComputeAbsentThenAttached(
                fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"));
        stubPutCreated("1");
        stubStatuses("1", "InProgress", "Succeeded");

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            ComputeTarget.attach(ws, COMPUTE, contractConfiguration()).waitForCompletion(false, Duration.ofSeconds(30));
        }
        List<LoggedRequest> requests = arm.requests();
        List<Long> times = requests.stream()
                .filter(r -> r.getMethod().value().equals("PUT") || r.getUrl().startsWith(STATUS_PATH))
                .map(r -> r.getLoggedDate().getTime())
                .toList();
        assertThat(times).hasSize(3);
        IntStream.range(1, times.size())
                .forEach(i -> assertThat(times.get(i) - times.get(i - 1))
                        .as("gap before status read %d", i)
                        .isGreaterThanOrEqualTo(1000));
    }

    @Test
    void failedOperationRaisesTheOperationErrorWithDetailsAndTheProvisioningErrors() {
        ObjectNode failed = (ObjectNode) fixture("compute/get-KubernetesCompute.json")
                .at("/responses/200/body")
                .deepCopy();
        ObjectNode props = (ObjectNode) failed.get("properties");
        props.put("provisioningState", "Failed");
        ArrayNode errors = props.putArray("provisioningErrors");
        errors.addObject()
                .putObject("error")
                .put("code", "InternalServerError")
                .put("message", "An internal server error occurred. Please try again.");
        stubComputeAbsentThenAttached(failed);
        stubPutCreated("0");
        arm.sequence(
                "status",
                () -> get(urlPathEqualTo(STATUS_PATH)),
                List.of(
                        status("InProgress", "0"),
                        json(
                                200,
                                "{\"status\":\"Failed\",\"error\":{\"code\":\"ComputeAttachFailed\",\"message\":\"The cluster did not answer\","
                                        + "\"details\":[{\"code\":\"ExtensionNotReady\",\"message\":\"azureml extension pods are not running\","
                                        + "\"target\":\"extension\"}]}}")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = ComputeTarget.attach(ws, COMPUTE, contractConfiguration());
            assertThatThrownBy(() -> compute.waitForCompletion(false, Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(ComputeTargetException.class, e -> {
                        assertThat(e.errors())
                                .extracting(ErrorDetail::code)
                                .containsExactly("ComputeAttachFailed", "InternalServerError");
                        ErrorDetail first = e.errors().get(0);
                        assertThat(first.message()).isEqualTo("The cluster did not answer");
                        assertThat(first.details()).singleElement().satisfies(d -> {
                            assertThat(d.code()).isEqualTo("ExtensionNotReady");
                            assertThat(d.target()).isEqualTo("extension");
                        });
                        assertThat(e.getMessage()).contains("ComputeAttachFailed", "InternalServerError", "Failed");
                    });
            assertThat(compute.provisioningErrors())
                    .extracting(ErrorDetail::code)
                    .containsExactly("InternalServerError");
        }
    }

    @Test
    void anOperationThatNeverEndsTimesOutAndLeavesTheComputeAsItIs() {
        stubComputeAbsentThenAttached(
                fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"));
        stubPutCreated("0");
        wm.stubFor(get(urlPathEqualTo(STATUS_PATH)).willReturn(json(200, "{\"status\":\"InProgress\"}")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = ComputeTarget.attach(ws, COMPUTE, contractConfiguration());
            assertThatThrownBy(() -> compute.waitForCompletion(false, Duration.ofMillis(300)))
                    .isInstanceOfSatisfying(
                            OperationTimeoutException.class,
                            e -> assertThat(e.lastStatus()).isEqualTo("InProgress"));
        }
        wm.verify(1, putRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
        wm.verify(0, deleteRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
    }

    @Test
    void accepted202IsFollowedThroughLocationUntil200() {
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Location", arm.baseUrl() + STATUS_PATH + "/result?api-version=2024-10-01")
                        .withHeader("Retry-After", "0")));
        arm.sequence(
                "location",
                () -> get(urlPathEqualTo(STATUS_PATH + "/result")),
                List.of(
                        aResponse().withStatus(202).withHeader("Retry-After", "0"),
                        aResponse().withStatus(202),
                        aResponse().withStatus(204)));

        ArmControlPlane cp = arm.controlPlane();
        Accepted<ComputeResource> accepted =
                cp.beginAttach(COMPUTE, contractConfiguration().toSpec());
        assertThat(accepted.resource()).isNull();
        OperationStatus end = OperationWaiter.await("attach", accepted.operation(), Duration.ofSeconds(30), null);
        assertThat(end.state()).isEqualTo(OperationStatus.State.SUCCEEDED);
        wm.verify(3, getRequestedFor(urlPathEqualTo(STATUS_PATH + "/result")));
    }

    @Test
    void synchronous200WithCreatingIsFollowedOnTheResourceItself() {
        JsonNode creating =
                fixture("compute/createOrUpdate-KubernetesCompute.json").at("/responses/200/body");
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH)).willReturn(json(200, creating)));
        arm.sequence(
                "compute",
                () -> get(urlPathEqualTo(COMPUTE_PATH)),
                List.of(
                        json(200, creating),
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));

        Accepted<ComputeResource> accepted =
                arm.controlPlane().beginAttach(COMPUTE, contractConfiguration().toSpec());
        assertThat(accepted.resource().provisioningState()).isEqualTo(ProvisioningState.CREATING);
        assertThat(accepted.resource()
                        .spec()
                        .differences(contractConfiguration().toSpec()))
                .isEmpty();
        assertThat(accepted.operation().initialStatus().status()).isEqualTo("Creating");
        OperationStatus end = OperationWaiter.await("attach", accepted.operation(), Duration.ofSeconds(30), null);
        assertThat(end.status()).isEqualTo("Succeeded");
        wm.verify(2, getRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
    }

    @Test
    void synchronous200WithSucceededNeedsNoPolling() {
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        LongRunningOperation op = arm.controlPlane()
                .beginAttach(COMPUTE, contractConfiguration().toSpec())
                .operation();
        assertThat(op.initialStatus().state()).isEqualTo(OperationStatus.State.SUCCEEDED);
        wm.verify(0, getRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
    }

    @Test
    void detachSendsUnderlyingResourceActionDetachAndFollowsTheAsyncOperation() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        wm.stubFor(delete(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Azure-AsyncOperation", statusUrl("del"))
                        .withHeader("Location", arm.baseUrl() + "/elsewhere")
                        .withHeader("Retry-After", "0")));
        stubStatuses("0", "InProgress", "Succeeded");

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = (KubernetesCompute) ComputeTarget.get(ws, COMPUTE);
            compute.detach().waitForCompletion(false, Duration.ofSeconds(30));
            assertThat(compute.isDetached()).isTrue();
        }
        wm.verify(
                1,
                deleteRequestedFor(urlPathEqualTo(COMPUTE_PATH))
                        .withQueryParam("underlyingResourceAction", equalTo("Detach"))
                        .withQueryParam("api-version", equalTo("2024-10-01")));
        wm.verify(2, getRequestedFor(urlPathEqualTo(STATUS_PATH)));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/elsewhere")));
    }

    @Test
    void detachOfAnAbsentComputeAnswered204EndsAtOnce() {
        wm.stubFor(delete(urlPathEqualTo(COMPUTE_PATH)).willReturn(aResponse().withStatus(204)));
        LongRunningOperation op = arm.controlPlane().beginDetach(COMPUTE);
        assertThat(op.initialStatus().state()).isEqualTo(OperationStatus.State.SUCCEEDED);
        assertThat(arm.requests()).hasSize(1);
    }

    @Test
    void computeTargetsFollowsNextLinkAndKeepsOnlyAttachedKubernetesComputes() {
        ObjectNode page1 = (ObjectNode)
                fixture("compute/list.json").at("/responses/200/body").deepCopy();
        page1.put("nextLink", arm.baseUrl() + WORKSPACE_PATH + "/computes?api-version=2024-10-01&$skiptoken=page2");
        ObjectNode attached = (ObjectNode) fixture("compute/get-KubernetesCompute.json")
                .at("/responses/200/body")
                .deepCopy();
        ObjectNode notAttached = attached.deepCopy();
        notAttached.put("name", "notattached");
        ((ObjectNode) notAttached.get("properties")).put("isAttachedCompute", false);
        ObjectNode page2 = JSON.createObjectNode();
        page2.putArray("value").add(attached).add(notAttached);
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/computes"))
                .withQueryParam("$skiptoken", absent())
                .willReturn(json(200, page1)));
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/computes"))
                .withQueryParam("$skiptoken", equalTo("page2"))
                .willReturn(json(200, page2)));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            assertThat(ControlPlane.of(ws.controlPlane())
                            .computes()
                            .orElseThrow()
                            .listComputes())
                    .extracting(ComputeResource::name)
                    .containsExactly("compute123", "compute1234", "compute123", "notattached");
            assertThat(ComputeTarget.list(ws)).containsOnlyKeys(COMPUTE);
            KubernetesCompute compute =
                    (KubernetesCompute) ComputeTarget.list(ws).get(COMPUTE);
            assertThat(compute.namespace()).isEqualTo("default");
            assertThat(compute.instanceTypes().get("defaultInstanceType").requests())
                    .containsOnlyKeys("cpu", "memory");
            assertThat(compute.getStatus().serialize()).containsEntry("provisioningState", "Succeeded");
        }
    }

    @Test
    void getComputeOfAnAbsentNameIsEmpty() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        assertThat(arm.controlPlane().getCompute(COMPUTE)).isEmpty();
    }

    @Test
    void apiVersionOverrideIsSentOnEveryComputeRequest() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH)).willReturn(json(404, "{}")));
        ArmControlPlane cp = arm.builder().computeApiVersion("2025-12-01").build();
        cp.getCompute(COMPUTE);
        assertThat(cp.computeApiVersion()).isEqualTo("2025-12-01");
        wm.verify(
                1, getRequestedFor(urlPathEqualTo(COMPUTE_PATH)).withQueryParam("api-version", equalTo("2025-12-01")));
    }

    static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
