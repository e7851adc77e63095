package io.arcml.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceTypeJsonTest {
    private static final InstanceType GPU = InstanceType.builder()
            .nodeSelector("accelerator", "nvidia-tesla-k80")
            .requests("2", "16Gi", 1)
            .limits("2", "16Gi", 1)
            .build();
    private static final InstanceType CPU =
            InstanceType.builder().requests("500m", "1Gi").build();

    @Test
    void whatSerializeWritesReadsBackAsTheSameInstanceType() {
        for (InstanceType type :
                new InstanceType[] {GPU, CPU, InstanceType.builder().build()}) {
            assertThat(InstanceTypeJson.from(type.serialize()).toInstanceType("instanceTypes.t"))
                    .isEqualTo(type);
        }
    }

    @Test
    void azuresFormHasNullsForAnAbsentSelectorAndGpuAndBothRequestsAndLimits() throws Exception {
        assertThat(Json.mapper().writeValueAsString(InstanceTypeJson.of(CPU).withAzureNulls()))
                .isEqualTo(
                        "{\"nodeSelector\":null,\"resources\":{\"requests\":{\"cpu\":\"500m\",\"memory\":\"1Gi\",\"nvidia.com/gpu\":null},\"limits\":{}}}");
        assertThat(InstanceTypeJson.from(InstanceTypeJson.of(CPU).withAzureNulls())
                        .toInstanceType("t"))
                .isEqualTo(CPU);
    }

    @Test
    void serializeLeavesEmptyPartsOut() {
        assertThat(CPU.serialize())
                .isEqualTo(Map.of("resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi"))));
        assertThat(InstanceType.builder().build().serialize()).isEmpty();
    }

    @Test
    void aQuantityMayBeANumberButALabelMustBeAString() throws Exception {
        InstanceTypeJson numbers = Json.strictReaderFor(InstanceTypeJson.class)
                .readValue("{\"resources\": {\"requests\": {\"cpu\": 2}, \"limits\": {\"cpu\": 2.5}}}");
        assertThat(numbers.toInstanceType("t").limits().get("cpu")).isEqualTo(Quantity.parse("2.5"));

        assertThatThrownBy(() -> Json.bindStrictly(
                        Json.readDocument("{\"nodeSelector\": {\"zone\": 1}}"), InstanceTypeJson.class, "file"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("nodeSelector.zone: '1' is not a string");
        assertThatThrownBy(() -> Json.bindStrictly(
                        Json.readDocument("{\"resources\": {\"limits\": {\"cpu\": [2]}}}"),
                        InstanceTypeJson.class,
                        "file"))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "resources.limits.cpu: '[2]' is not a quantity. Write it as a string such as \"2\" or \"16Gi\"");
    }

    @Test
    void aBrokenRuleNamesTheFieldUnderThePathGiven() {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("nvidia.com/gpu", "1");
        InstanceTypeJson json = InstanceTypeJson.from(
                Map.of("resources", Map.of("requests", Map.of("nvidia.com/gpu", "2"), "limits", limits)));

        assertThatThrownBy(() -> json.toInstanceType("instanceTypes.gpu"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("instanceTypes.gpu.resources.requests.nvidia.com/gpu: '2' differs from limits");
    }
}
