package io.arcml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "accelerator",
                "kubernetes.io/os",
                "node.kubernetes.io/instance-type",
                "a",
                "A_b.c-D",
                "example.com/Some_Name",
                "x/y"
            })
    void acceptsLabelKeysTheApiServerAccepts(String key) {
        assertThat(KubernetesNames.requireLabelKey("nodeSelector", key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a/b/c",
                "-a.io/x",
                "Example.com/x",
                "ex ample/x",
                "has space",
                "/x",
                "x/",
                "-x",
                "x-",
                "_x",
                "a..b/x",
                "x.io/-y"
            })
    void refusesLabelKeysTheApiServerRefuses(String key) {
        assertThatThrownBy(() -> KubernetesNames.requireLabelKey("nodeSelector", key))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("nodeSelector: '" + key + "' is not a Kubernetes label key");
    }

    @Test
    void labelKeyNamesAreLimitedTo63AndPrefixesTo253() {
        assertThat(KubernetesNames.requireLabelKey("k", "n".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> KubernetesNames.requireLabelKey("k", "n".repeat(64)))
                .hasMessageContaining("its name");
        String prefix = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertThat(KubernetesNames.requireLabelKey("k", prefix + "/x")).startsWith(prefix);
        assertThatThrownBy(() -> KubernetesNames.requireLabelKey("k", prefix + "d/x"))
                .hasMessageContaining("its prefix");
    }

    @Test
    void labelValuesAreAtMost63AndMayBeEmpty() {
        assertThat(KubernetesNames.requireLabelValue("v", "")).isEmpty();
        assertThat(KubernetesNames.requireLabelValue("v", "v".repeat(63))).hasSize(63);
        assertThatThrownBy(() -> KubernetesNames.requireLabelValue("v", "v".repeat(67)))
                .hasMessageContaining("has 67 characters");
        for (String bad : new String[] {"-gpu", "gpu-", "gpu pool", "a/b", "é"}) {
            assertThatThrownBy(() -> KubernetesNames.requireLabelValue("v", bad))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("v: '" + bad + "' is not a Kubernetes label value");
        }
        assertThatThrownBy(() -> KubernetesNames.requireLabelValue("v", null))
                .hasMessageStartingWith("v: missing (no label value given)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "python:3.11",
                "python",
                "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest",
                "localhost:5000/team/img:v1",
                "myregistry.azurecr.io/a__b/c-d.e:1.0",
                "Registry.Example.com/img",
                "img@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "[::1]:5000/img:tag"
            })
    void acceptsImageReferences(String image) {
        assertThat(KubernetesNames.requireImage("image", image)).isEqualTo(image);
    }

    @Test
    void anUpperCaseRepositoryIsRefusedWithTheLowerCaseFix() {
        assertThatThrownBy(() -> KubernetesNames.requireImage("image", "Python:3.11"))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "image: 'Python:3.11' has upper case in its repository 'Python': repository names must be lower case. "
                                + "Write it in lower case, e.g. python:3.11");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "my image",
                "img:",
                "img:-tag",
                "img@sha256:xyz",
                "-img",
                "team/-img",
                "img//x",
                "a:b:c",
                "registry.io:port/img",
                ""
            })
    void refusesMalformedImageReferences(String image) {
        assertThatThrownBy(() -> KubernetesNames.requireImage("image", image))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("image: ");
    }

    @Test
    void dnsNamesFollowRfc1123() {
        assertThat(KubernetesNames.requireDnsSubdomain("runtimeClassName", "nvidia.runtime-1", "nvidia"))
                .isNotNull();
        assertThat(KubernetesNames.requireDnsLabel("namespace", "ml-jobs", "x")).isNotNull();
        for (String bad : new String[] {"Not A Valid Name!", "Nvidia", "-x", "x.", "a_b"}) {
            assertThatThrownBy(() -> KubernetesNames.requireDnsSubdomain("runtimeClassName", bad, "nvidia"))
                    .hasMessageStartingWith("runtimeClassName: '" + bad + "' is not a DNS-1123 subdomain");
        }
        assertThatThrownBy(() -> KubernetesNames.requireDnsLabel("namespace", "ml.jobs", "x"))
                .hasMessageContaining("DNS-1123 label");
        assertThatThrownBy(() -> KubernetesNames.requireDnsSubdomain("s", "a".repeat(254), "x"))
                .hasMessageContaining("253");
    }
}
