package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.compute.InstanceType;
import io.arcml.transport.ControlPlaneException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComputeRecordsTest {

    @Test
    void readsAnInstanceTypeResourceWithAzuresNullsForAnAbsentGpuAndSelector() {
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("cpu", "1");
        requests.put("memory", "4Gi");
        requests.put("nvidia.com/gpu", null);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("nodeSelector", null);
        spec.put("resources", Map.of("requests", requests, "limits", requests));

        assertThat(ComputeRecords.parseInstanceType(spec, "defaultinstancetype"))
                .isEqualTo(InstanceType.defaultInstanceType());
    }

    @Test
    void anInvalidInstanceTypeResourceIsAServerErrorNamingIt() {
        Map<String, Object> spec = Map.of("resources", Map.of("limits", Map.of("memory", "16GB")));

        assertThatThrownBy(() -> ComputeRecords.parseInstanceType(spec, "big"))
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("The cluster's InstanceType 'big' is invalid")
                .hasMessageContaining("'16GB' is not a Kubernetes quantity");
    }
}
