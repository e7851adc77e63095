package io.arcml.transport.local;

import io.arcml.ErrorDetail;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.compute.ProvisioningState;
import io.arcml.extension.ExtensionPod;
import io.arcml.extension.ExtensionSpec;
import io.arcml.extension.ExtensionStatus;
import io.arcml.internal.Arguments;
import io.arcml.job.CommandJob;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.arcml.transport.Accepted;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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
 * LocalControlPlane local = LocalControlPlane.builder().provisioningDelay(Duration.ZERO).build();
 * local.inject(Fault.failAttach("gpu", "InternalServerError", "An internal server error occurred."));
 * Workspace ws = Workspace.on(local);
 * }</pre>
 */
public final class LocalControlPlane implements ControlPlane {
    private final WorkspaceId workspace;
    private final String location;
    private final Duration provisioningDelay;
    private final Duration extensionInstallDelay;
    private final Duration pollInterval;
    private final String extensionVersion;
    private final Clock clock;
    private final Duration jobQueueTime;
    private final JobSimulator jobSimulator;

    private final Map<String, LocalCompute> computes = new LinkedHashMap<>();
    private final Map<String, LocalExtension> extensions = new LinkedHashMap<>();
    private final Map<String, LocalJob> jobs = new LinkedHashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong operationIds = new AtomicLong();

    private LocalControlPlane(Builder b) {
        this.workspace = b.workspace;
        this.location = b.location;
        this.provisioningDelay = b.provisioningDelay;
        this.extensionInstallDelay = b.extensionInstallDelay;
        this.pollInterval = b.pollInterval;
        this.extensionVersion = b.extensionVersion;
        this.clock = b.clock;
        this.jobQueueTime = b.jobQueueTime;
        this.jobSimulator = b.jobSimulator != null ? b.jobSimulator : job -> defaultSimulation(job, b.jobRunTime);
    }

