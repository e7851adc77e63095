package io.arcml.transport.embedded;

import com.azure.core.http.rest.PagedResponse;
import io.arcml.WorkspaceId;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.internal.Arguments;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.ComputeSpec;
import io.arcml.resource.ExtensionPod;
import io.arcml.resource.ExtensionResource;
import io.arcml.resource.ExtensionSpec;
import io.arcml.transport.Accepted;
import io.arcml.transport.ClusterPods;
import io.arcml.transport.ComputeOperations;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.ExtensionInstalls;
import io.arcml.transport.ExtensionReads;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.PagedLists;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An embedded, in-memory control plane with Azure Resource Manager's semantics, for samples,
 * notebooks and test harnesses with no Azure subscription and no cluster.
 *
 * <ul>
 *   <li>An attach starts {@code Creating} and becomes {@code Succeeded} after the provisioning
 *       delay, or {@code Failed} with ARM-shaped {@code provisioningErrors} when a {@link Fault} says so.</li>
 *   <li>A write while another operation on the same resource is running is refused with 409 Conflict;
 *       an attach over a finished compute overwrites it, as ARM's PUT does.</li>
 *   <li>A detach goes through {@code Deleting}; the compute is then gone.</li>
 *   <li>The Azure ML extension installs through {@code Creating} to {@code Succeeded}, and its
 *       pods in {@code azureml} follow from its settings.</li>
 *   <li>Jobs go {@code Queued}, {@code Running}, then {@code Completed} or {@code Failed} as a
 *       {@link JobSimulator} says; no container runs.</li>
 * </ul>
 *
 * <pre>{@code
 * EmbeddedControlPlane local = EmbeddedControlPlane.builder().provisioningDelay(Duration.ZERO).build();
 * local.inject(Fault.failAttach("gpu", "InternalServerError", "An internal server error occurred."));
 * Workspace ws = Workspace.on(local);
 * }</pre>
 *
 * <p>Each capability lives in its own class behind this one ({@code EmbeddedComputes},
 * {@code EmbeddedExtensions}, {@code EmbeddedJobs}, sharing {@code EmbeddedState}); this class
 * holds them under one lock, as one service would, and adds the harness's controls (faults,
 * seeding, the request count).
 */
