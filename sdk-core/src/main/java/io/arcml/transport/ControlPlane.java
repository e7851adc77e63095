package io.arcml.transport;

import io.arcml.ArcmlException;
import io.arcml.Transport;
import io.arcml.internal.Arguments;
import java.util.Optional;

/**
 * The transport SPI's root: a control plane serving one workspace, and the capabilities it
 * offers. Three implementations ship: Azure Resource Manager ({@code io.arcml.transport.arm}),
 * the embedded control plane ({@code io.arcml.transport.embedded}) and the direct cluster
 * transport ({@code io.arcml.k8s.KubernetesControlPlane}).
 *
 * <p>A transport offers only what it can do: it implements the capability interfaces it has,
 * and each accessor answers the transport itself when it implements that interface, empty
 * otherwise (a transport that has a capability only in some configurations overrides the
 * accessor). The API refuses a missing capability before sending anything
 * ({@link Capability#missingFrom}).
 * Inside a capability, methods map one-to-one onto requests: a {@code get} is one read, a
 * {@code begin} one write that starts a {@link LongRunningOperation}. Validation happens before a
 * transport is called; a transport reports the service's refusals as {@link ControlPlaneException}.
 *
 * <table>
 *   <caption>What ships</caption>
 *   <tr><th>capability</th><th>arm</th><th>embedded</th><th>kubernetes</th></tr>
 *   <tr><td>{@link #computes()}</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link #extensionReads()}</td><td>yes</td><td>yes</td><td>yes (from the pods)</td></tr>
 *   <tr><td>{@link #extensionInstalls()}</td><td>yes</td><td>yes</td><td>no</td></tr>
 *   <tr><td>{@link #clusterPods()}</td><td>no</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link #jobs()}</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>{@link #hostedSweeps()}</td><td>yes</td><td>no</td><td>with Katib</td></tr>
 *   <tr><td>{@link #hostedPipelines()}</td><td>yes</td><td>no</td><td>no</td></tr>
 *   <tr><td>{@link #pagedLists()}</td><td>yes ({@code nextLink})</td><td>yes</td><td>yes ({@code limit}/{@code continue})</td></tr>
 * </table>
 */
public interface ControlPlane extends Transport {

    /**
     * The control plane behind a workspace, {@code ControlPlane.of(ws.controlPlane())}: how the API
     * reaches a transport's capabilities.
     *
     * @throws ArcmlException when the transport is not a control plane of this SPI
     */
    static ControlPlane of(Transport transport) {
        Arguments.nonNull(transport, "transport");
        if (transport instanceof ControlPlane plane) {
            return plane;
        }
        throw new ArcmlException("The workspace " + transport.workspace() + " is reached through a "
                + transport.kind() + " transport that is not an " + ControlPlane.class.getName()
                + ". Implement that interface in the transport, or use one that ships (Workspace.builder(), "
                + "Workspace.local(), KubernetesControlPlane)");
    }

    /** Attaching, reading and detaching computes; empty when this transport cannot. */
    default Optional<ComputeOperations> computes() {
        return this instanceof ComputeOperations c ? Optional.of(c) : Optional.empty();
    }

    /** Reading cluster extensions; empty when this transport cannot. */
    default Optional<ExtensionReads> extensionReads() {
        return this instanceof ExtensionReads c ? Optional.of(c) : Optional.empty();
    }

    /** Installing and removing cluster extensions; empty when this transport cannot. */
    default Optional<ExtensionInstalls> extensionInstalls() {
        return this instanceof ExtensionInstalls c ? Optional.of(c) : Optional.empty();
    }

    /** Listing pods inside the cluster; empty when this transport cannot see inside it. */
    default Optional<ClusterPods> clusterPods() {
        return this instanceof ClusterPods c ? Optional.of(c) : Optional.empty();
    }

    /** Running command jobs; empty when this transport cannot. */
    default Optional<JobOperations> jobs() {
        return this instanceof JobOperations c ? Optional.of(c) : Optional.empty();
    }

    /** A service that runs sweeps itself; empty when arcml's own trial launcher runs them. */
    default Optional<HostedSweeps> hostedSweeps() {
        return this instanceof HostedSweeps c ? Optional.of(c) : Optional.empty();
    }

    /** A service that runs pipelines itself; empty when arcml's own runner runs them. */
    default Optional<HostedPipelines> hostedPipelines() {
        return this instanceof HostedPipelines c ? Optional.of(c) : Optional.empty();
    }

    /** Lists read one page per request; empty when this transport lists in one request. */
    default Optional<PagedLists> pagedLists() {
        return this instanceof PagedLists c ? Optional.of(c) : Optional.empty();
    }
}
