package io.arcml.transport.embedded;

import static io.arcml.transport.embedded.EmbeddedState.key;
import static io.arcml.transport.embedded.EmbeddedState.utc;

import com.azure.core.http.rest.PagedResponse;
import io.arcml.ErrorDetail;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ProvisioningState;
import io.arcml.resource.ExtensionPod;
import io.arcml.resource.ExtensionResource;
import io.arcml.resource.ExtensionSpec;
import io.arcml.transport.Accepted;
import io.arcml.transport.ClusterPods;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.ExtensionInstalls;
import io.arcml.transport.ExtensionReads;
import io.arcml.transport.LongRunningOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded control plane's cluster extensions: installs through {@code Creating}, deletes
 * that keep the name in use until they end, and the pods in the release namespace that follow
 * from the settings. Called under the state's lock.
 */
final class EmbeddedExtensions implements ExtensionReads, ExtensionInstalls, ClusterPods {
    private final EmbeddedState state;
    private final Map<String, EmbeddedExtension> extensions = new LinkedHashMap<>();

    EmbeddedExtensions(EmbeddedState state) {
        this.state = state;
    }

    int size() {
        return extensions.size();
    }

    @Override
    public Optional<ExtensionResource> getExtension(String clusterId, String name) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        state.countRequest();
        EmbeddedExtension e = extensions.get(key(cluster, name));
        if (e == null || e.isGone(state.now())) {
            extensions.remove(key(cluster, name));
            return Optional.empty();
        }
        return Optional.of(e.toResource());
    }

    @Override
    public List<ExtensionResource> listExtensions(String clusterId) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        state.countRequest();
        return current(cluster);
    }

    /** One page of a cluster's extensions: one request. */
    PagedResponse<ExtensionResource> extensionPage(String clusterId, String continuationToken, Integer pageSize) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        state.countRequest();
        return state.page(current(cluster), continuationToken, pageSize);
    }

    /** The cluster's extensions there are now, in the order they were first installed. */
    private List<ExtensionResource> current(ClusterResourceId cluster) {
        Instant now = state.now();
        extensions.values().removeIf(e -> e.isGone(now));
        return extensions.values().stream()
                .filter(e -> e.cluster.equals(cluster))
                .map(EmbeddedExtension::toResource)
                .toList();
    }

    @Override
    public Accepted<ExtensionResource> beginCreateExtension(String clusterId, String name, ExtensionSpec spec) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        state.countRequest();
        Instant now = state.now();
        EmbeddedExtension existing = extensions.get(key(cluster, name));
        if (existing != null && !existing.isGone(now) && existing.goneAt != null) {
            throw new ControlPlaneException(
                    409,
                    ErrorDetail.of(
                            "Conflict",
                            "cannot re-use a name that is still in use: extension '" + name
                                    + "' is being deleted. Wait for the delete to finish (about 10 minutes), then install again"),
                    null);
        }
        if (existing != null && !existing.isGone(now) && !existing.state(now).isTerminal()) {
            throw state.conflict("extension '" + name + "'", existing.state(now));
        }
        Fault failure = state.take(Fault.Kind.FAIL_EXTENSION_INSTALL, name);
        Instant readyAt = now.plus(state.extensionInstallDelay).plus(state.slowdown());
        EmbeddedExtension e =
                new EmbeddedExtension(cluster, name, spec, readyAt, failure == null ? null : failure.error);
        extensions.put(key(cluster, name), e);
        return new Accepted<>(
                e.toResource(ProvisioningState.CREATING), state.operation("Creating", readyAt, e.failure));
    }

    @Override
    public LongRunningOperation beginDeleteExtension(String clusterId, String name, boolean force) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        state.countRequest();
        Instant now = state.now();
        EmbeddedExtension e = extensions.get(key(cluster, name));
        if (e == null || e.isGone(now)) {
            return state.finished("Succeeded");
        }
        if (!force && !e.state(now).isTerminal()) {
            throw state.conflict("extension '" + name + "'", e.state(now));
        }
        e.goneAt = now.plus(force ? Duration.ZERO : state.extensionInstallDelay);
        return state.operation("Deleting", e.goneAt, null);
    }

    @Override
    public List<ExtensionPod> extensionPods(String clusterId, String releaseNamespace) {
        ClusterResourceId cluster = ClusterResourceId.parse(clusterId);
        state.countRequest();
        Instant now = state.now();
        List<ExtensionPod> pods = new ArrayList<>();
        for (EmbeddedExtension e : extensions.values()) {
            if (!e.cluster.equals(cluster)
                    || e.isGone(now)
                    || !e.spec.releaseNamespace().equals(releaseNamespace)) {
                continue;
            }
            ProvisioningState provisioningState = e.state(now);
            for (String pod : ExtensionComponents.podNames(e.name, cluster, e.spec.configurationSettings())) {
                pods.add(pod(pod, provisioningState));
            }
        }
        return pods;
    }

    private ExtensionPod pod(String pod, ProvisioningState provisioningState) {
        Fault unhealthy = state.faults.stream()
                .filter(f -> f.kind == Fault.Kind.UNHEALTHY_EXTENSION_POD && pod.startsWith(f.target))
                .findFirst()
                .orElse(null);
        if (unhealthy != null) {
            return new ExtensionPod(pod, "Running", false, 5, unhealthy.reason);
        }
        if (provisioningState == ProvisioningState.SUCCEEDED) {
            return new ExtensionPod(pod, "Running", true, 0, null);
        }
        return new ExtensionPod(
                pod,
                "Pending",
                false,
                0,
                provisioningState == ProvisioningState.FAILED ? "Unschedulable" : "ContainerCreating");
    }

    private final class EmbeddedExtension extends TimedResource {
        final ClusterResourceId cluster;
        final String name;
        final ExtensionSpec spec;

        EmbeddedExtension(
                ClusterResourceId cluster, String name, ExtensionSpec spec, Instant readyAt, ErrorDetail failure) {
            super(readyAt, failure);
            this.cluster = cluster;
            this.name = name;
            this.spec = spec;
        }

        ExtensionResource toResource() {
            return toResource(state(state.now()));
        }

        ExtensionResource toResource(ProvisioningState provisioningState) {
            boolean failed = provisioningState == ProvisioningState.FAILED;
            List<ExtensionResource.Message> statuses = failed
                    ? List.of(new ExtensionResource.Message(
                            failure.code(), "Failed", "Error", failure.message(), utc(readyAt)))
                    : List.of();
            String id = cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/" + name;
            return new ExtensionResource(
                    id,
                    name,
                    spec.extensionType(),
                    provisioningState.resourceState(),
                    null,
                    provisioningState == ProvisioningState.SUCCEEDED
                            ? (spec.version() != null ? spec.version() : state.extensionVersion)
                            : null,
                    spec.releaseTrain(),
                    spec.autoUpgradeMinorVersion(),
                    spec.releaseNamespace(),
                    spec.configurationSettings(),
                    statuses,
                    failed ? failure : null,
                    null);
        }
    }
}
