package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.resource.DistributionSpec;

/**
 * TensorFlow parameter-server training: {@code workers} worker instances and
 * {@code parameterServers} parameter-server instances, wired together by {@code TF_CONFIG}. The
 * job's instance count is their sum.
 *
 * @param workers worker instances, at least 1
 * @param parameterServers parameter-server instances, 0 or more
 */
public record TensorFlowDistribution(int workers, int parameterServers) implements Distribution {

    /** Checks the counts. */
    public TensorFlowDistribution {
        if (workers < 1) {
            throw new ValidationException(
                    "distribution.workers",
                    Integer.toString(workers),
                    "is less than 1",
                    "Run at least one worker: Distribution.tensorflow(1, 0)");
        }
        if (parameterServers < 0) {
            throw new ValidationException(
                    "distribution.parameterServers",
                    Integer.toString(parameterServers),
                    "is negative",
                    "Use 0 for no parameter servers");
        }
    }

    /** Workers plus parameter servers: the instances the job needs. */
    public int instances() {
        return workers + parameterServers;
    }

    @Override
    public DistributionSpec toSpec() {
        return new DistributionSpec.TensorFlow(workers, parameterServers);
    }
}
