package io.arcml.k8s.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Whether a pod's requirements fit a node, checked in the scheduler's filter order (unschedulable,
 * taints, node selector, resources) and worded like the scheduler. One rule for the attach
 * preflight and the simulated scheduler.
 */
public final class NodeFit {

    /**
     * Why a node does not fit.
     *
     * @param node the node's name
     * @param schedulerReason the reason as the scheduler words it, e.g. {@code Insufficient nvidia.com/gpu}
     * @param explanation the same in plain words with the numbers, e.g. {@code has 0 allocatable nvidia.com/gpu, needs 1}
     */
    public record Misfit(String node, String schedulerReason, String explanation) {}

    private NodeFit() {}

    /**
     * The requests the scheduler counts for a container: its requests, with limits standing in for
     * resources that have no request (Kubernetes defaults a missing request to the limit).
     */
    public static Map<String, BigDecimal> effectiveRequests(
            Map<String, Quantity> requests, Map<String, Quantity> limits) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (limits != null) {
            limits.forEach((k, v) -> out.put(k, Quantity.getAmountInBytes(v)));
        }
        if (requests != null) {
            requests.forEach((k, v) -> out.put(k, Quantity.getAmountInBytes(v)));
        }
        return out;
    }

    /**
     * The reasons a node cannot take a pod; empty when it fits.
     *
     * @param node the node
     * @param nodeSelector labels the node must carry
     * @param tolerations the pod's tolerations
     * @param requests what the pod requests
     * @param used what pods already bound to the node request, by resource
     */
    public static List<Misfit> check(
            Node node,
            Map<String, String> nodeSelector,
            List<Toleration> tolerations,
            Map<String, BigDecimal> requests,
            Map<String, BigDecimal> used) {
        String name = node.getMetadata().getName();
        if (Boolean.TRUE.equals(node.getSpec() == null ? null : node.getSpec().getUnschedulable())) {
            return List.of(new Misfit(name, "node(s) were unschedulable", "is cordoned (unschedulable)"));
        }
        for (Taint taint : node.getSpec() == null || node.getSpec().getTaints() == null
                ? List.<Taint>of()
                : node.getSpec().getTaints()) {
            if (blocksScheduling(taint) && tolerations.stream().noneMatch(t -> tolerates(t, taint))) {
                String value = taint.getValue() == null ? "" : taint.getValue();
                // Worded as kube-scheduler 1.34 words it: without the taint.
                return List.of(new Misfit(
                        name,
                        "node(s) had untolerated taint(s)",
                        "has taint " + taint.getKey() + (value.isEmpty() ? "" : "=" + value) + ":" + taint.getEffect()
                                + " that the pods do not tolerate"));
            }
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null
                ? Map.of()
                : node.getMetadata().getLabels();
        for (Map.Entry<String, String> want : nodeSelector.entrySet()) {
            if (!want.getValue().equals(labels.get(want.getKey()))) {
                String has = labels.containsKey(want.getKey())
                        ? " (has " + want.getKey() + "=" + labels.get(want.getKey()) + ")"
                        : "";
                return List.of(new Misfit(
                        name,
                        "node(s) didn't match Pod's node affinity/selector",
                        "lacks label " + want.getKey() + "=" + want.getValue() + has));
            }
        }
        List<Misfit> out = new ArrayList<>();
        Map<String, Quantity> allocatable =
                node.getStatus() == null || node.getStatus().getAllocatable() == null
                        ? Map.of()
                        : node.getStatus().getAllocatable();
        requests.forEach((resource, amount) -> {
            if (amount.signum() == 0) {
                return;
            }
            BigDecimal total = allocatable.containsKey(resource)
                    ? Quantity.getAmountInBytes(allocatable.get(resource))
                    : BigDecimal.ZERO;
            BigDecimal free = total.subtract(used.getOrDefault(resource, BigDecimal.ZERO));
            if (free.compareTo(amount) < 0) {
                out.add(new Misfit(
                        name,
                        "Insufficient " + resource,
                        "has " + plain(free) + " of " + plain(total) + " allocatable " + resource + " free, needs "
                                + plain(amount)));
            }
        });
        return out;
    }

    /** True for the taint effects that keep untolerating pods off a node ({@code NoSchedule}, {@code NoExecute}). */
    public static boolean blocksScheduling(Taint taint) {
        return "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
    }

    /** True when the toleration lets a pod onto a node with the taint. */
    public static boolean tolerates(Toleration t, Taint taint) {
        if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if ("Exists".equals(t.getOperator())) {
            return t.getKey() == null || t.getKey().isEmpty() || t.getKey().equals(taint.getKey());
        }
        return Objects.equals(t.getKey(), taint.getKey())
                && Objects.equals(
                        t.getValue() == null ? "" : t.getValue(), taint.getValue() == null ? "" : taint.getValue());
    }

    /**
     * The scheduler's {@code FailedScheduling} message for misfits on every node, e.g.
     * {@code 0/3 nodes are available: 1 Insufficient nvidia.com/gpu, 2 node(s) didn't match Pod's node affinity/selector.}
     * followed by the claims and preemption sentence, as kube-scheduler 1.34 words it.
     */
    public static String schedulerMessage(int nodeCount, List<Misfit> misfits) {
        Map<String, Integer> counts = new TreeMap<>();
        misfits.forEach(m -> counts.merge(m.schedulerReason(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder("0/").append(nodeCount).append(" nodes are available: ");
        List<String> parts = new ArrayList<>();
        counts.forEach((reason, n) -> parts.add(n + " " + reason));
        sb.append(String.join(", ", parts))
                .append(". no new claims to deallocate, preemption: 0/")
                .append(nodeCount)
                .append(" nodes are available: ")
                .append(nodeCount)
                .append(" Preemption is not helpful for scheduling.");
        return sb.toString();
    }

    /** A number without a trailing {@code .000}, memory in Gi/Mi when it divides evenly. */
    static String plain(BigDecimal amount) {
        BigDecimal gi = BigDecimal.valueOf(1L << 30);
        BigDecimal mi = BigDecimal.valueOf(1L << 20);
        if (amount.compareTo(mi) >= 0 && amount.remainder(gi).signum() == 0) {
            return amount.divide(gi).toBigInteger() + "Gi";
        }
        if (amount.compareTo(mi) >= 0 && amount.remainder(mi).signum() == 0) {
            return amount.divide(mi).toBigInteger() + "Mi";
        }
        return amount.stripTrailingZeros().toPlainString();
    }
}
