package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.resource.DistributionSpec;

/**
 * MPI training (Horovod, DeepSpeed): every instance takes {@code processesPerInstance} ranks; the
 * instances find each other through a hostfile.
 *
 * @param processesPerInstance MPI ranks per instance (the hostfile's {@code slots}), at least 1
 */
public record MpiDistribution(int processesPerInstance) implements Distribution {

    /** Checks the process count. */
    public MpiDistribution {
        if (processesPerInstance < 1) {
            throw new ValidationException(
                    "distribution.processesPerInstance",
                    Integer.toString(processesPerInstance),
                    "is less than 1",
                    "Run at least one MPI rank per instance: Distribution.mpi(1)");
        }
    }

    @Override
    public DistributionSpec toSpec() {
        return new DistributionSpec.Mpi(processesPerInstance);
    }
}
