package io.arcml.transport;

import io.arcml.sweep.SweepJob;

/**
 * A service that runs sweeps itself (Azure ML's sweep jobs, Katib on the cluster). Without it,
 * arcml's own trial launcher runs the sweep through {@link JobOperations}.
 */
public interface HostedSweeps {

    /** Hands a sweep to the service and returns its parent run; follow it with {@link JobOperations}. */
    JobResource submitSweep(String computeName, SweepJob sweep);
}
