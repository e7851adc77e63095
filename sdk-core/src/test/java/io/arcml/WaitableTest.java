package io.arcml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.compute.ProvisioningState;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.job.CommandJob;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.testutil.CapturedStandardOutput;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.JobSimulation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WaitableTest {
    private static final String ARC =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";
    private final EmbeddedControlPlane local = EmbeddedControlPlane.builder()
            .instant()
            .jobSimulator(j -> JobSimulation.succeeds(Duration.ZERO, List.of("##arcml[final] {\"accuracy\": 0.9}")))
            .build();
    private final Workspace ws = Workspace.on(local);

    @RegisterExtension
    final CapturedStandardOutput stdout = new CapturedStandardOutput();

    private String printed() {
        return stdout.text();
    }

    private KubernetesCompute attached() {
        return ComputeTarget.attach(ws, "gpu", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion();
    }

    private static CommandJob job(String command) {
        return CommandJob.builder().image("python:3.11").command(command).build();
    }

    private SweepJob sweep() {
        return SweepJob.builder()
                .name("lr")
                .trial(job("python train.py --lr ${{search_space.lr}}"))
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.1, 0.01))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(Objective.maximize("accuracy"))
                .build();
    }

    private static PipelineJob pipeline() {
        return PipelineJob.builder()
                .name("two")
                .step("a", PipelineStep.of(job("echo a")))
                .step("b", PipelineStep.of(job("echo b")).dependsOn("a"))
                .build();
    }

    /** Each waitable, started afresh, with what its progress shows. */
    private Map<String, Waitable<?>> startEach() {
        KubernetesCompute compute = attached();
        return Map.of(
                "Provisioning operation finished",
                        ComputeTarget.attach(ws, "cpu", KubernetesCompute.attachConfiguration(ARC)),
                "Install operation finished",
                        AzureMLExtension.create(
                                ws,
                                ARC,
                                AzureMLExtensionConfiguration.builder()
                                        .enableTraining(true)
                                        .build()),
                "Run job-",
                        compute.submit(
                                job("python train.py").toBuilder().name("job-1").build()),
                "2/2 trials", compute.submit(sweep()),
                "b: COMPLETED", compute.submit(pipeline()));
    }

    @Test
    void theDesignCardsLineCompilesAndRunsAsWritten() {
        String name = "amlarc-compute";
        KubernetesComputeAttachConfiguration cfg =
                KubernetesCompute.attachConfiguration(ARC).namespace("amlarc-testing");

        ComputeTarget.attach(ws, name, cfg).waitForCompletion();

        assertThat(ComputeTarget.get(ws, name).provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(printed()).isEmpty();
    }

    @Test
    void waitingWithNoArgumentPrintsNothingOnEveryWaitable() {
        startEach().values().forEach(Waitable::waitForCompletion);

        assertThat(printed()).isEmpty();
    }

    @Test
    void progressGoesToTheStreamTheCallerGivesAndNotToStandardOutput() {
        startEach().forEach((shows, waitable) -> {
            ByteArrayOutputStream mine = new ByteArrayOutputStream();
            waitable.waitForCompletion(new PrintStream(mine, true, StandardCharsets.UTF_8), Duration.ofMinutes(1));
            assertThat(mine.toString(StandardCharsets.UTF_8))
                    .as(waitable.toString())
                    .contains(shows);
        });

        assertThat(printed()).isEmpty();
    }

    @Test
    void showOutputStillPrintsToStandardOutput() {
        startEach().values().forEach(w -> w.waitForCompletion(true));

        assertThat(printed())
                .contains(
                        "Provisioning operation finished",
                        "Install operation finished",
                        "Run job-",
                        "2/2 trials",
                        "b: COMPLETED");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefusedWithTheFix() {
        List<Function<Waitable<?>, Object>> waits = List.of(
                w -> w.waitForCompletion(Duration.ofSeconds(-1)),
                w -> w.waitForCompletion(false, Duration.ZERO),
                w -> w.waitForCompletion(System.out, Duration.ofMillis(-5)));
        startEach()
                .values()
                .forEach(waitable -> waits.forEach(wait -> assertThatThrownBy(() -> wait.apply(waitable))
                        .as(waitable.toString())
                        .isInstanceOfSatisfying(
                                ValidationException.class,
                                e -> assertThat(e.field()).isEqualTo("timeout"))
                        .hasMessageContaining("is not a positive duration")
                        .hasMessageContaining("Duration.ofMinutes(30)")
                        .hasMessageNotContaining("Timed out")));
        assertThat(printed()).isEmpty();
    }
}
