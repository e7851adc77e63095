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
import io.arcml.job.JobInput;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pipeline's sweep step on Azure ML: a sweep node whose trial is an anonymous command component registered first. */
class ArmSweepNodesTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String COMPONENTS = WORKSPACE_PATH + "/components/azureml_anonymous/versions/";
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubNewEnvironments();
        wm.stubFor(put(urlPathMatching(".*/components/azureml_anonymous/versions/.*"))
                .willReturn(json(201, "{\"id\":\"" + COMPONENTS + "registered\"}")));
    }

    static PipelineJob tunedPipeline(String name) {
        SweepJob sweep = SweepJob.builder()
                .trial(CommandJob.builder()
                        .image("python:3.11")
                        .command("python train.py --lr ${{search_space.lr}} --kernel ${{search_space.kernel}}"
                                + " --data ${{inputs.data}} --model ${{outputs.model}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.uniform(0.01, 0.1))
                        .parameter("kernel", Parameter.choice("rbf", "linear"))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.random(7))
                .objective(Objective.minimize("loss"))
                .limits(SweepLimits.of(6, 2).withTimeout(Duration.ofHours(2)))
                .earlyTermination(EarlyTerminationPolicy.bandit(0.2, 1, 3))
                .build();
        return PipelineJob.builder()
                .name(name)
                .sharedStorage(new NfsMount("10.0.0.4", "/export", "/mnt/p", false))
                .step(
                        "prep",
                        PipelineStep.of(CommandJob.builder()
                                        .image("python:3.11")
                                        .command("prep --out ${{outputs.d}}")
                                        .build())
                                .output("d"))
                .step(
                        "tune",
                        PipelineStep.of(sweep)
                                .input("data", "${{parent.jobs.prep.outputs.d}}")
                                .output("model"))
                .step(
                        "score",
                        PipelineStep.of(CommandJob.builder()
                                        .image("python:3.11")
                                        .command("score --model ${{inputs.m}}")
                                        .build())
                                .input("m", "${{parent.jobs.tune.outputs.model}}"))
                .build();
    }

    private JsonNode sentJobs(String name) throws Exception {
        String path = WORKSPACE_PATH + "/jobs/" + name;
        return JSON.readTree(
                        wm.findAll(putRequestedFor(urlPathEqualTo(path))).get(0).getBodyAsString())
                .path("properties")
                .path("jobs");
    }

    /** The component PUTs of the sweep's trial (the command steps register theirs too). */
    private static List<LoggedRequest> trialComponents() {
        return wm.findAll(putRequestedFor(urlPathMatching(".*/components/azureml_anonymous/versions/.*"))).stream()
                .filter(r -> r.getBodyAsString().contains("--lr ${{inputs.lr}}"))
                .toList();
    }

    private void stubJob(String name) {
        wm.stubFor(put(urlPathEqualTo(WORKSPACE_PATH + "/jobs/" + name))
                .willReturn(json(
                        201,
                        "{\"id\":\"" + WORKSPACE_PATH + "/jobs/" + name + "\",\"name\":\"" + name
                                + "\",\"properties\":{\"jobType\":\"Pipeline\",\"status\":\"NotStarted\"}}")));
    }

    @Test
    void aSweepStepIsSentAsASweepNodeWhoseTrialIsAnAnonymousComponentRegisteredOnce() throws Exception {
        stubJob("tuned");
        stubJob("tuned-again");

        var controlPlane = arm.controlPlane();
        controlPlane.submitPipeline("gpu", tunedPipeline("tuned").toSpec());
        controlPlane.submitPipeline("gpu", tunedPipeline("tuned-again").toSpec());

        List<LoggedRequest> components = trialComponents();
        assertThat(components)
                .as("the same trial is registered once by a control plane")
                .hasSize(1);
        assertThat(components.get(0).getUrl())
                .matches(".*/versions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\?.*");
        JsonNode component = JSON.readTree(components.get(0).getBodyAsString()).path("properties");
        assertThat(component.path("isAnonymous").asBoolean()).isTrue();
        JsonNode spec = component.path("componentSpec");
        assertThat(spec.path("type").asText()).isEqualTo("command");
        assertThat(spec.path("command").asText())
                .isEqualTo("python train.py --lr ${{inputs.lr}} --kernel ${{inputs.kernel}}"
                        + " --data ${{inputs.data}} --model ${{outputs.model}}");
        assertThat(spec.path("inputs").path("lr").path("type").asText()).isEqualTo("number");
        assertThat(spec.path("inputs").path("kernel").path("type").asText()).isEqualTo("string");
        assertThat(spec.path("inputs").path("data").path("type").asText()).isEqualTo("uri_folder");
        assertThat(spec.path("outputs").has("model")).isTrue();
        assertThat(spec.path("environment").asText())
                .isEqualTo("azureml:" + WORKSPACE_PATH + "/environments/arcml-x/versions/1");

        // Another process registers the same trial under the same version: the PUT is idempotent.
        arm.controlPlane().submitPipeline("gpu", tunedPipeline("tuned-again").toSpec());
        List<LoggedRequest> again = trialComponents();
        assertThat(again).hasSize(2);
        assertThat(again.get(1).getUrl()).isEqualTo(components.get(0).getUrl());

        JsonNode tune = sentJobs("tuned").path("tune");
        assertThat(tune.path("type").asText()).isEqualTo("sweep");
        assertThat(tune.path("display_name").asText()).isEqualTo("tune");
        assertThat(tune.has("displayName")).isFalse();
        assertThat(tune.path("trial").path("componentId").asText()).isEqualTo(COMPONENTS + "registered");
        assertThat(tune.has("command")).isFalse();
        assertThat(tune.has("environmentId")).isFalse();
        assertThat(tune.path("computeId").asText()).endsWith("/computes/gpu");
        assertThat(tune.path("inputs").path("data").path("uri").asText()).isEqualTo("${{parent.jobs.prep.outputs.d}}");
        assertThat(tune.path("outputs").has("model")).isTrue();
        assertThat(tune.path("search_space").path("lr"))
                .isEqualTo(JSON.readTree("{\"type\":\"uniform\",\"min_value\":0.01,\"max_value\":0.1}"));
        assertThat(tune.path("search_space").path("kernel"))
                .isEqualTo(JSON.readTree("{\"type\":\"choice\",\"values\":[\"rbf\",\"linear\"]}"));
        assertThat(tune.path("sampling_algorithm").path("type").asText()).isEqualTo("random");
        assertThat(tune.path("sampling_algorithm").path("seed").asInt()).isEqualTo(7);
        assertThat(tune.path("objective"))
                .isEqualTo(JSON.readTree("{\"goal\":\"minimize\",\"primary_metric\":\"loss\"}"));
        assertThat(tune.path("limits"))
                .isEqualTo(JSON.readTree("{\"max_total_trials\":6,\"max_concurrent_trials\":2,\"timeout\":7200}"));
        assertThat(tune.path("early_termination").path("policy_type").asText()).isEqualTo("Bandit");
        assertThat(tune.path("early_termination").path("slack_factor").asDouble())
                .isEqualTo(0.2);
        assertThat(tune.path("early_termination").path("delay_evaluation").asInt())
                .isEqualTo(3);
        assertThat(sentJobs("tuned")
                        .path("score")
                        .path("inputs")
                        .path("m")
                        .path("uri")
                        .asText())
                .isEqualTo("${{parent.jobs.tune.outputs.model}}");
    }

    @Test
    void aSweepStepsOwnInputsAreTypedInTheNodesSpellingAsItsBindingsAre() throws Exception {
        stubJob("tuned-on-raw");
        SweepJob sweep = SweepJob.builder()
                .trial(CommandJob.builder()
                        .image("python:3.11")
                        .command(
                                "python train.py --lr ${{search_space.lr}} --raw ${{inputs.raw}} --data ${{inputs.data}}")
                        .input("raw", JobInput.uriFile("azureml:raw:2"))
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.uniform(0.01, 0.1))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.random(7))
                .objective(Objective.minimize("loss"))
                .limits(SweepLimits.of(2, 1))
                .build();
        PipelineJob pipeline = PipelineJob.builder()
                .name("tuned-on-raw")
                .sharedStorage(new NfsMount("10.0.0.4", "/export", "/mnt/p", false))
                .step(
                        "prep",
                        PipelineStep.of(CommandJob.builder()
                                        .image("python:3.11")
                                        .command("prep --out ${{outputs.d}}")
                                        .build())
                                .output("d"))
                .step("tune", PipelineStep.of(sweep).input("data", "${{parent.jobs.prep.outputs.d}}"))
                .build();

        arm.controlPlane().submitPipeline("gpu", pipeline.toSpec());

        JsonNode inputs = sentJobs("tuned-on-raw").path("tune").path("inputs");
        assertThat(inputs.path("raw"))
                .isEqualTo(JSON.readTree(
                        "{\"job_input_type\":\"uri_file\",\"uri\":\"" + WORKSPACE_PATH + "/data/raw/versions/2\"}"));
        assertThat(inputs.path("data"))
                .isEqualTo(JSON.readTree(
                        "{\"job_input_type\":\"uri_folder\",\"uri\":\"${{parent.jobs.prep.outputs.d}}\"}"));
    }
}
