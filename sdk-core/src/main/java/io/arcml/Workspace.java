package io.arcml;

import io.arcml.compute.ComputeTarget;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.local.LocalControlPlane;
import java.util.Map;
import java.util.Objects;

/**
 * An Azure ML workspace, reached through a {@link ControlPlane}: Azure Resource Manager, the
 * embedded local control plane, or a Kubernetes cluster directly.
 *
 * <pre>{@code
 * Workspace ws = Workspace.local();                 // no Azure, no cluster
 * Map<String, ComputeTarget> targets = ws.computeTargets();
 * }</pre>
 *
 * Closing the workspace closes its control plane.
 */
public final class Workspace implements AutoCloseable {
    private final ControlPlane controlPlane;

    private Workspace(ControlPlane controlPlane) {
        this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
    }

    /** A workspace on any control plane. */
    public static Workspace on(ControlPlane controlPlane) {
        return new Workspace(controlPlane);
    }

    /**
     * A workspace on a new embedded local control plane with ARM's semantics: attaches go through
     * {@code Creating} to {@code Succeeded} in about a second. For tests, build one with
     * {@link LocalControlPlane#builder()} and pass it to {@link #on(ControlPlane)}.
     */
    public static Workspace local() {
        return new Workspace(LocalControlPlane.builder().build());
    }

    /** The control plane behind this workspace. */
    public ControlPlane controlPlane() {
        return controlPlane;
    }

    /** Subscription, resource group and workspace name. */
    public WorkspaceId id() {
        return controlPlane.workspace();
    }

    /** The workspace name. */
    public String name() {
        return controlPlane.workspace().workspaceName();
    }

    /** The subscription ID. */
    public String subscriptionId() {
        return controlPlane.workspace().subscriptionId();
    }

    /** The resource group. */
    public String resourceGroup() {
        return controlPlane.workspace().resourceGroup();
    }

    /** The workspace's Azure region. */
    public String location() {
        return controlPlane.workspaceLocation();
    }

    /**
     * The attached Kubernetes compute targets by name (a fresh read each call), like the Python
     * SDK's {@code ws.compute_targets}.
     */
    public Map<String, ComputeTarget> computeTargets() {
        return ComputeTarget.list(this);
    }

    /** Closes the control plane. */
    @Override
    public void close() {
        controlPlane.close();
    }

    @Override
    public String toString() {
        return "Workspace{" + controlPlane.workspace() + ", controlPlane=" + controlPlane.kind() + "}";
    }
}
