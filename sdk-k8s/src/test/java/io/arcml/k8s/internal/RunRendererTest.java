package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.InstanceType;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.TensorFlowDistribution;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every engine and distribution renders objects with valid names and labels, each tied to its run.
 * The objects are also written to {@code target/rendered-objects} for the schema check in
 * {@code src/test/node/validate-rendered-objects.mjs}.
 */
class RunRendererTest {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]?");
    private static final InstanceType GPU = InstanceType.builder()
            .nodeSelector("accelerator", "nvidia")
            .requests("4", "32Gi", 2)
            .limits("8", "32Gi", 2)
            .build();
    private static final Path OUT = Path.of("target", "rendered-objects");

    static List<Arguments> variants() {
        CommandJob.Builder base = CommandJob.builder()
                .name("Train_Model-v2")
                .image("img:1")
                .command("python train.py")
                .instanceType("gpu_instance")
                .environmentVariable("NCCL_DEBUG", "INFO")
                .nfsMount("10.0.0.4", "/export", "/mnt/data", true);
        return List.of(
                Arguments.of("single", RunEngine.INDEXED_JOB, base.build()),
                Arguments.of(
                        "pytorch-indexed",
                        RunEngine.INDEXED_JOB,
                        base.instanceCount(3)
                                .distribution(Distribution.pytorch(2))
                                .build()),
                Arguments.of(
                        "mpi-indexed",
                        RunEngine.INDEXED_JOB,
                        base.instanceCount(2).distribution(Distribution.mpi(4)).build()),
                Arguments.of(
                        "tensorflow-indexed",
                        RunEngine.INDEXED_JOB,
                        CommandJob.builder()
                                .name("tf")
                                .image("img")
                                .command("run")
                                .instanceType("gpu_instance")
                                .distribution(Distribution.tensorflow(2, 1))
                                .timeout(Duration.ofHours(1))
                                .build()),
                Arguments.of(
                        "pytorch-volcano",
                        RunEngine.VOLCANO,
                        base.instanceCount(2)
                                .distribution(Distribution.pytorch(2))
                                .build()),
                Arguments.of(
                        "mpi-volcano",
                        RunEngine.VOLCANO,
                        base.instanceCount(2).distribution(Distribution.mpi(1)).build()),
                Arguments.of(
                        "pytorch-kubeflow",
                        RunEngine.KUBEFLOW,
                        base.instanceCount(4)
                                .distribution(Distribution.pytorch(8))
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void rendersNamedLabelledObjectsTiedToTheRun(String variant, RunEngine engine, CommandJob job) throws IOException {
        String runId = ArcmlLabels.dnsLabel(job.name(), 30) + "-0a1b2c";
        RunRenderer renderer = new RunRenderer(
                new PodSpecFactory("nvidia", new PodProxy("http://proxy:3128", null, PodProxy.ALWAYS_BYPASSED)));
        RunPlan plan = renderer.render(runId, "amlarc-testing", "gpu-compute", job.toSpec(), GPU, engine);

        assertThat(runId).matches(DNS_LABEL);
        assertThat(plan.objects()).isNotEmpty().allSatisfy(o -> {
            assertThat(o.getMetadata().getName()).matches(DNS_LABEL);
            assertThat(o.getMetadata().getNamespace()).isEqualTo("amlarc-testing");
            assertThat(o.getMetadata().getLabels())
                    .containsEntry(ArcmlLabels.RUN, runId)
                    .containsEntry(ArcmlLabels.MANAGED_BY, "arcml");
            assertThat(o.getMetadata().getLabels().values())
                    .allMatch(v -> LABEL_VALUE.matcher(v).matches());
        });
        Files.createDirectories(OUT);
        KubernetesSerialization json = new KubernetesSerialization();
        Files.writeString(
                OUT.resolve(variant + ".json"), json.asJson(plan.objects().toArray(HasMetadata[]::new)));
        assertThat(json.unmarshal(Files.readString(OUT.resolve(variant + ".json")), List.class))
                .hasSize(plan.objects().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void decisiveInstancesLeaveParameterServersOut(String variant, RunEngine engine, CommandJob job) {
        RunPlan plan =
                new RunRenderer(new PodSpecFactory(null, null)).render("r-1", "ns", "c", job.toSpec(), GPU, engine);
        int expected = job.distribution() instanceof TensorFlowDistribution tf ? tf.workers() : job.instanceCount();
        assertThat(plan.decisiveInstances()).isEqualTo(expected);
        assertThat(plan.engine()).isEqualTo(engine);
    }
}
