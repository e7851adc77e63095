package io.arcml.resource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a command spreads over its instances, as a control plane receives it. The user API's
 * {@code io.arcml.job.Distribution} converts with {@code toSpec()}.
 */
public sealed interface DistributionSpec
        permits DistributionSpec.PyTorch, DistributionSpec.Mpi, DistributionSpec.TensorFlow {

    /** The distribution in Azure ML's REST shape, e.g. {@code {"distributionType": "PyTorch", "processCountPerInstance": 4}}. */
    Map<String, Object> serialize();

    /**
     * PyTorch distributed training.
     *
     * @param processesPerInstance processes per instance
     */
    record PyTorch(int processesPerInstance) implements DistributionSpec {
        @Override
        public Map<String, Object> serialize() {
            return perInstance("PyTorch", processesPerInstance);
        }
    }

    /**
     * MPI training (Horovod, DeepSpeed).
     *
     * @param processesPerInstance MPI ranks per instance
     */
    record Mpi(int processesPerInstance) implements DistributionSpec {
        @Override
        public Map<String, Object> serialize() {
            return perInstance("Mpi", processesPerInstance);
        }
    }

    /**
     * TensorFlow parameter-server training.
     *
     * @param workers worker instances
     * @param parameterServers parameter-server instances
     */
    record TensorFlow(int workers, int parameterServers) implements DistributionSpec {
        @Override
        public Map<String, Object> serialize() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("distributionType", "TensorFlow");
            out.put("workerCount", workers);
            out.put("parameterServerCount", parameterServers);
            return out;
        }
    }

    private static Map<String, Object> perInstance(String type, int processes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("distributionType", type);
        out.put("processCountPerInstance", processes);
        return out;
    }
}
