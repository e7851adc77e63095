package io.arcml.run;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.ArcmlException;
import io.arcml.job.JobStatus;
import io.arcml.operation.OperationPollers;
import io.arcml.operation.OperationWaiter;
import io.arcml.operation.Progress;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.arcml.transport.Capability;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The parent run of a sweep or pipeline that a service runs itself (Azure ML), as the hosted
 * sweep and pipeline runs follow it: its status, its readings for a wait, a cancel, and where
 * its details are.
 */
public final class HostedRun {
    private final JobOperations operations;
    private final String transport;
    private final String computeName;
    private final String kind;
    private final String runId;
    private volatile RunStatus status;

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

    /** What runs, with its parent run, for messages: {@code sweep 'lr-sweep' (run abc)}. */
    public String describe() {
        return kind + " (run " + runId + ")";
    }

    /** Reads the parent run once. */
    public JobStatus refresh() {
        return JobStatus.of(read());
    }

    private RunStatus read() {
        status = operations
                .getJob(computeName, runId)
                .map(JobResource::status)
                .orElseThrow(() -> new ArcmlException(
                        "The " + kind + " (run " + runId + ") no longer exists on compute '" + computeName + "'"));
        return status;
    }

    /** The status as last read. */
    public JobStatus status() {
        return JobStatus.of(status);
    }

    /** Where the service shows the trials or steps and their logs. */
    public String details() {
        return operations.jobLogs(computeName, runId);
    }

    /** The parent run as an operation to wait on: its status as last read, then one read per poll. */
    public LongRunningOperation asOperation() {
        return OperationPollers.readings(() -> asOperationStatus(status), () -> asOperationStatus(read()));
    }

    /**
     * Where the run is, in the words of the caller's own states: {@code running} while it has not
     * ended, else {@code completed}, {@code canceled} or {@code failed}.
     */
    public <S> S state(S running, S completed, S canceled, S failed) {
        if (isRunning()) {
            return running;
        }
        return switch (status.state()) {
            case COMPLETED -> completed;
            case CANCELED -> canceled;
            default -> failed;
        };
    }

    /**
     * Waits for the parent run to end, printing a dot per reading to {@code out} when one is given,
     * then does what {@link #ended} does.
     *
     * @param timeout the longest wait, or {@code null}
     */
    public void await(PrintStream out, Duration timeout, Function<String, ? extends RuntimeException> failure) {
        OperationWaiter.awaitWith(describe(), asOperation(), timeout, Progress.dots(out));
        ended(out, failure);
    }

    /**
     * After a wait: prints the service's account of the run to {@code out} when one is given, then
     * throws what {@code failure} makes of the outcome ({@code ended <status>. <details>}) unless
     * the run succeeded.
     */
    public void ended(PrintStream out, Function<String, ? extends RuntimeException> failure) {
        if (out != null) {
            out.println(details());
        }
        if (!succeeded()) {
            throw failure.apply("ended " + status + ". " + details());
        }
    }

    private OperationStatus asOperationStatus(RunStatus s) {
        return OperationStatus.ofJob(s, operations.jobStatusInterval());
    }

    /** Asks the service to cancel the run and waits until it has ended. */
    public void cancel() {
        if (isRunning()) {
            OperationWaiter.awaitWith(
                    "cancel of the " + describe(), operations.beginCancelJob(computeName, runId), null, Progress.NONE);
            refresh();
        }
    }

    /**
     * Asks the service to cancel the run (one request) and returns the cancel as a poller whose
     * final result, after one more read of the run, is {@code result}'s; a run that has ended is
     * left as it is, with a poller that has ended.
     */
    public <T> SyncPoller<OperationStatus, T> beginCancel(Supplier<T> result) {
        String what = "cancel of the " + describe();
        if (!isRunning()) {
            return OperationPollers.syncPoller(
                    what, LongRunningOperation.completed(asOperationStatus(status)), end -> result.get());
        }
        return OperationPollers.syncPoller(what, operations.beginCancelJob(computeName, runId), end -> {
            refresh();
            return result.get();
        });
    }

    /** True while the parent run has not ended. */
    public boolean isRunning() {
        return !status.state().isTerminal();
    }

    /** True when the parent run ended well. */
    public boolean succeeded() {
        return status.state() == RunState.COMPLETED;
    }

    @Override
    public String toString() {
        return kind + " run " + runId + " hosted by the " + transport + " control plane: " + status;
    }
}
