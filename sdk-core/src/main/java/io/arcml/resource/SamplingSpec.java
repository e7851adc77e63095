package io.arcml.resource;

import java.util.Map;

/**
 * How a sweep samples its search space, as a control plane receives it. The user API's
 * {@code io.arcml.sweep.SamplingAlgorithm} converts with {@code toSpec()}.
 *
 * @param rule {@code Grid}, {@code Random}, {@code Sobol} or {@code Bayesian}
 * @param seed the seed ({@code 0} for grid sampling)
 */
public record SamplingSpec(String rule, long seed) {

    /** The REST form, e.g. {@code {"samplingAlgorithmType": "Random", "seed": 42, "rule": "Random"}} ({@link SweepJobJson.SamplingAlgorithm}). */
    public Map<String, Object> serialize() {
        return JobJson.map(SweepJobJson.SamplingAlgorithm.of(this));
    }
}
