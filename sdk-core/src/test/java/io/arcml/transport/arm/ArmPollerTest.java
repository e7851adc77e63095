package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.CLUSTER_ID;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.STATUS_PATH;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.ComputeTargetException;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ComputeTarget.beginAttach}: azure-core's SyncPoller over the ARM attach, with the request economy of waitForCompletion. */
class ArmPollerTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final long PAUSE_MS = 300;
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubWorkspace();
        arm.sequence(
                "compute",
                () -> get(urlPathEqualTo(COMPUTE_PATH)),
                List.of(
                        json(404, "{\"error\":{\"code\":\"NotFound\"}}"),
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        answerThePut(PAUSE_MS);
    }

    /** The PUT starts the operation: 201, its status URL and the pause before the first poll. */
    private void answerThePut(long pauseMs) {
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(
                                201,
                                fixture("compute/createOrUpdate-KubernetesCompute.json")
                                        .at("/responses/201/body"))
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + STATUS_PATH)
                        .withHeader("retry-after-ms", String.valueOf(pauseMs))));
    }

    @Test
    void beginAttachPollsAfterEachRetryAfterAndCostsWhatWaitForCompletionCosts() {
        statuses(status("InProgress"), status("InProgress"), status("Succeeded"));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            SyncPoller<OperationStatus, KubernetesCompute> poller =
                    ComputeTarget.beginAttach(ws, COMPUTE, ArmComputeTest.contractConfiguration());
            assertThat(poller.waitForCompletion(Duration.ofSeconds(30)).getStatus())
                    .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
            assertThat(poller.getFinalResult().provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        }

        List<LoggedRequest> requests = arm.requests();
        assertThat(requests)
                .extracting(r -> r.getMethod().value() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly(
                        "GET " + COMPUTE_PATH,
                        "GET " + WORKSPACE_PATH,
                        "GET " + CLUSTER_ID,
                        "PUT " + COMPUTE_PATH,
                        "GET " + STATUS_PATH,
                        "GET " + STATUS_PATH,
                        "GET " + STATUS_PATH,
                        "GET " + COMPUTE_PATH);
        for (int i = 4; i < 7; i++) {
            long gap = requests.get(i).getLoggedDate().getTime()
                    - requests.get(i - 1).getLoggedDate().getTime();
            assertThat(gap)
                    .as("poll %d waits for the Retry-After of the answer before it", i - 3)
                    .isGreaterThanOrEqualTo(PAUSE_MS);
        }
    }

    @Test
    void aFailedAttachEndsThePollerFailedAndItsResultThrowsTheComputeError() {
        statuses(
                json(
                        200,
                        "{\"status\":\"Failed\",\"error\":{\"code\":\"ClusterUnreachable\",\"message\":\"The cluster did not answer\"}}"));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            SyncPoller<OperationStatus, KubernetesCompute> poller =
                    ComputeTarget.beginAttach(ws, COMPUTE, ArmComputeTest.contractConfiguration());
            assertThat(poller.waitForCompletion(Duration.ofSeconds(30)).getStatus())
                    .isEqualTo(LongRunningOperationStatus.FAILED);
            assertThatThrownBy(poller::getFinalResult)
                    .isInstanceOf(ComputeTargetException.class)
                    .hasMessageContaining("ClusterUnreachable");
        }
    }

    @Test
    void theFirstPollCountsTheRetryAfterFromThePutsAnswerNotFromTheStartOfTheWait() throws InterruptedException {
        long pauseMs = 1000;
        answerThePut(pauseMs);
        statuses(status("Succeeded"));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = ComputeTarget.attach(ws, COMPUTE, ArmComputeTest.contractConfiguration());
            Thread.sleep(pauseMs + 200); // the notebook user does something else meanwhile
            long start = System.nanoTime();
            compute.waitForCompletion(false);
            long waitedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(waitedMs)
                    .as("the Retry-After has passed since the PUT's answer: the status is read at once")
                    .isLessThan(pauseMs - 200);
        }
        List<LoggedRequest> requests = arm.requests();
        LoggedRequest putRequest = requests.get(3);
        LoggedRequest firstPoll = requests.get(4);
        assertThat(putRequest.getMethod().value()).isEqualTo("PUT");
        assertThat(firstPoll.getUrl()).startsWith(STATUS_PATH);
        assertThat(firstPoll.getLoggedDate().getTime()
                        - putRequest.getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(pauseMs);
    }

    private void statuses(ResponseDefinitionBuilder... answers) {
        arm.sequence("status", () -> get(urlPathEqualTo(STATUS_PATH)), List.of(answers));
    }

    private static ResponseDefinitionBuilder status(String s) {
        return json(200, "{\"status\":\"" + s + "\"}").withHeader("retry-after-ms", String.valueOf(PAUSE_MS));
    }
}
