package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.arcml.transport.arm.ArmEmulator.JSON;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.JobIdentity;
import io.arcml.job.JobInput;
import io.arcml.job.JobLabels;
import io.arcml.job.NfsMount;
import io.arcml.job.OutputMode;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pipeline's command step on Azure ML: a command node referencing its command, registered as an anonymous component. */
class ArmCommandNodesTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String IMAGE = "python:3.11";
    private static final String COMPONENTS = ".*/components/azureml_anonymous/versions/.*";
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubNewEnvironments();
        arm.stubAnonymousComponents();
        wm.stubFor(put(urlPathMatching(".*/jobs/.*"))
                .willReturn(json(201, "{\"properties\":{\"jobType\":\"Pipeline\",\"status\":\"NotStarted\"}}")));
    }

    private static PipelineJob twoSteps(String name, String trainCommand) {
        return PipelineJob.builder()
                .name(name)
                .sharedStorage(new NfsMount("10.0.0.4", "/export", "/mnt/p", false))
                .step(
                        "prep",
                        PipelineStep.of(CommandJob.builder()
                                        .image(IMAGE)
                                        .command("prep --raw ${{inputs.raw}} --out ${{outputs.d}}")
                                        .input("raw", JobInput.uriFile("azureml:raw:2"))
                                        .labels(JobLabels.none()
                                                .displayName("Prepare")
                                                .tag("stage", "prep"))
                                        .build())
                                .output("d")
                                .compute("cpu-small")
                                .comment("reads the raw file"))
                .step(
                        "train",
                        PipelineStep.of(CommandJob.builder()
                                        .image(IMAGE)
                                        .codeId("azureml:src:3")
                                        .command(trainCommand)
                                        .instanceType("gpu_instance")
                                        .instanceCount(2)
                                        .distribution(Distribution.pytorch(4))
                                        .environmentVariable("NCCL_DEBUG", "INFO")
                                        .timeout(Duration.ofHours(1))
                                        .identity(JobIdentity.userIdentity())
                                        .output("model", JobInput.Type.MLFLOW_MODEL)
                                        .build())
                                .input("d", "${{parent.jobs.prep.outputs.d}}")
                                .output("model"))
                .output("trained", "${{parent.jobs.train.outputs.model}}", OutputMode.UPLOAD)
                .build();
    }

    private static JsonNode sentJobs(String name) throws Exception {
        return JSON.readTree(wm.findAll(putRequestedFor(urlPathEqualTo(WORKSPACE_PATH + "/jobs/" + name)))
                        .get(0)
                        .getBodyAsString())
                .path("properties")
                .path("jobs");
    }

    private static List<LoggedRequest> componentPuts() {
        return wm.findAll(putRequestedFor(urlPathMatching(COMPONENTS)));
    }

    /** The component a node references, as it was registered. */
    private static JsonNode componentOf(JsonNode node) throws Exception {
        for (LoggedRequest r : componentPuts()) {
            if (node.path("componentId").asText().equals(r.getUrl().replaceAll("\\?.*", ""))) {
                return JSON.readTree(r.getBodyAsString()).path("properties");
            }
        }
        throw new AssertionError("No component registered at " + node.path("componentId"));
    }

    @Test
    void eachCommandStepIsANodeReferencingItsAnonymousComponent() throws Exception {
        arm.controlPlane()
                .submitPipeline(
                        "gpu",
                        twoSteps("two", "train --in ${{inputs.d}} --out ${{outputs.model}}")
                                .toSpec());

        assertThat(componentPuts()).as("one component per step").hasSize(2);
        JsonNode jobs = sentJobs("two");
        JsonNode prep = jobs.path("prep");
        assertThat(prep.path("type").asText()).isEqualTo("command");
        assertThat(prep.path("name").asText()).isEqualTo("prep");
        assertThat(prep.path("display_name").asText()).isEqualTo("Prepare");
        assertThat(prep.path("tags")).isEqualTo(JSON.readTree("{\"stage\":\"prep\"}"));
        assertThat(prep.path("componentId").asText())
                .matches(
                        WORKSPACE_PATH.replace(".", "\\.")
                                + "/components/azureml_anonymous/versions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        for (String inlineKey :
                List.of("jobType", "displayName", "command", "environmentId", "codeId", "experimentName")) {
            assertThat(prep.has(inlineKey)).as("no inline job's " + inlineKey).isFalse();
        }
        assertThat(prep.path("computeId").asText()).endsWith("/computes/cpu-small");
        assertThat(prep.path("comment").asText()).isEqualTo("reads the raw file");
        assertThat(jobs.path("train").has("comment")).isFalse();
        assertThat(prep.path("inputs").path("raw"))
                .isEqualTo(JSON.readTree(
                        "{\"job_input_type\":\"uri_file\",\"uri\":\"" + WORKSPACE_PATH + "/data/raw/versions/2\"}"));
        assertThat(prep.path("outputs").path("d")).isEqualTo(JSON.readTree("{\"job_output_type\":\"uri_folder\"}"));

        JsonNode prepComponent = componentOf(prep);
        assertThat(prepComponent.path("isAnonymous").asBoolean()).isTrue();
        JsonNode prepSpec = prepComponent.path("componentSpec");
        assertThat(prepSpec.path("command").asText()).isEqualTo("prep --raw ${{inputs.raw}} --out ${{outputs.d}}");
        assertThat(prepSpec.path("environment").asText())
                .isEqualTo("azureml:" + WORKSPACE_PATH + "/environments/arcml-x/versions/1");
        assertThat(prepSpec.path("inputs")).isEqualTo(JSON.readTree("{\"raw\":{\"type\":\"uri_file\"}}"));
        assertThat(prepSpec.path("outputs")).isEqualTo(JSON.readTree("{\"d\":{\"type\":\"uri_folder\"}}"));

        JsonNode train = jobs.path("train");
        assertThat(train.path("display_name").asText()).isEqualTo("train");
        assertThat(train.path("resources"))
                .isEqualTo(JSON.readTree("{\"instance_count\":2,\"instance_type\":\"gpu_instance\"}"));
        assertThat(train.path("distribution"))
                .isEqualTo(JSON.readTree("{\"distribution_type\":\"PyTorch\",\"process_count_per_instance\":4}"));
        assertThat(train.path("limits"))
                .isEqualTo(JSON.readTree("{\"job_limits_type\":\"Command\",\"timeout\":\"PT1H\"}"));
        assertThat(train.path("environment_variables")).isEqualTo(JSON.readTree("{\"NCCL_DEBUG\":\"INFO\"}"));
        assertThat(train.path("identity")).isEqualTo(JSON.readTree("{\"identity_type\":\"UserIdentity\"}"));
        assertThat(train.path("inputs").path("d").path("uri").asText()).isEqualTo("${{parent.jobs.prep.outputs.d}}");
        assertThat(train.path("outputs").path("model"))
                .isEqualTo(JSON.readTree("{\"type\":\"literal\",\"value\":\"${{parent.outputs.trained}}\"}"));
        JsonNode trainSpec = componentOf(train).path("componentSpec");
        assertThat(trainSpec.path("code").asText()).isEqualTo("azureml:" + WORKSPACE_PATH + "/codes/src/versions/3");
        assertThat(trainSpec.path("inputs")).isEqualTo(JSON.readTree("{\"d\":{\"type\":\"uri_folder\"}}"));
        assertThat(trainSpec.path("outputs")).isEqualTo(JSON.readTree("{\"model\":{\"type\":\"mlflow_model\"}}"));
        assertThat(trainSpec.path("resources"))
                .isEqualTo(JSON.readTree("{\"instance_count\":2,\"instance_type\":\"gpu_instance\"}"));
        assertThat(trainSpec.path("distribution"))
                .isEqualTo(JSON.readTree("{\"type\":\"pytorch\",\"process_count_per_instance\":4}"));
        assertThat(trainSpec.has("environment_variables"))
                .as("the node's, not the component's")
                .isFalse();
    }

    @Test
    void stepsOfTheSameCommandShareOneComponentRegisteredOnce() throws Exception {
        CommandJob same =
                CommandJob.builder().image(IMAGE).command("python check.py").build();
        PipelineJob pipeline = PipelineJob.builder()
                .name("twice")
                .step("first", PipelineStep.of(same).compute("cpu-small"))
                .step("second", PipelineStep.of(same).dependsOn("first"))
                .build();

        var controlPlane = arm.controlPlane();
        controlPlane.submitPipeline("gpu", pipeline.toSpec());
        controlPlane.submitPipeline("gpu", pipeline.toSpec());

        assertThat(componentPuts()).as("registered once by a control plane").hasSize(1);
        JsonNode jobs = sentJobs("twice");
        assertThat(jobs.path("first").path("componentId").asText())
                .isEqualTo(jobs.path("second").path("componentId").asText());
        assertThat(jobs.path("first").path("display_name").asText()).isEqualTo("first");
        assertThat(jobs.path("second").path("display_name").asText()).isEqualTo("second");
    }

    @Test
    void aChangedCommandIsANewComponentVersion() throws Exception {
        var controlPlane = arm.controlPlane();
        controlPlane.submitPipeline(
                "gpu", twoSteps("v1", "train --in ${{inputs.d}} --epochs 1").toSpec());
        controlPlane.submitPipeline(
                "gpu", twoSteps("v2", "train --in ${{inputs.d}} --epochs 2").toSpec());

        assertThat(componentPuts()).as("prep once, train twice").hasSize(3);
        assertThat(sentJobs("v1").path("prep").path("componentId"))
                .isEqualTo(sentJobs("v2").path("prep").path("componentId"));
        assertThat(sentJobs("v1").path("train").path("componentId"))
                .isNotEqualTo(sentJobs("v2").path("train").path("componentId"));
    }
}
