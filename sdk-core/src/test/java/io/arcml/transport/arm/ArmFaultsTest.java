package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.STATUS_PATH;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.resource.ResourceState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArmFaultsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String NOT_FOUND = "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}";
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubWorkspace();
    }

    private void stubAttachStartingWithStatuses(List<ResponseDefinitionBuilder> statuses) {
        arm.sequence(
                "compute",
                () -> get(urlPathEqualTo(COMPUTE_PATH)),
                List.of(
                        json(404, NOT_FOUND),
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(
                                201,
                                fixture("compute/createOrUpdate-KubernetesCompute.json")
                                        .at("/responses/201/body"))
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + STATUS_PATH + "?api-version=2024-10-01")
                        .withHeader("Retry-After", "0")));
        arm.sequence("status", () -> get(urlPathEqualTo(STATUS_PATH)), statuses);
    }

    private static ResponseDefinitionBuilder status(String s) {
        return json(200, "{\"status\":\"" + s + "\"}").withHeader("Retry-After", "0");
    }

    @Test
    void throttled429IsRetriedAfterItsRetryAfter() {
        arm.sequence(
                "throttle",
                () -> get(urlPathEqualTo(COMPUTE_PATH)),
                List.of(
                        json(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}")
                                .withHeader("Retry-After", "1"),
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));

        assertThat(arm.controlPlane().getCompute(COMPUTE))
                .hasValueSatisfying(c -> assertThat(c.provisioningState()).isEqualTo(ResourceState.SUCCEEDED));
        List<LoggedRequest> requests = arm.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getLoggedDate().getTime()
                        - requests.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1000);
    }

    @Test
    void burstOf5xxWithinTheRetryBudgetIsRidden() {
        arm.sequence(
                "burst",
                () -> get(urlPathEqualTo(COMPUTE_PATH)),
                List.of(
                        json(503, "{}"),
                        json(500, "{}"),
                        json(503, "{}"),
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));

        assertThat(arm.controlPlane().getCompute(COMPUTE)).isPresent();
        wm.verify(4, getRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
    }

    @Test
    void burstOf5xxBeyondTheRetryBudgetRaisesTheArmErrorAsRetryable() {
        wm.stubFor(
                get(urlPathEqualTo(COMPUTE_PATH))
                        .willReturn(
                                json(
                                        503,
                                        "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"try later\",\"details\":[{\"code\":\"Busy\",\"message\":\"busy\"}]}}")));

        assertThatThrownBy(() -> arm.controlPlane().getCompute(COMPUTE))
                .isInstanceOfSatisfying(ArmException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.error().code()).isEqualTo("ServiceUnavailable");
                    assertThat(e.error().details()).extracting(d -> d.code()).containsExactly("Busy");
                    assertThat(e.method()).isEqualTo("GET");
                    assertThat(e.path()).isEqualTo(COMPUTE_PATH);
                });
        wm.verify(4, getRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
    }

    @Test
    void connectionResetMidPollIsRetriedAndTheAttachEnds() {
        stubAttachStartingWithStatuses(List.of(
                status("InProgress"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), status("Succeeded")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = ComputeTarget.attach(ws, COMPUTE, ArmComputeTest.contractConfiguration());
            compute.waitForCompletion(false, Duration.ofSeconds(30));
            assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        }
        wm.verify(1, putRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
        wm.verify(3, getRequestedFor(urlPathEqualTo(STATUS_PATH)));
    }

    @Test
    void connectionThatNeverAnswersIsReportedAsRetryableNoResponse() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> arm.controlPlane().getCompute(COMPUTE))
                .isInstanceOfSatisfying(ArmException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(ArmException.NO_RESPONSE);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.error().code()).isEqualTo("ConnectionFailed");
                });
    }

    @Test
    void malformedJsonIsAClearNonRetryableError() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("<html>proxy login</html>")));

        assertThatThrownBy(() -> arm.controlPlane().getCompute(COMPUTE))
                .isInstanceOfSatisfying(ArmException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("InvalidResponseContent");
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("not valid JSON", COMPUTE_PATH);
                });
    }

    @Test
    void malformedOperationStatusStopsTheWaitWithTheError() {
        stubAttachStartingWithStatuses(List.of(aResponse().withStatus(200).withBody("{\"status\":")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = ComputeTarget.attach(ws, COMPUTE, ArmComputeTest.contractConfiguration());
            assertThatThrownBy(() -> compute.waitForCompletion(false, Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(
                            ArmException.class,
                            e -> assertThat(e.error().code()).isEqualTo("InvalidResponseContent"));
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo(STATUS_PATH)));
    }

    @Test
    void operationUrlAnswering404StopsTheWaitWithNotFound() {
        stubAttachStartingWithStatuses(List.of(
                status("InProgress"),
                json(404, "{\"error\":{\"code\":\"OperationNotFound\",\"message\":\"The operation expired\"}}")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = ComputeTarget.attach(ws, COMPUTE, ArmComputeTest.contractConfiguration());
            assertThatThrownBy(() -> compute.waitForCompletion(false, Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(ArmException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.error().code()).isEqualTo("OperationNotFound");
                        assertThat(e.path()).isEqualTo(STATUS_PATH);
                    });
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo(STATUS_PATH)));
    }

    @Test
    void refusedAttachRaisesTheArmErrorAndSendsNothingMore() {
        arm.sequence("compute", () -> get(urlPathEqualTo(COMPUTE_PATH)), List.of(json(404, NOT_FOUND)));
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(
                                400,
                                "{\"error\":{\"code\":\"BadRequest\",\"message\":"
                                        + "\"The request is invalid\",\"target\":\"properties.resourceId\",\"details\":[{\"code\":\"ClusterNotFound\","
                                        + "\"message\":\"The cluster does not exist\"}]}}")
                        .withHeader("x-ms-request-id", "req-42")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            assertThatThrownBy(() -> ComputeTarget.attach(ws, COMPUTE, ArmComputeTest.contractConfiguration()))
                    .isInstanceOfSatisfying(ArmException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.error().target()).isEqualTo("properties.resourceId");
                        assertThat(e.error().details())
                                .extracting(d -> d.code())
                                .containsExactly("ClusterNotFound");
                        assertThat(e.requestId()).isEqualTo("req-42");
                        assertThat(e.getMessage()).contains("PUT", "BadRequest", "ClusterNotFound", "req-42");
                    });
        }
        wm.verify(1, putRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
        assertThat(arm.requests())
                .as("compute GET, workspace GET, cluster GET, PUT")
                .hasSize(4);
    }
}
