package io.arcml.job;

import io.arcml.resource.DistributionSpec;
import java.util.Map;

/**
 * How a distributed job spreads over its instances, as Azure ML's {@code distribution} section:
 *
 * <pre>{@code
 * CommandJob.builder()...instanceCount(2).distribution(Distribution.pytorch(4))   // 2 nodes x 4 processes
 * }</pre>
 */
public sealed interface Distribution permits PyTorchDistribution, MpiDistribution, TensorFlowDistribution {

    /** PyTorch distributed data parallel: {@code processesPerInstance} processes on every instance (one per GPU, typically). */
    static PyTorchDistribution pytorch(int processesPerInstance) {
        return new PyTorchDistribution(processesPerInstance);
    }

    /** MPI (Horovod, DeepSpeed): {@code processesPerInstance} ranks on every instance. */
    static MpiDistribution mpi(int processesPerInstance) {
        return new MpiDistribution(processesPerInstance);
    }

    /** TensorFlow parameter-server training: one instance per worker and per parameter server. */
    static TensorFlowDistribution tensorflow(int workers, int parameterServers) {
        return new TensorFlowDistribution(workers, parameterServers);
    }

    /** The distribution in Azure ML's REST shape, e.g. {@code {"distributionType": "PyTorch", "processCountPerInstance": 4}}. */
    default Map<String, Object> serialize() {
        return toSpec().serialize();
    }

    /** The distribution as the transport SPI takes it. */
    DistributionSpec toSpec();
}
