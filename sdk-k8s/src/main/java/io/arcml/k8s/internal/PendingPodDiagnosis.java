package io.arcml.k8s.internal;

import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Says in plain words why a run's pods are not running yet, from the pod's conditions, its
 * containers' waiting reasons and, for mounts, the events: no node with a free GPU, no node with
 * the instance type's labels, an untolerated taint, an image that cannot be pulled, a volume
 * that cannot be mounted.
 */
public final class PendingPodDiagnosis {
    private static final Pattern SCHEDULER_PART = Pattern.compile("(\\d+) (.+?)(?=, \\d+ |$)");
    private static final Pattern TAINT = Pattern.compile("taint \\{([^:}]+): ?([^}]*)\\}");

    private PendingPodDiagnosis() {}

    /**
     * The status of a run whose instances are not all running; empty when nothing holds them up.
     *
     * @param pods the run's pods that are neither running nor ended
     * @param events reads the events of a pod, only when the pod itself does not say what is wrong
     * @param nodes reads the cluster's nodes, only to name the taints a scheduler message does not name
     */
    public static Optional<RunStatus> diagnose(
            List<Pod> pods, Function<Pod, List<Event>> events, Supplier<List<Node>> nodes) {
        for (Pod pod : pods.stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList()) {
            Optional<PodCondition> unschedulable = conditions(pod).stream()
                    .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                    .findFirst();
            if (unschedulable.isPresent()) {
                return Optional.of(RunStatus.of(
                        RunState.QUEUED,
                        explainScheduling(pod, unschedulable.get().getMessage(), nodes)));
            }
            for (ContainerStatus cs : containerStatuses(pod)) {
                if (cs.getState() == null || cs.getState().getWaiting() == null) {
                    continue;
                }
                String reason = cs.getState().getWaiting().getReason();
                String detail = cs.getState().getWaiting().getMessage();
                if ("ErrImagePull".equals(reason)
                        || "ImagePullBackOff".equals(reason)
                        || "InvalidImageName".equals(reason)) {
                    return Optional.of(
                            RunStatus.of(
                                    RunState.PREPARING,
                                    "The image '" + cs.getImage() + "' cannot be pulled ("
                                            + reason + (detail == null ? "" : ": " + detail)
                                            + "). Check the image name and tag, the registry "
                                            + "credentials (imagePullSecrets), and that the nodes can reach the registry (proxy, egress rules)."));
                }
                if ("CreateContainerConfigError".equals(reason)) {
                    return Optional.of(RunStatus.of(
                            RunState.PREPARING,
                            "The container of " + pod.getMetadata().getName() + " cannot be configured: " + detail));
                }
            }
            if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
                Optional<String> mount = events.apply(pod).stream()
                        .filter(e -> "FailedMount".equals(e.getReason())
                                || "FailedAttachVolume".equals(e.getReason())
                                || "FailedCreatePodSandBox".equals(e.getReason()))
                        .max(Comparator.comparing(e -> e.getLastTimestamp() == null ? "" : e.getLastTimestamp()))
                        .map(e -> explainEvent(pod, e));
                if (mount.isPresent()) {
                    return Optional.of(RunStatus.of(RunState.PREPARING, mount.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Rewrites a {@code FailedScheduling} message ({@code 0/3 nodes are available: ...}) in plain words.
     *
     * @param nodes the cluster's nodes, read only when the message does not name an untolerated taint
     */
    static String explainScheduling(Pod pod, String message, Supplier<List<Node>> nodes) {
        if (message == null) {
            return "Waiting for a node: the scheduler has not placed "
                    + pod.getMetadata().getName() + " yet.";
        }
        int start = message.indexOf("are available: ");
        String body = start < 0 ? message : message.substring(start + "are available: ".length());
        // The node counts end at the first sentence break: ". preemption: ..." or, since Kubernetes 1.34,
        // ". no new claims to deallocate, preemption: ...".
        int end = body.indexOf(". ");
        body = end < 0 ? body.replaceAll("\\.$", "") : body.substring(0, end);
        List<String> reasons = new ArrayList<>();
        Matcher m = SCHEDULER_PART.matcher(body);
        while (m.find()) {
            reasons.add(
                    explainReason(pod, Integer.parseInt(m.group(1)), m.group(2).trim(), nodes));
        }
        String instanceType = annotation(pod, ArcmlLabels.INSTANCE_TYPE_ANNOTATION);
        return "Waiting for resources: no node can take " + pod.getMetadata().getName()
                + (instanceType == null ? "" : " (instance type '" + instanceType + "')") + ". "
                + (reasons.isEmpty() ? message : String.join("; ", reasons) + ".") + " Scheduler: " + message;
    }

    private static String explainReason(Pod pod, int count, String reason, Supplier<List<Node>> nodes) {
        boolean one = count == 1;
        String n = count + (one ? " node" : " nodes");
        if (reason.startsWith("Insufficient ")) {
            String resource = reason.substring("Insufficient ".length());
            Quantity need = containerRequests(pod).get(resource);
            return n + (one ? " lacks" : " lack") + " free " + resource
                    + (need == null ? "" : " (each instance needs " + need + ")")
                    + (resource.startsWith("nvidia.com/")
                            ? ": GPUs are busy, or the NVIDIA device plugin does not advertise them"
                            : "");
        }
        if (reason.contains("didn't match Pod's node affinity/selector")
                || reason.contains("didn't match node selector")) {
            Map<String, String> selector = pod.getSpec().getNodeSelector();
            return n + (one ? " does" : " do") + " not carry the labels the instance type selects"
                    + (selector == null || selector.isEmpty()
                            ? ""
                            : " ("
                                    + selector.entrySet().stream()
                                            .map(e -> e.getKey() + "=" + e.getValue())
                                            .collect(Collectors.joining(", "))
                                    + "; add them with kubectl label node <node> key=value)");
        }
        Matcher taint = TAINT.matcher(reason);
        if (taint.find()) {
            String value = taint.group(2).trim();
            return n + (one ? " has" : " have") + " the taint " + taint.group(1) + (value.isEmpty() ? "" : "=" + value)
                    + " that the job's pods do not tolerate";
        }
        if (reason.contains("untolerated taint")) {
            // Kubernetes 1.34 no longer names the taint: find it on the nodes, as the scheduler's filter does.
            List<String> taints = untoleratedTaints(pod, nodes);
            return n + (one ? " has" : " have")
                    + (taints.isEmpty()
                            ? " a taint (kubectl describe node lists them)"
                            : taints.size() == 1
                                    ? " the taint " + taints.get(0)
                                    : " the taints " + String.join(", ", taints))
                    + " that the job's pods do not tolerate";
        }
        if (reason.contains("were unschedulable")) {
            return n + (one ? " is" : " are") + " cordoned (unschedulable)";
        }
        if (reason.contains("pod group is not ready") || reason.contains("gang")) {
            return "the gang cannot start: not all instances fit at once, and Volcano starts none until they do";
        }
        return n + ": " + reason;
    }

    /** The first untolerated taint of each node that the scheduler's taint filter turns the pod away from, as key=value. */
    private static List<String> untoleratedTaints(Pod pod, Supplier<List<Node>> nodes) {
        List<Toleration> tolerations = pod.getSpec().getTolerations() == null
                ? List.of()
                : pod.getSpec().getTolerations();
        return nodes.get().stream()
                .filter(node -> node.getSpec() == null
                        || !Boolean.TRUE.equals(node.getSpec().getUnschedulable()))
                .flatMap(node -> (node.getSpec() == null || node.getSpec().getTaints() == null
                                ? List.<Taint>of()
                                : node.getSpec().getTaints())
                        .stream()
                                .filter(t -> NodeFit.blocksScheduling(t)
                                        && tolerations.stream().noneMatch(tol -> NodeFit.tolerates(tol, t)))
                                .limit(1))
                .map(t -> t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue()))
                .distinct()
                .sorted()
                .toList();
    }

    private static String explainEvent(Pod pod, Event e) {
        if ("FailedCreatePodSandBox".equals(e.getReason())) {
            return "The pod " + pod.getMetadata().getName() + " cannot start its sandbox: " + e.getMessage()
                    + (pod.getSpec().getRuntimeClassName() == null
                            ? ""
                            : ". The runtime class '" + pod.getSpec().getRuntimeClassName()
                                    + "' may not be configured on the node");
        }
        String volume = nfsVolumes(pod).stream()
                .filter(v -> e.getMessage() != null && e.getMessage().contains("\"" + v.getName() + "\""))
                .findFirst()
                .map(v -> " nfs://" + v.getNfs().getServer() + v.getNfs().getPath())
                .orElse("");
        return "A volume" + volume + " cannot be mounted into "
                + pod.getMetadata().getName() + ": " + e.getMessage()
                + (volume.isEmpty()
                        ? ""
                        : ". Check that the NFS server exports the path to the nodes' addresses and that "
                                + "the nodes have an NFS client (nfs-common / nfs-utils)");
    }

    private static List<Volume> nfsVolumes(Pod pod) {
        return pod.getSpec().getVolumes() == null
                ? List.of()
                : pod.getSpec().getVolumes().stream()
                        .filter(v -> v.getNfs() != null)
                        .toList();
    }

    private static Map<String, Quantity> containerRequests(Pod pod) {
        var c = pod.getSpec().getContainers().get(0);
        return c.getResources() == null || c.getResources().getRequests() == null
                ? Map.of()
                : c.getResources().getRequests();
    }

    private static List<PodCondition> conditions(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getConditions() == null
                ? List.of()
                : pod.getStatus().getConditions();
    }

    static List<ContainerStatus> containerStatuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of()
                : pod.getStatus().getContainerStatuses();
    }

    static String annotation(Pod pod, String key) {
        return pod.getMetadata().getAnnotations() == null
                ? null
                : pod.getMetadata().getAnnotations().get(key);
    }
}
