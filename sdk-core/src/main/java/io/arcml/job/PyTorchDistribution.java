package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.resource.DistributionSpec;

/**
 * PyTorch distributed training: every instance runs {@code processesPerInstance} processes and
 * gets the {@code torch.distributed} contract ({@code MASTER_ADDR}, {@code MASTER_PORT},
 * {@code WORLD_SIZE}, {@code NODE_RANK} and torchrun's {@code PET_*} variables).
 *
 * @param processesPerInstance processes per instance, at least 1
 */
public record PyTorchDistribution(int processesPerInstance) implements Distribution {

    /** Checks the process count. */
    public PyTorchDistribution {
        if (processesPerInstance < 1) {
            throw new ValidationException(
                    "distribution.processesPerInstance",
                    Integer.toString(processesPerInstance),
                    "is less than 1",
                    "Run at least one process per instance, usually one per GPU: Distribution.pytorch(1)");
        }
    }

    @Override
    public DistributionSpec toSpec() {
        return new DistributionSpec.PyTorch(processesPerInstance);
    }
}
