package io.arcml.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.resource.CommandSpec;
import io.arcml.resource.DistributionSpec;
import io.arcml.resource.DockerBuildSpec;
import io.arcml.resource.IdentitySpec;
import io.arcml.resource.InputSpec;
import io.arcml.resource.LabelsSpec;
import io.arcml.resource.NfsMountSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandJobToSpecTest {

    private static CommandJob.Builder everything() {
        return CommandJob.builder()
                .name("mnist-ddp")
                .experimentName("mnist")
                .image("python:3.11")
                .command("python train.py --lr ${{inputs.lr}} --data ${{inputs.data}} --out ${{outputs.model}}")
                .instanceType("gpu_instance")
                .instanceCount(2)
                .distribution(Distribution.pytorch(4))
                .environmentVariable("HF_TOKEN", "hf_secret_value")
                .nfsMount("10.0.0.4", "/export/data", "/mnt/data", true)
                .timeout(Duration.ofHours(2))
                .condaFile("dependencies:\n  - python=3.11\n")
                .identity(JobIdentity.managed())
                .input("lr", "0.01")
                .input("data", JobInput.uriFolder("azureml:mnist:3").mode(InputMode.DOWNLOAD))
                .output("model", JobInput.Type.MLFLOW_MODEL)
                .labels(JobLabels.none()
                        .displayName("MNIST")
                        .description("baseline")
                        .tag("team", "vision"));
    }

    @Test
    void theSpecCarriesEveryFieldATransportReadsInItsOwnValues() {
        CommandSpec spec = everything().build().toSpec();

        assertThat(spec.name()).isEqualTo("mnist-ddp");
        assertThat(spec.experimentName()).isEqualTo("mnist");
        assertThat(spec.image()).isEqualTo("python:3.11");
        assertThat(spec.instanceType()).isEqualTo("gpu_instance");
        assertThat(spec.instanceCount()).isEqualTo(2);
        assertThat(spec.distribution()).isEqualTo(new DistributionSpec.PyTorch(4));
        assertThat(spec.environmentVariables()).containsExactly(Map.entry("HF_TOKEN", "hf_secret_value"));
        assertThat(spec.nfsMounts()).containsExactly(new NfsMountSpec("10.0.0.4", "/export/data", "/mnt/data", true));
        assertThat(spec.timeout()).isEqualTo(Duration.ofHours(2));
        assertThat(spec.condaFile()).startsWith("dependencies:");
        assertThat(spec.dockerBuild()).isNull();
        assertThat(spec.identity()).isEqualTo(new IdentitySpec("Managed", "managed", null, null, null));
        assertThat(spec.inputs()).containsExactly(Map.entry("lr", "0.01"));
        assertThat(spec.dataInputs())
                .containsExactly(
                        Map.entry("data", new InputSpec("uri_folder", "data", "azureml:mnist:3", null, "Download")));
        assertThat(spec.outputs()).containsExactly(Map.entry("model", "mlflow_model"));
        assertThat(spec.labels()).isEqualTo(new LabelsSpec("MNIST", "baseline", Map.of("team", "vision"), Map.of()));
        assertThat(spec.commandWithInputs())
                .isEqualTo("python train.py --lr 0.01 --data ${{inputs.data}} --out ${{outputs.model}}");
        assertThat(spec.undeclaredReference()).isNull();
    }

    @Test
    void theSpecWritesTheSameRestBodyAsTheJob() {
        CommandJob job = everything().build();
        assertThat(job.toSpec().serialize()).isEqualTo(job.serialize());
        CommandJob plain = CommandJob.builder()
                .name("plain")
                .image("python:3.11")
                .command("echo hi")
                .build();
        assertThat(plain.toSpec().serialize())
                .containsEntry("experimentName", "plain")
                .containsEntry("displayName", "plain")
                .doesNotContainKeys("distribution", "limits", "inputs", "outputs", "identity");
    }

    @Test
    void aDockerBuildTravelsAsItsContextAndDockerfile() {
        CommandSpec spec = CommandJob.builder()
                .name("built")
                .command("python train.py")
                .dockerBuild(
                        DockerBuild.remote("https://example.org/context").dockerfilePath("docker/train.Dockerfile"))
                .build()
                .toSpec();

        assertThat(spec.image()).isNull();
        assertThat(spec.dockerBuild())
                .isEqualTo(new DockerBuildSpec(null, "https://example.org/context", "docker/train.Dockerfile"));
        assertThat(spec.dockerBuild()).hasToString("https://example.org/context (docker/train.Dockerfile)");
    }

    @Test
    void aLocalCodeFolderAndALocalInputTravelAsPaths() {
        Path code = Path.of("src");
        Path data = Path.of("data");
        CommandSpec spec = CommandJob.builder()
                .name("local")
                .command("python train.py --data ${{inputs.data}}")
                .code(code)
                .input("data", JobInput.uriFolder(data))
                .dockerBuild(DockerBuild.local(Path.of("ctx")))
                .build()
                .toSpec();

        assertThat(spec.localCode()).isEqualTo(code);
        assertThat(spec.dataInputs().get("data").localPath()).isEqualTo(data);
        assertThat(spec.dockerBuild().localContext()).isEqualTo(Path.of("ctx"));
        assertThat(spec.dockerBuild()).hasToString("ctx");
    }

    @Test
    void theSpecsLineLeavesEnvironmentValuesOut() {
        assertThat(everything().build().toSpec().toString())
                .contains("HF_TOKEN")
                .doesNotContain("hf_secret_value")
                .contains("identity=managed");
        assertThat(everything().build().toString())
                .startsWith("CommandJob{name=mnist-ddp, image=python:3.11")
                .doesNotContain("hf_secret_value");
    }
}
