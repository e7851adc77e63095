package io.arcml.extension;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.polling.SyncPoller;
import io.arcml.ArcmlException;
import io.arcml.ErrorDetail;
import io.arcml.ValidationException;
import io.arcml.Waitable;
import io.arcml.Workspace;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ProvisioningState;
import io.arcml.internal.Arguments;
import io.arcml.operation.OperationPollers;
import io.arcml.operation.OperationTracker;
import io.arcml.operation.OperationWaiter;
import io.arcml.resource.ExtensionResource;
import io.arcml.transport.Accepted;
import io.arcml.transport.Capability;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.ExtensionInstalls;
import io.arcml.transport.ExtensionReads;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.PagedLists;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Azure ML extension on a cluster: what {@code az k8s-extension create/show/delete
 * --extension-type Microsoft.AzureML.Kubernetes} does, from Java.
 *
 * <pre>{@code
 * AzureMLExtension ext = AzureMLExtension.create(ws, clusterId,
 *         AzureMLExtensionConfiguration.builder().enableTraining(true).build());
 * ext.waitForCompletion(true);                     // Creating....Succeeded
 * System.out.println(ext.verify());                // provisioning state and the pods in azureml
 * }</pre>
 */
public final class AzureMLExtension implements Waitable<AzureMLExtension> {
    /** The extension name used when none is given. */
    public static final String DEFAULT_NAME = "azureml-extension";

    private static final Logger LOG = LoggerFactory.getLogger(AzureMLExtension.class);

    private final ControlPlane controlPlane;
    private final ClusterResourceId cluster;
    private final String name;
    private final List<String> warnings;
    private final OperationTracker<Pending> tracker;
    private volatile ExtensionStatus status;
    private volatile boolean deleting;
    private volatile boolean deleted;

    private enum Pending {
        INSTALL,
        DELETE
    }

    private AzureMLExtension(
            ControlPlane controlPlane,
            ClusterResourceId cluster,
            String name,
            ExtensionStatus status,
            LongRunningOperation operation,
            List<String> warnings) {
        this.controlPlane = controlPlane;
        this.cluster = cluster;
        this.name = name;
        this.status = status;
        this.warnings = List.copyOf(warnings);
        this.tracker = new OperationTracker<>(kind -> (kind == Pending.DELETE ? "delete" : "install")
                + " of extension '" + name + "' on " + cluster.clusterName());
        if (operation != null) {
            tracker.start(Pending.INSTALL, operation);
        }
    }

    /** Installs the extension as {@value #DEFAULT_NAME}; see {@link #create(Workspace, ClusterResourceId, String, AzureMLExtensionConfiguration)}. */
    public static AzureMLExtension create(
            Workspace workspace, String clusterResourceId, AzureMLExtensionConfiguration configuration) {
        Arguments.nonNull(workspace, "workspace");
        Arguments.nonNull(configuration, "configuration");
        Arguments.nonNull(clusterResourceId, "clusterResourceId");
        return create(workspace, ClusterResourceId.parse(clusterResourceId), DEFAULT_NAME, configuration);
    }

