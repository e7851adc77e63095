package io.arcml.internal;

import io.arcml.ArcmlException;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.arcml.transport.Capability;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;

/**
 * A sweep or pipeline that a service runs itself (Azure ML), followed through its parent run:
 * its status, a wait with progress, a cancel, and where its details are.
 */
public final class HostedRun {
    private final JobOperations operations;
    private final String transport;
    private final String computeName;
    private final String kind;
    private final String runId;
    private volatile JobStatus status;

    /**
     * @param kind what runs, for messages, e.g. {@code sweep 'lr-sweep'}
     * @param submitted the parent run as the service first reported it
     */
    public HostedRun(ControlPlane controlPlane, String computeName, String kind, JobResource submitted) {
        this.operations = Capability.jobs(controlPlane, "follow the " + kind);
        this.transport = controlPlane.kind();
        this.computeName = computeName;
        this.kind = kind;
        this.runId = submitted.runId();
        this.status = submitted.status();
    }

    /** The parent run's ID. */
    public String runId() {
        return runId;
    }

    /** Reads the parent run once. */
    public JobStatus refresh() {
        status = operations.getJob(computeName, runId).map(JobResource::status).orElseThrow(() -> new ArcmlException(
                "The " + kind + " (run " + runId + ") no longer exists on compute '" + computeName + "'"));
        return status;
    }

    /** The status as last read. */
    public JobStatus status() {
        return status;
    }

    /** Where the service shows the trials or steps and their logs. */
    public String details() {
        return operations.jobLogs(computeName, runId);
    }

    /** Waits for the parent run to end, printing its states when {@code out} is given; returns its last status. */
    public JobStatus await(PrintStream out, Duration timeout) {
        OperationWaiter.await(kind + " (run " + runId + ")", () -> asOperation(status), () -> asOperation(refresh()), timeout, out);
        if (out != null) {
            out.println(details());
        }
        return status;
    }

    /**
     * Waits as {@link #await(PrintStream, Duration)} does, then throws what {@code failure} makes of
     * the outcome ({@code ended <status>. <details>}) unless the run succeeded.
     */
    public void awaitSuccess(PrintStream out, Duration timeout, Function<String, ? extends RuntimeException> failure) {
        await(out, timeout);
        if (!succeeded()) {
            throw failure.apply("ended " + status + ". " + details());
        }
    }

    private OperationStatus asOperation(JobStatus s) {
        return OperationStatus.ofJob(s, operations.jobStatusInterval());
    }

    /** Asks the service to cancel the run and waits until it has ended. */
    public void cancel() {
        if (!status.state().isTerminal()) {
            OperationWaiter.await("cancel of the " + kind, operations.beginCancelJob(computeName, runId), null, null);
            refresh();
        }
    }

    /** True while the parent run has not ended. */
    public boolean isRunning() {
        return !status.state().isTerminal();
    }

    /** True when the parent run ended well. */
    public boolean succeeded() {
        return status.state() == JobState.COMPLETED;
    }

    @Override
    public String toString() {
        return kind + " run " + runId + " hosted by the " + transport + " control plane: " + status;
    }
}
