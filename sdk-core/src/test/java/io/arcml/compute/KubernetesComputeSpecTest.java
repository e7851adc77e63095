package io.arcml.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.ValidationException;
import io.arcml.resource.ComputeSpec;
import io.arcml.resource.ResourceState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesComputeSpecTest {
    private static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";

    private static KubernetesComputeSpec gpuSpec() {
        return KubernetesCompute.attachConfiguration(AKS)
                .namespace("amlarc-testing")
                .defaultInstanceType("gpu")
                .instanceType(
                        "gpu",
                        InstanceType.builder()
                                .nodeSelector("accelerator", "nvidia-tesla-k80")
                                .request("cpu", "2")
                                .limit("nvidia.com/gpu", "1")
                                .build())
                .instanceType(
                        "cpu", InstanceType.builder().request("memory", "4Gi").build())
                .identity(ComputeIdentity.systemAssigned())
                .relayConnectionString("Endpoint=sb://relay/;SharedAccessKey=s3cret")
                .toSpec();
    }

    @Test
    void theControlPlanesFormCarriesTheClusterIdAndInstanceTypesInAzureMlsJsonShape() {
        ComputeSpec spi = gpuSpec().toSpi();

        assertThat(spi.resourceId()).isEqualTo(AKS);
        assertThat(spi.instanceTypes()).containsOnlyKeys("gpu", "cpu");
        assertThat(spi.instanceTypes().get("gpu"))
                .isEqualTo(Map.of(
                        "nodeSelector", Map.of("accelerator", "nvidia-tesla-k80"),
                        "resources", Map.of("requests", Map.of("cpu", "2"), "limits", Map.of("nvidia.com/gpu", "1"))));
        assertThat(spi.identity()).isEqualTo(new ComputeSpec.Identity("SystemAssigned", List.of()));
        assertThat(spi.toString()).doesNotContain("s3cret").contains("relayConnectionString=***");
    }

    @Test
    void readingTheControlPlanesFormBackGivesTheSameSettings() {
        KubernetesComputeSpec spec = gpuSpec();

        KubernetesComputeSpec back = KubernetesComputeSpec.fromSpi(spec.toSpi(), (type, invalid) -> {
            throw invalid;
        });

        assertThat(back.differences(spec)).isEmpty();
        assertThat(back.instanceTypes()).isEqualTo(spec.instanceTypes());
        assertThat(back.relayConnectionString().reveal())
                .isEqualTo(spec.relayConnectionString().reveal());
    }

    @Test
    void anInvalidInstanceTypeIsReportedByNameAndLeftOut() {
        ComputeSpec spi = gpuSpec().toSpi();
        Map<String, Map<String, Object>> types = new LinkedHashMap<>(spi.instanceTypes());
        types.put("broken", Map.of("resources", Map.of("requests", Map.of("cpu", "two"))));
        types.put("shapeless", Map.of("resources", Map.of("requests", Map.of("cpu", List.of("2")))));
        ComputeSpec stored = new ComputeSpec(
                spi.resourceId(), spi.namespace(), spi.defaultInstanceType(), types, null, null, null, null);
        Map<String, ValidationException> invalid = new LinkedHashMap<>();

        KubernetesComputeSpec read = KubernetesComputeSpec.fromSpi(stored, invalid::put);

        assertThat(read.instanceTypes()).containsOnlyKeys("gpu", "cpu");
        assertThat(invalid).containsOnlyKeys("broken", "shapeless");
        assertThat(invalid.get("broken").getMessage()).contains("instanceTypes.broken");
        assertThat(invalid.get("shapeless").getMessage()).contains("instanceTypes.shapeless");
    }

    @Test
    void everyControlPlaneStateIsOneProvisioningStateWithTheSameWord() {
        for (ResourceState state : ResourceState.values()) {
            ProvisioningState p = ProvisioningState.of(state);
            assertThat(p.resourceState()).isEqualTo(state);
            assertThat(p.toString()).isEqualTo(state.toString());
            assertThat(ProvisioningState.parse(state.toString())).isEqualTo(p);
        }
        assertThat(ProvisioningState.parse("cancelled")).isEqualTo(ProvisioningState.CANCELED);
    }
}