    /**
     * Installs (or updates) the Azure ML extension on a cluster, cluster-scoped in namespace
     * {@code azureml}, and returns at once with the install under way.
     *
     * <p>Reinstalling is where installs go wrong (the how-to's troubleshooting): an Azure ML
     * extension already on the cluster under another name makes the new one fail on its CRDs, and
     * one still being deleted holds its name ("cannot re-use a name that is still in use"). arcml
     * reads the cluster's extensions first and reports such cases in {@link #warnings()} and the log.
     */
    public static AzureMLExtension create(
            Workspace workspace, ClusterResourceId cluster, String name, AzureMLExtensionConfiguration configuration) {
        Arguments.nonNull(workspace, "workspace");
        Arguments.nonNull(cluster, "cluster");
        Arguments.nonNull(configuration, "configuration");
        ExtensionNames.requireExtensionName(name);
        ControlPlane cp = ControlPlane.of(workspace.controlPlane());
        String operation = "install extension '" + name + "' on cluster " + cluster.clusterName();
        ExtensionInstalls installs = Capability.extensionInstalls(cp, operation);
        if (configuration.configurationSettings().containsKey("internalLoadBalancerProvider")
                && cluster.kind() != ClusterResourceId.Kind.AKS) {
            throw new ValidationException(
                    "internalLoadBalancerProvider",
                    "azure",
                    "is only supported on AKS clusters, not on " + cluster.clusterName() + " (" + cluster.kind() + ")",
                    "Drop internalLoadBalancerProvider for Arc-enabled clusters");
        }
        List<String> warnings = new ArrayList<>();
        for (ExtensionResource resource :
                Capability.extensionReads(cp, operation).listExtensions(cluster.toString())) {
            ExtensionStatus other = ExtensionStatus.of(resource);
            if (!other.isAzureML()) {
                continue;
            }
            if (other.name().equalsIgnoreCase(name)) {
                if (other.provisioningState() == ProvisioningState.DELETING) {
                    warnings.add(
                            "Extension '" + name
                                    + "' is still being deleted; the install fails with 'cannot re-use a name that is "
                                    + "still in use' until the delete ends (about 10 minutes). Wait for it, or choose another name");
                } else {
                    warnings.add("Extension '" + name + "' is already installed (" + other.provisioningState()
                            + "); this updates it. "
                            + "Protected settings are replaced in full: give all of them again");
                }
            } else {
                warnings.add(
                        "Another Azure ML extension, '" + other.name() + "', is installed on " + cluster.clusterName()
                                + "; a second one fails on its CRDs (\"... exists and cannot be imported into the current release\"). "
                                + "Delete '" + other.name()
                                + "' and wait for the delete to end before reinstalling, or update it instead");
            }
        }
        warnings.forEach(w -> LOG.warn(w));
        Accepted<ExtensionResource> accepted =
                installs.beginCreateExtension(cluster.toString(), name, configuration.spec());
        ExtensionStatus initial = accepted.resource() != null
                ? ExtensionStatus.of(accepted.resource())
                : new ExtensionStatus(
                        null,
                        name,
                        AzureMLExtensionConfiguration.EXTENSION_TYPE,
                        ProvisioningState.CREATING,
                        null,
                        null,
                        configuration.spec().releaseTrain(),
                        configuration.spec().autoUpgradeMinorVersion(),
                        AzureMLExtensionConfiguration.RELEASE_NAMESPACE,
                        configuration.configurationSettings(),
                        List.of(),
                        null,
                        null);
        LOG.info(
                "Installing extension '{}' ({}) on {}",
                name,
                AzureMLExtensionConfiguration.EXTENSION_TYPE,
                cluster.clusterName());
        return new AzureMLExtension(cp, cluster, name, initial, accepted.operation(), warnings);
    }

    /**
     * {@link #create(Workspace, ClusterResourceId, String, AzureMLExtensionConfiguration)} as the
     * Azure SDK for Java starts long-running operations: a {@link SyncPoller} whose
     * {@code waitForCompletion()} polls the install (each poll after the service's
     * {@code Retry-After}) and whose {@code getFinalResult()} reads the extension once more and is
     * its handle; it throws {@link ArcmlException} with the service's error when the install failed.
     * The requests are those of {@code create(..).waitForCompletion()}: the list of the cluster's
     * extensions, the PUT, one per poll and the final read.
     *
     * <pre>{@code
     * AzureMLExtension ext = AzureMLExtension.beginCreate(ws, cluster, "azureml", config).getFinalResult();
     * }</pre>
     */
    public static SyncPoller<OperationStatus, AzureMLExtension> beginCreate(
            Workspace workspace, ClusterResourceId cluster, String name, AzureMLExtensionConfiguration configuration) {
        return create(workspace, cluster, name, configuration).poller();
    }

    /**
     * Uninstalls an extension as the Azure SDK for Java starts long-running operations: a
     * {@link SyncPoller} over the delete whose {@code getFinalResult()} is the handle, deleted
     * ({@link #isDeleted()}). The requests: the read of the extension, the DELETE and one per poll.
     *
     * @param force remove it from Azure even when the cluster cannot be reached
     * @throws ArcmlException when there is no extension of that name on the cluster
     */
    public static SyncPoller<OperationStatus, AzureMLExtension> beginDelete(
            Workspace workspace, ClusterResourceId cluster, String name, boolean force) {
        Arguments.nonNull(workspace, "workspace");
        Arguments.nonNull(cluster, "cluster");
        Arguments.nonNull(name, "name");
        return get(workspace, cluster, name).delete(force).poller();
    }

