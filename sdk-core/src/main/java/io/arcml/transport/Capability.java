package io.arcml.transport;

import io.arcml.ArcmlException;
import io.arcml.internal.Arguments;
import java.util.Optional;

/**
 * What a control plane may or may not offer, and what to use instead when it does not. The API
 * asks a {@link ControlPlane} for a capability before it sends anything, and refuses with
 * {@link #missingFrom(ControlPlane, String)} when the transport lacks it.
 */
public enum Capability {
    /** {@link ComputeOperations}. */
    COMPUTES(
            "attach, read or detach compute targets",
            "a Workspace on Azure Resource Manager (Workspace.builder()), on the embedded control plane (Workspace.local()) "
                    + "or on a cluster (Workspace.on(KubernetesControlPlane.connect(client)))"),
    /** {@link ExtensionReads}. */
    EXTENSION_READS(
            "read cluster extensions",
            "a Workspace on Azure Resource Manager (Workspace.builder()), or az k8s-extension show"),
    /** {@link ExtensionInstalls}. */
    EXTENSION_INSTALLS(
            "install or remove cluster extensions: Azure manages them, not the cluster",
            "a Workspace on Azure Resource Manager (Workspace.builder()) or az k8s-extension create/delete; "
                    + "the embedded control plane (Workspace.local()) simulates them for tests"),
    /** {@link JobOperations}. */
    JOBS(
            "run jobs",
            "a Workspace on a cluster (Workspace.on(KubernetesControlPlane.connect(client))), "
                    + "on Azure Resource Manager (Workspace.builder()) or on the embedded control plane (Workspace.local())");

    private final String what;
    private final String instead;

    Capability(String what, String instead) {
        this.what = what;
        this.instead = instead;
    }

    /** The plane's {@link ComputeOperations}, or the refusal naming {@code operation} when it has none. */
    public static ComputeOperations computes(ControlPlane plane, String operation) {
        Arguments.nonNull(plane, "plane");
        return COMPUTES.require(plane, plane.computes(), operation);
    }

    /** The plane's {@link ExtensionReads}, or the refusal naming {@code operation} when it has none. */
    public static ExtensionReads extensionReads(ControlPlane plane, String operation) {
        Arguments.nonNull(plane, "plane");
        return EXTENSION_READS.require(plane, plane.extensionReads(), operation);
    }

    /** The plane's {@link ExtensionInstalls}, or the refusal naming {@code operation} when it has none. */
    public static ExtensionInstalls extensionInstalls(ControlPlane plane, String operation) {
        Arguments.nonNull(plane, "plane");
        return EXTENSION_INSTALLS.require(plane, plane.extensionInstalls(), operation);
    }

    /** The plane's {@link JobOperations}, or the refusal naming {@code operation} when it has none. */
    public static JobOperations jobs(ControlPlane plane, String operation) {
        Arguments.nonNull(plane, "plane");
        return JOBS.require(plane, plane.jobs(), operation);
    }

    private <T> T require(ControlPlane plane, Optional<T> offered, String operation) {
        Arguments.nonNull(operation, "operation");
        return offered.orElseThrow(() -> missingFrom(plane, operation));
    }

    /**
     * The refusal when {@code plane} lacks this capability, naming the transport, the operation
     * refused and what to use instead. Nothing has been sent when it is thrown.
     *
     * @param operation what the user asked for, e.g. {@code install extension 'azureml' on cluster c1}
     */
    public ArcmlException missingFrom(ControlPlane plane, String operation) {
        Arguments.nonNull(plane, "plane");
        Arguments.nonNull(operation, "operation");
        return new ArcmlException("The " + plane.kind() + " control plane cannot " + what + ", so it cannot "
                + operation + ". Nothing was sent. Use " + instead + ".");
    }
}
