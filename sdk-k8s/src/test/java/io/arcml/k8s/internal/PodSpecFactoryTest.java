package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.InstanceType;
import io.arcml.job.CommandJob;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSpecFactoryTest {
    private static final CommandJob JOB =
            CommandJob.builder().name("mig").image("img").command("run").build();

    private static PodRequest request(InstanceType type) {
        return new PodRequest(
                JOB.withInstanceType("t").toSpec(),
                "t",
                type,
                Map.of("a", "b"),
                Map.of(),
                "main",
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    @Test
    void migSlicesAreDevicesWithRequestsEqualToLimits() {
        InstanceType mig = InstanceType.builder()
                .requests("1", "8Gi")
                .limits("2", "8Gi")
                .limit("nvidia.com/mig-1g.5gb", "1")
                .build();
        var spec = new PodSpecFactory(null, null).template(request(mig)).getSpec();
        var resources = spec.getContainers().get(0).getResources();

        assertThat(resources.getRequests())
                .containsEntry("nvidia.com/mig-1g.5gb", new Quantity("1"))
                .containsEntry("cpu", new Quantity("1"));
        assertThat(resources.getLimits())
                .containsEntry("nvidia.com/mig-1g.5gb", new Quantity("1"))
                .containsEntry("cpu", new Quantity("2"));
        assertThat(spec.getTolerations()).hasSize(2);
        assertThat(spec.getContainers().get(0).getEnv())
                .noneMatch(e -> e.getName().equals("NVIDIA_VISIBLE_DEVICES"));
    }

    @Test
    void sharedMemoryIsHalfTheMemoryLimitAndAbsentWithoutMemory() {
        assertThat(PodSpecFactory.sharedMemorySize(InstanceType.builder()
                        .requests("1", "1Gi")
                        .limits("1", "3Gi")
                        .build()))
                .isEqualTo("1536Mi");
        assertThat(PodSpecFactory.sharedMemorySize(
                        InstanceType.builder().limit("nvidia.com/gpu", "1").build()))
                .isNull();
    }

    @Test
    void cpuPodsHideGpusAndGetNoGpuTolerations() {
        var spec = new PodSpecFactory("nvidia", null)
                .template(request(InstanceType.defaultInstanceType()))
                .getSpec();
        assertThat(spec.getTolerations()).isEmpty();
        assertThat(spec.getRuntimeClassName()).isNull();
        assertThat(spec.getContainers().get(0).getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("NVIDIA_VISIBLE_DEVICES");
            assertThat(e.getValue()).isEqualTo("void");
        });
    }

    @Test
    void aSweepsTrialsDeriveTheirInstanceTypesResourcesOnceAndRenderTheSameBytes() {
        PodSpecFactory fanOut = new PodSpecFactory("nvidia", null);
        String first = null;
        for (int trial = 0; trial < 200; trial++) {
            // A new but equal instance type per trial, as a fresh read of the compute record gives.
            InstanceType gpu = InstanceType.builder()
                    .requests("4", "16Gi")
                    .limits("4", "16Gi")
                    .limit("nvidia.com/gpu", "1")
                    .build();
            String rendered = Serialization.asJson(fanOut.template(request(gpu)));
            // Each trial's pod is what a factory that never saw another trial renders, byte for byte.
            assertThat(rendered)
                    .isEqualTo(Serialization.asJson(new PodSpecFactory("nvidia", null).template(request(gpu))));
            if (first == null) {
                first = rendered;
            }
            assertThat(rendered).isEqualTo(first);
        }
        assertThat(fanOut.shapesDerived()).isEqualTo(1);

        String cpu = Serialization.asJson(fanOut.template(request(
                InstanceType.builder().requests("1", "2Gi").limits("1", "2Gi").build())));
        assertThat(fanOut.shapesDerived()).isEqualTo(2);
        assertThat(cpu).doesNotContain("nvidia.com/gpu").contains("\"sizeLimit\":\"1024Mi\"");
    }
}
