package io.arcml.job;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.ArcmlException;
import io.arcml.Waitable;
import io.arcml.operation.OperationPollers;
import io.arcml.operation.OperationWaiter;
import io.arcml.operation.Progress;
import io.arcml.resource.RunStatus;
import io.arcml.transport.Capability;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * A submitted job, as the Python SDK's {@code Run}: wait for it, read its status and logs, or
 * cancel it.
 *
 * <pre>{@code
 * JobRun run = compute.submit(job);
 * run.waitForCompletion(true);      // Queued.Preparing.Running....Completed
 * System.out.println(run.logs());
 * }</pre>
 */
public final class JobRun implements Waitable<JobRun> {
    private final JobOperations jobs;
    private final CommandJob job;
    private final String computeName;
    private final String runId;
    private volatile RunStatus status;

    private JobRun(ControlPlane controlPlane, CommandJob job, JobResource submitted) {
        this.job = Objects.requireNonNull(job, "job");
        this.jobs = Capability.jobs(
                Objects.requireNonNull(controlPlane, "controlPlane"), "follow job '" + job.name() + "'");
        this.computeName = submitted.computeName();
        this.runId = submitted.runId();
        this.status = submitted.status();
    }

    /**
     * Follows a run a control plane accepted; compute targets call this from {@code submit}.
     *
     * @param controlPlane the control plane that runs it
     * @param job the job as submitted
     * @param submitted the run as the control plane first reported it
     */
    public static JobRun track(ControlPlane controlPlane, CommandJob job, JobResource submitted) {
        return new JobRun(controlPlane, job, submitted);
    }

    /** The run's identifier, unique in the workspace. */
    public String runId() {
        return runId;
    }

    /** The job as submitted (with its instance type resolved). */
    public CommandJob job() {
        return job;
    }

    /** The compute it runs on. */
    public String computeName() {
        return computeName;
    }

    /** Reads the status from the control plane. */
    public JobStatus getStatus() {
        return JobStatus.of(readStatus());
    }

    private RunStatus readStatus() {
        JobResource r = jobs.getJob(computeName, runId)
                .orElseThrow(() -> new ArcmlException("Run " + runId + " of job '" + job.name()
                        + "' no longer exists on compute '" + computeName + "'; it was removed outside arcml"));
        status = r.status();
        return status;
    }

    /**
     * Waits for the run to end; prints the states it passes through ({@code Queued..Running...Completed})
     * and, at the end, its logs to {@code out} when one is given.
     *
     * @param out where progress goes, or {@code null} for none
     * @param timeout the longest wait, or {@code null} for none
     * @throws JobFailedException when the run ends Failed or Canceled; its message says why
     * @throws io.arcml.OperationTimeoutException when the time runs out first (the run goes on)
     */
    @Override
    public JobRun waitForCompletion(PrintStream out, Duration timeout) {
        OperationWaiter.await(
                describe(), () -> asOperationStatus(status), () -> asOperationStatus(readStatus()), timeout, out);
        JobStatus end = JobStatus.of(status);
        if (out != null) {
            out.println("Run " + runId + " finished: " + end);
            String logs = logs();
            if (!logs.isEmpty()) {
                out.println(logs);
            }
        }
        if (end.state() != JobState.COMPLETED) {
            throw new JobFailedException(
                    "The " + describe() + " ended " + end.state() + (end.message() == null ? "" : ": " + end.message()),
                    end);
        }
        return this;
    }

    private OperationStatus asOperationStatus(RunStatus s) {
        return OperationStatus.ofJob(s, jobs.jobStatusInterval());
    }

    /** The run's output so far, every instance's log headed by its name. */
    public String logs() {
        return jobs.jobLogs(computeName, runId);
    }

    /**
     * Cancels the run and waits until everything it created is gone. A run that already ended is
     * left as it is.
     */
    public JobRun cancel() {
        if (status.state().isTerminal()) {
            return this;
        }
        OperationWaiter.awaitWith(
                "cancel of " + describe(), jobs.beginCancelJob(computeName, runId), null, Progress.NONE);
        getStatus();
        return this;
    }

    /**
     * Starts the cancel of the run as azure-core's {@link SyncPoller}: one cancel request, then each
     * poll after the service's {@code Retry-After}; {@code getFinalResult()} reads the run once more
     * and is this run. A run that already ended is left as it is (no request; the poller has ended).
     *
     * <pre>{@code
     * SyncPoller<OperationStatus, JobRun> cancel = run.beginCancel();
     * JobStatus end = cancel.getFinalResult().lastStatus();     // Canceled
     * }</pre>
     */
    public SyncPoller<OperationStatus, JobRun> beginCancel() {
        String what = "cancel of " + describe();
        if (status.state().isTerminal()) {
            return OperationPollers.syncPoller(
                    what, LongRunningOperation.completed(asOperationStatus(status)), end -> this);
        }
        return OperationPollers.syncPoller(what, jobs.beginCancelJob(computeName, runId), end -> {
            getStatus();
            return this;
        });
    }

    private String describe() {
        return "run " + runId + " of job '" + job.name() + "'";
    }

    /** The status as last read, without a request. */
    public JobStatus lastStatus() {
        return JobStatus.of(status);
    }

    /** One readable line. */
    @Override
    public String toString() {
        return "JobRun{runId=" + runId + ", job=" + job.name() + ", compute=" + computeName + ", status=" + lastStatus()
                + "}";
    }
}
