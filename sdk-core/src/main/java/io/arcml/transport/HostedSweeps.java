package io.arcml.transport;

import io.arcml.resource.SweepSpec;

/**
 * A service that runs sweeps itself (Azure ML's sweep jobs, Katib on the cluster). Without it,
 * arcml's own trial launcher runs the sweep through {@link JobOperations}.
 */
public interface HostedSweeps {

    /**
     * Hands a sweep to the service and returns its parent run; follow it with {@link JobOperations}. The
     * caller has validated the sweep and resolved its trial's instance type.
     */
    JobResource submitSweep(String computeName, SweepSpec sweep);
}
