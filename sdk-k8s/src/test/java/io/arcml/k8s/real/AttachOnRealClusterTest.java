package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.k8s.internal.ComputeRecords;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attach and detach on the real API server: InstanceType resources that the real CRD's schema
 * accepts (nothing pruned), the ConfigMap fallback where the CRD is not installed, and a detach
 * that removes exactly what the attach created.
 */
class AttachOnRealClusterTest extends RealClusterTestBase {
    private static final String CRD = "instancetypes.amlarc.azureml.com";

    private GenericKubernetesResource instanceType(String name) {
        return client.genericKubernetesResources(ComputeRecords.INSTANCE_TYPES)
                .withName(name)
                .get();
    }

    @Test
    void attachCreatesInstanceTypesTheRealCrdAcceptsAndDetachRemovesExactlyThose() {
        // The cluster admin made cpu-small earlier with the same settings: shared, so the detach keeps it.
        GenericKubernetesResource shared = new GenericKubernetesResourceBuilder()
                .withApiVersion("amlarc.azureml.com/v1alpha1")
                .withKind("InstanceType")
                .withNewMetadata()
                .withName("cpu-small")
                .addToLabels("arcml-test", ns)
                .endMetadata()
                .withAdditionalProperties(Map.of(
                        "spec",
                        Map.of(
                                "resources",
                                Map.of(
                                        "requests",
                                        Map.of("cpu", "1", "memory", "2Gi"),
                                        "limits",
                                        Map.of("cpu", "2", "memory", "4Gi")))))
                .build();
        client.genericKubernetesResources(ComputeRecords.INSTANCE_TYPES)
                .resource(shared)
                .create();
        try {
            KubernetesCompute compute = attach("gpu-compute", gpuConfig());

            assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
            GenericKubernetesResource gpu = instanceType("gpu-instance");
            assertThat(gpu.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "arcml");
            // What the API server stored after its schema's pruning and defaulting: every field arcml sent.
            assertThat((Object) gpu.get("spec", "nodeSelector", RealFleet.GPU_LABEL))
                    .isEqualTo(RealFleet.GPU_MODEL);
            assertThat((Object) gpu.get("spec", "resources", "requests", "cpu")).isEqualTo("2");
            assertThat((Object) gpu.get("spec", "resources", "requests", "memory"))
                    .isEqualTo("16Gi");
            assertThat((Object) gpu.get("spec", "resources", "limits", "nvidia.com/gpu"))
                    .isEqualTo("1");
            assertThat(client.configMaps()
                            .inNamespace(ns)
                            .withName(ComputeRecords.recordName("gpu-compute"))
                            .get())
                    .isNotNull();

            compute.detach().waitForCompletion(false, Duration.ofSeconds(30));

            assertThat(compute.isDetached()).isTrue();
            assertThat(instanceType("gpu-instance")).isNull();
            assertThat(instanceType("cpu-small"))
                    .as("the admin's shared instance type")
                    .isNotNull();
            assertThat(client.configMaps()
                            .inNamespace(ns)
                            .withName(ComputeRecords.recordName("gpu-compute"))
                            .get())
                    .isNull();
            assertThat(ComputeTarget.list(ws)).isEmpty();
        } finally {
            client.genericKubernetesResources(ComputeRecords.INSTANCE_TYPES)
                    .withName("cpu-small")
                    .delete();
        }
    }

    @Test
    void withoutTheCrdAttachKeepsInstanceTypesInTheRecordConfigMapAndDetachRemovesIt() {
        CustomResourceDefinition crd = client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(CRD)
                .get();
        client.apiextensions().v1().customResourceDefinitions().withName(CRD).delete();
        try {
            Eventually.until(
                    "the InstanceType API to leave discovery",
                    Duration.ofSeconds(60),
                    () -> !client.supports("amlarc.azureml.com/v1alpha1", "InstanceType"));

            KubernetesCompute compute = attach("plain", gpuConfig());

            assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
            var record = client.configMaps()
                    .inNamespace(ns)
                    .withName(ComputeRecords.recordName("plain"))
                    .get();
            assertThat(record.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "arcml");
            assertThat(record.getData().get("compute.json"))
                    .contains("\"gpu_instance\"", RealFleet.GPU_MODEL, "\"Succeeded\"");
            assertThat(compute.instanceTypes()).containsOnlyKeys("gpu_instance", "cpu_small");

            compute.detach().waitForCompletion(false, Duration.ofSeconds(30));

            assertThat(client.configMaps()
                            .inNamespace(ns)
                            .withName(ComputeRecords.recordName("plain"))
                            .get())
                    .isNull();
            assertThat(client.configMaps()
                            .inNamespace(ns)
                            .withLabel("app.kubernetes.io/managed-by", "arcml")
                            .list()
                            .getItems())
                    .isEmpty();
        } finally {
            restore(crd);
        }
    }

    private void restore(CustomResourceDefinition crd) {
        Eventually.until(
                "the old InstanceType CRD to be gone",
                Duration.ofSeconds(60),
                () -> client.apiextensions()
                                .v1()
                                .customResourceDefinitions()
                                .withName(CRD)
                                .get()
                        == null);
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName(CRD)
                        .endMetadata()
                        .withSpec(crd.getSpec())
                        .build())
                .create();
        Eventually.until(
                "the InstanceType API to be served again",
                Duration.ofSeconds(60),
                () -> client.supports("amlarc.azureml.com/v1alpha1", "InstanceType"));
    }
}