public final class EmbeddedControlPlane
        implements ControlPlane,
                ComputeOperations,
                ExtensionReads,
                ExtensionInstalls,
                ClusterPods,
                JobOperations,
                PagedLists {
    /** The page size of lists unless the builder or the caller says otherwise. */
    public static final int DEFAULT_LIST_PAGE_SIZE = 100;

    private final EmbeddedState state;
    private final EmbeddedComputes computes;
    private final EmbeddedExtensions extensions;
    private final EmbeddedJobs jobs;

    private EmbeddedControlPlane(Builder b) {
        this.state = new EmbeddedState(this, b);
        this.computes = new EmbeddedComputes(state);
        this.extensions = new EmbeddedExtensions(state);
        this.jobs = new EmbeddedJobs(state, computes);
    }

    /** A builder with the defaults of {@link io.arcml.Workspace#local()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Adds a fault; it applies to the next matching requests or operations. */
    public synchronized EmbeddedControlPlane inject(Fault fault) {
        state.faults.add(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Removes every fault not yet used up. */
    public synchronized void clearFaults() {
        state.faults.clear();
    }

    /**
     * Adds a compute as if someone else had created it (any type), for harnesses that start from
     * an existing workspace. It is {@code Succeeded} at once.
     *
     * @param spec its Kubernetes settings, or {@code null} for a compute of another type
     */
    public synchronized void seed(
            String name, String computeType, KubernetesComputeSpec spec, boolean attachedCompute) {
        Arguments.nonNull(name, "name");
        Arguments.nonNull(computeType, "computeType");
        computes.seed(name, computeType, spec == null ? null : spec.toSpi(), attachedCompute);
    }

    /** Refuses every later request, so that a harness notices a workspace used after it was closed. */
    @Override
    public void close() {
        state.close();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return state.isClosed();
    }

    /** How many requests this control plane has answered (reads, writes and status reads). */
    public long requestCount() {
        return state.requestCount();
    }

    @Override
    public String kind() {
        return EmbeddedControlPlaneFactory.KIND;
    }

    @Override
    public WorkspaceId workspace() {
        return state.workspace;
    }

    @Override
    public String workspaceLocation() {
        return state.location;
    }

    @Override
    public synchronized Optional<ComputeResource> getCompute(String name) {
        return computes.getCompute(name);
    }

    @Override
    public synchronized List<ComputeResource> listComputes() {
        return computes.listComputes();
    }

    /** A page of at most the list page size ({@link Builder#listPageSize(int)}) unless a size is given; one request. */
    @Override
    public synchronized PagedResponse<ComputeResource> computePage(String continuationToken, Integer pageSize) {
        return computes.computePage(continuationToken, pageSize);
    }

    @Override
    public synchronized Accepted<ComputeResource> beginAttach(String name, ComputeSpec spec) {
        return computes.beginAttach(name, spec);
    }

    @Override
    public synchronized LongRunningOperation beginDetach(String name) {
        return computes.beginDetach(name);
    }

    @Override
    public synchronized Optional<ExtensionResource> getExtension(String cluster, String name) {
        return extensions.getExtension(cluster, name);
    }

    @Override
    public synchronized List<ExtensionResource> listExtensions(String cluster) {
        return extensions.listExtensions(cluster);
    }

    /** A page of at most the list page size ({@link Builder#listPageSize(int)}) unless a size is given; one request. */
    @Override
    public synchronized PagedResponse<ExtensionResource> extensionPage(
            String clusterId, String continuationToken, Integer pageSize) {
        Arguments.nonNull(clusterId, "clusterId");
        return extensions.extensionPage(clusterId, continuationToken, pageSize);
    }

    @Override
    public synchronized Accepted<ExtensionResource> beginCreateExtension(
            String cluster, String name, ExtensionSpec spec) {
        return extensions.beginCreateExtension(cluster, name, spec);
    }

    @Override
    public synchronized LongRunningOperation beginDeleteExtension(String cluster, String name, boolean force) {
        return extensions.beginDeleteExtension(cluster, name, force);
    }

    @Override
    public synchronized List<ExtensionPod> extensionPods(String cluster, String releaseNamespace) {
        return extensions.extensionPods(cluster, releaseNamespace);
    }

    @Override
    public synchronized JobResource submitJob(String computeName, CommandSpec job) {
        return jobs.submitJob(computeName, job);
    }

    @Override
    public synchronized Optional<JobResource> getJob(String computeName, String runId) {
        return jobs.getJob(computeName, runId);
    }

    @Override
    public synchronized List<JobResource> findJobs(String computeName, String jobName) {
        return jobs.findJobs(computeName, jobName);
    }

    @Override
    public synchronized String jobLogs(String computeName, String runId) {
        return jobs.jobLogs(computeName, runId);
    }

    @Override
    public synchronized LongRunningOperation beginCancelJob(String computeName, String runId) {
        return jobs.beginCancelJob(computeName, runId);
    }

    @Override
    public Duration jobStatusInterval() {
        return jobs.jobStatusInterval();
    }

    @Override
    public String toString() {
        return "EmbeddedControlPlane{workspace=" + state.workspace.workspaceName() + ", computes=" + computes.size()
                + ", extensions=" + extensions.size() + ", provisioningDelay=" + state.provisioningDelay + "}";
    }

    /** Configures a {@link EmbeddedControlPlane}. */
    public static final class Builder {
        WorkspaceId workspace =
                new WorkspaceId("00000000-0000-0000-0000-000000000000", "arcml-local", "local-workspace");
        String location = "eastus";
        Duration provisioningDelay = Duration.ofMillis(1200);
        Duration extensionInstallDelay = Duration.ofMillis(1500);
        Duration pollInterval = Duration.ofMillis(200);
        String extensionVersion = "0.0.0-local";
        Clock clock = Clock.systemUTC();
        Duration jobQueueTime = Duration.ofMillis(300);
        Duration jobRunTime = Duration.ofMillis(1500);
        JobSimulator jobSimulator;
        int listPageSize = DEFAULT_LIST_PAGE_SIZE;

        private Builder() {}

        /**
         * How many computes or extensions a page of a list holds when the caller asks for no size
         * ({@code iterableByPage(size)} asks). Default {@value EmbeddedControlPlane#DEFAULT_LIST_PAGE_SIZE}.
         */
        public Builder listPageSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("listPageSize: " + size + " must be 1 or more");
            }
            this.listPageSize = size;
            return this;
        }

        /** How long a job waits in the queue before it runs. Default 300 ms. */
        public Builder jobQueueTime(Duration time) {
            this.jobQueueTime = requireNonNegative(time, "jobQueueTime");
            return this;
        }

        /** How long a job runs under the default simulation. Default 1.5 s. */
        public Builder jobRunTime(Duration time) {
            this.jobRunTime = requireNonNegative(time, "jobRunTime");
            return this;
        }

        /** How jobs play out: their run time, exit code and log lines. Default: succeed after the run time. */
        public Builder jobSimulator(JobSimulator simulator) {
            this.jobSimulator = Objects.requireNonNull(simulator, "simulator");
            return this;
        }

        /** The workspace it pretends to be. Default {@code local-workspace} in resource group {@code arcml-local}. */
        public Builder workspace(WorkspaceId workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
            return this;
        }

        /** The workspace's region. Default {@code eastus}. */
        public Builder location(String location) {
            this.location = Objects.requireNonNull(location, "location");
            return this;
        }

        /** How long an attach or detach takes. Default 1.2 s; {@link Duration#ZERO} for tests. */
        public Builder provisioningDelay(Duration delay) {
            this.provisioningDelay = requireNonNegative(delay, "provisioningDelay");
            return this;
        }

        /** How long an extension install or uninstall takes. Default 1.5 s. */
        public Builder extensionInstallDelay(Duration delay) {
            this.extensionInstallDelay = requireNonNegative(delay, "extensionInstallDelay");
            return this;
        }

        /** The Retry-After the operations answer with. Default 200 ms. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = requireNonNegative(interval, "pollInterval");
            return this;
        }

        /** The version an installed extension reports when none was pinned. Default {@code 0.0.0-local}. */
        public Builder extensionVersion(String version) {
            this.extensionVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The clock operations are timed by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Delays of zero: every operation has ended by its first status read. */
        public Builder instant() {
            return provisioningDelay(Duration.ZERO)
                    .extensionInstallDelay(Duration.ZERO)
                    .pollInterval(Duration.ZERO)
                    .jobQueueTime(Duration.ZERO)
                    .jobRunTime(Duration.ZERO);
        }

        /** Builds the control plane. */
        public EmbeddedControlPlane build() {
            return new EmbeddedControlPlane(this);
        }

        private static Duration requireNonNegative(Duration d, String field) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(field + ": " + d + " must be zero or more");
            }
            return d;
        }
    }
}
