package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.STATUS_PATH;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static io.arcml.transport.arm.ArmExtensionTest.CLUSTER;
import static io.arcml.transport.arm.ArmExtensionTest.EXTENSION_PATH;
import static io.arcml.transport.arm.ArmExtensionTest.OPERATION_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.job.CommandJob;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepRun;
import io.arcml.transport.JobResource;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code begin*} pollers (detach, extension install and delete, job cancel) on ARM: azure-core
 * SyncPollers with the request economy of an attach: one write, one request per poll, none
 * before the {@code Retry-After} of the answer before it (in each of its forms), and one read of
 * the resource at the end where there is one to read.
 */
class ArmBeginPollersTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final long PAUSE_MS = 300;
    private static final String JOB_PATH = WORKSPACE_PATH + "/jobs/mnist";
    private static final String EXTENSIONS_PATH = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions";
    private static final String AZUREML_PATH = EXTENSIONS_PATH + "/azureml";
    private static final String AZUREML_OPERATION_PATH = AZUREML_PATH + "/operations/op-1";
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
    }

    @Test
    void beginDetachWaitsOutEveryFormOfRetryAfterAndSendsOneGetOneDeleteAndOnePerPoll() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        wm.stubFor(delete(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + STATUS_PATH)
                        .withHeader("retry-after-ms", String.valueOf(PAUSE_MS))));
        // Whole seconds ahead, so that the date (second precision) asks for a pause of at least a second.
        ZonedDateTime notBefore = ZonedDateTime.now(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(4);
        arm.sequence(
                "status",
                () -> get(urlPathEqualTo(STATUS_PATH)),
                List.of(
                        bare("Deleting").withHeader("x-ms-retry-after-ms", String.valueOf(PAUSE_MS)),
                        bare("Deleting").withHeader("Retry-After", "1"),
                        bare("Deleting")
                                .withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(notBefore)),
                        bare("Succeeded")));

        KubernetesCompute detached;
        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            SyncPoller<OperationStatus, KubernetesCompute> poller = ComputeTarget.beginDetach(ws, COMPUTE);
            assertThat(poller.waitForCompletion(Duration.ofSeconds(30)).getStatus())
                    .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
            detached = poller.getFinalResult();
        }

        assertThat(detached.isDetached()).isTrue();
        List<LoggedRequest> requests = arm.requests();
        assertThat(requests)
                .extracting(ArmBeginPollersTest::line)
                .containsExactly(
                        "GET " + COMPUTE_PATH,
                        "DELETE " + COMPUTE_PATH,
                        "GET " + STATUS_PATH,
                        "GET " + STATUS_PATH,
                        "GET " + STATUS_PATH,
                        "GET " + STATUS_PATH);
        assertThat(gap(requests, 2))
                .as("first poll after the DELETE's retry-after-ms")
                .isGreaterThanOrEqualTo(PAUSE_MS);
        assertThat(gap(requests, 3)).as("x-ms-retry-after-ms").isGreaterThanOrEqualTo(PAUSE_MS);
        assertThat(gap(requests, 4)).as("Retry-After in seconds").isGreaterThanOrEqualTo(1000);
        assertThat(requests.get(5).getLoggedDate().toInstant())
                .as("Retry-After as an HTTP date")
                .isAfterOrEqualTo(notBefore.toInstant());
    }

    @Test
    void beginCreateOfTheExtensionSendsOneListOneClusterReadOnePutOnePerPollAndOneFinalRead() {
        arm.stubClusters();
        wm.stubFor(get(urlPathEqualTo(EXTENSIONS_PATH)).willReturn(json(200, "{\"value\":[]}")));
        wm.stubFor(put(urlPathEqualTo(AZUREML_PATH))
                .willReturn(json(201, fixture("extension/CreateExtension.json").at("/responses/201/body"))
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + AZUREML_OPERATION_PATH)
                        .withHeader("retry-after-ms", String.valueOf(PAUSE_MS))));
        arm.sequence(
                "op",
                () -> get(urlPathEqualTo(AZUREML_OPERATION_PATH)),
                List.of(status("Creating"), status("Succeeded")));
        wm.stubFor(get(urlPathEqualTo(AZUREML_PATH))
                .willReturn(json(200, fixture("extension/GetExtension.json").at("/responses/200/body"))));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            SyncPoller<OperationStatus, AzureMLExtension> poller = AzureMLExtension.beginCreate(
                    ws,
                    CLUSTER,
                    "azureml",
                    AzureMLExtensionConfiguration.builder().enableTraining(true).build());
            AzureMLExtension installed = poller.getFinalResult();
            assertThat(installed.getStatus().provisioningState().toString()).isEqualTo("Succeeded");
        }

        List<LoggedRequest> requests = arm.requests();
        assertThat(requests)
                .extracting(ArmBeginPollersTest::line)
                .containsExactly(
                        "GET " + EXTENSIONS_PATH,
                        "GET " + CLUSTER,
                        "PUT " + AZUREML_PATH,
                        "GET " + AZUREML_OPERATION_PATH,
                        "GET " + AZUREML_OPERATION_PATH,
                        "GET " + AZUREML_PATH);
        assertThat(gap(requests, 3)).isGreaterThanOrEqualTo(PAUSE_MS);
        assertThat(gap(requests, 4)).isGreaterThanOrEqualTo(PAUSE_MS);
    }

    @Test
    void beginDeleteOfTheExtensionSendsOneReadOneDeleteAndOnePerPoll() {
        wm.stubFor(get(urlPathEqualTo(EXTENSION_PATH))
                .willReturn(json(200, fixture("extension/GetExtension.json").at("/responses/200/body"))));
        wm.stubFor(delete(urlPathEqualTo(EXTENSION_PATH))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + OPERATION_PATH)
                        .withHeader("retry-after-ms", String.valueOf(PAUSE_MS))));
        arm.sequence("op", () -> get(urlPathEqualTo(OPERATION_PATH)), List.of(status("Deleting"), status("Succeeded")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            AzureMLExtension deleted = AzureMLExtension.beginDelete(ws, CLUSTER, "ClusterMonitor", false)
                    .getFinalResult();
            assertThat(deleted.isDeleted()).isTrue();
        }

        List<LoggedRequest> requests = arm.requests();
        assertThat(requests)
                .extracting(ArmBeginPollersTest::line)
                .containsExactly(
                        "GET " + EXTENSION_PATH,
                        "DELETE " + EXTENSION_PATH,
                        "GET " + OPERATION_PATH,
                        "GET " + OPERATION_PATH);
        assertThat(gap(requests, 2)).isGreaterThanOrEqualTo(PAUSE_MS);
        assertThat(gap(requests, 3)).isGreaterThanOrEqualTo(PAUSE_MS);
    }

    @Test
    void beginCancelOfAJobPostsOncePollsTheRunAfterEachRetryAfterAndReadsItOnceAtTheEnd() {
        wm.stubFor(post(urlPathEqualTo(JOB_PATH + "/cancel"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Location", JOB_PATH)
                        .withHeader("retry-after-ms", String.valueOf(PAUSE_MS))));
        arm.sequence(
                "job",
                () -> get(urlPathEqualTo(JOB_PATH)),
                List.of(
                        job("CancelRequested").withHeader("retry-after-ms", String.valueOf(PAUSE_MS)),
                        job("Canceled")));
        JobRun run = JobRun.track(
                arm.controlPlane(),
                CommandJob.builder()
                        .name("mnist")
                        .image("python:3.11")
                        .command("python train.py")
                        .build(),
                new JobResource("mnist", "mnist", "gpu", RunStatus.of(RunState.RUNNING, null)));

        SyncPoller<OperationStatus, JobRun> poller = run.beginCancel();

        assertThat(poller.getFinalResult().lastStatus().state()).isEqualTo(JobState.CANCELED);
        List<LoggedRequest> requests = arm.requests();
        assertThat(requests)
                .extracting(ArmBeginPollersTest::line)
                .containsExactly(
                        "POST " + JOB_PATH + "/cancel", "GET " + JOB_PATH, "GET " + JOB_PATH, "GET " + JOB_PATH);
        assertThat(gap(requests, 1))
                .as("first poll after the POST's retry-after-ms")
                .isGreaterThanOrEqualTo(PAUSE_MS);
        assertThat(gap(requests, 2)).as("second poll after the first's").isGreaterThanOrEqualTo(PAUSE_MS);
    }

    @Test
    void beginCancelOfASweepAzureMlRunsPostsOnceForItsParentRunAndReadsItOnceAtTheEnd() {
        String sweepPath = WORKSPACE_PATH + "/jobs/lr-sweep";
        wm.stubFor(get(urlPathMatching(".*/environments/.*")).willReturn(json(404, "{}")));
        wm.stubFor(put(urlPathMatching(".*/environments/.*"))
                .willReturn(json(201, "{\"id\":\"" + WORKSPACE_PATH + "/environments/arcml-x/versions/1\"}")));
        wm.stubFor(put(urlPathEqualTo(sweepPath)).willReturn(parent("Running")));
        wm.stubFor(post(urlPathEqualTo(sweepPath + "/cancel"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Location", sweepPath)
                        .withHeader("retry-after-ms", String.valueOf(PAUSE_MS))));
        arm.sequence(
                "sweep",
                () -> get(urlPathEqualTo(sweepPath)),
                List.of(
                        parent("CancelRequested").withHeader("retry-after-ms", String.valueOf(PAUSE_MS)),
                        parent("Canceled")));
        SweepJob sweep = SweepJob.builder()
                .name("lr-sweep")
                .trial(CommandJob.builder()
                        .image("python:3.11")
                        .command("python train.py --lr ${{search_space.lr}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.1, 0.01))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(Objective.maximize("accuracy"))
                .build();
        SweepRun run = SweepRun.start(arm.controlPlane(), "gpu", sweep);
        int submitted = arm.requests().size();

        SweepRun canceled = run.beginCancel().getFinalResult();

        assertThat(canceled.parentRunId()).contains("lr-sweep");
        assertThat(canceled.state()).isEqualTo(SweepRun.State.CANCELED);
        List<LoggedRequest> requests =
                arm.requests().subList(submitted, arm.requests().size());
        assertThat(requests)
                .extracting(ArmBeginPollersTest::line)
                .containsExactly(
                        "POST " + sweepPath + "/cancel", "GET " + sweepPath, "GET " + sweepPath, "GET " + sweepPath);
        assertThat(gap(requests, 1)).isGreaterThanOrEqualTo(PAUSE_MS);
        assertThat(gap(requests, 2)).isGreaterThanOrEqualTo(PAUSE_MS);
    }

    @Test
    void beginCancelOfARunThatEndedSendsNothing() {
        JobRun run = JobRun.track(
                arm.controlPlane(),
                CommandJob.builder()
                        .name("mnist")
                        .image("python:3.11")
                        .command("python train.py")
                        .build(),
                new JobResource("mnist", "mnist", "gpu", RunStatus.of(RunState.COMPLETED, null)));

        SyncPoller<OperationStatus, JobRun> poller = run.beginCancel();

        assertThat(poller.poll().getStatus().isComplete()).isTrue();
        assertThat(poller.getFinalResult()).isSameAs(run);
        assertThat(arm.requests()).isEmpty();
    }

    private static ResponseDefinitionBuilder status(String s) {
        return bare(s).withHeader("retry-after-ms", String.valueOf(PAUSE_MS));
    }

    /** An operation status without a pause of its own. */
    private static ResponseDefinitionBuilder bare(String s) {
        return json(200, "{\"status\":\"" + s + "\"}");
    }

    private static ResponseDefinitionBuilder job(String status) {
        return json(
                200,
                "{\"id\":\"" + JOB_PATH + "\",\"name\":\"mnist\",\"properties\":{\"jobType\":\"Command\",\"status\":\""
                        + status + "\",\"computeId\":\"" + WORKSPACE_PATH + "/computes/gpu\"}}");
    }

    private static ResponseDefinitionBuilder parent(String status) {
        return json(
                200,
                "{\"id\":\"" + WORKSPACE_PATH
                        + "/jobs/lr-sweep\",\"name\":\"lr-sweep\",\"properties\":{\"jobType\":\"Sweep\","
                        + "\"status\":\"" + status + "\",\"computeId\":\"" + WORKSPACE_PATH + "/computes/gpu\"}}");
    }

    private static String line(LoggedRequest r) {
        return r.getMethod().value() + " " + r.getUrl().replaceAll("\\?.*", "");
    }

    private static long gap(List<LoggedRequest> requests, int i) {
        return requests.get(i).getLoggedDate().getTime()
                - requests.get(i - 1).getLoggedDate().getTime();
    }
}
