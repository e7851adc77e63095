package io.arcml.transport;

import io.arcml.resource.CommandSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Running command jobs on a compute: submit, read, find, logs, cancel. Sweeps and pipelines that
 * arcml runs itself are made of these calls.
 */
public interface JobOperations {

    /**
     * Submits a command job to a compute. The caller has validated the job and resolved its
     * instance type (never {@code null}) against the compute's instance types.
     *
     * @return the run as first reported
     */
    JobResource submitJob(String computeName, CommandSpec job);

    /** Reads a job run; empty when there is no such run. */
    Optional<JobResource> getJob(String computeName, String runId);

    /**
     * The runs of the job named {@code jobName} on a compute, oldest first; empty when there are
     * none. How a process finds runs another process submitted (a sweep's trials on resume).
     */
    List<JobResource> findJobs(String computeName, String jobName);

    /** The run's output so far (all its instances, each headed by the instance's name). */
    String jobLogs(String computeName, String runId);

    /** Cancels a run and removes what it created; the operation ends when it is gone. */
    LongRunningOperation beginCancelJob(String computeName, String runId);

    /** How long to wait between two status readings of a run. */
    Duration jobStatusInterval();
}
