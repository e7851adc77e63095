package io.arcml.testing.sim;

import io.arcml.k8s.internal.NodeFit;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds pending pods to the first node (by name) that fits them: taints tolerated, node selector
 * matched, requests within what is left of the node's allocatable resources. Pods of a Volcano gang
 * bind together or not at all. A pod that fits nowhere gets {@code PodScheduled=False},
 * reason {@code Unschedulable}, and a {@code FailedScheduling} event worded like the real scheduler's.
 */
final class SimulatedScheduler {
    private final KubernetesClient client;
    private final SimulatedEvents events;

    SimulatedScheduler(KubernetesClient client, SimulatedEvents events) {
        this.client = client;
        this.events = events;
    }

    void reconcile() {
        List<Node> nodes = client.nodes().list().getItems();
        nodes.sort(Comparator.comparing(n -> n.getMetadata().getName()));
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        Map<String, Map<String, BigDecimal>> used = new HashMap<>();
        List<Pod> pending = new ArrayList<>();
        for (Pod p : pods) {
            String phase = p.getStatus() == null ? "Pending" : p.getStatus().getPhase();
            if (p.getSpec().getNodeName() != null) {
                if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                    requests(p)
                            .forEach((k, v) -> used.computeIfAbsent(p.getSpec().getNodeName(), n -> new HashMap<>())
                                    .merge(k, v, BigDecimal::add));
                }
            } else if (p.getMetadata().getDeletionTimestamp() == null && ("Pending".equals(phase) || phase == null)) {
                pending.add(p);
            }
        }
        pending.sort(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace())
                .thenComparing(p -> p.getMetadata().getName()));
        Map<String, List<Pod>> gangs = new LinkedHashMap<>();
        for (Pod p : pending) {
            String group = p.getMetadata().getAnnotations() == null
                    ? null
                    : p.getMetadata().getAnnotations().get(SimulatedVolcanoController.GROUP);
            gangs.computeIfAbsent(
                            group == null
                                    ? "pod/" + p.getMetadata().getUid()
                                    : p.getMetadata().getNamespace() + "/" + group,
                            g -> new ArrayList<>())
                    .add(p);
        }
        for (List<Pod> gang : gangs.values()) {
            Map<String, Map<String, BigDecimal>> trial = deepCopy(used);
            Map<Pod, String> placement = new LinkedHashMap<>();
            String failure = null;
            for (Pod p : gang) {
                Optional<String> node = place(p, nodes, trial);
                if (node.isEmpty()) {
                    failure = unschedulableMessage(p, nodes, trial);
                    break;
                }
                placement.put(p, node.get());
                requests(p)
                        .forEach((k, v) -> trial.computeIfAbsent(node.get(), n -> new HashMap<>())
                                .merge(k, v, BigDecimal::add));
            }
            if (failure == null) {
                placement.forEach(this::bind);
                used.clear();
                used.putAll(trial);
            } else {
                String message = gang.size() > 1
                        ? failure + " (gang: pod group is not ready, " + gang.size() + " Pending, " + gang.size()
                                + " minAvailable)"
                        : failure;
                gang.forEach(p -> markUnschedulable(p, message));
            }
        }
    }

    private static Optional<String> place(Pod p, List<Node> nodes, Map<String, Map<String, BigDecimal>> used) {
        for (Node n : nodes) {
            if (misfits(p, n, used).isEmpty()) {
                return Optional.of(n.getMetadata().getName());
            }
        }
        return Optional.empty();
    }

    private static List<NodeFit.Misfit> misfits(Pod p, Node n, Map<String, Map<String, BigDecimal>> used) {
        return NodeFit.check(
                n,
                p.getSpec().getNodeSelector() == null ? Map.of() : p.getSpec().getNodeSelector(),
                p.getSpec().getTolerations() == null ? List.of() : p.getSpec().getTolerations(),
                requests(p),
                used.getOrDefault(n.getMetadata().getName(), Map.of()));
    }

    private static String unschedulableMessage(Pod p, List<Node> nodes, Map<String, Map<String, BigDecimal>> used) {
        List<NodeFit.Misfit> all = new ArrayList<>();
        nodes.forEach(n -> all.addAll(misfits(p, n, used)));
        return nodes.isEmpty() ? "no nodes available to schedule pods" : NodeFit.schedulerMessage(nodes.size(), all);
    }

    static Map<String, BigDecimal> requests(Pod p) {
        Map<String, BigDecimal> out = new HashMap<>();
        for (Container c : p.getSpec().getContainers()) {
            var r = c.getResources();
            NodeFit.effectiveRequests(r == null ? null : r.getRequests(), r == null ? null : r.getLimits())
                    .forEach((k, v) -> out.merge(k, v, BigDecimal::add));
        }
        return out;
    }

    private void bind(Pod p, String node) {
        SimulatedCluster.updatePod(client, p, pod -> {
            pod.getSpec().setNodeName(node);
            setScheduled(
                    pod,
                    new PodConditionBuilder()
                            .withType("PodScheduled")
                            .withStatus("True")
                            .withLastTransitionTime(Instant.now().toString())
                            .build());
        });
    }

    private void markUnschedulable(Pod p, String message) {
        Optional<PodCondition> current = p.getStatus() == null || p.getStatus().getConditions() == null
                ? Optional.empty()
                : p.getStatus().getConditions().stream()
                        .filter(c -> "PodScheduled".equals(c.getType()))
                        .findFirst();
        if (current.isEmpty() || !message.equals(current.get().getMessage())) {
            SimulatedCluster.updatePod(
                    client,
                    p,
                    pod -> setScheduled(
                            pod,
                            new PodConditionBuilder()
                                    .withType("PodScheduled")
                                    .withStatus("False")
                                    .withReason("Unschedulable")
                                    .withMessage(message)
                                    .withLastTransitionTime(Instant.now().toString())
                                    .build()));
        }
        events.warn(p, "default-scheduler", "FailedScheduling", message);
    }

    private static void setScheduled(Pod pod, PodCondition condition) {
        List<PodCondition> conditions = new ArrayList<>(
                pod.getStatus().getConditions() == null
                        ? List.of()
                        : pod.getStatus().getConditions());
        conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
        conditions.add(condition);
        pod.getStatus().setConditions(conditions);
    }

    private static Map<String, Map<String, BigDecimal>> deepCopy(Map<String, Map<String, BigDecimal>> used) {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        used.forEach((k, v) -> out.put(k, new HashMap<>(v)));
        return out;
    }
}