    /**
     * The install or delete under way as azure-core's {@link SyncPoller}; with nothing under way, a
     * poller that has ended, whose result is this handle as it is.
     */
    private SyncPoller<OperationStatus, AzureMLExtension> poller() {
        if (tracker.pending() == null) {
            OperationStatus now = new OperationStatus(
                    OperationStatus.State.SUCCEEDED,
                    deleted ? "Deleted" : status.provisioningState().toString(),
                    null,
                    Duration.ZERO);
            return OperationPollers.syncPoller(
                    tracker.describe(Pending.INSTALL), LongRunningOperation.completed(now), end -> this);
        }
        return tracker.poller((kind, end) -> finish(kind, end, null));
    }

    /** The extension as {@code az k8s-extension show} reads it; empty when there is none of that name. */
    public static Optional<ExtensionStatus> show(Workspace workspace, ClusterResourceId cluster, String name) {
        return read(ControlPlane.of(workspace.controlPlane()), cluster, name);
    }

    /**
     * The extensions installed on a cluster, every type, as {@code az k8s-extension list} shows
     * them; read page by page to the end. See {@link #listPaged(Workspace, ClusterResourceId)}.
     */
    public static List<ExtensionStatus> list(Workspace workspace, ClusterResourceId cluster) {
        return listPaged(workspace, cluster).stream().toList();
    }

    /**
     * The extensions installed on a cluster, every type, as a lazy {@link PagedIterable}: a page is
     * read when the iteration reaches it (Azure Resource Manager follows {@code nextLink}), nothing
     * before. The cluster transport reads the Azure ML extension from its pods: one page. A failure
     * while iterating is arcml's {@link io.arcml.transport.ControlPlaneException} (on Azure an
     * {@code ArmException}, whose cause is azure-core-management's {@code ManagementException}).
     *
     * <pre>{@code
     * AzureMLExtension.listPaged(ws, cluster).stream()
     *         .filter(ExtensionStatus::isAzureML)
     *         .forEach(e -> System.out.println(e.name() + " " + e.provisioningState()));
     * }</pre>
     *
     * @throws ArcmlException at once, nothing sent, when the workspace's transport cannot read extensions
     */
    public static PagedIterable<ExtensionStatus> listPaged(Workspace workspace, ClusterResourceId cluster) {
        Arguments.nonNull(workspace, "workspace");
        Arguments.nonNull(cluster, "cluster");
        ControlPlane cp = ControlPlane.of(workspace.controlPlane());
        ExtensionReads reads = Capability.extensionReads(cp, "list the extensions of cluster " + cluster.clusterName());
        Optional<PagedLists> pages = cp.pagedLists();
        return PagedLists.iterable((token, size) -> {
            PagedResponse<ExtensionResource> page = pages.isPresent()
                    ? pages.get().extensionPage(cluster.toString(), token, size)
                    : PagedLists.page(reads.listExtensions(cluster.toString()), null);
            return PagedLists.withItems(
                    page, page.getValue().stream().map(ExtensionStatus::of).toList());
        });
    }

    /**
     * A handle on an installed extension.
     *
     * @throws ArcmlException when there is none of that name on the cluster
     */
    public static AzureMLExtension get(Workspace workspace, ClusterResourceId cluster, String name) {
        ExtensionStatus status = show(workspace, cluster, name)
                .orElseThrow(() -> new ArcmlException("No extension '" + name + "' on cluster " + cluster.clusterName()
                        + ". Install it with AzureMLExtension.create(..)"));
        return new AzureMLExtension(ControlPlane.of(workspace.controlPlane()), cluster, name, status, null, List.of());
    }

    private static Optional<ExtensionStatus> read(ControlPlane controlPlane, ClusterResourceId cluster, String name) {
        return Capability.extensionReads(
                        controlPlane, "read extension '" + name + "' on cluster " + cluster.clusterName())
                .getExtension(cluster.toString(), name)
                .map(ExtensionStatus::of);
    }

