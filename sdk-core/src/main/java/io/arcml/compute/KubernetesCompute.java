package io.arcml.compute;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.ErrorDetail;
import io.arcml.ValidationException;
import io.arcml.Waitable;
import io.arcml.Workspace;
import io.arcml.internal.Json;
import io.arcml.job.CommandJob;
import io.arcml.job.JobRun;
import io.arcml.operation.OperationPollers;
import io.arcml.operation.OperationTracker;
import io.arcml.operation.OperationWaiter;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineRun;
import io.arcml.resource.ResourceState;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepRun;
import io.arcml.transport.Capability;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Azure Arc-enabled or AKS Kubernetes cluster attached to a workspace as a compute target, as
 * the Python SDK's {@code KubernetesCompute}.
 *
 * <pre>{@code
 * KubernetesCompute compute = ComputeTarget.attach(ws, "amlarc-compute",
 *         KubernetesCompute.attachConfiguration(resourceId).namespace("amlarc-testing"));
 * compute.waitForCompletion(true);                 // Creating....Succeeded
 * System.out.println(compute.getStatus().serialize());
 * }</pre>
 */
public final class KubernetesCompute extends ComputeTarget implements Waitable<KubernetesCompute> {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesCompute.class);
    /** How often a compute is re-read when there is no operation to follow (it was found mid-attach). */
    private static final Duration STATE_POLL_INTERVAL = Duration.ofSeconds(2);

    private enum Pending {
        ATTACH,
        DETACH
    }

    private final OperationTracker<Pending> tracker = new OperationTracker<>(
            kind -> (kind == Pending.DETACH ? "detach" : "attach") + " of compute '" + name() + "'");
    private volatile Read read;
    private volatile boolean detached;

    /** The compute as last read, with its settings in the user's form. */
    private record Read(ComputeResource resource, KubernetesComputeSpec spec) {}

    KubernetesCompute(Workspace workspace, ComputeResource resource, LongRunningOperation attachOperation) {
        super(workspace, resource.name());
        this.read = read(resource);
        if (attachOperation != null) {
            tracker.start(Pending.ATTACH, attachOperation);
        }
    }

    /**
     * Starts an attach configuration for a cluster, like the Python SDK's
     * {@code KubernetesCompute.attach_configuration(resource_id)}.
     *
     * @param resourceId the ARM ID of an AKS ({@code Microsoft.ContainerService/managedClusters})
     *                   or Arc ({@code Microsoft.Kubernetes/connectedClusters}) cluster
     * @throws io.arcml.ValidationException when the ID matches neither
     */
    public static KubernetesComputeAttachConfiguration attachConfiguration(String resourceId) {
        return KubernetesComputeAttachConfiguration.forCluster(resourceId);
    }

    /**
     * Waits for the attach (or detach) under way to end; prints progress such as
     * {@code Creating....Succeeded} to {@code out} when one is given.
     *
     * @param out where progress goes, or {@code null} for none
     * @param timeout the longest wait, or {@code null} for none
     * @throws ComputeTargetException when the operation ends Failed or Canceled; carries the errors
     * @throws io.arcml.OperationTimeoutException when the time runs out first (the operation goes on)
     */
    @Override
    public KubernetesCompute waitForCompletion(PrintStream out, Duration timeout) {
        OperationWaiter.checkTimeout(timeout);
        if (tracker.pending() != null) {
            return tracker.await(timeout, out, (kind, end) -> finish(kind, end, out));
        }
        if (!provisioningState().isTerminal() && !detached) {
            // Found mid-attach, with no operation to follow: the compute's own state is read instead.
            OperationWaiter.await(
                    tracker.describe(Pending.ATTACH),
                    this::stateAsStatus,
                    () -> {
                        refreshState();
                        return stateAsStatus();
                    },
                    timeout,
                    out);
        } else if (out != null) {
            out.println("Warning: waitForCompletion called after the operation had finished.");
        }
        if (out != null) {
            out.println("Final state of \"" + (detached ? "Detached" : provisioningState()) + "\" has been reached");
        }
        throwIfFailed(null);
        return this;
    }

    /**
     * The attach or detach under way as azure-core's {@link SyncPoller}: one request per poll, each
     * after the service's {@code Retry-After}; {@code getFinalResult()} reads the compute once more
     * and throws {@link ComputeTargetException} when the operation failed, as {@link #waitForCompletion()} does.
     * With nothing under way, it is done already and its result is this compute as it is.
     */
    SyncPoller<OperationStatus, KubernetesCompute> poller() {
        if (tracker.pending() == null) {
            return OperationPollers.syncPoller(
                    tracker.describe(Pending.ATTACH), LongRunningOperation.completed(stateAsStatus()), end -> this);
        }
        return tracker.poller((kind, end) -> finish(kind, end, null));
    }

    /** Ends the wait for an operation: reads the compute back and throws when the operation failed. */
    private KubernetesCompute finish(Pending kind, OperationStatus end, PrintStream out) {
        if (kind == Pending.DETACH) {
            if (end.state() == OperationStatus.State.SUCCEEDED) {
                detached = true;
            } else {
                refreshState();
            }
        } else {
            refreshState();
        }
        if (out != null) {
            out.println("Provisioning operation finished, operation \"" + end.status() + "\"");
        }
        if (end.state() != OperationStatus.State.SUCCEEDED) {
            throwIfFailed(end);
        }
        return this;
    }

    private OperationStatus stateAsStatus() {
        ResourceState s = resource().provisioningState();
        return new OperationStatus(OperationStatus.stateOf(s), s.toString(), null, STATE_POLL_INTERVAL);
    }

    private void throwIfFailed(OperationStatus end) {
        ProvisioningState state = provisioningState();
        boolean failed = end != null || state == ProvisioningState.FAILED || state == ProvisioningState.CANCELED;
        if (!failed) {
            return;
        }
        List<ErrorDetail> errors = new ArrayList<>();
        if (end != null && end.error() != null) {
            errors.add(end.error());
        }
        // The operation's error is often the compute's provisioning error again: list each once.
        resource().provisioningErrors().stream()
                .filter(e -> !errors.contains(e))
                .forEach(errors::add);
        StringBuilder msg = new StringBuilder(
                        "Compute object provisioning polling reached non-successful terminal state, current provisioning state: ")
                .append(end != null ? end.status() : state);
        for (ErrorDetail e : errors) {
            msg.append("\nProvisioning operation error:\nStatusCode: ")
                    .append(e.code())
                    .append("\nMessage: ")
                    .append(e.message());
        }
        if (tracker.pending() == null
                && !detached
                && end != null
                && provisioningState() != ProvisioningState.SUCCEEDED) {
            msg.append("\nThe compute '")
                    .append(name())
                    .append("' remains in workspace ")
                    .append(workspace().name())
                    .append(" in state ")
                    .append(provisioningState())
                    .append(
                            ": detach() it before attaching with other settings, or attach again with the same settings to retry.");
        }
        throw new ComputeTargetException(msg.toString(), errors);
    }

    /**
     * Detaches the compute from the workspace, leaving the cluster and its extension untouched;
     * returns at once with the detach under way. Follow with {@link #waitForCompletion()}.
     */
    public KubernetesCompute detach() {
        if (detached) {
            throw new ComputeTargetException("Compute '" + name() + "' is already detached");
        }
        LongRunningOperation op =
                computes(workspace(), "detach compute '" + name() + "'").beginDetach(name());
        tracker.start(Pending.DETACH, op);
        read = new Read(read.resource().withState(ResourceState.DELETING), read.spec());
        if (op.initialStatus().state() == OperationStatus.State.SUCCEEDED) {
            tracker.clear();
            detached = true;
        }
        return this;
    }

    /**
     * Submits a command job to this compute and returns at once with the run under way. A job
     * that names no instance type runs on the compute's default instance type.
     *
     * <pre>{@code
     * JobRun run = compute.submit(job);
     * run.waitForCompletion(true);
     * }</pre>
     *
     * @throws ValidationException when the job names an instance type the compute does not have (nothing is sent)
     * @throws ComputeTargetException when the compute is detached or its attach did not succeed
     */
    public JobRun submit(CommandJob job) {
        ControlPlane plane = ControlPlane.of(workspace().controlPlane());
        JobOperations jobs = Capability.jobs(plane, "submit job '" + job.name() + "' to compute '" + name() + "'");
        CommandJob resolved = resolveForSubmit(job, "instanceType");
        JobResource submitted = jobs.submitJob(name(), resolved.toSpec());
        return JobRun.track(plane, resolved, submitted);
    }

    /**
     * Starts a hyperparameter sweep on this compute and returns with its first trials launched;
     * drive it with {@link SweepRun#waitForCompletion()}. Trials that name no instance type
     * run on the compute's default instance type.
     *
     * @throws ValidationException when the trial names an instance type the compute does not have (nothing is sent)
     * @throws ComputeTargetException when the compute is detached or its attach did not succeed
     */
    public SweepRun submit(SweepJob sweep) {
        CommandJob trial = resolveForSubmit(sweep.trial(), "trial.instanceType");
        SweepJob resolved = trial == sweep.trial() ? sweep : sweep.withTrial(trial);
        return SweepRun.start(ControlPlane.of(workspace().controlPlane()), name(), resolved);
    }

    /**
     * Starts a pipeline on this compute and returns with its first steps submitted; drive it with
     * {@link PipelineRun#waitForCompletion()}. Every step is checked before the first starts.
     *
     * @throws ValidationException when a step names an instance type the compute does not have (nothing is sent)
     */
    public PipelineRun submit(PipelineJob pipeline) {
        return PipelineRun.start(
                ControlPlane.of(workspace().controlPlane()),
                name(),
                pipeline,
                job -> resolveForSubmit(job, "jobs." + job.name() + ".instanceType"));
    }

    private CommandJob resolveForSubmit(CommandJob job, String field) {
        if (detached || provisioningState() != ProvisioningState.SUCCEEDED) {
            throw new ComputeTargetException(
                    "Compute '" + name() + "' is " + (detached ? "detached" : provisioningState())
                            + " and cannot run jobs. Attach it and waitForCompletion until it is Succeeded, then submit again");
        }
        String undeclared = job.undeclaredReference();
        if (undeclared != null) {
            throw new ValidationException(
                    "command",
                    undeclared,
                    "refers to an input or output the job does not declare",
                    "Declare it with input(name, value) or output(name) on the job");
        }
        String type = job.instanceType() != null ? job.instanceType() : defaultInstanceType();
        if (type == null || !instanceTypes().containsKey(type)) {
            throw new ValidationException(
                    field,
                    type,
                    "is not an instance type of compute '" + name() + "'",
                    "Use one of " + instanceTypes().keySet() + ", or leave it out for the default instance type");
        }
        return type.equals(job.instanceType()) ? job : job.withInstanceType(type);
    }

    /** Kubernetes computes cannot be deleted, only detached (as in the Python SDK). */
    public void delete() {
        throw new ComputeTargetException(
                "Delete is not supported for KubernetesCompute object. Try to use detach instead.");
    }

    private static Read read(ComputeResource resource) {
        return new Read(
                resource,
                KubernetesComputeSpec.fromSpi(
                        resource.spec(),
                        (type, invalid) -> LOG.warn(
                                "Compute '{}': instance type '{}' is not valid and is left out: {}",
                                resource.name(),
                                type,
                                invalid.getMessage())));
    }

    private ComputeResource resource() {
        return read.resource();
    }

    @Override
    public void refreshState() {
        var found = computes(workspace(), "read compute '" + name() + "'").getCompute(name());
        if (found.isPresent()) {
            read = read(found.get());
        } else if (tracker.pending() == Pending.DETACH || provisioningState() == ProvisioningState.DELETING) {
            detached = true;
        } else {
            throw new ComputeTargetException("Compute '" + name() + "' no longer exists in workspace "
                    + workspace().name() + "; it was detached elsewhere. Attach it again with ComputeTarget.attach");
        }
    }

    /** The status: creation and modification times, provisioning state, and errors when it failed. */
    public KubernetesComputeStatus getStatus() {
        ComputeResource r = resource();
        return new KubernetesComputeStatus(
                r.createdOn(), r.modifiedOn(), ProvisioningState.of(r.provisioningState()), r.provisioningErrors());
    }

    @Override
    public ProvisioningState provisioningState() {
        return ProvisioningState.of(resource().provisioningState());
    }

    /** The errors of a failed attach; empty otherwise. */
    public List<ErrorDetail> provisioningErrors() {
        return resource().provisioningErrors();
    }

    /** True once a detach has finished. */
    public boolean isDetached() {
        return detached;
    }

    /** The settings as last read. */
    public KubernetesComputeSpec spec() {
        return read.spec();
    }

    /** The cluster. */
    public ClusterResourceId clusterResourceId() {
        return spec().resourceId();
    }

    /** The namespace jobs run in. */
    public String namespace() {
        return spec().namespace();
    }

    /** The instance type jobs get when they name none. */
    public String defaultInstanceType() {
        return spec().defaultInstanceType();
    }

    /** The instance types by name. */
    public Map<String, InstanceType> instanceTypes() {
        return spec().instanceTypes();
    }

    /** The Azure region (the workspace's). */
    public String location() {
        return resource().location();
    }

    /** The compute's ARM resource ID, or {@code null} when the control plane gave none yet. */
    public String id() {
        return resource().id();
    }

    @Override
    public Map<String, Object> serialize() {
        Read now = read;
        ComputeResource r = now.resource();
        KubernetesComputeSpec spec = now.spec();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("name", r.name());
        out.put("tags", r.tags());
        out.put("location", r.location());
        Map<String, Object> identity = null;
        if (spec.identity() != null) {
            identity = new LinkedHashMap<>();
            identity.put("type", spec.identity().type().name());
            identity.put("userAssignedIdentities", spec.identity().userAssignedIdentityIds());
        }
        out.put("identity", identity);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("computeType", r.computeType());
        props.put("computeLocation", r.location());
        props.put("description", spec.description());
        props.put("resourceId", spec.resourceId().toString());
        props.put(
                "provisioningErrors",
                r.provisioningErrors().isEmpty()
                        ? null
                        : r.provisioningErrors().stream()
                                .map(ErrorDetail::serialize)
                                .toList());
        props.put("provisioningState", r.provisioningState().toString());
        props.put("isAttachedCompute", r.attachedCompute());
        props.put("createdOn", r.createdOn() == null ? null : r.createdOn().toString());
        props.put("modifiedOn", r.modifiedOn() == null ? null : r.modifiedOn().toString());
        props.put("properties", KubernetesComputeJson.of(spec).toMap());
        props.put("status", getStatus().serialize());
        out.put("properties", props);
        return out;
    }

    /** {@link #serialize()} as indented JSON, the way the Python SDK prints it. */
    public String toJson() {
        return Json.pretty(serialize());
    }

    /** One readable line, secret-free. */
    @Override
    public String toString() {
        Read now = read;
        KubernetesComputeSpec spec = now.spec();
        return "KubernetesCompute{name=" + name() + ", state="
                + (detached ? "Detached" : now.resource().provisioningState())
                + ", cluster=" + spec.resourceId().clusterName() + " ("
                + spec.resourceId().kind() + ")"
                + ", namespace=" + spec.namespace() + ", defaultInstanceType="
                + spec.defaultInstanceType()
                + ", instanceTypes=" + spec.instanceTypes().keySet() + ", workspace="
                + workspace().name() + "}";
    }
}
