package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.arcml.transport.arm.ArmEmulator.JSON;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.job.CommandJob;
import io.arcml.job.JobIdentity;
import io.arcml.job.JobInput;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Job settings only Azure ML honours, as arcml sends them: an image with a conda file, registered
 * once as the environment version Azure ML's CLI would register ({@code CliV2AnonymousEnvironment},
 * versioned by the content), then referenced by the job; the job's identity in the job's body; a
 * pipeline's default datastore as the datastore's resource ID; model outputs.
 */
class ArmJobSettingsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String IMAGE = "mcr.microsoft.com/azureml/openmpi3.1.2-ubuntu18.04:20220113.v1";
    private static final String CONDA =
            "channels:\n  - conda-forge\ndependencies:\n  - python=3.10\n  - scikit-learn\n";
    private static final String ANONYMOUS = WORKSPACE_PATH + "/environments/CliV2AnonymousEnvironment/versions/";
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        wm.stubFor(put(urlPathMatching(".*/jobs/[^/]+"))
                .willReturn(json(201, "{\"properties\":{\"status\":\"NotStarted\"}}")));
    }

    private static CommandJob job(String name, String conda) {
        return CommandJob.builder()
                .name(name)
                .image(IMAGE)
                .condaFile(conda)
                .command("python train.py")
                .identity(JobIdentity.userIdentity())
                .build();
    }

    private static JsonNode sentBody(String path) throws Exception {
        return JSON.readTree(
                        wm.findAll(putRequestedFor(urlPathEqualTo(path))).get(0).getBodyAsString())
                .path("properties");
    }

    @Test
    void anImageWithACondaFileIsRegisteredOnceByItsContentAndTheJobRunsInItWithItsIdentity() throws Exception {
        // The versions azure-ai-ml 1.35.2 gives these environments: arcml and the CLI share them.
        String version = "9194751e7c8190fd5820af8418e6c43caf020ff9cdc37ef03071ccad7542f58a";
        String otherVersion = "99944abf0e7b50c0df8dbcd474d5c7a4356b3f488062d04f1d51e214c6c5e0ca";
        wm.stubFor(get(urlPathMatching(".*/environments/.*"))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        wm.stubFor(put(urlPathMatching(".*/environments/.*")).willReturn(json(201, "{}")));
        ArmControlPlane cp = arm.controlPlane();

        cp.submitJob("cpu", job("obo-1", CONDA).toSpec());
        cp.submitJob("cpu", job("obo-2", CONDA).toSpec());
        cp.submitJob("cpu", job("obo-3", CONDA + "  - pandas\n").toSpec());

        JsonNode env = sentBody(ANONYMOUS + version);
        assertThat(env.path("image").asText()).isEqualTo(IMAGE);
        assertThat(env.path("condaFile").asText())
                .as("the conda file as the CLI sends it")
                .isEqualTo("channels:\n- conda-forge\ndependencies:\n- python=3.10\n- scikit-learn\n");
        assertThat(env.path("isAnonymous").asBoolean()).isTrue();
        assertThat(wm.findAll(putRequestedFor(urlPathEqualTo(ANONYMOUS + version))))
                .as("registered once for both jobs")
                .hasSize(1);
        assertThat(wm.findAll(putRequestedFor(urlPathEqualTo(ANONYMOUS + otherVersion))))
                .hasSize(1);
        JsonNode body = sentBody(WORKSPACE_PATH + "/jobs/obo-1");
        assertThat(body.path("environmentId").asText()).isEqualTo(ANONYMOUS + version);
        assertThat(body.path("identity")).isEqualTo(JSON.readTree("{\"identityType\":\"UserIdentity\"}"));
        assertThat(sentBody(WORKSPACE_PATH + "/jobs/obo-3")
                        .path("environmentId")
                        .asText())
                .isEqualTo(ANONYMOUS + otherVersion);
    }

    @Test
    void aPipelinesDefaultDatastoreIsSentAsItsResourceIdAndAModelOutputWithItsType() throws Exception {
        wm.stubFor(get(urlPathMatching(".*/environments/.*"))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        wm.stubFor(put(urlPathMatching(".*/environments/.*")).willReturn(json(201, "{}")));
        wm.stubFor(put(urlPathMatching(".*/components/.*")).willReturn(json(201, "{}")));
        PipelineJob pipeline = PipelineJob.builder()
                .name("segmentation")
                .defaultDatastore("workspaceblobstore")
                .step(
                        "train",
                        PipelineStep.of(CommandJob.builder()
                                .image(IMAGE)
                                .command("python train.py")
                                .build()))
                .build();
        CommandJob model = CommandJob.builder()
                .name("model-1")
                .image(IMAGE)
                .command("python train.py --out ${{outputs.model}}")
                .output("model", JobInput.Type.MLFLOW_MODEL)
                .build();

        arm.controlPlane().submitPipeline("cpu", pipeline.toSpec());
        arm.controlPlane().submitJob("cpu", model.toSpec());

        assertThat(sentBody(WORKSPACE_PATH + "/jobs/segmentation").path("settings"))
                .isEqualTo(JSON.readTree("{\"continue_on_step_failure\":false,\"default_datastore\":\"" + WORKSPACE_PATH
                        + "/datastores/workspaceblobstore\"}"));
        assertThat(sentBody(WORKSPACE_PATH + "/jobs/model-1").path("outputs"))
                .isEqualTo(
                        JSON.readTree("{\"model\":{\"jobOutputType\":\"mlflow_model\",\"mode\":\"ReadWriteMount\"}}"));
    }

    @Test
    void aNamedEnvironmentVersionHoldingAnotherCondaFileIsAConflictAndNoJobIsSent() {
        String path = WORKSPACE_PATH + "/environments/sklearn-env/versions/2";
        wm.stubFor(get(urlPathEqualTo(path))
                .willReturn(json(
                        200,
                        "{\"id\":\"" + path + "\",\"properties\":{\"image\":\"" + IMAGE
                                + "\",\"condaFile\":\"dependencies:\\n  - numpy\\n\"}}")));
        CommandJob job = job("obo-1", CONDA).toBuilder()
                .environmentId("azureml:sklearn-env:2")
                .build();

        assertThatThrownBy(() -> arm.controlPlane().submitJob("cpu", job.toSpec()))
                .isInstanceOf(ArmException.class)
                .hasMessageContaining("Environment version " + path + " holds image '" + IMAGE
                        + "' with another conda file, not '" + IMAGE + "' with the job's")
                .hasMessageContaining("Delete that environment version, or use the image and conda file it holds");
        assertThat(wm.findAll(putRequestedFor(urlPathMatching(".*/jobs/.*")))).isEmpty();
        assertThat(wm.findAll(putRequestedFor(urlPathMatching(".*/environments/.*"))))
                .isEmpty();
    }
}
