package io.arcml.k8s.internal;

import io.arcml.ErrorDetail;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.resource.ExtensionPod;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checks an attach runs against the cluster before it succeeds: the namespace exists, the
 * Azure ML extension's pods are healthy when the extension is expected, and every instance type
 * fits some node (labels, taints, allocatable cpu, memory and GPUs). Each failure is one error
 * naming the instance type, what is missing and the nodes considered.
 */
public final class Preflight {
    private final KubernetesClient client;
    private final String extensionNamespace;
    private final Boolean expectExtension;

    /**
     * @param client the cluster
     * @param extensionNamespace the Azure ML extension's release namespace ({@code azureml})
     * @param expectExtension {@code true} to require the extension, {@code false} to skip the check,
     *                        {@code null} to check it only when it looks installed
     */
    public Preflight(KubernetesClient client, String extensionNamespace, Boolean expectExtension) {
        this.client = client;
        this.extensionNamespace = extensionNamespace;
        this.expectExtension = expectExtension;
    }

    /** Runs every check; empty when the compute is ready for jobs. */
    public List<ErrorDetail> check(KubernetesComputeSpec spec, boolean instanceTypeCrdInstalled) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (client.namespaces().withName(spec.namespace()).get() == null) {
            errors.add(new ErrorDetail(
                    "NamespaceNotFound",
                    "The namespace '" + spec.namespace() + "' does not exist in the cluster. "
                            + "Create it first (kubectl create namespace " + spec.namespace()
                            + "): the compute's jobs run there.",
                    "namespace",
                    List.of()));
        }
        checkExtension(instanceTypeCrdInstalled).ifPresent(errors::add);
        List<Node> nodes = client.nodes().list().getItems();
        spec.instanceTypes()
                .forEach((name, type) -> checkFits(name, type, nodes).ifPresent(errors::add));
        return errors;
    }

    private Optional<ErrorDetail> checkExtension(boolean crdInstalled) {
        if (Boolean.FALSE.equals(expectExtension)) {
            return Optional.empty();
        }
        boolean namespaceExists =
                client.namespaces().withName(extensionNamespace).get() != null;
        if (expectExtension == null && !namespaceExists && !crdInstalled) {
            return Optional.empty();
        }
        List<ExtensionPod> pods = namespaceExists ? extensionPods(extensionNamespace) : List.of();
        if (pods.isEmpty()) {
            return Optional.of(new ErrorDetail(
                    "ExtensionNotFound",
                    "No Azure ML extension pods run in namespace '"
                            + extensionNamespace + "'. Install the extension (az k8s-extension create --extension-type "
                            + "Microsoft.AzureML.Kubernetes --config enableTraining=True ...) before attaching.",
                    "extension",
                    List.of()));
        }
        List<ExtensionPod> unhealthy = pods.stream().filter(p -> !p.isHealthy()).toList();
        if (!unhealthy.isEmpty()) {
            return Optional.of(new ErrorDetail(
                    "ExtensionNotReady",
                    "Azure ML extension pods in namespace '" + extensionNamespace
                            + "' are not running: "
                            + unhealthy.stream()
                                    .map(p -> p.name() + " (" + p.phase()
                                            + (p.reason() == null ? "" : ", " + p.reason()) + ")")
                                    .collect(Collectors.joining(", "))
                            + ". Check them with kubectl describe pod -n " + extensionNamespace + ".",
                    "extension",
                    List.of()));
        }
        return Optional.empty();
    }

    /** The pods of a namespace, as {@code kubectl get pods -n azureml} lists them. */
    public List<ExtensionPod> extensionPods(String namespace) {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .map(p -> {
                    var statuses = p.getStatus() == null || p.getStatus().getContainerStatuses() == null
                            ? List.<ContainerStatus>of()
                            : p.getStatus().getContainerStatuses();
                    boolean ready =
                            !statuses.isEmpty() && statuses.stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
                    int restarts = statuses.stream()
                            .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
                            .sum();
                    String reason = statuses.stream()
                            .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                            .map(s -> s.getState().getWaiting().getReason())
                            .findFirst()
                            .orElse(null);
                    String phase = p.getStatus() == null || p.getStatus().getPhase() == null
                            ? "Unknown"
                            : p.getStatus().getPhase();
                    return new ExtensionPod(p.getMetadata().getName(), phase, ready, restarts, reason);
                })
                .toList();
    }

    private Optional<ErrorDetail> checkFits(String name, InstanceType type, List<Node> nodes) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        type.requests().forEach((k, v) -> requests.put(k, new Quantity(v.toString())));
        Map<String, Quantity> limits = new LinkedHashMap<>();
        type.limits().forEach((k, v) -> limits.put(k, new Quantity(v.toString())));
        var needs = NodeFit.effectiveRequests(requests, limits);
        List<String> considered = new ArrayList<>();
        for (Node node : nodes) {
            List<NodeFit.Misfit> misfits =
                    NodeFit.check(node, type.nodeSelector(), PodSpecFactory.tolerations(type), needs, Map.of());
            if (misfits.isEmpty()) {
                return Optional.empty();
            }
            considered.add(node.getMetadata().getName() + " "
                    + misfits.stream().map(NodeFit.Misfit::explanation).collect(Collectors.joining(" and ")));
        }
        String wants = (type.nodeSelector().isEmpty() ? "" : "nodeSelector " + type.nodeSelector() + ", ")
                + "requests "
                + needs.entrySet().stream()
                        .map(e -> e.getKey() + "=" + NodeFit.plain(e.getValue()))
                        .collect(Collectors.joining(", "));
        String message = "Instance type '" + name + "' (" + wants + ") fits no node. "
                + (nodes.isEmpty()
                        ? "The cluster has no nodes."
                        : "Nodes considered: " + String.join("; ", considered) + ".")
                + " Label or add a node that fits (kubectl label node <node> key=value), or lower the instance type's requests.";
        return Optional.of(new ErrorDetail("InstanceTypeUnschedulable", message, "instanceTypes." + name, List.of()));
    }
}
