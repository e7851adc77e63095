package io.arcml.k8s.real;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.internal.RandomSuffix;
import io.arcml.job.CommandJob;
import io.arcml.k8s.DistributedEngine;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test on the real control plane: a namespace of its own (where the compute records are kept
 * too), a workspace on it through the admin identity, and the removal of both afterwards.
 */
abstract class RealClusterTestBase {
    static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
    static final String IMAGE = "python:3.11";
    /** How long kwok keeps a pod Running before it ends it (see kube/kwok/pod-stages.yaml). */
    static final String RUN_FOR = "KWOK_RUN_FOR";
    /** The exit code kwok ends a pod with (see kube/kwok/pod-stages.yaml). */
    static final String EXIT_CODE = "KWOK_EXIT_CODE";

    static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    RealControlPlane plane;
    KubernetesClient client;
    String ns;
    Workspace ws;

    /** Each test is skipped (or, where required, failed) on its own when there is no plane: the count shows it. */
    @BeforeEach
    void namespaceAndWorkspace() {
        plane = RealControlPlane.require();
        client = plane.newAdminClient();
        ns = namespace(
                getClass().getSimpleName().replace("OnRealClusterTest", "").replace("Test", ""));
        ws = Workspace.on(settings(KubernetesControlPlane.builder(client)
                        .recordNamespace(ns)
                        .expectExtension(false)
                        .distributedEngine(DistributedEngine.INDEXED_JOB)
                        .pollInterval(Duration.ofMillis(200)))
                .build());
    }

    /** The control plane's settings; tests override to change them. */
    KubernetesControlPlane.Builder settings(KubernetesControlPlane.Builder builder) {
        return builder;
    }

    /** Creates a namespace named after the prefix with a random suffix. */
    String namespace(String prefix) {
        String name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + RandomSuffix.hex(3);
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        return name;
    }

    @AfterEach
    void removeNamespaceAndWorkspace() {
        if (client == null) {
            return;
        }
        if (ws != null) {
            ws.close();
        }
        client.genericKubernetesResources("amlarc.azureml.com/v1alpha1", "InstanceType")
                .withLabel("app.kubernetes.io/managed-by", "arcml")
                .delete();
        client.namespaces().withName(ns).delete();
        client.close();
    }

    /** The usual GPU compute configuration: a GPU type selecting the GPU pool, and a small CPU type. */
    KubernetesComputeAttachConfiguration gpuConfig() {
        return KubernetesCompute.attachConfiguration(AKS)
                .namespace(ns)
                .defaultInstanceType("gpu_instance")
                .instanceTypes(Map.of(
                        "gpu_instance",
                                InstanceType.builder()
                                        .nodeSelector(RealFleet.GPU_LABEL, RealFleet.GPU_MODEL)
                                        .requests("2", "16Gi", 1)
                                        .limits("2", "16Gi", 1)
                                        .build(),
                        "cpu_small",
                                InstanceType.builder()
                                        .requests("1", "2Gi")
                                        .limits("2", "4Gi")
                                        .build()));
    }

    /** Attaches and waits until the attach ends. */
    KubernetesCompute attach(String name, KubernetesComputeAttachConfiguration config) {
        return ComputeTarget.attach(ws, name, config).waitForCompletion(false, Duration.ofSeconds(60));
    }

    /** A job whose pods kwok runs for the given time, then ends with success. */
    static CommandJob.Builder job(String name, String runFor) {
        return CommandJob.builder()
                .name(name)
                .image(IMAGE)
                .command("python train.py")
                .environmentVariable(RUN_FOR, runFor);
    }

    /** The pods of a run, by name. */
    List<Pod> pods(String runId) {
        return client.pods().inNamespace(ns).withLabel("arcml.io/run-id", runId).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
    }
}
