package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.compute.ProvisioningState;
import io.arcml.compute.Quantity;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CLI v2 compute file ({@code az ml compute attach --file}) read into an attach configuration. */
class ComputeYamlTest {
    private static final String ARC =
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc1";
    private static final String UAI =
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1";

    @TempDir
    Path dir;

    @Test
    void azureMlsComputeSampleReadsIntoItsNameAndAttachConfiguration() throws Exception {
        ComputeYaml file = ComputeYaml.read(
                CliV2SamplesTest.samples()
                        .resolve(
                                "azure-sdk-for-python__sdk__ml__azure-ai-ml__tests__test_configs__compute__compute-kubernetes.yaml"));

        KubernetesComputeSpec spec = file.attachConfiguration().toSpec();
        assertThat(file.name()).isEqualTo("testarc");
        assertThat(spec.namespace()).isEqualTo("default");
        assertThat(spec.resourceId().toString())
                .isEqualTo(
                        "/subscriptions/dummy/resourceGroups/dummy/providers/Microsoft.Kubernetes/connectedClusters/dummy");
        assertThat(spec.description())
                .isEqualTo("A specification of an K8S cluster (to be attached or already attached)");
    }

    @Test
    void instanceTypesUnderPropertiesAndAUserAssignedIdentityAreAttachedOnTheEmbeddedPlane() throws Exception {
        Path yaml = dir.resolve("compute.yml");
        Files.writeString(
                yaml,
                "type: kubernetes\nname: arc-gpu\nresource_id: " + ARC + "\nnamespace: training\n"
                        + "identity:\n  type: user_assigned\n  user_assigned_identities:\n    - resource_id: " + UAI
                        + "\n"
                        + "properties:\n  defaultInstanceType: gpu\n  instanceTypes:\n    gpu:\n"
                        + "      nodeSelector: {accelerator: nvidia}\n"
                        + "      resources:\n        requests: {cpu: '4', memory: 16Gi, nvidia.com/gpu: 1}\n"
                        + "        limits: {cpu: '4', memory: 16Gi, nvidia.com/gpu: 1}\n");
        ComputeYaml file = ComputeYaml.read(yaml);
        Workspace ws = Workspace.on(EmbeddedControlPlane.builder()
                .provisioningDelay(Duration.ofMillis(20))
                .pollInterval(Duration.ofMillis(5))
                .build());

        KubernetesCompute compute = ComputeTarget.attach(ws, file.name(), file.attachConfiguration())
                .waitForCompletion();

        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        assertThat(compute.namespace()).isEqualTo("training");
        assertThat(compute.defaultInstanceType()).isEqualTo("gpu");
        InstanceType gpu = compute.instanceTypes().get("gpu");
        assertThat(gpu.nodeSelector()).containsEntry("accelerator", "nvidia");
        assertThat(gpu.limits()).containsEntry(InstanceType.NVIDIA_GPU, Quantity.parse("1"));
        assertThat(file.attachConfiguration().toSpec().identity()).isEqualTo(ComputeIdentity.userAssigned(UAI));
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnceWithItsField() {
        JobYamlException e = catchThrowableOfType(
                () -> ComputeYaml.parse("type: kubernetes\nname: 1-bad_name\nresource_id: " + ARC + "\n"
                        + "location: westeurope\ntags: {team: a}\nnamespce: x\n"
                        + "identity:\n  type: both\n"
                        + "properties:\n  defaultInstanceType: gpu\n  instanceTypes:\n    gpu:\n      resources:\n"
                        + "        limits: {nvidia.com/gpu: lots}\n"),
                JobYamlException.class);

        assertThat(e.problems())
                .extracting(ValidationException::field)
                .contains("location", "tags", "namespce", "identity.type")
                .anySatisfy(f -> assertThat(f).contains("name"))
                .anySatisfy(f -> assertThat(f).contains("instanceTypes.gpu"));
        assertThat(e.getMessage())
                .contains("arcml attaches a compute in its workspace's location: remove location")
                .contains("Use system_assigned or user_assigned");
    }

    @Test
    void onlyKubernetesComputesAreRead() {
        assertThatThrownBy(() -> ComputeYaml.parse("type: amlcompute\nname: cpu-cluster\nsize: STANDARD_D2_V2\n"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("type: 'amlcompute' is not a compute arcml attaches")
                .hasMessageContaining("use type: kubernetes");
    }

    /**
     * The loadable keys of azure-ai-ml's {@code KubernetesComputeSchema} with its {@code ComputeSchema}
     * (dump-only ones left out): each honoured or refused, none both.
     */
    @Test
    void everyKeyOfTheComputeSchemaIsHonouredOrRefused() {
        List<String> schema = List.of(
                "$schema",
                "name",
                "type",
                "location",
                "description",
                "resource_id",
                "tags",
                "namespace",
                "properties",
                "identity");
        for (String key : schema) {
            assertThat(ComputeYaml.KEYS.contains(key) ^ ComputeYaml.REFUSED.containsKey(key))
                    .as("compute key '%s' is either honoured or refused", key)
                    .isTrue();
        }
    }

    @Test
    void aJobReaderGivenAComputeFileSaysHowToReadIt() {
        assertThatThrownBy(() -> JobYaml.parse("type: kubernetes\nname: a\n"))
                .hasMessageContaining("is a compute, not a job")
                .hasMessageContaining("ComputeYaml.read(path)");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ComputeYaml.read(dir.resolve("nowhere.yml")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(dir.resolve("nowhere.yml") + ": no such file")
                .hasMessageContaining("existing compute YAML file");
    }
}
