package io.arcml.transport;

import io.arcml.resource.RunStatus;
import java.util.Objects;

/**
 * A job run as a control plane reports it.
 *
 * @param runId the run's identifier, unique in the workspace
 * @param jobName the job's name
 * @param computeName the compute it runs on
 * @param status its status as last read
 */
public record JobResource(String runId, String jobName, String computeName, RunStatus status) {

    /** Canonical constructor: every field is required. */
    public JobResource {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(computeName, "computeName");
        Objects.requireNonNull(status, "status");
    }
}
