package io.arcml.k8s.real;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake nodes of the real control plane, run by kwok (no kubelet): two CPU nodes and two
 * tainted GPU nodes with two {@code nvidia.com/gpu} each, like an AKS cluster with a GPU pool.
 * Tests that change nodes make nodes of their own with {@link #node}.
 */
final class RealFleet {
    static final String GPU_LABEL = "accelerator";
    static final String GPU_MODEL = "nvidia-tesla-k80";
    static final List<String> CPU_NODES = List.of("cpu-1", "cpu-2");
    static final List<String> GPU_NODES = List.of("gpu-1", "gpu-2");
    /** The annotation kwok manages nodes by (its --manage-nodes-with-annotation-selector). */
    private static final String KWOK_ANNOTATION = "kwok.x-k8s.io/node";

    private RealFleet() {}

    /** Creates the fleet's nodes that are missing and waits until kwok reports every one Ready. */
    static void ensure(KubernetesClient admin) {
        List<Node> fleet = new ArrayList<>();
        CPU_NODES.forEach(n -> fleet.add(node(n, "8", "32Gi", 0, Map.of("agentpool", "cpu"), List.of())));
        GPU_NODES.forEach(n -> fleet.add(node(
                n,
                "8",
                "64Gi",
                2,
                Map.of("agentpool", "gpu", GPU_LABEL, GPU_MODEL),
                List.of(new Taint("NoSchedule", "sku", null, "gpu")))));
        for (Node node : fleet) {
            if (admin.nodes().withName(node.getMetadata().getName()).get() == null) {
                admin.nodes().resource(node).create();
            }
        }
        fleet.forEach(n -> awaitReady(admin, n.getMetadata().getName()));
    }

    /**
     * A kwok node with that allocatable cpu, memory and GPUs, labels and taints.
     *
     * @param gpus the {@code nvidia.com/gpu} allocatable, 0 for none
     */
    static Node node(String name, String cpu, String memory, int gpus, Map<String, String> labels, List<Taint> taints) {
        Map<String, Quantity> allocatable = new LinkedHashMap<>();
        allocatable.put("cpu", new Quantity(cpu));
        allocatable.put("memory", new Quantity(memory));
        allocatable.put("pods", new Quantity("110"));
        if (gpus > 0) {
            allocatable.put("nvidia.com/gpu", new Quantity(Integer.toString(gpus)));
        }
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.put("kubernetes.io/hostname", name);
        allLabels.put("kubernetes.io/os", "linux");
        allLabels.put("type", "kwok");
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(allLabels)
                .withAnnotations(Map.of(KWOK_ANNOTATION, "fake"))
                .endMetadata()
                .withNewSpec()
                .withTaints(taints)
                .endSpec()
                .withNewStatus()
                .withAllocatable(allocatable)
                .withCapacity(allocatable)
                .endStatus()
                .build();
    }

    /** Waits until kwok has made the node Ready (it sets the conditions a kubelet would). */
    static void awaitReady(KubernetesClient admin, String name) {
        Eventually.until("node " + name + " to be Ready", Duration.ofSeconds(60), () -> {
            Node n = admin.nodes().withName(name).get();
            List<NodeCondition> conditions =
                    n == null || n.getStatus() == null || n.getStatus().getConditions() == null
                            ? List.of()
                            : n.getStatus().getConditions();
            return conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        });
    }
}