    /** What arcml noticed before installing (an extension already there, one being deleted); empty when nothing. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Waits for the install (or delete) under way; prints progress such as {@code Creating....Succeeded}
     * to {@code out} when one is given.
     *
     * @param out where progress goes, or {@code null} for none
     * @param timeout the longest wait, or {@code null} for none
     * @throws ArcmlException when it ends Failed or Canceled, with the service's error
     */
    @Override
    public AzureMLExtension waitForCompletion(PrintStream out, Duration timeout) {
        OperationWaiter.checkTimeout(timeout);
        if (tracker.pending() == null) {
            if (out != null) {
                out.println("Final state of \"" + (deleted ? "Deleted" : status.provisioningState())
                        + "\" has been reached");
            }
            return this;
        }
        if (out != null) {
            warnings.forEach(w -> out.println("Warning: " + w));
        }
        return tracker.await(timeout, out, (kind, end) -> finish(kind, end, out));
    }

    /** Ends the wait for an install or delete: reads the extension back and throws when the operation failed. */
    private AzureMLExtension finish(Pending kind, OperationStatus end, PrintStream out) {
        if (out != null) {
            out.println((kind == Pending.DELETE ? "Delete" : "Install") + " operation finished, operation \""
                    + end.status() + "\"");
        }
        if (kind == Pending.DELETE && end.state() == OperationStatus.State.SUCCEEDED) {
            deleted = true;
            return this;
        }
        refreshState();
        if (end.state() != OperationStatus.State.SUCCEEDED) {
            ErrorDetail error = end.error() != null ? end.error() : status.errorInfo();
            throw new ArcmlException("The " + tracker.describe(kind) + " ended " + end.status()
                    + (error == null ? "" : ": " + error.code() + ": " + error.message())
                    + (kind == Pending.DELETE
                            ? ""
                            : ". Read the healthcheck report in ConfigMap arcml-healthcheck (namespace azureml), fix the cause, "
                                    + "then delete the extension and install it again"));
        }
        return this;
    }

    /** Reads the extension again. */
    public AzureMLExtension refreshState() {
        Optional<ExtensionStatus> read = read(controlPlane, cluster, name);
        if (read.isPresent()) {
            status = read.get();
        } else if (deleting) {
            deleted = true;
        } else {
            throw new ArcmlException("Extension '" + name + "' is no longer on cluster " + cluster.clusterName());
        }
        return this;
    }

    /** The extension as last read: provisioning state, version, settings, status messages, errors. */
    public ExtensionStatus getStatus() {
        return status;
    }

    /**
     * Reads the extension and the pods in its namespace: the how-to's verification, as an answer.
     * Pods are listed when the control plane can see inside the cluster.
     */
    public ExtensionVerification verify() {
        refreshState();
        return new ExtensionVerification(
                status,
                controlPlane
                        .clusterPods()
                        .map(pods -> pods.extensionPods(cluster.toString(), status.releaseNamespace())));
    }

    /** Uninstalls the extension; returns at once. Follow with {@link #waitForCompletion()}. */
    public AzureMLExtension delete() {
        return delete(false);
    }

    /** Uninstalls; {@code force} removes it from Azure even when the cluster cannot be reached. */
    public AzureMLExtension delete(boolean force) {
        LongRunningOperation op = Capability.extensionInstalls(
                        controlPlane, "delete extension '" + name + "' on cluster " + cluster.clusterName())
                .beginDeleteExtension(cluster.toString(), name, force);
        tracker.start(Pending.DELETE, op);
        deleting = true;
        if (op.initialStatus().state() == OperationStatus.State.SUCCEEDED) {
            tracker.clear();
            deleted = true;
        }
        return this;
    }

    /** True once a delete has finished. */
    public boolean isDeleted() {
        return deleted;
    }

    /** The extension's name. */
    public String name() {
        return name;
    }

    /** The cluster it is on. */
    public ClusterResourceId cluster() {
        return cluster;
    }

    @Override
    public String toString() {
        return "AzureMLExtension{name=" + name + ", cluster=" + cluster.clusterName() + " (" + cluster.kind()
                + "), state="
                + (deleted ? "Deleted" : status.provisioningState())
                + (status.currentVersion() == null ? "" : ", version=" + status.currentVersion())
                + ", settings=" + status.configurationSettings() + "}";
    }
}
