package io.arcml.transport;

import io.arcml.ArcmlException;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.extension.ExtensionPod;
import io.arcml.extension.ExtensionSpec;
import io.arcml.extension.ExtensionStatus;
import io.arcml.job.CommandJob;
import io.arcml.pipeline.PipelineJob;
import io.arcml.sweep.SweepJob;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The transport SPI: what arcml's API needs from a control plane. Three implementations ship:
 * Azure Resource Manager ({@code io.arcml.transport.arm}), the embedded local control plane
 * ({@link io.arcml.transport.local.LocalControlPlane}) and the direct cluster transport
 * ({@code io.arcml.k8s.KubernetesControlPlane}).
 *
 * <p>Methods map one-to-one onto requests: a {@code get} is one read, a {@code begin} one write
 * that starts a {@link LongRunningOperation}. Validation happens before a transport is called;
 * a transport reports the service's refusals as {@link ControlPlaneException}.
 */
public interface ControlPlane extends AutoCloseable {

    /** A short name for messages and {@code toString()}: {@code local}, {@code arm}, {@code kubernetes}. */
    String kind();

    /** The workspace this control plane serves. */
    WorkspaceId workspace();

    /** The workspace's Azure region; attached computes take it as their location. */
    String workspaceLocation();

    /** Reads one compute; empty when there is none of that name. */
    Optional<ComputeResource> getCompute(String name);

    /** Lists every compute of the workspace, of every type. */
    List<ComputeResource> listComputes();

    /** Attaches (or, ARM's PUT semantics, overwrites) a Kubernetes compute. */
    Accepted<ComputeResource> beginAttach(String name, KubernetesComputeSpec spec);

    /** Detaches a compute, leaving the cluster and its extension untouched. */
    LongRunningOperation beginDetach(String name);

    /** Reads one extension of a cluster; empty when there is none of that name. */
    Optional<ExtensionStatus> getExtension(ClusterResourceId cluster, String name);

    /** Lists the extensions installed on a cluster. */
    List<ExtensionStatus> listExtensions(ClusterResourceId cluster);

    /** Installs (or updates) an extension on a cluster. */
    Accepted<ExtensionStatus> beginCreateExtension(ClusterResourceId cluster, String name, ExtensionSpec spec);

    /** Uninstalls an extension; {@code force} removes it from Azure even when the cluster cannot be reached. */
    LongRunningOperation beginDeleteExtension(ClusterResourceId cluster, String name, boolean force);

    /**
     * The pods in the extension's release namespace, for the how-to's {@code kubectl get pods -n azureml}
     * check; empty when this transport cannot see inside the cluster (ARM cannot).
     */
    default Optional<List<ExtensionPod>> extensionPods(ClusterResourceId cluster, String releaseNamespace) {
        return Optional.empty();
    }

    /**
     * Submits a command job to a compute. The caller has validated the job and resolved its
     * instance type (never {@code null}) against the compute's instance types.
     *
     * @return the run as first reported
     * @throws ArcmlException from this default: the transport cannot run jobs yet
     */
    default JobResource submitJob(String computeName, CommandJob job) {
        throw jobsUnsupported();
    }

    /** Reads a job run; empty when there is no such run. */
    default Optional<JobResource> getJob(String computeName, String runId) {
        throw jobsUnsupported();
    }

    /**
     * The runs of the job named {@code jobName} on a compute, oldest first; empty when there are
     * none. How a process finds runs another process submitted (a sweep's trials on resume).
     */
    default List<JobResource> findJobs(String computeName, String jobName) {
        throw jobsUnsupported();
    }

    /** The run's output so far (all its instances, each headed by the instance's name). */
    default String jobLogs(String computeName, String runId) {
        throw jobsUnsupported();
    }

    /** Cancels a run and removes what it created; the operation ends when it is gone. */
    default LongRunningOperation beginCancelJob(String computeName, String runId) {
        throw jobsUnsupported();
    }

    /**
     * Hands a sweep to a service that runs sweeps itself (Azure ML), returning its parent run; empty
     * when this transport has no such service, and arcml's own trial launcher runs the sweep.
     */
    default Optional<JobResource> submitHostedSweep(String computeName, SweepJob sweep) {
        return Optional.empty();
    }

    /**
     * Hands a pipeline to a service that runs pipelines itself (Azure ML), returning its parent
     * run; empty when this transport has no such service, and arcml's own runner runs it.
     */
    default Optional<JobResource> submitHostedPipeline(String computeName, PipelineJob pipeline) {
        return Optional.empty();
    }

    /** How long to wait between two status readings of a run. */
    default Duration jobStatusInterval() {
        return Duration.ofSeconds(5);
    }

    private ArcmlException jobsUnsupported() {
        return new ArcmlException("The " + kind() + " control plane cannot run jobs yet. "
                + "Run jobs through the direct cluster transport: Workspace.on(KubernetesControlPlane.connect(client))");
    }

    /** Releases connections and threads; the default has none. */
    @Override
    default void close() {
    }
}
