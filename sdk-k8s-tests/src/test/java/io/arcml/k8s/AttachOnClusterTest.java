package io.arcml.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.Workspace;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.ComputeTargetException;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.compute.ProvisioningState;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.extension.ExtensionStatus;
import io.arcml.k8s.internal.ComputeRecords;
import io.arcml.resource.ExtensionPod;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import io.arcml.transport.ControlPlane;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachOnClusterTest extends SimulatedClusterTestBase {

    private void start(SimulatedCluster.Builder builder) {
        connect(builder, b -> b);
    }

    private void assertAttachFails(String name, KubernetesComputeAttachConfiguration cfg, String... messageParts) {
        KubernetesCompute compute = ComputeTarget.attach(ws, name, cfg);
        assertThatThrownBy(() -> compute.waitForCompletion(false))
                .isInstanceOf(ComputeTargetException.class)
                .hasMessageContainingAll(messageParts);
        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.FAILED);
    }

    @Test
    void attachSucceedsAndRecordsInstanceTypesWhenTheExtensionIsHealthy() {
        start(gpuCluster().azureMLExtension());
        KubernetesCompute compute = ComputeTarget.attach(ws, "gpu-compute", gpuConfig());
        compute.waitForCompletion(false);

        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        var types = cluster.client()
                .genericKubernetesResources(ComputeRecords.INSTANCE_TYPES)
                .list()
                .getItems();
        assertThat(types)
                .extracting(t -> t.getMetadata().getName())
                .containsExactlyInAnyOrder("gpu-instance", "cpu-small");
        var gpu = types.stream()
                .filter(t -> t.getMetadata().getName().equals("gpu-instance"))
                .findFirst()
                .orElseThrow();
        assertThat((Object) gpu.get("spec", "nodeSelector", "accelerator")).isEqualTo("nvidia-tesla-k80");
        assertThat((Object) gpu.get("spec", "resources", "limits", "nvidia.com/gpu"))
                .isEqualTo("1");
        assertThat(ComputeTarget.list(ws)).containsOnlyKeys("gpu-compute");
        assertThat(ComputeTarget.get(ws, "gpu-compute"))
                .isInstanceOfSatisfying(
                        KubernetesCompute.class,
                        k -> assertThat(k.instanceTypes()).isEqualTo(compute.instanceTypes()));
    }

    @Test
    void detachRemovesExactlyWhatAttachCreated() {
        start(gpuCluster().azureMLExtension());
        // An instance type the cluster admin made earlier, with the same settings: shared, so never removed.
        KubernetesComputeAttachConfiguration cfg = gpuConfig();
        ComputeTarget.attach(
                        ws,
                        "first",
                        KubernetesCompute.attachConfiguration(AKS)
                                .namespace("amlarc-testing")
                                .defaultInstanceType("cpu_small")
                                .instanceTypes(Map.of(
                                        "cpu_small",
                                        InstanceType.builder()
                                                .requests("1", "2Gi")
                                                .limits("2", "4Gi")
                                                .build())))
                .waitForCompletion(false);
        KubernetesCompute second = ComputeTarget.attach(ws, "second", cfg);
        second.waitForCompletion(false);

        second.detach().waitForCompletion(false);

        assertThat(second.isDetached()).isTrue();
        assertThat(cluster.client()
                        .genericKubernetesResources(ComputeRecords.INSTANCE_TYPES)
                        .list()
                        .getItems())
                .extracting(t -> t.getMetadata().getName())
                .containsExactly("cpu-small");
        assertThat(cluster.client()
                        .configMaps()
                        .inNamespace("default")
                        .withName(ComputeRecords.recordName("second"))
                        .get())
                .isNull();
        assertThat(ComputeTarget.list(ws)).containsOnlyKeys("first");
    }

    @Test
    void attachWithoutTheCrdKeepsInstanceTypesInTheRecordConfigMap() {
        start(gpuCluster());
        KubernetesCompute compute = ComputeTarget.attach(ws, "plain", gpuConfig());
        compute.waitForCompletion(false);

        assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        var record = cluster.client()
                .configMaps()
                .inNamespace("default")
                .withName("arcml-compute-plain")
                .get();
        assertThat(record.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "arcml");
        assertThat(record.getData().get("compute.json"))
                .contains("\"gpu_instance\"", "nvidia-tesla-k80", "\"Succeeded\"");
    }

    @Test
    void preflightFailsWhenTheNamespaceIsMissing() {
        start(SimulatedCluster.builder()
                .node(SimulatedNode.named("cpu-1").cpu("8").memory("32Gi")));
        assertAttachFails(
                "nons",
                KubernetesCompute.attachConfiguration(AKS).namespace(NS),
                "NamespaceNotFound",
                "'amlarc-testing' does not exist",
                "kubectl create namespace amlarc-testing");
    }

    @Test
    void preflightFailsWhenAnExtensionPodIsNotRunning() {
        start(gpuCluster().azureMLExtension());
        cluster.crashExtensionPod("aml-operator");
        assertAttachFails("crash", gpuConfig(), "ExtensionNotReady", "aml-operator-", "CrashLoopBackOff");
    }

    @Test
    void preflightFailsWhenTheExtensionIsExpectedButAbsent() {
        connect(gpuCluster(), b -> b.expectExtension(true));
        assertAttachFails("noext", gpuConfig(), "ExtensionNotFound", "namespace 'azureml'");
    }

    @Test
    void preflightNamesTheInstanceTypeTheMissingLabelAndTheNodesConsidered() {
        start(gpuCluster());
        assertAttachFails(
                "nolabel",
                single(
                        "a100",
                        InstanceType.builder()
                                .nodeSelector("accelerator", "nvidia-a100")
                                .requests("2", "16Gi", 1)
                                .limits("2", "16Gi", 1)
                                .build()),
                "Instance type 'a100'",
                "cpu-1 lacks label accelerator=nvidia-a100",
                "gpu-1 lacks label accelerator=nvidia-a100 (has accelerator=nvidia-tesla-k80)");
    }

    @Test
    void preflightNamesTheMissingResourceWhenNoNodeHasEnoughGpus() {
        start(gpuCluster());
        assertAttachFails(
                "fourgpu",
                single(
                        "big",
                        InstanceType.builder()
                                .nodeSelector("accelerator", "nvidia-tesla-k80")
                                .requests("4", "16Gi", 4)
                                .limits("4", "16Gi", 4)
                                .build()),
                "Instance type 'big'",
                "gpu-1 has 2 of 2 allocatable nvidia.com/gpu free, needs 4",
                "cpu-1 lacks label");
    }

    @Test
    void preflightNamesTheMemoryWhenNoNodeHasEnough() {
        start(gpuCluster());
        assertAttachFails(
                "bigmem",
                single(
                        "huge",
                        InstanceType.builder()
                                .requests("1", "128Gi")
                                .limits("1", "128Gi")
                                .build()),
                "cpu-1 has 32Gi of 32Gi allocatable memory free, needs 128Gi",
                // The GPU node is tainted and a CPU instance type gets no GPU tolerations.
                "gpu-1 has taint sku=gpu:NoSchedule that the pods do not tolerate");
    }

    private static KubernetesComputeAttachConfiguration single(String name, InstanceType type) {
        return KubernetesCompute.attachConfiguration(AKS)
                .namespace(NS)
                .defaultInstanceType(name)
                .instanceTypes(Map.of(name, type));
    }

    @Test
    void extensionStatusAndPodsAreReadFromTheCluster() {
        start(gpuCluster().azureMLExtension());
        var cp = ControlPlane.of(ws.controlPlane());
        var clusterId = ClusterResourceId.parse(AKS);

        assertThat(cp.extensionReads()
                        .orElseThrow()
                        .getExtension(clusterId.toString(), "azureml")
                        .map(ExtensionStatus::of))
                .hasValueSatisfying(e -> {
                    assertThat(e.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
                    assertThat(e.isAzureML()).isTrue();
                });
        assertThat(cp.clusterPods().orElseThrow().extensionPods(clusterId.toString(), "azureml"))
                .hasSize(7)
                .allMatch(ExtensionPod::isHealthy);
        assertThat(cp.extensionInstalls()).isEmpty();
        assertThatThrownBy(() -> AzureMLExtension.create(
                        ws,
                        clusterId,
                        "azureml",
                        AzureMLExtensionConfiguration.builder()
                                .enableTraining(true)
                                .build()))
                .hasMessageContaining("az k8s-extension create");
    }

    @Test
    void simulatedExtensionPodsReportTheirImageAndARunningStartedContainerAsAKubeletDoes() {
        start(gpuCluster().azureMLExtension());
        assertThat(cluster.client().pods().inNamespace("azureml").list().getItems())
                .hasSize(7)
                .allSatisfy(pod -> {
                    ContainerStatus status =
                            pod.getStatus().getContainerStatuses().get(0);
                    assertThat(status.getImage())
                            .isEqualTo(pod.getSpec().getContainers().get(0).getImage());
                    assertThat(status.getStarted()).isTrue();
                    assertThat(status.getReady()).isTrue();
                    assertThat(status.getState().getRunning().getStartedAt())
                            .isEqualTo(pod.getStatus().getStartTime());
                });
    }

    @Test
    void listedExtensionCarriesTheExtensionNameNotItsNamespace() {
        start(gpuCluster().azureMLExtension());
        var clusterId = ClusterResourceId.parse(AKS);

        assertThat(ControlPlane.of(ws.controlPlane())
                        .extensionReads()
                        .orElseThrow()
                        .listExtensions(clusterId.toString()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.name()).isEqualTo(AzureMLExtension.DEFAULT_NAME);
                    assertThat(e.id()).endsWith("/extensions/" + AzureMLExtension.DEFAULT_NAME);
                    assertThat(e.releaseNamespace()).isEqualTo("azureml");
                });
    }

    @Test
    void connectionStringsAreNeverWrittenToTheCluster() {
        start(gpuCluster());
        String relay =
                "Endpoint=sb://relay.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0S2V5VmFsdWU=";
        KubernetesCompute compute = ComputeTarget.attach(
                ws, "relay", gpuConfig().relayConnectionString(relay).identity(ComputeIdentity.systemAssigned()));
        compute.waitForCompletion(false);

        var record = cluster.client()
                .configMaps()
                .inNamespace("default")
                .withName("arcml-compute-relay")
                .get();
        assertThat(record.getData().get("compute.json"))
                .doesNotContain("c2VjcmV0S2V5VmFsdWU=", "SharedAccessKey")
                .contains("SystemAssigned");
        assertThat(compute.toString()).doesNotContain("c2VjcmV0S2V5VmFsdWU=");
        // Attaching again with the same settings finds the compute unchanged: the identity survived the round trip.
        assertThat(ComputeTarget.attach(
                                ws,
                                "relay",
                                gpuConfig().relayConnectionString(relay).identity(ComputeIdentity.systemAssigned()))
                        .provisioningState())
                .isEqualTo(ProvisioningState.SUCCEEDED);
    }

    @Test
    void connectWithoutArgumentsReadsTheKubeconfig() throws IOException {
        start(gpuCluster());
        Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sim
                  cluster: {server: "%s"}
                users:
                - name: dev
                  user: {token: not-a-real-token}
                contexts:
                - name: sim
                  context: {cluster: sim, user: dev, namespace: default}
                current-context: sim
                """.formatted(cluster.masterUrl()));
        String previous = System.setProperty("kubeconfig", kubeconfig.toString());
        try (Workspace direct = Workspace.on(KubernetesControlPlane.connect())) {
            ComputeTarget.attach(direct, "viakubeconfig", gpuConfig()).waitForCompletion(false);
            assertThat(ComputeTarget.list(direct)).containsKey("viakubeconfig");
            assertThat(direct.controlPlane().toString())
                    .startsWith("KubernetesControlPlane{server=" + cluster.masterUrl())
                    .doesNotContain("not-a-real-token");
        } finally {
            if (previous == null) {
                System.clearProperty("kubeconfig");
            } else {
                System.setProperty("kubeconfig", previous);
            }
            Files.delete(kubeconfig);
        }
        assertThat(ComputeTarget.list(ws)).containsKey("viakubeconfig");
    }
}