    /** The default play of a job: it succeeds after the run time, and its log says what would have run. */
    private static JobSimulation defaultSimulation(CommandJob job, Duration runTime) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < job.instanceCount(); i++) {
            lines.add("[" + job.name() + "-" + i + "] simulated by the embedded control plane: no container runs");
            lines.add("[" + job.name() + "-" + i + "] image " + job.image() + ", instance type " + job.instanceType()
                    + ", command: " + job.commandWithInputs());
        }
        return JobSimulation.succeeds(runTime, lines);
    }

    /** A builder with the defaults of {@link io.arcml.Workspace#local()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Adds a fault; it applies to the next matching requests or operations. */
    public synchronized LocalControlPlane inject(Fault fault) {
        faults.add(Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Removes every fault not yet used up. */
    public synchronized void clearFaults() {
        faults.clear();
    }

    /**
     * Adds a compute as if someone else had created it (any type), for harnesses that start from
     * an existing workspace. It is {@code Succeeded} at once.
     *
     * @param spec its Kubernetes settings, or {@code null} for a compute of another type
     */
    public synchronized void seed(String name, String computeType, KubernetesComputeSpec spec, boolean attachedCompute) {
        Arguments.nonNull(name, "name");
        Arguments.nonNull(computeType, "computeType");
        Instant now = clock.instant();
        computes.put(key(name), new LocalCompute(name, computeType, spec, attachedCompute, now, now, null));
    }

    private volatile boolean closed;

    private void countRequest() {
        if (closed) {
            throw new IllegalStateException("This LocalControlPlane was closed (its workspace was closed). Create a new one, "
                    + "e.g. Workspace.local(), instead of reusing a closed workspace");
        }
        requests.incrementAndGet();
    }

    /** Refuses every later request, so that a harness notices a workspace used after it was closed. */
    @Override
    public void close() {
        closed = true;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** How many requests this control plane has answered (reads, writes and status reads). */
    public long requestCount() {
        return requests.get();
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public WorkspaceId workspace() {
        return workspace;
    }

    @Override
    public String workspaceLocation() {
        return location;
    }

    @Override
    public synchronized Optional<ComputeResource> getCompute(String name) {
        countRequest();
        LocalCompute c = computes.get(key(name));
        if (c == null || c.isGone(clock.instant())) {
            computes.remove(key(name));
            return Optional.empty();
        }
        return Optional.of(c.toResource());
    }

    @Override
    public synchronized List<ComputeResource> listComputes() {
        countRequest();
        Instant now = clock.instant();
        computes.values().removeIf(c -> c.isGone(now));
        return computes.values().stream().map(LocalCompute::toResource).toList();
    }

    @Override
    public synchronized Accepted<ComputeResource> beginAttach(String name, KubernetesComputeSpec spec) {
        countRequest();
        Instant now = clock.instant();
        LocalCompute existing = computes.get(key(name));
        if (existing != null && !existing.isGone(now) && !existing.state(now).isTerminal()) {
            throw conflict("compute '" + name + "'", existing.state(now));
        }
        Fault failure = take(Fault.Kind.FAIL_ATTACH, name);
        Instant readyAt = now.plus(provisioningDelay).plus(slowdown());
        LocalCompute c = new LocalCompute(name, ComputeResource.KUBERNETES, spec, true,
                existing == null || existing.isGone(now) ? now : existing.createdOn, readyAt, failure == null ? null : failure.error);
        computes.put(key(name), c);
        LocalOperation op = new LocalOperation("Creating", readyAt, c.failure);
        // ARM's PUT echoes the resource as Creating, however fast the operation then ends.
        return new Accepted<>(c.toResource(ProvisioningState.CREATING), op);
    }

    @Override
    public synchronized LongRunningOperation beginDetach(String name) {
        countRequest();
        Instant now = clock.instant();
        LocalCompute c = computes.get(key(name));
        if (c == null || c.isGone(now)) {
            // ARM answers 204 No Content: nothing to detach.
            return LongRunningOperation.completed(new OperationStatus(OperationStatus.State.SUCCEEDED, "Succeeded", null, pollInterval));
        }
        if (!c.state(now).isTerminal()) {
            throw conflict("compute '" + name + "'", c.state(now));
        }
        c.goneAt = now.plus(provisioningDelay).plus(slowdown());
        return new LocalOperation("Deleting", c.goneAt, null);
    }

    @Override
    public synchronized Optional<ExtensionStatus> getExtension(ClusterResourceId cluster, String name) {
        countRequest();
        LocalExtension e = extensions.get(key(cluster, name));
        if (e == null || e.isGone(clock.instant())) {
            extensions.remove(key(cluster, name));
            return Optional.empty();
        }
        return Optional.of(e.toStatus());
    }

    @Override
    public synchronized List<ExtensionStatus> listExtensions(ClusterResourceId cluster) {
        countRequest();
        Instant now = clock.instant();
        extensions.values().removeIf(e -> e.isGone(now));
        return extensions.values().stream().filter(e -> e.cluster.equals(cluster)).map(LocalExtension::toStatus).toList();
    }

    @Override
    public synchronized Accepted<ExtensionStatus> beginCreateExtension(ClusterResourceId cluster, String name, ExtensionSpec spec) {
        countRequest();
        Instant now = clock.instant();
        LocalExtension existing = extensions.get(key(cluster, name));
        if (existing != null && !existing.isGone(now) && existing.goneAt != null) {
            throw new ControlPlaneException(409, ErrorDetail.of("Conflict", "cannot re-use a name that is still in use: extension '"
                    + name + "' is being deleted. Wait for the delete to finish (about 10 minutes), then install again"), null);
        }
        if (existing != null && !existing.isGone(now) && !existing.state(now).isTerminal()) {
            throw conflict("extension '" + name + "'", existing.state(now));
        }
        Fault failure = take(Fault.Kind.FAIL_EXTENSION_INSTALL, name);
        Instant readyAt = now.plus(extensionInstallDelay).plus(slowdown());
        LocalExtension e = new LocalExtension(cluster, name, spec, readyAt, failure == null ? null : failure.error);
        extensions.put(key(cluster, name), e);
        return new Accepted<>(e.toStatus(ProvisioningState.CREATING), new LocalOperation("Creating", readyAt, e.failure));
    }

    @Override
    public synchronized LongRunningOperation beginDeleteExtension(ClusterResourceId cluster, String name, boolean force) {
        countRequest();
        Instant now = clock.instant();
        LocalExtension e = extensions.get(key(cluster, name));
        if (e == null || e.isGone(now)) {
            return LongRunningOperation.completed(new OperationStatus(OperationStatus.State.SUCCEEDED, "Succeeded", null, pollInterval));
        }
        if (!force && !e.state(now).isTerminal()) {
            throw conflict("extension '" + name + "'", e.state(now));
        }
        e.goneAt = now.plus(force ? Duration.ZERO : extensionInstallDelay);
        return new LocalOperation("Deleting", e.goneAt, null);
    }

    @Override
    public synchronized Optional<List<ExtensionPod>> extensionPods(ClusterResourceId cluster, String releaseNamespace) {
        countRequest();
        Instant now = clock.instant();
        List<ExtensionPod> pods = new ArrayList<>();
        for (LocalExtension e : extensions.values()) {
            if (!e.cluster.equals(cluster) || e.isGone(now) || !e.spec.releaseNamespace().equals(releaseNamespace)) {
                continue;
            }
            ProvisioningState state = e.state(now);
            for (String pod : ExtensionComponents.podNames(e.name, cluster, e.spec.configurationSettings())) {
                Fault unhealthy = faults.stream().filter(f -> f.kind == Fault.Kind.UNHEALTHY_EXTENSION_POD && pod.startsWith(f.target))
                        .findFirst().orElse(null);
                if (unhealthy != null) {
                    pods.add(new ExtensionPod(pod, "Running", false, 5, unhealthy.reason));
                } else if (state == ProvisioningState.SUCCEEDED) {
                    pods.add(new ExtensionPod(pod, "Running", true, 0, null));
                } else {
                    pods.add(new ExtensionPod(pod, "Pending", false, 0, state == ProvisioningState.FAILED ? "Unschedulable" : "ContainerCreating"));
                }
            }
        }
        return Optional.of(pods);
    }

    @Override
    public synchronized JobResource submitJob(String computeName, CommandJob job) {
        job.requireNoDataInputs("inputs", "the embedded control plane");
        countRequest();
        Instant now = clock.instant();
        LocalCompute c = computes.get(key(computeName));
        if (c == null || c.isGone(now)) {
            throw new ControlPlaneException(404, ErrorDetail.of("ComputeNotFound", "Compute '" + computeName
                    + "' was not found in workspace " + workspace.workspaceName()), null);
        }
        if (c.state(now) != ProvisioningState.SUCCEEDED) {
            throw new ControlPlaneException(400, ErrorDetail.of("ComputeNotReady", "Compute '" + computeName + "' is "
                    + c.state(now) + "; jobs run on Succeeded computes only"), null);
        }
        if (jobs.containsKey(key(job.name()))) {
            throw new ControlPlaneException(409, ErrorDetail.of("Conflict", "A job named '" + job.name()
                    + "' already exists in workspace " + workspace.workspaceName() + "; job names are unique: choose another"), null);
        }
        Fault pending = take(Fault.Kind.PENDING_JOB, job.name());
        Fault failure = take(Fault.Kind.FAIL_JOB, job.name());
        JobSimulation play = failure != null
                ? JobSimulation.fails(Duration.ZERO, failure.statusCode, List.of(failure.reason))
                : jobSimulator.simulate(job);
        Instant startAt = pending != null ? Instant.MAX : now.plus(jobQueueTime);
        LocalJob j = new LocalJob(computeName, job, now, startAt, play, pending == null ? null : pending.reason);
        jobs.put(key(job.name()), j);
        return j.toResource(now);
    }

    @Override
    public synchronized Optional<JobResource> getJob(String computeName, String runId) {
        countRequest();
        LocalJob j = jobs.get(key(runId));
        return j == null || !j.computeName.equalsIgnoreCase(computeName) ? Optional.empty() : Optional.of(j.toResource(clock.instant()));
    }

    @Override
    public synchronized List<JobResource> findJobs(String computeName, String jobName) {
        countRequest();
        LocalJob j = jobs.get(key(jobName));
        return j == null || !j.computeName.equalsIgnoreCase(computeName) ? List.of() : List.of(j.toResource(clock.instant()));
    }

    @Override
    public synchronized String jobLogs(String computeName, String runId) {
        countRequest();
        LocalJob j = jobs.get(key(runId));
        if (j == null || !j.computeName.equalsIgnoreCase(computeName)) {
            throw new ControlPlaneException(404, ErrorDetail.of("JobNotFound", "No run '" + runId + "' on compute '" + computeName + "'"), null);
        }
        return String.join("\n", j.visibleLines(clock.instant()));
    }

    @Override
    public synchronized LongRunningOperation beginCancelJob(String computeName, String runId) {
        countRequest();
        LocalJob j = jobs.get(key(runId));
        if (j == null || !j.computeName.equalsIgnoreCase(computeName)) {
            throw new ControlPlaneException(404, ErrorDetail.of("JobNotFound", "No run '" + runId + "' on compute '" + computeName + "'"), null);
        }
        Instant now = clock.instant();
        if (!j.state(now).isTerminal()) {
            j.canceledAt = now;
        }
        return LongRunningOperation.completed(new OperationStatus(OperationStatus.State.SUCCEEDED, "Canceled", null, pollInterval));
    }

    @Override
    public Duration jobStatusInterval() {
        return pollInterval;
    }

    private ControlPlaneException conflict(String what, ProvisioningState state) {
        return new ControlPlaneException(409, ErrorDetail.of("Conflict", "The " + what + " has an operation in progress (state "
                + state + "). Wait for it to finish, then try again"), null);
    }

    private Fault take(Fault.Kind kind, String name) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.kind == kind && f.appliesTo(name)) {
                if (--f.remaining <= 0) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }

    private Duration slowdown() {
        Fault slow = take(Fault.Kind.SLOW_OPERATION, null);
        return slow == null ? Duration.ZERO : slow.duration;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String key(ClusterResourceId cluster, String name) {
        return cluster.toString().toLowerCase(Locale.ROOT) + "|" + name.toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return "LocalControlPlane{workspace=" + workspace.workspaceName() + ", computes=" + computes.size()
                + ", extensions=" + extensions.size() + ", provisioningDelay=" + provisioningDelay + "}";
    }

    /** An operation whose outcome is fixed when it starts and which ends at a set time. */
    private final class LocalOperation implements LongRunningOperation {
        private final String runningStatus;
        private final Instant endsAt;
        private final ErrorDetail failure;

        LocalOperation(String runningStatus, Instant endsAt, ErrorDetail failure) {
            this.runningStatus = runningStatus;
            this.endsAt = endsAt;
            this.failure = failure;
            operationIds.incrementAndGet();
        }

        @Override
        public OperationStatus initialStatus() {
            return new OperationStatus(OperationStatus.State.IN_PROGRESS, runningStatus, null, pollInterval);
        }

        @Override
        public OperationStatus poll() {
            synchronized (LocalControlPlane.this) {
                countRequest();
                Fault error = take(Fault.Kind.POLL_ERROR, null);
                if (error != null) {
                    throw new ControlPlaneException(error.statusCode, error.error, error.duration);
                }
            }
            if (clock.instant().isBefore(endsAt)) {
                return initialStatus();
            }
            return failure == null ? new OperationStatus(OperationStatus.State.SUCCEEDED, "Succeeded", null, pollInterval)
                    : new OperationStatus(OperationStatus.State.FAILED, "Failed", failure, pollInterval);
        }
    }

    /**
     * A resource whose provisioning ends at a set time, well or not, and which is gone once its
     * deletion time has passed.
     */
    private abstract static class TimedResource {
        final Instant readyAt;
        final ErrorDetail failure;
        Instant goneAt;

        TimedResource(Instant readyAt, ErrorDetail failure) {
            this.readyAt = readyAt;
            this.failure = failure;
        }

        boolean isGone(Instant now) {
            return goneAt != null && !now.isBefore(goneAt);
        }

        ProvisioningState state(Instant now) {
            if (goneAt != null) {
                return ProvisioningState.DELETING;
            }
            if (now.isBefore(readyAt)) {
                return ProvisioningState.CREATING;
            }
            return failure == null ? ProvisioningState.SUCCEEDED : ProvisioningState.FAILED;
        }
    }

    private final class LocalCompute extends TimedResource {
        final String name;
        final String computeType;
        final KubernetesComputeSpec spec;
        final boolean attached;
        final Instant createdOn;

        LocalCompute(String name, String computeType, KubernetesComputeSpec spec, boolean attached, Instant createdOn,
                     Instant readyAt, ErrorDetail failure) {
            super(readyAt, failure);
            this.name = name;
            this.computeType = computeType;
            this.spec = spec;
            this.attached = attached;
            this.createdOn = createdOn;
        }


        ComputeResource toResource() {
            return toResource(state(clock.instant()));
        }

        ComputeResource toResource(ProvisioningState state) {
            Instant now = clock.instant();
            boolean done = state != ProvisioningState.CREATING && !now.isBefore(readyAt);
            return new ComputeResource(workspace.resourceId() + "/computes/" + name, name, location, computeType, spec, state,
                    state == ProvisioningState.FAILED ? List.of(failure) : List.of(), attached,
                    done ? utc(createdOn) : null, done ? utc(readyAt) : null, Map.of());
        }
    }

    private final class LocalExtension extends TimedResource {
        final ClusterResourceId cluster;
        final String name;
        final ExtensionSpec spec;

        LocalExtension(ClusterResourceId cluster, String name, ExtensionSpec spec, Instant readyAt, ErrorDetail failure) {
            super(readyAt, failure);
            this.cluster = cluster;
            this.name = name;
            this.spec = spec;
        }


        ExtensionStatus toStatus() {
            return toStatus(state(clock.instant()));
        }

        ExtensionStatus toStatus(ProvisioningState state) {
            List<ExtensionStatus.Message> statuses = state == ProvisioningState.FAILED
                    ? List.of(new ExtensionStatus.Message(failure.code(), "Failed", "Error", failure.message(), utc(readyAt)))
                    : List.of();
            String id = cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/" + name;
            return new ExtensionStatus(id, name, spec.extensionType(), state, null,
                    state == ProvisioningState.SUCCEEDED ? (spec.version() != null ? spec.version() : extensionVersion) : null,
                    spec.releaseTrain(), spec.autoUpgradeMinorVersion(), spec.releaseNamespace(), spec.configurationSettings(),
                    statuses, state == ProvisioningState.FAILED ? failure : null, null);
        }
    }

    private final class LocalJob {
        final String computeName;
        final CommandJob job;
        final Instant submittedAt;
        final Instant startAt;
        final JobSimulation play;
        final String pendingReason;
        Instant canceledAt;

        LocalJob(String computeName, CommandJob job, Instant submittedAt, Instant startAt, JobSimulation play, String pendingReason) {
            this.computeName = computeName;
            this.job = job;
            this.submittedAt = submittedAt;
            this.startAt = startAt;
            this.play = play;
            this.pendingReason = pendingReason;
        }

        Instant endAt() {
            return startAt == Instant.MAX ? Instant.MAX : startAt.plus(play.runTime());
        }

        JobState state(Instant now) {
            if (canceledAt != null) {
                return JobState.CANCELED;
            }
            if (now.isBefore(startAt)) {
                return JobState.QUEUED;
            }
            if (now.isBefore(endAt())) {
                return JobState.RUNNING;
            }
            return play.exitCode() == 0 ? JobState.COMPLETED : JobState.FAILED;
        }

        List<String> visibleLines(Instant now) {
            Instant until = canceledAt != null && canceledAt.isBefore(now) ? canceledAt : now;
            if (until.isBefore(startAt)) {
                return List.of();
            }
            int n = play.logLines().size();
            long runNanos = play.runTime().toNanos();
            long elapsed = Duration.between(startAt, until).toNanos();
            int visible = runNanos == 0 || elapsed >= runNanos ? n : (int) (n * (double) elapsed / runNanos);
            return play.logLines().subList(0, visible);
        }

        JobResource toResource(Instant now) {
            JobState state = state(now);
            String message = switch (state) {
                case QUEUED -> pendingReason != null ? pendingReason : "Waiting for resources on compute '" + computeName + "'";
                case FAILED -> "Exited with code " + play.exitCode();
                case CANCELED -> "Canceled";
                default -> null;
            };
            ErrorDetail error = state == JobState.FAILED ? ErrorDetail.of("UserError", "The command exited with code " + play.exitCode()) : null;
            OffsetDateTime started = state == JobState.QUEUED || startAt == Instant.MAX ? null : utc(startAt);
            OffsetDateTime ended = state == JobState.CANCELED ? utc(canceledAt) : state.isTerminal() ? utc(endAt()) : null;
            return new JobResource(job.name(), job.name(), computeName, new JobStatus(state, message, error, started, ended));
        }
    }

    /** Configures a {@link LocalControlPlane}. */
    public static final class Builder {
        private WorkspaceId workspace = new WorkspaceId("00000000-0000-0000-0000-000000000000", "arcml-local", "local-workspace");
        private String location = "eastus";
        private Duration provisioningDelay = Duration.ofMillis(1200);
        private Duration extensionInstallDelay = Duration.ofMillis(1500);
        private Duration pollInterval = Duration.ofMillis(200);
        private String extensionVersion = "0.0.0-local";
        private Clock clock = Clock.systemUTC();
        private Duration jobQueueTime = Duration.ofMillis(300);
        private Duration jobRunTime = Duration.ofMillis(1500);
        private JobSimulator jobSimulator;

        private Builder() {
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
            return provisioningDelay(Duration.ZERO).extensionInstallDelay(Duration.ZERO).pollInterval(Duration.ZERO)
                    .jobQueueTime(Duration.ZERO).jobRunTime(Duration.ZERO);
        }

        /** Builds the control plane. */
        public LocalControlPlane build() {
            return new LocalControlPlane(this);
        }

        private static Duration requireNonNegative(Duration d, String field) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(field + ": " + d + " must be zero or more");
            }
            return d;
        }
    }
}
