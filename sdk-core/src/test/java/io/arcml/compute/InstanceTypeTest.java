package io.arcml.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceTypeTest {

    @Test
    void buildsAGpuInstanceTypeWithTypedRequestsAndLimits() {
        InstanceType gpu = InstanceType.builder()
                .nodeSelector("accelerator", "nvidia-tesla-k80")
                .requests("2", "16Gi", 1)
                .limits("2", "16Gi", 1)
                .build();

        assertThat(gpu.nodeSelector()).containsExactly(Map.entry("accelerator", "nvidia-tesla-k80"));
        assertThat(gpu.requests()).containsOnlyKeys("cpu", "memory", "nvidia.com/gpu");
        assertThat(gpu.limits().get("memory")).isEqualTo(Quantity.parse("16Gi"));
        assertThat(gpu.gpus()).isEqualTo(1);
        assertThat(gpu.usesDevices()).isTrue();
    }

    @Test
    void zeroGpusMeansNoGpuResource() {
        InstanceType cpu = InstanceType.builder()
                .requests("1", "2Gi", 0)
                .limits("2", "4Gi", 0)
                .build();

        assertThat(cpu.limits()).doesNotContainKey(InstanceType.NVIDIA_GPU);
        assertThat(cpu.gpus()).isZero();
        assertThat(cpu.usesDevices()).isFalse();
    }

    @Test
    void acceptsMigSlicesThroughTheGenericForm() {
        InstanceType mig = InstanceType.builder()
                .requests("4", "32Gi")
                .limits("4", "32Gi")
                .request("nvidia.com/mig-1g.5gb", "2")
                .limit("nvidia.com/mig-1g.5gb", "2")
                .build();

        assertThat(mig.limits()).containsKey("nvidia.com/mig-1g.5gb");
        assertThat(mig.usesDevices()).isTrue();
    }

    @Test
    void aGpuOnlyInLimitsIsAccepted() {
        InstanceType t = InstanceType.builder()
                .requests("1", "4Gi")
                .limits("1", "4Gi", 2)
                .build();
        assertThat(t.gpus()).isEqualTo(2);
    }

    @Test
    void rejectsFractionalGpus() {
        assertThatThrownBy(() ->
                        InstanceType.builder().limit("nvidia.com/gpu", "0.5").build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("instanceType.resources.limits.nvidia.com/gpu")
                .hasMessageContaining("'0.5'")
                .hasMessageContaining("whole devices");
    }

    @Test
    void rejectsGpuRequestsThatDifferFromLimits() {
        assertThatThrownBy(() -> InstanceType.builder()
                        .requests("1", "4Gi", 1)
                        .limits("1", "4Gi", 2)
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("requests.nvidia.com/gpu")
                .hasMessageContaining("requests equal to limits");
    }

    @Test
    void rejectsAGpuRequestWithoutALimit() {
        assertThatThrownBy(() -> InstanceType.builder().requests("1", "4Gi", 1).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("requested without a limit");
    }

    @Test
    void rejectsRequestsAboveLimits() {
        assertThatThrownBy(() -> InstanceType.builder()
                        .requests("4", "4Gi")
                        .limits("2", "4Gi")
                        .build())
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field())
                .isEqualTo("instanceType.resources.requests.cpu");
        assertThatThrownBy(() -> InstanceType.builder()
                        .requests("1", "8Gi")
                        .limits("1", "8000Mi")
                        .build())
                .hasMessageContaining("is more than limits.memory '8000Mi'");
    }

    @Test
    void rejectsMemoryInMillibytes() {
        assertThatThrownBy(() -> InstanceType.builder().requests("1", "512m").build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("\"512Mi\"");
    }

    @Test
    void rejectsZeroAndNegativeQuantities() {
        assertThatThrownBy(() -> InstanceType.builder().requests("0", "1Gi").build())
                .hasMessageContaining("is zero");
        assertThatThrownBy(() -> InstanceType.builder().requests("-1", "1Gi").build())
                .hasMessageContaining("is negative");
    }

    @Test
    void rejectsUnknownResourceNames() {
        assertThatThrownBy(() -> InstanceType.builder().request("gpu", "1").build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("is not a Kubernetes resource name")
                .hasMessageContaining("nvidia.com/gpu");
    }

    @Test
    void rejectsNodeSelectorLabelsWithoutValues() {
        assertThatThrownBy(() ->
                        InstanceType.builder().nodeSelector("accelerator", null).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("instanceType.nodeSelector.accelerator");
    }

    @Test
    void serializesInAzureMlsShape() {
        InstanceType gpu = InstanceType.builder()
                .nodeSelector("a", "b")
                .requests("2", "16Gi", 1)
                .limits("2", "16Gi", 1)
                .build();

        assertThat(gpu.serialize())
                .isEqualTo(Map.of(
                        "nodeSelector", Map.of("a", "b"),
                        "resources",
                                Map.of(
                                        "requests", Map.of("cpu", "2", "memory", "16Gi", "nvidia.com/gpu", "1"),
                                        "limits", Map.of("cpu", "2", "memory", "16Gi", "nvidia.com/gpu", "1"))));
        assertThat(InstanceType.builder().nodeSelector("VMSizes", "big").build().serialize())
                .isEqualTo(Map.of("nodeSelector", Map.of("VMSizes", "big")));
    }

    @Test
    void theDefaultInstanceTypeHasOneCpuAndFourGi() {
        InstanceType d = InstanceType.defaultInstanceType();
        assertThat(d.requests()).isEqualTo(Map.of("cpu", Quantity.parse("1"), "memory", Quantity.parse("4Gi")));
        assertThat(d.limits()).isEqualTo(d.requests());
        assertThat(d.nodeSelector()).isEmpty();
    }

    @Test
    void equalityIsByValue() {
        assertThat(InstanceType.builder().requests("1", "1Gi").build())
                .isEqualTo(InstanceType.builder().requests("1000m", "1024Mi").build());
    }
}
