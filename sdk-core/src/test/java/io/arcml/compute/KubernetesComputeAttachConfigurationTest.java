package io.arcml.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesComputeAttachConfigurationTest {
    static final String ARC =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";

    @TempDir
    Path dir;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(
                KubernetesComputeAttachConfigurationTest.class.getResource(name).toURI());
    }

    @Test
    void basicAttachDefaultsToNamespaceDefaultAndTheDefaultInstanceType() {
        KubernetesComputeSpec spec = KubernetesCompute.attachConfiguration(ARC).toSpec();

        assertThat(spec.namespace()).isEqualTo("default");
        assertThat(spec.defaultInstanceType()).isEqualTo("defaultinstancetype");
        assertThat(spec.instanceTypes())
                .containsExactly(Map.entry("defaultinstancetype", InstanceType.defaultInstanceType()));
        assertThat(spec.identity()).isNull();
    }

    @Test
    void advancedAttachKeepsEverySetting() {
        InstanceType gpu = InstanceType.builder()
                .nodeSelector("accelerator", "nvidia-tesla-k80")
                .requests("2", "16Gi", 1)
                .limits("2", "16Gi", 1)
                .build();
        KubernetesComputeSpec spec = KubernetesCompute.attachConfiguration(ARC)
                .namespace("amlarc-testing")
                .defaultInstanceType("gpu_instance")
                .instanceTypes(Map.of("gpu_instance", gpu))
                .identity(ComputeIdentity.systemAssigned())
                .description("GPU pool")
                .toSpec();

        assertThat(spec.namespace()).isEqualTo("amlarc-testing");
        assertThat(spec.defaultInstanceTypeDefinition()).isEqualTo(gpu);
        assertThat(spec.identity().type()).isEqualTo(ComputeIdentity.Type.SystemAssigned);
        assertThat(spec.description()).isEqualTo("GPU pool");
    }

    @Test
    void defaultInstanceTypeIsRequiredWhenInstanceTypesAreSet() {
        var cfg = KubernetesCompute.attachConfiguration(ARC)
                .instanceType("gpu", InstanceType.builder().build());
        assertThatThrownBy(cfg::toSpec)
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("defaultInstanceType: missing is required when instanceTypes is set")
                .hasMessageContaining("[gpu]");
    }

    @Test
    void defaultInstanceTypeMustBeOneOfTheInstanceTypes() {
        var cfg = KubernetesCompute.attachConfiguration(ARC)
                .instanceType("gpu", InstanceType.builder().build())
                .defaultInstanceType("cpu");
        assertThatThrownBy(cfg::toSpec)
                .hasMessageStartingWith("defaultInstanceType: 'cpu' is not one of the instance types [gpu]");
    }

    @Test
    void defaultInstanceTypeWithoutInstanceTypesIsAnError() {
        var cfg = KubernetesCompute.attachConfiguration(ARC).defaultInstanceType("gpu");
        assertThatThrownBy(cfg::toSpec).hasMessageContaining("names no instance type: instanceTypes is empty");
    }

    @Test
    void settersRejectBadValuesAtOnce() {
        var cfg = KubernetesCompute.attachConfiguration(ARC);
        assertThatThrownBy(() -> cfg.namespace("Bad_NS")).hasMessageStartingWith("namespace: 'Bad_NS'");
        assertThatThrownBy(() ->
                        cfg.instanceType("gpu instance", InstanceType.builder().build()))
                .hasMessageStartingWith("instanceTypes: 'gpu instance'");
        assertThatThrownBy(() -> cfg.instanceType("gpu", null))
                .hasMessageStartingWith("instanceTypes.gpu: missing (null given instead of an InstanceType)")
                .hasMessageNotContaining("missing is null");
        assertThatThrownBy(() -> cfg.identity("Managed", List.of())).hasMessageStartingWith("identity.type: 'Managed'");
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration("/subscriptions/1/resourceGroups/rg"))
                .hasMessageStartingWith("resourceId: ");
    }

    @Test
    void loadsTheHowTosAdvancedJsonFileAsIs() throws Exception {
        KubernetesComputeSpec spec = KubernetesCompute.attachConfiguration(ARC)
                .configFile(resource("howto-advanced.json"))
                .toSpec();

        assertThat(spec.namespace()).isEqualTo("amlarc-testing");
        assertThat(spec.defaultInstanceType()).isEqualTo("gpu_instance");
        assertThat(spec.instanceTypes()).containsOnlyKeys("gpu_instance", "big_cpu_sku");
        InstanceType gpu = spec.instanceTypes().get("gpu_instance");
        assertThat(gpu.nodeSelector()).containsEntry("accelerator", "nvidia-tesla-k80");
        assertThat(gpu.gpus()).isEqualTo(1);
        InstanceType big = spec.instanceTypes().get("big_cpu_sku");
        assertThat(big.nodeSelector()).containsEntry("VMSizes", "VM-64vCPU-256GB");
        assertThat(big.requests()).isEmpty();
        assertThat(big.limits()).isEmpty();
    }

    @Test
    void loadsAFileWithArmsNullsForAbsentGpusAndSelectors() throws Exception {
        KubernetesComputeSpec spec = KubernetesCompute.attachConfiguration(ARC)
                .configFile(resource("howto-basic.json"))
                .toSpec();

        assertThat(spec.instanceTypes())
                .containsExactly(Map.entry("defaultinstancetype", InstanceType.defaultInstanceType()));
    }

    @Test
    void reportsUnknownKeysInsteadOfDroppingThem() throws Exception {
        Path f = write("{\"namespace\": \"ns\", \"defaultInstancetype\": \"x\", \"nodeSelector\": {}}");
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC).configFile(f))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'defaultInstancetype' is not a known key (nor are [nodeSelector])")
                .hasMessageContaining("[defaultInstanceType, instanceTypes, namespace]");

        Path nested = write(
                "{\"defaultInstanceType\": \"a\", \"instanceTypes\": {\"a\": {\"resources\": {\"request\": {}}}}}");
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC).configFile(nested))
                .hasMessageStartingWith("instanceTypes.a.resources.request: 'request' is not a known key");
    }

    @Test
    void namesTheFieldOfABadQuantityInTheFile() throws Exception {
        Path f = write(
                "{\"defaultInstanceType\": \"a\", \"instanceTypes\": {\"a\": {\"resources\": {\"limits\": {\"memory\": \"16GB\"}}}}}");
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC).configFile(f))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("instanceTypes.a.resources.limits.memory: '16GB' is not a Kubernetes quantity");
    }

    @Test
    void reportsMalformedJsonWithItsPosition() throws Exception {
        Path f = write("{\"namespace\": \"ns\",\n  \"defaultInstanceType\" }");
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC).configFile(f))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("is not valid JSON (line 2");
    }

    @Test
    void rejectsWrongJsonTypes() throws Exception {
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC).configFile(write("[]")))
                .hasMessageStartingWith("configFile: '[]' is not a JSON object");
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC).configFile(write("{\"namespace\": 3}")))
                .hasMessageStartingWith("namespace: '3' is not a string");
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC)
                        .configFile(
                                write("{\"instanceTypes\": {\"a\": {\"resources\": {\"limits\": {\"cpu\": true}}}}}")))
                .hasMessageStartingWith("instanceTypes.a.resources.limits.cpu: 'true' is not a quantity");
    }

    @Test
    void aMissingFileSaysWhereItLooked() {
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC).configFile(dir.resolve("nope.json")))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("nope.json")
                .hasMessageContaining("resolved against");
    }

    @Test
    void aMissingFileSaysThereIsNoSuchFile() {
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC).configFile(dir.resolve("nope.json")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("configFile: '" + dir.resolve("nope.json") + "' does not exist (no such file)");
    }

    @Test
    void aSecondObjectAfterTheFirstIsRefusedNotDropped() throws Exception {
        Path f = write("{\"namespace\": \"a\"}\n{\"namespace\": \"b\"}");
        assertThatThrownBy(() -> KubernetesCompute.attachConfiguration(ARC).configFile(f))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("configFile: '" + f + "' is not valid JSON (line 2");
    }

    @Test
    void aSerializedSpecLoadsBackAsTheSameSpec() throws Exception {
        KubernetesComputeSpec original = KubernetesCompute.attachConfiguration(ARC)
                .configFile(resource("howto-advanced.json"))
                .toSpec();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("namespace", original.namespace());
        file.put("defaultInstanceType", original.defaultInstanceType());
        Map<String, Object> types = new LinkedHashMap<>();
        original.instanceTypes().forEach((n, t) -> types.put(n, t.serialize()));
        file.put("instanceTypes", types);

        Path f = dir.resolve("roundtrip.json");
        new ObjectMapper().writeValue(f.toFile(), file);
        KubernetesComputeSpec reloaded =
                KubernetesCompute.attachConfiguration(ARC).configFile(f).toSpec();

        assertThat(reloaded).isEqualTo(original);
        assertThat(reloaded.differences(original)).isEmpty();
    }

    @Test
    void differencesNameEachChangedSetting() {
        KubernetesComputeSpec a =
                KubernetesCompute.attachConfiguration(ARC).namespace("a").toSpec();
        KubernetesComputeSpec b = KubernetesCompute.attachConfiguration(ARC)
                .namespace("b")
                .identity(ComputeIdentity.systemAssigned())
                .toSpec();

        assertThat(a.differences(b))
                .containsExactly(
                        "namespace (existing a, requested b)",
                        "identity (existing null, requested " + ComputeIdentity.systemAssigned() + ")");
    }

    private Path write(String json) throws Exception {
        Path f = Files.createTempFile(dir, "cfg", ".json");
        Files.writeString(f, json);
        return f;
    }
}
