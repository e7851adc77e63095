package io.arcml.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobInputTest {
    private static CommandJob.Builder job(JobInput input) {
        return CommandJob.builder()
                .name("train")
                .image("python:3.11")
                .command("python train.py --data ${{inputs.data}}")
                .input("data", input);
    }

    @Test
    void assetsDatastorePathsJobOutputsAndRemoteUrisAreTakenAsAzureMlReadsThem() {
        for (JobInput input : new JobInput[] {
            JobInput.uriFolder("azureml:cifar-10:3"),
            JobInput.uriFolder("azureml:cifar-10@latest").mode(InputMode.DOWNLOAD),
            JobInput.uriFolder("azureml://datastores/workspaceblobstore/paths/cifar")
                    .mode(InputMode.RO_MOUNT),
            JobInput.uriFile("wasbs://datasets@azuremlexamples.blob.core.windows.net/iris.csv"),
            JobInput.uriFile("https://azuremlexamples.blob.core.windows.net/datasets/iris.csv")
                    .mode(InputMode.DIRECT),
            JobInput.uriFolder("abfss://data@lake.dfs.core.windows.net/raw"),
            JobInput.uriFolder("azureml://jobs/prep-123/outputs/cleaned"),
            JobInput.mltable("azureml:taxi-table:1").mode(InputMode.EVAL_MOUNT),
            JobInput.customModel("azureml://registries/azureml/models/resnet/versions/2"),
            JobInput.mlflowModel("runs:/0a1b2c/model"),
            JobInput.tritonModel(
                    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/models/t/versions/1")
        }) {
            CommandJob built = job(input).build();
            assertThat(built.dataInputs()).containsEntry("data", input);
            assertThat(built.undeclaredReference()).isNull();
        }
    }

    @Test
    void aLocalPathGivenAsTextIsRefusedWithHowToGiveItForUpload() {
        assertThatThrownBy(() -> job(JobInput.uriFolder("./data")).build())
                .isInstanceOf(ValidationException.class)
                .hasFieldOrPropertyWithValue("field", "inputs.data")
                .hasMessageStartingWith("inputs.data: './data' is a local path given as a location text")
                .hasMessageContaining("JobInput.uriFolder(Path.of(\"./data\"))")
                .hasMessageContaining("on a cluster mount the data with nfsMount(..)");
        assertThatThrownBy(() -> job(JobInput.mlflowModel("/home/me/model")).build())
                .hasMessageStartingWith("inputs.data: '/home/me/model' is a local path");
        assertThatThrownBy(() -> job(JobInput.uriFile("file:///tmp/iris.csv")).build())
                .hasMessageContaining("is a local path");
    }

    @Test
    void aSchemeAzureMlDoesNotReadIsRefusedNamingTheOnesItDoes() {
        assertThatThrownBy(() -> job(JobInput.uriFolder("s3://bucket/cifar")).build())
                .hasMessageStartingWith(
                        "inputs.data: 's3://bucket/cifar' is not a location Azure ML reads a data input from")
                .hasMessageContaining("azureml://datastores/<datastore>/paths/<path>")
                .hasMessageContaining("wasbs://");
        assertThatThrownBy(() -> job(JobInput.uriFolder("azureml:cifar")).build())
                .hasMessageStartingWith("inputs.data: 'azureml:cifar' is not a location");
        assertThatThrownBy(() -> job(JobInput.uriFolder("/subscriptions/s/resourceGroups/rg"))
                        .build())
                .hasMessageContaining("is not a location");
    }

    @Test
    void aModeTheKindDoesNotTakeIsRefusedWithTheModesItTakes() {
        assertThatThrownBy(() -> job(JobInput.uriFolder("azureml:cifar:1").mode(InputMode.EVAL_MOUNT))
                        .build())
                .hasMessage(
                        "inputs.data.mode: 'eval_mount' is not a mode of uri_folder inputs. Use one of [ro_mount, rw_mount, download, direct],"
                                + " or leave mode out for ro_mount");
        assertThatThrownBy(() -> job(JobInput.customModel("azureml:m:1").mode(InputMode.RW_MOUNT))
                        .build())
                .hasMessageStartingWith("inputs.data.mode: 'rw_mount' is not a mode of custom_model inputs");
        assertThatThrownBy(() -> InputMode.parse("inputs.data.mode", "mount"))
                .hasMessage(
                        "inputs.data.mode: 'mount' is not an input mode. Use one of [ro_mount, rw_mount, download, direct, eval_mount, eval_download],"
                                + " or leave mode out for ro_mount");
        assertThat(InputMode.parse("f", "RO_MOUNT")).isEqualTo(InputMode.RO_MOUNT);
        assertThat(InputMode.parse("f", "ReadOnlyMount")).isEqualTo(InputMode.RO_MOUNT);
    }

    @Test
    void anAssetOfAnotherKindIsRefused() {
        assertThatThrownBy(() -> job(JobInput.uriFolder(
                                "azureml://registries/azureml/environments/sklearn-1.5/labels/latest"))
                        .build())
                .hasMessageStartingWith(
                        "inputs.data: 'azureml://registries/azureml/environments/sklearn-1.5/labels/latest' names environments, not data");
        assertThatThrownBy(() -> job(JobInput.mlflowModel("azureml://registries/azureml/data/cifar/versions/1"))
                        .build())
                .hasMessageContaining("names data, not models");
        assertThatThrownBy(() -> job(JobInput.uriFolder("runs:/0a1b2c/model")).build())
                .hasMessageStartingWith("inputs.data: 'runs:/0a1b2c/model' is an MLflow run's artifact, not data");
    }

    @Test
    void aUriWithATokenOrPasswordIsRefusedAndNeverShown() {
        String sas = "https://acct.blob.core.windows.net/data/iris.csv?sv=2022-11-02&sig=S3CR3TSIG";
        JobInput input = JobInput.uriFile(sas);
        assertThat(input.toString()).doesNotContain("S3CR3TSIG").contains("?***");
        assertThatThrownBy(() -> job(input).build())
                .hasMessageStartingWith(
                        "inputs.data: 'https://acct.blob.core.windows.net/data/iris.csv?***' carries a query or credentials")
                .hasMessageNotContaining("S3CR3TSIG")
                .hasMessageContaining("azureml://datastores/<datastore>/paths/<path>");
        assertThatThrownBy(() -> job(JobInput.uriFolder("https://user:pa55word@host.example.com/data"))
                        .build())
                .hasMessageNotContaining("pa55word")
                .hasMessageContaining("carries a query or credentials");
    }

    @Test
    void theRestShapeIsTheSwaggersAssetJobInput() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("jobInputType", "uri_folder");
        expected.put("uri", "azureml://datastores/workspaceblobstore/paths/cifar");
        expected.put("mode", "ReadOnlyMount");
        JobInput input = JobInput.uriFolder("azureml://datastores/workspaceblobstore/paths/cifar")
                .mode(InputMode.RO_MOUNT);
        assertThat(input.serialize(input.path())).isEqualTo(expected);
        assertThat(JobInput.uriFile("azureml:iris:1").serialize("x"))
                .isEqualTo(Map.of("jobInputType", "uri_file", "uri", "x"));
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = (Map<String, Object>)
                job(input).input("epochs", "3").build().serialize().get("inputs");
        assertThat(inputs)
                .containsEntry("data", expected)
                .containsEntry("epochs", Map.of("jobInputType", "literal", "value", "3"));
    }

    @Test
    void aNameHoldsOneInputTheLastGiven() {
        CommandJob literalLast = job(JobInput.uriFolder("azureml:cifar:1"))
                .input("data", "/mnt/cifar")
                .build();
        assertThat(literalLast.dataInputs()).isEmpty();
        assertThat(literalLast.inputs()).containsEntry("data", "/mnt/cifar");
        CommandJob dataLast = CommandJob.builder()
                .image("i")
                .command("c ${{inputs.data}}")
                .input("data", "x")
                .input("data", JobInput.uriFolder("azureml:cifar:1"))
                .build();
        assertThat(dataLast.inputs()).isEmpty();
        assertThat(dataLast.toBuilder().build().dataInputs()).containsOnlyKeys("data");
    }

    @Test
    void onlyAzureMlDeliversDataInputs() {
        CommandJob job = job(JobInput.uriFolder("azureml:cifar:1")).build();
        assertThatThrownBy(() -> job.requireNoDataInputs("inputs", "the direct cluster transport"))
                .hasMessage(
                        "inputs.data: 'azureml:cifar:1' is a uri_folder input, which only Azure ML delivers: the direct cluster transport has no"
                                + " data plane. Submit the job to a workspace on Azure (the ARM control plane), or on a cluster read the data from an NFS"
                                + " mount (nfsMount(..)) or from the image and pass its path as a literal input");
        CommandJob.builder().image("i").command("c").build().requireNoDataInputs("inputs", "anything");
    }
}
