package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.InputMode;
import io.arcml.job.JobInput;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.sweep.SweepJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data and model inputs in CLI v2 YAML: {@code type}, {@code path} and {@code mode} honoured; what Azure ML cannot read refused. */
class DataInputsYamlTest {
    private static final String BODY =
            "command: python train.py --data ${{inputs.data}}\nenvironment:\n  image: python:3.11\n";

    private static Path file(String name) throws Exception {
        return Path.of(DataInputsYamlTest.class.getResource(name).toURI());
    }

    @Test
    void aCommandJobsDataInputsAreDeclaredAndItsLiteralsWrittenIntoTheCommand() throws Exception {
        CommandJob job = JobYaml.read(file("data-inputs.yml")).commandJob();

        assertThat(job.command())
                .isEqualTo(
                        "python train.py --epochs 1 --learning-rate 0.2 --data-dir ${{inputs.cifar}} --iris ${{inputs.iris_csv}}");
        assertThat(job.dataInputs())
                .containsExactly(
                        Map.entry("cifar", JobInput.uriFolder("azureml:cifar-10-example:2")),
                        Map.entry(
                                "iris_csv",
                                JobInput.uriFile("wasbs://datasets@azuremlexamples.blob.core.windows.net/iris.csv")
                                        .mode(InputMode.DOWNLOAD)));
        assertThat(job.codeId()).isEqualTo("azureml:cifar-src:1");
    }

    @Test
    void everyDataInputTypeAndModeIsRead() {
        for (JobInput.Type type : JobInput.Type.values()) {
            CommandJob job = JobYaml.parse(BODY + "inputs:\n  data:\n    type: " + type.wireName()
                            + "\n    path: azureml:asset:1\n    mode: download\n")
                    .commandJob();
            assertThat(job.dataInputs().get("data"))
                    .isEqualTo(JobInput.of(type, "azureml:asset:1").mode(InputMode.DOWNLOAD));
        }
        assertThat(JobYaml.parse(BODY + "inputs:\n  data:\n    path: azureml://datastores/workspaceblobstore/paths/d\n")
                        .commandJob()
                        .dataInputs())
                .containsEntry("data", JobInput.uriFolder("azureml://datastores/workspaceblobstore/paths/d"));
    }

    @Test
    void aSweepsDataInputsGoToEveryTrial() throws Exception {
        SweepJob sweep = JobYaml.read(file("sweep-data-inputs.yml")).sweepJob();

        assertThat(sweep.trial().dataInputs())
                .containsEntry(
                        "iris_csv",
                        JobInput.uriFile("https://azuremlexamples.blob.core.windows.net/datasets/iris.csv"));
        assertThat(sweep.trialJob(0, Map.of("learning_rate", 0.1, "boosting", "gbdt"))
                        .dataInputs())
                .containsKey("iris_csv");
        assertThat(sweep.trial().command()).contains("--iris-csv ${{inputs.iris_csv}}");
    }

    @Test
    void aPipelineInputIsBoundToTheStepsThatNameItAndStepsKeepTheirOwnDataInputs() throws Exception {
        PipelineJob pipeline = JobYaml.read(file("pipeline-data-inputs.yml"))
                .pipelineJob(new NfsMount("10.0.0.4", "/export", "/mnt/p", false));

        CommandJob prepare = pipeline.steps().get("prepare_data").job();
        assertThat(prepare.dataInputs()).containsOnlyKeys("images_archive", "annotations_archive");
        assertThat(prepare.dataInputs().get("images_archive").path())
                .isEqualTo("https://www.robots.ox.ac.uk/~vgg/data/pets/data/images.tar.gz");
        CommandJob train = pipeline.steps().get("train").job();
        assertThat(train.dataInputs())
                .containsExactly(Map.entry(
                        "base_model",
                        JobInput.customModel("azureml:unet-base:1").mode(InputMode.DOWNLOAD)));
        assertThat(train.command())
                .isEqualTo("python run.py --images ${{inputs.images}} --base ${{inputs.base_model}} --epochs 7");
        assertThat(pipeline.steps().get("train").inputs())
                .containsEntry("images", "${{parent.jobs.prepare_data.outputs.images}}");
    }

    @Test
    void whatAzureMlCannotReadIsRefusedAllAtOnceNamingEachInput() {
        String file = BODY.replace(
                        "--data ${{inputs.data}}",
                        "${{inputs.a}} ${{inputs.b}} ${{inputs.c}} ${{inputs.d}} ${{inputs.e}} ${{inputs.f}}")
                + "inputs:\n"
                + "  a:\n    type: uri_folder\n    path: runs:/1/model\n"
                + "  b:\n    type: uri_file\n    path: s3://bucket/iris.csv\n"
                + "  c:\n    type: uri_folder\n    path: azureml:c:1\n    mode: mount\n"
                + "  d:\n    type: string\n    path: azureml:d:1\n"
                + "  e:\n    type: mltable\n    path: azureml:e:1\n    mode: rw_mount\n"
                + "  f:\n    type: uri_folder\n    path: azureml:f:1\n    datastore: workspaceblobstore\n";
        JobYamlException e = catchThrowableOfType(() -> JobYaml.parse(file), JobYamlException.class);

        assertThat(e.problems())
                .extracting(ValidationException::field)
                .containsExactly(
                        "inputs.a",
                        "inputs.b",
                        "inputs.c.mode",
                        "inputs.d.type",
                        "inputs.e.mode",
                        "inputs.f.datastore");
        List<String> messages =
                e.problems().stream().map(ValidationException::getMessage).toList();
        assertThat(messages.get(0))
                .startsWith("inputs.a: 'runs:/1/model' is an MLflow run's artifact, not data")
                .contains("JobInput.mlflowModel");
        assertThat(messages.get(1))
                .startsWith("inputs.b: 's3://bucket/iris.csv' is not a location Azure ML reads a data input from");
        assertThat(messages.get(2)).startsWith("inputs.c.mode: 'mount' is not an input mode");
        assertThat(messages.get(3)).startsWith("inputs.d.type: 'string' is not a data input type");
        assertThat(messages.get(4)).startsWith("inputs.e.mode: 'rw_mount' is not a mode of mltable inputs");
        assertThat(messages.get(5))
                .startsWith("inputs.f.datastore: '\"workspaceblobstore\"' is not supported by arcml");
    }

    @Test
    void aStepsLocalDataInputLoadsAsALocalFolderToUpload() {
        String file =
                "type: pipeline\njobs:\n  prep:\n    command: prep ${{inputs.raw}}\n    environment:\n      image: i\n"
                        + "    inputs:\n      raw:\n        type: uri_folder\n        path: ./data\n";

        JobInput raw = JobYaml.parse(file)
                .pipelineJob()
                .steps()
                .get("prep")
                .job()
                .dataInputs()
                .get("raw");

        assertThat(raw.localPath()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(raw.type()).isEqualTo(JobInput.Type.URI_FOLDER);
    }
}
