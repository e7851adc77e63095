package io.arcml.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class CommandJobTest {
    private static CommandJob.Builder valid() {
        return CommandJob.builder()
                .name("mnist")
                .image("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04")
                .command("python train.py");
    }

    @Test
    void buildsWithDefaultsAndKeepsTheEnvironmentOrder() {
        CommandJob job = valid().environmentVariable("B", "2")
                .environmentVariable("A", "1")
                .build();
        assertThat(job.instanceCount()).isEqualTo(1);
        assertThat(job.instanceType()).isNull();
        assertThat(job.experimentName()).isEqualTo("mnist");
        assertThat(job.environmentVariables().keySet()).containsExactly("B", "A");
    }

    @Test
    void generatesANameWhenNoneIsGiven() {
        assertThat(CommandJob.builder().image("busybox").command("true").build().name())
                .matches("job-[0-9a-f]{10}");
    }

    @Test
    void tensorFlowInstanceCountIsWorkersPlusParameterServers() {
        assertThat(valid().distribution(Distribution.tensorflow(3, 1)).build().instanceCount())
                .isEqualTo(4);
        assertThatThrownBy(() -> valid().instanceCount(2)
                        .distribution(Distribution.tensorflow(3, 1))
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("instanceCount: '2' differs from the TensorFlow workers plus parameter servers (4). "
                        + "Leave instanceCount out or set it to 4: each worker and parameter server is one instance");
    }

    @Test
    void rejectsBadFieldsNamingFieldValueAndFix() {
        assertThatThrownBy(() -> valid().name("bad name").build())
                .hasMessageStartingWith("name: 'bad name' is not a valid job name");
        assertThatThrownBy(() -> valid().image(null).build()).hasMessageStartingWith("image: missing is required");
        assertThatThrownBy(() -> valid().image("my image").build())
                .hasMessageStartingWith("image: 'my image' is not an image reference");
        assertThatThrownBy(() -> valid().command(" ").build()).hasMessageStartingWith("command: ' ' is required");
        assertThatThrownBy(() -> valid().instanceCount(0).build())
                .hasMessageStartingWith("instanceCount: '0' is less than 1");
        assertThatThrownBy(() -> valid().instanceType("gpu instance").build())
                .hasMessageStartingWith("instanceType: 'gpu instance'");
        assertThatThrownBy(() -> valid().environmentVariable("1X", "v").build())
                .hasMessageStartingWith("environmentVariables: '1X' is not a valid variable name");
        assertThatThrownBy(() -> valid().timeout(Duration.ofMillis(10)).build())
                .hasMessageStartingWith("timeout: 'PT0.01S' is shorter than a second");
        assertThatThrownBy(() -> Distribution.pytorch(0))
                .hasMessageStartingWith("distribution.processesPerInstance: '0' is less than 1");
        assertThatThrownBy(() -> Distribution.tensorflow(0, 1))
                .hasMessageStartingWith("distribution.workers: '0' is less than 1");
    }

    @Test
    void distributionVariablesAreReservedForTheTransport() {
        assertThatThrownBy(() -> valid().distribution(Distribution.pytorch(2))
                        .environmentVariable("MASTER_ADDR", "x")
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(
                        "environmentVariables.MASTER_ADDR: 'MASTER_ADDR' is set by arcml from the distribution");
    }

    @Test
    void nfsMountsAreCheckedOneByOneAndTogether() {
        assertThatThrownBy(() -> valid().nfsMount("10.0.0.4", "export", "/mnt/data", true))
                .hasMessageStartingWith("nfsMount.path: 'export' is not an absolute path");
        assertThatThrownBy(() -> valid().nfsMount("bad host!", "/export", "/mnt/data", true))
                .hasMessageStartingWith("nfsMount.server: 'bad host!' is not a host name or IP address");
        assertThatThrownBy(() -> valid().nfsMount("10.0.0.4", "/export", "/dev/shm", true))
                .hasMessageStartingWith("nfsMount.mountPath: '/dev/shm' would hide a path the job needs");
        assertThatThrownBy(() -> valid().nfsMount("a", "/x", "/mnt/d", true)
                        .nfsMount("b", "/y", "/mnt/d", false)
                        .build())
                .hasMessageStartingWith("nfsMounts.mountPath: '/mnt/d' is used by two NFS mounts");
    }

    @Test
    void serializesToAzureMlCommandJobProperties() {
        Map<String, Object> body = valid().instanceType("gpu_instance")
                .distribution(Distribution.tensorflow(1, 1))
                .environmentVariable("K", "V")
                .timeout(Duration.ofMinutes(5))
                .build()
                .serialize();
        assertThat(body)
                .containsEntry("jobType", "Command")
                .containsEntry("command", "python train.py")
                .containsEntry("resources", Map.of("instanceCount", 2, "instanceType", "gpu_instance"))
                .containsEntry(
                        "distribution",
                        Map.of("distributionType", "TensorFlow", "workerCount", 1, "parameterServerCount", 1))
                .containsEntry("environmentVariables", Map.of("K", "V"))
                .containsEntry("limits", Map.of("jobLimitsType", "Command", "timeout", "PT5M"));
        assertThat(Distribution.pytorch(4).serialize())
                .isEqualTo(Map.of("distributionType", "PyTorch", "processCountPerInstance", 4));
        assertThat(Distribution.mpi(2).serialize())
                .isEqualTo(Map.of("distributionType", "Mpi", "processCountPerInstance", 2));
    }

    @Test
    void toStringLeavesEnvironmentValuesOut() {
        String text = valid().environmentVariable("HF_TOKEN", "hf_secret_value")
                .build()
                .toString();
        assertThat(text).contains("HF_TOKEN").doesNotContain("hf_secret_value");
    }

    @Test
    void withInstanceTypeKeepsEverythingElse() {
        CommandJob job = valid().instanceCount(2)
                .distribution(Distribution.pytorch(1))
                .nfsMount("a", "/x", "/mnt/x", true)
                .build();
        CommandJob resolved = job.withInstanceType("gpu");
        assertThat(resolved.instanceType()).isEqualTo("gpu");
        assertThat(resolved.toString()).isEqualTo(job.toString().replace("<compute default>", "gpu"));
    }

    @Test
    void azureOnlyFieldsAreCheckedAndLiteralInputsFillTheCommand() {
        CommandJob job = CommandJob.builder()
                .environmentId("azureml:env:1")
                .command("python t.py --lr ${{inputs.lr}} --x ${{inputs.lr}}")
                .input("lr", "0.01")
                .build();
        Assertions.assertThat(job.commandWithInputs()).isEqualTo("python t.py --lr 0.01 --x 0.01");
        Assertions.assertThat(job.undeclaredReference()).isNull();
        Assertions.assertThat(CommandJob.builder()
                        .image("i")
                        .command("t ${{outputs.m}}")
                        .build()
                        .undeclaredReference())
                .isEqualTo("${{outputs.m}}");
        Assertions.assertThatThrownBy(() -> CommandJob.builder().command("t").build())
                .hasMessageStartingWith("image: missing is required")
                .hasMessageContaining("environmentId");
        Assertions.assertThatThrownBy(() -> CommandJob.builder()
                        .environmentId("my-env")
                        .command("t")
                        .build())
                .hasMessageStartingWith("environmentId: 'my-env' is not an Azure ML environment reference");
        Assertions.assertThatThrownBy(() -> CommandJob.builder()
                        .image("i")
                        .codeId(
                                "/subscriptions/1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/environments/e/versions/1")
                        .command("t")
                        .build())
                .hasMessageStartingWith("codeId:");
        Assertions.assertThatThrownBy(() -> CommandJob.builder()
                        .image("i")
                        .command("t")
                        .input("learning-rate", "1")
                        .build())
                .hasMessageStartingWith("inputs: 'learning-rate'");
        Assertions.assertThat(job.toBuilder().name("copy").build().inputs()).containsEntry("lr", "0.01");
    }

    @Test
    void aLiteralInputAzureMlWouldRefuseIsRefusedUpFront() {
        for (String value : new String[] {".", "", " ", "-", "/", ".."}) {
            assertThatThrownBy(() -> valid().command("ls ${{inputs.dir}}")
                            .input("dir", value)
                            .build())
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("inputs.dir: '" + value + "' ")
                    .hasMessageContaining("which Azure ML refuses")
                    .hasMessageContaining("write a path out, e.g. ./data");
        }
        assertThatThrownBy(() -> valid().input("dir", "").build())
                .hasMessageStartingWith("inputs.dir: '' is empty, which Azure ML refuses.");
        assertThat(valid().input("dir", "./data")
                        .input("flag", "_")
                        .input("n", "0")
                        .build()
                        .inputs())
                .containsEntry("dir", "./data");
    }

    @Test
    void aCommandWithNoLetterDigitOrUnderscoreIsRefused() {
        assertThatThrownBy(() -> valid().command("--").build())
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "command: '--' has no letter, digit or '_', which Azure ML refuses. Give the shell command to run, e.g. python train.py");
    }
}
