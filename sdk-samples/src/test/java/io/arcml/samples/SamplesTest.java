package io.arcml.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.extension.ExtensionVerification;
import io.arcml.pipeline.PipelineRun;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every sample of the README, run on an instant embedded control plane. */
class SamplesTest {
    private final EmbeddedControlPlane local =
            EmbeddedControlPlane.builder().instant().build();
    private final Workspace ws = Workspace.on(local);
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureOutput() {
        original = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(original);
    }

    private String output() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickstartRunsEveryStepOfTheHowTo() throws Exception {
        Quickstart.run(ws);

        assertThat(output())
                .contains("== 1. Deploy the Azure ML extension and verify it")
                .contains("healthy")
                .contains("Provisioning operation finished, operation \"Succeeded\"")
                .contains("found compute target: amlarc-advanced")
                .contains("compute targets now: [amlarc-advanced]");
        assertThat(ComputeTarget.list(ws)).containsOnlyKeys("amlarc-advanced");
    }

    @Test
    void deployExtensionFailsWhenAPodIsUnhealthy() {
        local.inject(Fault.unhealthyExtensionPod("aml-operator", "CrashLoopBackOff"));
        assertThatThrownBy(() -> DeployExtension.run(ws))
                .hasMessageContaining("aml-operator")
                .hasMessageContaining("CrashLoopBackOff");
    }

    @Test
    void deployExtensionSendsTheHowTosSettings() {
        ExtensionVerification v = DeployExtension.run(ws);
        assertThat(v.status().configurationSettings())
                .containsEntry("enableTraining", "True")
                .containsEntry("installNvidiaDevicePlugin", "True")
                .containsEntry("volumePluginDir", "/etc/kubernetes/volumeplugins");
        assertThat(v.pods().orElseThrow()).anyMatch(p -> p.name().startsWith("nvidia-device-plugin-daemonset-"));
    }

    @Test
    void basicAttachUsesTheDefaultInstanceType() {
        KubernetesCompute c = BasicAttach.run(ws, "amlarc-basic");
        assertThat(c.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(c.defaultInstanceType()).isEqualTo("defaultinstancetype");
        assertThat(output()).contains("provisioningState=Succeeded");
    }

    @Test
    void advancedAttachLoadsTheHowTosFile() throws Exception {
        KubernetesCompute c = AdvancedAttach.run(ws, "amlarc-advanced", AdvancedAttach.howToConfigFile());
        assertThat(c.namespace()).isEqualTo("amlarc-testing");
        assertThat(c.instanceTypes()).containsOnlyKeys("gpu_instance", "big_cpu_sku");
    }

    @Test
    void advancedAttachReportsABadFileBeforeAttaching(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(
                dir.resolve("bad.json"), "{\"namespace\": \"amlarc-testing\", \"defaultInstanceType\": \"gpu\"}");
        assertThatThrownBy(() -> AdvancedAttach.run(ws, "amlarc-advanced", bad))
                .hasMessageContaining("defaultInstanceType: 'gpu'");
        assertThat(ComputeTarget.list(ws)).isEmpty();
    }

    @Test
    void sweepSampleTrainsEveryTrialAndFindsAGoodLearningRate(@TempDir Path dir) throws Exception {
        EmbeddedControlPlane training = EmbeddedControlPlane.builder()
                .instant()
                .jobSimulator(new ToyTraining(Duration.ZERO))
                .build();
        Path csv = dir.resolve("results.csv");

        var run = SweepSample.run(Workspace.on(training), csv);

        assertThat(run.results().trials()).hasSize(12);
        assertThat(run.best().orElseThrow().primaryMetric()).isGreaterThan(0.8);
        assertThat(Files.readAllLines(csv)).hasSize(13).first().asString().isEqualTo("trial,state,lr,epochs,accuracy");
        assertThat(output()).contains("12/12 trials, 0 running, best accuracy=");
    }

    @Test
    void chartsSampleWritesEachChartAsPngAndSvg(@TempDir Path dir) throws Exception {
        EmbeddedControlPlane training = EmbeddedControlPlane.builder()
                .jobQueueTime(Duration.ofMillis(10))
                .jobSimulator(new ToyTraining(Duration.ofMillis(20)))
                .build();

        List<Path> files = ChartsSample.run(Workspace.on(training), dir);

        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .containsExactly(
                        "sweep-metric-by-step.png",
                        "sweep-metric-by-step.svg",
                        "sweep-best-so-far.png",
                        "sweep-best-so-far.svg",
                        "sweep-best-so-far-over-time.png",
                        "sweep-best-so-far-over-time.svg",
                        "pipeline-timeline.png",
                        "pipeline-timeline.svg");
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            if (f.toString().endsWith(".png")) {
                assertThat(ImageIO.read(f.toFile()).getWidth()).isEqualTo(800);
            } else {
                assertThat(new String(bytes, StandardCharsets.UTF_8))
                        .contains("<svg")
                        .contains("</svg>");
            }
        }
        assertThat(Files.readString(dir.resolve("sweep-metric-by-step.svg")))
                .contains("trial 0")
                .contains("(best)");
        assertThat(Files.readString(dir.resolve("pipeline-timeline.svg")))
                .contains("train_small")
                .contains("COMPLETED");
    }

    @Test
    void pipelineSampleRunsItsStepsInOrder() {
        var run = PipelineSample.run(ws);
        assertThat(run.state()).isEqualTo(PipelineRun.State.COMPLETED);
        assertThat(local.jobLogs("amlarc-compute", "train-pipeline-evaluate"))
                .contains(
                        "--a /mnt/pipelines/train-pipeline/train_small/model --b /mnt/pipelines/train-pipeline/train_large/model");
    }

    @Test
    void findOrAttachAttachesOnceThenFinds() {
        KubernetesCompute first = FindOrAttach.run(ws, "amlarc-compute");
        KubernetesCompute second = FindOrAttach.run(ws, "amlarc-compute");

        assertThat(output())
                .contains("creating new compute target: amlarc-compute")
                .contains("found compute target: amlarc-compute");
        assertThat(second.spec()).isEqualTo(first.spec());
        assertThat(second.defaultInstanceType()).isEqualTo("gpu_instance");
    }
}
