package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.DockerBuild;
import io.arcml.job.JobIdentity;
import io.arcml.job.JobInput;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.sweep.SweepJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job file's {@code identity}, an environment's {@code conda_file}, model outputs and a
 * pipeline's {@code settings.default_datastore}, which arcml sends to Azure ML.
 */
class JobYamlAzureKeysTest {
    private static final String COMMAND = "command: python t.py\nenvironment:\n  image: python:3.11\n";
    private static final String CLIENT_ID = "00000000-0000-0000-0000-0000000000c1";

    @TempDir
    Path dir;

    @Test
    void eachIdentityTypeOfACommandJobReachesTheJobAndItsRestBody() {
        assertThat(JobYaml.parse(COMMAND + "identity:\n  type: user_identity\n")
                        .commandJob()
                        .identity())
                .isEqualTo(JobIdentity.userIdentity());
        assertThat(JobYaml.parse(COMMAND + "identity:\n  type: aml_token\n")
                        .commandJob()
                        .identity())
                .isEqualTo(JobIdentity.amlToken());
        assertThat(JobYaml.parse(COMMAND + "identity:\n  type: managed\n")
                        .commandJob()
                        .identity())
                .isEqualTo(JobIdentity.managed());
        CommandJob userAssigned = JobYaml.parse(
                        COMMAND + "identity:\n  type: managed\n  client_id: " + CLIENT_ID + "\n")
                .commandJob();

        assertThat(userAssigned.serialize())
                .containsEntry("identity", Map.of("identityType", "Managed", "clientId", CLIENT_ID));
    }

