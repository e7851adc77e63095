package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.JSON;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.JobFailedException;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.transport.JobResource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArmJobsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort()).build();

    private static final String JOB_PATH = WORKSPACE_PATH + "/jobs/mnist-ddp";
    private static final String IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04";
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
    }

    private static CommandJob job() {
        return CommandJob.builder().name("mnist-ddp").experimentName("mnist").image(IMAGE).command("python train.py")
                .instanceType("gpu_instance").instanceCount(2).distribution(Distribution.pytorch(4))
                .environmentVariable("NCCL_DEBUG", "INFO").timeout(Duration.ofHours(2)).build();
    }

    private static String jobBody(String status) {
        return "{\"id\":\"" + JOB_PATH + "\",\"name\":\"mnist-ddp\",\"properties\":{\"jobType\":\"Command\",\"status\":\"" + status + "\","
                + "\"displayName\":\"mnist-ddp\",\"computeId\":\"" + WORKSPACE_PATH + "/computes/gpu\","
                + "\"services\":{\"Studio\":{\"endpoint\":\"https://ml.azure.com/runs/mnist-ddp\"}}}}";
    }

    private String environmentPath() {
        return wm.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).filter(u -> u.contains("/environments/"))
                .findFirst().orElseThrow().replaceAll("\\?.*", "");
    }

    @Test
    void submitsACommandJobInTheContractsShapeAfterRegisteringItsImageOnce() throws Exception {
        wm.stubFor(get(urlPathEqualTo(JOB_PATH)).willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no job\"}}")));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/environments/.*"))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        wm.stubFor(put(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/environments/arcml-[0-9a-f]{16}/versions/1"))
                .willReturn(json(201, "{\"id\":\"" + WORKSPACE_PATH + "/environments/arcml-x/versions/1\",\"properties\":{\"image\":\"" + IMAGE + "\"}}")));
        wm.stubFor(put(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/jobs/.*")).willReturn(json(201, jobBody("NotStarted"))));
        ArmControlPlane cp = arm.controlPlane();

        JobResource submitted = cp.submitJob("gpu", job());

        assertThat(submitted.runId()).isEqualTo("mnist-ddp");
        assertThat(submitted.status().state()).isEqualTo(JobState.NOT_STARTED);
        JsonNode body = JSON.readTree(wm.findAll(putRequestedFor(urlPathEqualTo(JOB_PATH))).get(0).getBodyAsString()).path("properties");
        JsonNode contract = ArmEmulator.fixture("jobs/CommandJob-createOrUpdate.request.json").path("body").path("properties");
        Set<String> contractKeys = new HashSet<>();
        contract.fieldNames().forEachRemaining(contractKeys::add);
        body.fieldNames().forEachRemaining(k -> assertThat(contractKeys).as("field " + k + " of the contract").contains(k));
        assertThat(body.path("jobType").asText()).isEqualTo("Command");
        assertThat(body.path("computeId").asText()).isEqualTo(WORKSPACE_PATH + "/computes/gpu");
        assertThat(body.path("environmentId").asText()).isEqualTo(WORKSPACE_PATH + "/environments/arcml-x/versions/1");
        assertThat(body.path("resources").path("instanceCount").asInt()).isEqualTo(2);
        assertThat(body.path("resources").path("instanceType").asText()).isEqualTo("gpu_instance");
        assertThat(body.path("distribution").path("distributionType").asText()).isEqualTo("PyTorch");
        assertThat(body.path("limits").path("timeout").asText()).isEqualTo("PT2H");
        assertThat(body.path("environmentVariables").path("NCCL_DEBUG").asText()).isEqualTo("INFO");
        JsonNode env = JSON.readTree(wm.findAll(putRequestedFor(urlPathEqualTo(environmentPath()))).get(0).getBodyAsString());
        assertThat(env.path("properties").path("image").asText()).isEqualTo(IMAGE);

        cp.submitJob("gpu", job().toBuilder().name("second").build());
        assertThat(wm.findAll(putRequestedFor(urlPathEqualTo(environmentPath())))).hasSize(1);
    }

    @Test
    void aJobIsFollowedThroughAzureMlsStatusWordsToItsEnd() {
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/environments/arcml-0/versions/1")).willReturn(json(404, "{}")));
        arm.sequence("job", () -> get(urlPathEqualTo(JOB_PATH)), List.of(
                json(200, jobBody("Queued")), json(200, jobBody("Starting")), json(200, jobBody("Running")),
                json(200, jobBody("Finalizing")), json(200, jobBody("Completed"))));
        ArmControlPlane cp = arm.controlPlane();
        JobRun run = JobRun.track(cp, job(), new JobResource("mnist-ddp", "mnist-ddp", "gpu",
                io.arcml.job.JobStatus.of(JobState.NOT_STARTED, null)));

        run.waitForCompletion(false);

        assertThat(run.lastStatus().state()).isEqualTo(JobState.COMPLETED);
        assertThat(run.logs()).contains("https://ml.azure.com/runs/mnist-ddp");
        assertThat(cp.findJobs("gpu", "mnist-ddp")).hasSize(1);
        assertThat(cp.findJobs("other-compute", "mnist-ddp")).isEmpty();
    }

    @Test
    void aFailedJobRaisesAndPointsAtTheStudio() {
        wm.stubFor(get(urlPathEqualTo(JOB_PATH)).willReturn(json(200, jobBody("Failed"))));
        JobRun run = JobRun.track(arm.controlPlane(), job(), new JobResource("mnist-ddp", "mnist-ddp", "gpu",
                io.arcml.job.JobStatus.of(JobState.QUEUED, null)));
        assertThatThrownBy(() -> run.waitForCompletion(false)).isInstanceOf(JobFailedException.class).hasMessageContaining("Azure ML studio");
    }

    @Test
    void cancelPostsAndWaitsUntilTheJobHasEnded() {
        wm.stubFor(post(urlPathEqualTo(JOB_PATH + "/cancel")).willReturn(json(202, "{}").withHeader("Location", JOB_PATH)));
        arm.sequence("cancel", () -> get(urlPathEqualTo(JOB_PATH)), List.of(json(200, jobBody("CancelRequested")), json(200, jobBody("Canceled"))));
        JobRun run = JobRun.track(arm.controlPlane(), job(), new JobResource("mnist-ddp", "mnist-ddp", "gpu",
                io.arcml.job.JobStatus.of(JobState.RUNNING, null)));

        run.cancel();

        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(JOB_PATH + "/cancel")))).hasSize(1);
        assertThat(run.lastStatus().state()).isEqualTo(JobState.CANCELED);
    }

    @Test
    void mapsEveryAzureMlStatusWord() {
        assertThat(ArmJobs.state("NotStarted")).isEqualTo(JobState.NOT_STARTED);
        assertThat(ArmJobs.state("Provisioning")).isEqualTo(JobState.PREPARING);
        assertThat(ArmJobs.state("Paused")).isEqualTo(JobState.QUEUED);
        assertThat(ArmJobs.state("NotResponding")).isEqualTo(JobState.RUNNING);
        assertThat(ArmJobs.state("CancelRequested")).isEqualTo(JobState.CANCEL_REQUESTED);
        assertThat(ArmJobs.state("Canceled")).isEqualTo(JobState.CANCELED);
        assertThat(ArmJobs.state("Failed")).isEqualTo(JobState.FAILED);
        assertThat(ArmJobs.state("Completed")).isEqualTo(JobState.COMPLETED);
    }
}
