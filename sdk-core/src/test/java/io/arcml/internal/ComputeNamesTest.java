package io.arcml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ComputeNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ab", "amlarc-compute", "compute123", "A123456789012345"})
    void acceptsAzureMlComputeNames(String name) {
        assertThat(ComputeNames.requireComputeName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a", "1compute", "compute-", "compute_name", "a234567890123456x", "my compute"})
    void rejectsOtherComputeNames(String name) {
        assertThatThrownBy(() -> ComputeNames.requireComputeName(name))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("name: ")
                .hasMessageContaining("2 to 16 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "amlarc-testing", "a", "ns1"})
    void acceptsDns1123Namespaces(String ns) {
        assertThat(ComputeNames.requireNamespace(ns)).isEqualTo(ns);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "Default",
                "ns_1",
                "-ns",
                "ns-",
                "a.b",
                "x234567890123456789012345678901234567890123456789012345678901234"
            })
    void rejectsOtherNamespaces(String ns) {
        assertThatThrownBy(() -> ComputeNames.requireNamespace(ns))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("namespace: ")
                .hasMessageContaining("DNS-1123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpu_instance", "big_cpu_sku", "defaultinstancetype", "a", "Standard.NC6"})
    void acceptsInstanceTypeNames(String name) {
        assertThat(ComputeNames.requireInstanceTypeName(name, "f")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_gpu", "gpu-", "gpu instance", ""})
    void rejectsOtherInstanceTypeNames(String name) {
        assertThatThrownBy(() -> ComputeNames.requireInstanceTypeName(name, "defaultInstanceType"))
                .hasMessageStartingWith("defaultInstanceType: ");
    }
}
