package io.arcml.resource;

import java.util.Map;

/**
 * How a command spreads over its instances, as a control plane receives it. The user API's
 * {@code io.arcml.job.Distribution} converts with {@code toSpec()}.
 */
public sealed interface DistributionSpec
        permits DistributionSpec.PyTorch, DistributionSpec.Mpi, DistributionSpec.TensorFlow {

    /**
     * The distribution in Azure ML's REST shape, e.g. {@code {"distributionType": "PyTorch", "processCountPerInstance": 4}},
     * written by {@link JobJson.Distribution}.
     */
    default Map<String, Object> serialize() {
        return JobJson.map(JobJson.Distribution.of(this));
    }

    /**
     * PyTorch distributed training.
     *
     * @param processesPerInstance processes per instance
     */
    record PyTorch(int processesPerInstance) implements DistributionSpec {}

    /**
     * MPI training (Horovod, DeepSpeed).
     *
     * @param processesPerInstance MPI ranks per instance
     */
    record Mpi(int processesPerInstance) implements DistributionSpec {}

    /**
     * TensorFlow parameter-server training.
     *
     * @param workers worker instances
     * @param parameterServers parameter-server instances
     */
    record TensorFlow(int workers, int parameterServers) implements DistributionSpec {}
}
