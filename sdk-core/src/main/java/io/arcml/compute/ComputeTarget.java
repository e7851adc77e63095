package io.arcml.compute;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.polling.SyncPoller;
import io.arcml.Workspace;
import io.arcml.internal.Arguments;
import io.arcml.internal.ComputeNames;
import io.arcml.resource.ResourceState;
import io.arcml.transport.Accepted;
import io.arcml.transport.Capability;
import io.arcml.transport.ComputeOperations;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.PagedLists;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compute target of a workspace, as the Python SDK's {@code ComputeTarget}: attach one with
 * {@link #attach(Workspace, String, KubernetesComputeAttachConfiguration)}, find one with
 * {@link #get(Workspace, String)} or {@link #list(Workspace)}.
 */
public abstract sealed class ComputeTarget permits KubernetesCompute {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeTarget.class);

    private final Workspace workspace;
    private final String name;

    ComputeTarget(Workspace workspace, String name) {
        this.workspace = workspace;
        this.name = name;
    }

    /**
     * Attaches a Kubernetes cluster to the workspace and returns at once, with the attach under
     * way; follow it with {@link KubernetesCompute#waitForCompletion()}.
     *
     * <p>Azure overwrites an existing compute silently, so arcml reads first: an existing compute
     * with the same settings is returned as it is; one with different settings is an error unless
     * the configuration asks to {@link KubernetesComputeAttachConfiguration#replaceExisting(boolean) replace} it.
     *
     * @throws io.arcml.ValidationException when the name or the configuration is invalid (nothing is sent)
     * @throws ComputeTargetException when a different compute of that name exists
     */
    public static KubernetesCompute attach(
            Workspace workspace, String name, KubernetesComputeAttachConfiguration configuration) {
        ComputeNames.requireComputeName(name);
        KubernetesComputeSpec spec = configuration.toSpec();
        ComputeOperations cp = computes(workspace, "attach compute '" + name + "'");
        Optional<ComputeResource> existing = cp.getCompute(name);
        if (existing.isPresent()) {
            ComputeResource current = existing.get();
            if (!current.isKubernetes()) {
                throw new ComputeTargetException(
                        "A compute named '" + name + "' already exists in workspace " + workspace.name() + " with type "
                                + current.computeType() + ". Choose another name: attaching would overwrite it");
            }
            KubernetesCompute found = new KubernetesCompute(workspace, current, null);
            ProvisioningState state = found.provisioningState();
            if (state == ProvisioningState.DELETING) {
                throw new ComputeTargetException(
                        "The compute '" + name + "' is being detached. Wait for the detach to finish "
                                + "(detach().waitForCompletion(true)), then attach again");
            }
            List<String> differences = found.spec().differences(spec);
            if (differences.isEmpty() && state != ProvisioningState.FAILED && state != ProvisioningState.CANCELED) {
                LOG.info(
                        "Compute '{}' is already attached with the same settings ({}); not attaching again",
                        name,
                        state);
                return found;
            }
            if (!differences.isEmpty() && !configuration.replaceExisting()) {
                throw new ComputeTargetException("A compute named '" + name
                        + "' is already attached with different settings: "
                        + String.join("; ", differences) + ". Azure would overwrite it silently. Detach it first "
                        + "(ComputeTarget.get(ws, \"" + name
                        + "\").detach()), choose another name, or call replaceExisting(true) on the configuration");
            }
            LOG.info("Compute '{}' exists ({}); attaching over it", name, state);
        }
        Accepted<ComputeResource> accepted = cp.beginAttach(name, spec.toSpi());
        ComputeResource resource = accepted.resource() != null
                ? accepted.resource()
                : new ComputeResource(
                        null,
                        name,
                        workspace.location(),
                        ComputeResource.KUBERNETES,
                        spec.toSpi(),
                        ResourceState.CREATING,
                        List.of(),
                        true,
                        null,
                        null,
                        Map.of());
        LOG.info(
                "Attaching cluster {} as compute '{}' of workspace {}",
                spec.resourceId().clusterName(),
                name,
                workspace.name());
        return new KubernetesCompute(workspace, resource, accepted.operation());
    }

    /**
     * {@link #attach(Workspace, String, KubernetesComputeAttachConfiguration)} as the Azure SDK for
     * Java starts long-running operations: a {@link SyncPoller} whose {@code waitForCompletion()} polls
     * the attach (each poll after the service's {@code Retry-After}) and whose {@code getFinalResult()}
     * is the compute, read once more (it throws {@link ComputeTargetException} when the attach failed).
     * The requests are those of {@code attach(..).waitForCompletion()}: the existence check, the PUT,
     * one per poll and the final read.
     *
     * <pre>{@code
     * SyncPoller<OperationStatus, KubernetesCompute> poller = ComputeTarget.beginAttach(ws, "k8s-compute", config);
     * KubernetesCompute compute = poller.getFinalResult();
     * }</pre>
     *
     * @throws io.arcml.ValidationException when the name or the configuration is invalid (nothing is sent)
     * @throws ComputeTargetException when a different compute of that name exists
     */
    public static SyncPoller<OperationStatus, KubernetesCompute> beginAttach(
            Workspace workspace, String name, KubernetesComputeAttachConfiguration configuration) {
        return attach(workspace, name, configuration).poller();
    }

    /**
     * Detaches a compute as the Azure SDK for Java starts long-running operations: a
     * {@link SyncPoller} whose {@code waitForCompletion()} polls the detach (each poll after the
     * service's {@code Retry-After}) and whose {@code getFinalResult()} is the compute, detached
     * ({@link KubernetesCompute#isDetached()}); it throws {@link ComputeTargetException} when the
     * detach failed. The requests are those of {@code get(..).detach().waitForCompletion()}: the
     * read of the compute, the DELETE and one per poll. The cluster and its extension stay untouched.
     *
     * <pre>{@code
     * ComputeTarget.beginDetach(ws, "k8s-compute").getFinalResult();
     * }</pre>
     *
     * @throws ComputeTargetException when there is no such compute, or it is not an attached Kubernetes compute
     */
    public static SyncPoller<OperationStatus, KubernetesCompute> beginDetach(Workspace workspace, String name) {
        Arguments.nonNull(workspace, "workspace");
        Arguments.nonNull(name, "name");
        return ((KubernetesCompute) get(workspace, name)).detach().poller();
    }

    /**
     * The compute target of that name, like the Python SDK's {@code ComputeTarget(workspace, name)}.
     *
     * @throws ComputeTargetException when there is none, or it is not an attached Kubernetes compute
     */
    public static ComputeTarget get(Workspace workspace, String name) {
        ComputeResource resource = computes(workspace, "read compute '" + name + "'")
                .getCompute(name)
                .orElseThrow(() -> new ComputeTargetException(
                        "ComputeTargetNotFound: compute target '" + name + "' was not found in workspace "
                                + workspace.name() + ". Attach it with ComputeTarget.attach(ws, \"" + name
                                + "\", cfg), or list them with ComputeTarget.list(ws)"));
        if (!resource.isKubernetes()) {
            throw new ComputeTargetException("Compute '" + name + "' is of type " + resource.computeType()
                    + "; arcml manages attached Kubernetes computes only");
        }
        return new KubernetesCompute(workspace, resource, null);
    }

    /** The attached Kubernetes computes of a workspace, by name; others are skipped as the Python SDK does. */
    public static Map<String, ComputeTarget> list(Workspace workspace) {
        Map<String, ComputeTarget> out = new LinkedHashMap<>();
        listPaged(workspace).forEach(target -> out.put(target.name(), target));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The attached Kubernetes computes of a workspace as the Azure SDK for Java lists: a lazy
     * {@link PagedIterable} that reads a page when the iteration reaches it (Azure Resource Manager
     * follows {@code nextLink}, the cluster transport the Kubernetes {@code continue} token) and
     * nothing before. Computes of other types are skipped, as {@link #list(Workspace)} skips them.
     * A failure while iterating is arcml's {@link io.arcml.transport.ControlPlaneException} (on
     * Azure an {@code ArmException}, whose cause is azure-core-management's {@code ManagementException}).
     *
     * <pre>{@code
     * for (ComputeTarget target : ComputeTarget.listPaged(ws)) {
     *     System.out.println(target.name() + " " + target.provisioningState());
     * }
     * ComputeTarget.listPaged(ws).streamByPage(20).forEach(page -> ...);   // pages of about 20
     * }</pre>
     *
     * @throws io.arcml.ArcmlException at once, nothing sent, when the workspace's transport cannot list computes
     */
    public static PagedIterable<ComputeTarget> listPaged(Workspace workspace) {
        Arguments.nonNull(workspace, "workspace");
        ComputeOperations computes = computes(workspace, "list compute targets");
        Optional<PagedLists> pages = ControlPlane.of(workspace.controlPlane()).pagedLists();
        return PagedLists.iterable((token, size) -> {
            PagedResponse<ComputeResource> page = pages.isPresent()
                    ? pages.get().computePage(token, size)
                    : PagedLists.page(computes.listComputes(), null);
            return PagedLists.withItems(page, attachedKubernetes(workspace, page.getValue()));
        });
    }

    /** The attached Kubernetes computes among {@code resources}; the others are logged and skipped. */
    private static List<ComputeTarget> attachedKubernetes(Workspace workspace, List<ComputeResource> resources) {
        List<ComputeTarget> out = new ArrayList<>();
        for (ComputeResource r : resources) {
            if (r.isKubernetes() && r.attachedCompute()) {
                out.add(new KubernetesCompute(workspace, r, null));
            } else {
                LOG.debug(
                        "Skipping compute '{}' of type {} (attached: {})",
                        r.name(),
                        r.computeType(),
                        r.attachedCompute());
            }
        }
        return out;
    }

    /** The workspace's compute capability, or the refusal naming {@code operation} when its transport has none. */
    static ComputeOperations computes(Workspace workspace, String operation) {
        return Capability.computes(ControlPlane.of(workspace.controlPlane()), operation);
    }

    /** The compute's name. */
    public String name() {
        return name;
    }

    /** The workspace it belongs to. */
    public Workspace workspace() {
        return workspace;
    }

    /** The provisioning state as last read. */
    public abstract ProvisioningState provisioningState();

    /** Reads the compute again from the control plane. */
    public abstract void refreshState();

    /** The whole compute as a map, in the shape of the Python SDK's {@code serialize()}. */
    public abstract Map<String, Object> serialize();
}