    @Test
    void aSweepAndAPipelineAndItsStepsTakeTheirIdentities() {
        SweepJob sweep = JobYaml.parse("type: sweep\nidentity:\n  type: user_identity\ntrial:\n"
                        + "  command: t ${{search_space.x}}\n  environment:\n    image: i\n"
                        + "search_space:\n  x:\n    type: choice\n    values: [1, 2]\nsampling_algorithm: grid\n"
                        + "objective:\n  goal: maximize\n  primary_metric: acc\n")
                .sweepJob();
        PipelineJob pipeline = JobYaml.parse("type: pipeline\nidentity:\n  type: managed\njobs:\n"
                        + "  a:\n    command: x\n    environment:\n      image: i\n"
                        + "    identity:\n      type: aml_token\n")
                .pipelineJob();

        assertThat(sweep.identity()).isEqualTo(JobIdentity.userIdentity());
        assertThat(sweep.serialize()).containsEntry("identity", Map.of("identityType", "UserIdentity"));
        assertThat(pipeline.identity()).isEqualTo(JobIdentity.managed());
        assertThat(pipeline.steps().get("a").job().identity()).isEqualTo(JobIdentity.amlToken());
        assertThat(pipeline.serialize()).containsEntry("identity", Map.of("identityType", "Managed"));
        assertThat(((Map<?, ?>) pipeline.serialize().get("jobs")).get("a"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("identity", Map.of("identityType", "AMLToken"));
    }

    @Test
    void modelOutputsAndAPipelinesDefaultDatastoreAreRead() {
        CommandJob job = JobYaml.parse("command: python t.py --m ${{outputs.m}}\nenvironment:\n  image: python:3.11\n"
                        + "outputs:\n  m:\n    type: custom_model\n")
                .commandJob();
        PipelineJob pipeline = JobYaml.parse(
                        "type: pipeline\nsettings:\n  default_datastore: azureml:workspaceblobstore\n"
                                + "jobs:\n  a:\n    command: x\n    environment:\n      image: i\n")
                .pipelineJob();

        assertThat(job.outputType("m")).isEqualTo(JobInput.Type.CUSTOM_MODEL);
        assertThat(pipeline.defaultDatastore()).isEqualTo("workspaceblobstore");
        assertThatThrownBy(() -> JobYaml.parse("command: python t.py\nenvironment:\n  image: python:3.11\n"
                        + "outputs:\n  m:\n    type: mltable\n"))
                .hasMessageStartingWith(
                        "outputs.m.type: 'mltable' is not an output type arcml declares here. Use [custom_model, mlflow_model, triton_model, uri_folder]");
    }

    @Test
    void pipelineOutputsAreTheStepOutputsBoundToThem() {
        String pipeline = "type: pipeline\noutputs:\n  trained_model:\n    mode: upload\n  scores:\n"
                + "jobs:\n  train:\n    command: t --m ${{outputs.m}} --s ${{outputs.s}}\n    environment:\n      image: i\n"
                + "    outputs:\n      m: ${{parent.outputs.trained_model}}\n      s: ${{parent.outputs.scores}}\n";

        PipelineJob job = JobYaml.parse(pipeline).pipelineJob(new NfsMount("10.0.0.4", "/export/p", "/mnt/p", false));

        assertThat(job.outputs())
                .containsExactly(
                        Map.entry("trained_model", "${{parent.jobs.train.outputs.m}}"),
                        Map.entry("scores", "${{parent.jobs.train.outputs.s}}"));
        assertThat(job.serialize().get("outputs"))
                .isEqualTo(Map.of(
                        "trained_model",
                        Map.of("jobOutputType", "uri_folder", "mode", "Upload"),
                        "scores",
                        Map.of("jobOutputType", "uri_folder", "mode", "ReadWriteMount")));
        assertThat(((Map<?, ?>) ((Map<?, ?>) job.serialize().get("jobs")).get("train")).get("outputs"))
                .isEqualTo(Map.of(
                        "m",
                        Map.of("type", "literal", "value", "${{parent.outputs.trained_model}}"),
                        "s",
                        Map.of("type", "literal", "value", "${{parent.outputs.scores}}")));
        assertThatThrownBy(() -> JobYaml.parse(pipeline.replace("parent.outputs.scores", "parent.outputs.score")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("outputs: '${{parent.outputs.score}}' is bound by a step but not declared");
    }

    private static final String TRAIN_COMPONENT =
            "$schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json\n"
                    + "type: command\nname: train_model\ndisplay_name: Train Model\nversion: 0.0.1\n"
                    + "inputs:\n  training_data:\n    type: uri_folder\n  max_epocs:\n    type: integer\n    optional: true\n"
                    + "  learning_rate:\n    type: number\n    default: 0.01\n    optional: true\n"
                    + "  momentum:\n    type: number\n    optional: true\n"
                    + "outputs:\n  model_output:\n    type: uri_folder\n"
                    + "environment:\n  image: python:3.11\n"
                    + "command: >-\n  python train.py --training_data ${{inputs.training_data}}\n"
                    + "  $[[--max_epocs ${{inputs.max_epocs}}]] $[[--learning_rate ${{inputs.learning_rate}}]]\n"
                    + "  $[[--momentum ${{inputs.momentum}}]] --model_output ${{outputs.model_output}}\n";

    @Test
    void aLocalComponentIsReadBesideThePipelineAndInlinedAsTheStep() throws Exception {
        Files.createDirectories(dir.resolve("components"));
        Files.writeString(dir.resolve("components/train.yml"), TRAIN_COMPONENT);
        Path file = dir.resolve("pipeline.yml");
        Files.writeString(
                file,
                "type: pipeline\noutputs:\n  trained:\n    mode: upload\njobs:\n  train:\n"
                        + "    type: command\n    component: ./components/train.yml\n    inputs:\n"
                        + "      training_data:\n        type: uri_folder\n        path: azureml:cifar:1\n"
                        + "      max_epocs: 20\n    outputs:\n      model_output: ${{parent.outputs.trained}}\n"
                        + "  score:\n    component:\n      command: python score.py --m ${{inputs.m}}\n"
                        + "      environment:\n        image: python:3.11\n      inputs:\n        m:\n          type: uri_folder\n"
                        + "    inputs:\n      m: ${{parent.jobs.train.outputs.model_output}}\n");

        PipelineJob pipeline = JobYaml.read(file).pipelineJob(new NfsMount("10.0.0.4", "/export/p", "/mnt/p", false));

        CommandJob train = pipeline.steps().get("train").job();
        assertThat(train.command())
                .isEqualTo(
                        "python train.py --training_data ${{inputs.training_data}} --max_epocs 20 --learning_rate 0.01"
                                + "  --model_output ${{outputs.model_output}}");
        assertThat(train.image()).isEqualTo("python:3.11");
        assertThat(train.dataInputs()).containsOnlyKeys("training_data");
        assertThat(pipeline.steps().get("train").outputs()).containsExactly("model_output");
        assertThat(pipeline.outputs()).containsEntry("trained", "${{parent.jobs.train.outputs.model_output}}");
        assertThat(pipeline.steps().get("score").inputs())
                .containsEntry("m", "${{parent.jobs.train.outputs.model_output}}");
    }

    @Test
    void theLocalComponentsSampleBesideItsComponentsLoadsWithItsLocalDataInputs() throws Exception {
        Path sample = CliV2SamplesTest.samples()
                .resolve("cli__jobs__pipelines-with-components__basics__1a_e2e_local_components__pipeline.yml");
        Path file = Files.copy(sample, dir.resolve("pipeline.yml"));
        Files.writeString(dir.resolve("train.yml"), TRAIN_COMPONENT);
        Files.writeString(
                dir.resolve("score.yml"),
                "type: command\ninputs:\n  model_input:\n    type: uri_folder\n  test_data:\n    type: uri_folder\n"
                        + "outputs:\n  score_output:\n    type: uri_folder\nenvironment:\n  image: python:3.11\n"
                        + "command: python score.py ${{inputs.model_input}} ${{inputs.test_data}} ${{outputs.score_output}}\n");
        Files.writeString(
                dir.resolve("eval.yml"),
                "type: command\ninputs:\n  scoring_result:\n    type: uri_folder\n"
                        + "outputs:\n  eval_output:\n    type: uri_folder\nenvironment:\n  image: python:3.11\n"
                        + "command: python eval.py ${{inputs.scoring_result}} ${{outputs.eval_output}}\n");

        PipelineJob pipeline = JobYaml.read(file).pipelineJob(new NfsMount("10.0.0.4", "/export/p", "/mnt/p", false));

        // Its ./data inputs are local folders beside the pipeline file, uploaded on Azure at submit.
        assertThat(pipeline.steps()
                        .get("train_job")
                        .job()
                        .dataInputs()
                        .get("training_data")
                        .localPath())
                .isEqualTo(dir.resolve("data").normalize());
        assertThat(pipeline.steps()
                        .get("score_job")
                        .job()
                        .dataInputs()
                        .get("test_data")
                        .localPath())
                .isEqualTo(dir.resolve("data").normalize());
    }

    @Test
    void whatAComponentCarriesThatArcmlCannotDoIsReportedUnderTheStepsComponent() throws Exception {
        Files.writeString(
                dir.resolve("train.yml"),
                TRAIN_COMPONENT.replace("type: command\n", "type: command\nis_deterministic: true\n")
                        + "code: ./src\n");
        Path file = dir.resolve("pipeline.yml");
        Files.writeString(
                file,
                "type: pipeline\njobs:\n  train:\n    component: ./train.yml\n    command: python other.py\n"
                        + "  score:\n    component: ./score.yml\n  eval:\n    component: azureml:eval:1\n");

        JobYamlException e = catchThrowableOfType(() -> JobYaml.read(file), JobYamlException.class);

        assertThat(e.problems())
                .extracting(ValidationException::field)
                .containsExactly("jobs.train.command", "jobs.score.component", "jobs.eval.component");
        Files.writeString(
                file,
                "type: pipeline\njobs:\n  train:\n    component: ./train.yml\n"
                        + "    inputs:\n      training_data:\n        type: uri_folder\n        path: azureml:cifar:1\n");
        assertThatThrownBy(() -> JobYaml.read(file))
                .isInstanceOf(ValidationException.class)
                .isNotInstanceOf(JobYamlException.class)
                .hasMessageStartingWith("jobs.train.component.is_deterministic: 'true' is not supported by arcml");
    }

    @Test
    void aComponentsLocalCodeIsReadRelativeToTheComponentFile() throws Exception {
        Files.createDirectories(dir.resolve("components"));
        Files.writeString(dir.resolve("components/train.yml"), TRAIN_COMPONENT + "code: ./src\n");
        Path file = dir.resolve("pipeline.yml");
        Files.writeString(
                file,
                "type: pipeline\njobs:\n  train:\n    component: ./components/train.yml\n"
                        + "    inputs:\n      training_data:\n        type: uri_folder\n        path: ./data\n");

        CommandJob train = JobYaml.read(file)
                .pipelineJob(new NfsMount("10.0.0.4", "/export/p", "/mnt/p", false))
                .steps()
                .get("train")
                .job();

        assertThat(train.localCode()).isEqualTo(dir.resolve("components/src").normalize());
        assertThat(train.dataInputs().get("training_data").localPath())
                .isEqualTo(dir.resolve("data").normalize());
    }

    @Test
    void anIdentityArcmlCannotSendIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> JobYaml.parse(COMMAND + "identity:\n  type: owner\n"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("identity.type: 'owner' is not an identity type of Azure ML. "
                        + "Use user_identity, managed or aml_token");
        JobYamlException e = catchThrowableOfType(
                () -> JobYaml.parse(COMMAND + "identity:\n  type: user_identity\n  client_id: x\n" + "jobs: none\n"),
                JobYamlException.class);
        assertThat(e.problems())
                .extracting(ValidationException::field)
                .containsExactlyInAnyOrder("identity.client_id", "jobs");
        assertThatThrownBy(() -> JobYaml.parse(COMMAND + "identity:\n  type: managed\n  client_id: my-identity\n"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("identity.clientId: 'my-identity' is not a UUID");
    }

    @Test
    void aCondaFileIsReadRelativeToTheJobFileOrWrittenInline() throws Exception {
        Files.createDirectories(dir.resolve("environment"));
        String conda = "name: obo\ndependencies:\n  - python=3.10\n  - pip:\n      - azureml-core\n";
        Files.writeString(dir.resolve("environment/conda.yml"), conda);
        Path file = dir.resolve("job.yml");
        Files.writeString(file, COMMAND + "  conda_file: environment/conda.yml\n");

        assertThat(JobYaml.read(file).commandJob().condaFile()).isEqualTo(conda);
        String inline = JobYaml.parse(COMMAND + "  conda_file:\n    channels: [conda-forge]\n"
                        + "    dependencies:\n      - python=3.10\n")
                .commandJob()
                .condaFile();
        assertThat(inline).contains("channels:", "- \"conda-forge\"", "dependencies:", "- \"python=3.10\"");
    }

    @Test
    void anEnvironmentBuildIsADockerContextBesideTheFileOrAUri() throws Exception {
        Path file = dir.resolve("job.yml");
        Files.writeString(
                file,
                "command: python main.py\nenvironment:\n  build:\n    path: docker-context\n"
                        + "    dockerfile_path: docker/train.Dockerfile\n");

        DockerBuild local = JobYaml.read(file).commandJob().dockerBuild();
        assertThat(local.localContext()).isEqualTo(dir.resolve("docker-context"));
        assertThat(local.dockerfilePath()).isEqualTo("docker/train.Dockerfile");
        assertThat(JobYaml.read(file).commandJob().image()).isNull();
        DockerBuild remote = JobYaml.parse("command: python main.py\nenvironment:\n  build:\n"
                        + "    path: azureml://datastores/ds/paths/ctx/\n")
                .commandJob()
                .dockerBuild();
        assertThat(remote.contextUri()).isEqualTo("azureml://datastores/ds/paths/ctx/");
        assertThat(remote.dockerfilePath()).isEqualTo("Dockerfile");
        assertThatThrownBy(() -> JobYaml.parse(
                        "command: c\nenvironment:\n  build:\n    path: ctx\n    dockerfile_path: ../Dockerfile\n"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "environment.build.dockerfile_path: '../Dockerfile' is not a path inside the build context");
    }

    @Test
    void aCondaFileThatIsNotThereIsRefusedNamingWhereItWasLookedFor() throws Exception {
        Path file = dir.resolve("job.yml");
        Files.writeString(file, COMMAND + "  conda_file: conda.yml\n");

        assertThatThrownBy(() -> JobYaml.read(file))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "environment.conda_file: 'conda.yml' cannot be read (" + dir.resolve("conda.yml")
                                + ": no such file); a relative path is read from the directory of the file that names it")
                .hasMessageContaining("write it inline under conda_file");
    }

    @Test
    void theOnBehalfOfSampleBesideItsCondaFileLoads() throws Exception {
        Path sample = CliV2SamplesTest.samples().resolve("cli__jobs__single-step__on-behalf-of__job.yaml");
        Path file = Files.copy(sample, dir.resolve("job.yaml"));
        Files.createDirectories(dir.resolve("environment"));
        Files.writeString(dir.resolve("environment/conda.yml"), "dependencies:\n  - python=3.8\n");

        CommandJob job = JobYaml.read(file).commandJob();

        assertThat(job.identity()).isEqualTo(JobIdentity.userIdentity());
        assertThat(job.condaFile()).isEqualTo("dependencies:\n  - python=3.8\n");
        assertThat(job.localCode()).isNotNull();
    }
}
