package io.arcml.sweep;

import io.arcml.ValidationException;
import java.util.Map;

/**
 * How a sweep picks hyperparameters: {@code grid} (every combination of {@code choice} values),
 * {@code random} (seeded, reproducible) or {@code bayesian}. Each accepts the distributions
 * Azure ML's sweep accepts for it.
 */
public sealed interface SamplingAlgorithm {

    /** Every combination of the {@code choice} values. */
    static Grid grid() {
        return new Grid();
    }

    /** Independent random draws with a fixed seed of 0. */
    static RandomSampling random() {
        return new RandomSampling(0);
    }

    /**
     * Independent random draws; the same seed gives the same trials. Azure ML takes the seed as a
     * 32-bit integer, so it must lie in {@code Integer.MIN_VALUE..Integer.MAX_VALUE}.
     *
     * @throws ValidationException when the seed is beyond 32 bits
     */
    static RandomSampling random(long seed) {
        return new RandomSampling(seed);
    }

    /** Bayesian optimisation over {@code choice}, {@code uniform} and {@code quniform}. */
    static Bayesian bayesian() {
        return new Bayesian(0);
    }

    /**
     * Bayesian optimisation whose random start is seeded: the same seed gives the same trials on
     * the embedded and cluster transports. Azure ML's bayesian sampling takes no seed, so Azure
     * refuses a seed other than 0.
     */
    static Bayesian bayesian(long seed) {
        return new Bayesian(seed);
    }

    /**
     * Checks that this algorithm accepts the space and the policy.
     *
     * @throws ValidationException naming the parameter or policy it does not accept
     */
    void check(SearchSpace space, EarlyTerminationPolicy policy);

    /** A sampler for the space. */
    Sampler newSampler(SearchSpace space, Objective objective);

    /** The REST form, e.g. {@code {"samplingAlgorithmType": "Grid"}}. */
    Map<String, Object> toRest();

    /** Grid sampling. */
    record Grid() implements SamplingAlgorithm {
        @Override
        public void check(SearchSpace space, EarlyTerminationPolicy policy) {
            space.parameters().forEach(Parameter::gridValues);
        }

        @Override
        public Sampler newSampler(SearchSpace space, Objective objective) {
            return new GridSampler(space);
        }

        /** How many trials the grid has. */
        public long size(SearchSpace space) {
            return new GridSampler(space).size();
        }

        @Override
        public Map<String, Object> toRest() {
            return Map.of("samplingAlgorithmType", "Grid");
        }
    }

    /** Random sampling. */
    record RandomSampling(long seed) implements SamplingAlgorithm {
        /** Canonical constructor: the seed fits Azure ML's 32-bit {@code seed}. */
        public RandomSampling {
            if (seed != (int) seed) {
                throw new ValidationException("sampling_algorithm.seed", Long.toString(seed), "is beyond the 32-bit range Azure ML takes for a seed",
                        "Give a seed from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", e.g. SamplingAlgorithm.random(42)");
            }
        }

        @Override
        public void check(SearchSpace space, EarlyTerminationPolicy policy) {
            // Random sampling accepts every distribution and every policy.
        }

        @Override
        public Sampler newSampler(SearchSpace space, Objective objective) {
            return new RandomSampler(space, seed);
        }

        @Override
        public Map<String, Object> toRest() {
            return Map.of("samplingAlgorithmType", "Random", "seed", seed, "rule", "Random");
        }
    }

    /** Bayesian sampling. */
    record Bayesian(long seed) implements SamplingAlgorithm {
        @Override
        public void check(SearchSpace space, EarlyTerminationPolicy policy) {
            space.parameters().forEach((name, p) -> {
                if (!(p instanceof Parameter.Choice || p instanceof Parameter.Uniform || p instanceof Parameter.QUniform)) {
                    throw new ValidationException("search_space." + name, p.type(), "cannot be sampled by bayesian sampling",
                            "Bayesian sampling supports choice, uniform and quniform: change the distribution, or use random sampling");
                }
            });
            if (policy != null) {
                throw new ValidationException("early_termination", policy.toRest().get("policyType").toString(),
                        "cannot be combined with bayesian sampling", "Drop the early termination policy, or use random or grid sampling");
            }
        }

        @Override
        public Sampler newSampler(SearchSpace space, Objective objective) {
            return new BayesianSampler(space, objective, seed);
        }

        @Override
        public Map<String, Object> toRest() {
            return Map.of("samplingAlgorithmType", "Bayesian");
        }
    }
}
