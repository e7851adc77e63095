package io.arcml.sweep;

import io.arcml.ValidationException;
import io.arcml.resource.SamplingSpec;
import java.util.Map;

/**
 * How a sweep picks hyperparameters: {@code grid} (every combination of {@code choice} values),
 * {@code random} (seeded, reproducible), {@code random} with the Sobol rule (Azure ML only) or
 * {@code bayesian}. Each accepts the distributions Azure ML's sweep accepts for it.
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

    /**
     * Random sampling along a Sobol sequence (Azure ML's {@code rule: sobol}), seeded with 0. Azure
     * ML samples it; arcml's own launcher has no Sobol sequence, so a sweep with it is refused on
     * the embedded and cluster transports when it is submitted, before any request.
     */
    static Sobol sobol() {
        return new Sobol(0);
    }

    /** Random sampling along a Sobol sequence with a seed (32 bits, as Azure ML takes it); see {@link #sobol()}. */
    static Sobol sobol(long seed) {
        return new Sobol(seed);
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
    default void check(SearchSpace space, EarlyTerminationPolicy policy) {
        // Random sampling, whatever its rule, accepts every distribution and every policy.
    }

    /**
     * A sampler for the space, for arcml's own trial launcher.
     *
     * @throws ValidationException when arcml cannot sample this algorithm (Sobol: Azure ML only)
     */
    Sampler newSampler(SearchSpace space, Objective objective);

    /** The REST form, e.g. {@code {"samplingAlgorithmType": "Grid"}}. */
    default Map<String, Object> serialize() {
        return toSpec().serialize();
    }

    /** The algorithm as the transport SPI takes it. */
    SamplingSpec toSpec();

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
        public SamplingSpec toSpec() {
            return new SamplingSpec("Grid", 0);
        }
    }

    /** Random sampling. */
    record RandomSampling(long seed) implements SamplingAlgorithm {
        /** Canonical constructor: the seed fits Azure ML's 32-bit {@code seed}. */
        public RandomSampling {
            checkSeed(seed);
        }

        @Override
        public Sampler newSampler(SearchSpace space, Objective objective) {
            return new RandomSampler(space, seed);
        }

        @Override
        public SamplingSpec toSpec() {
            return new SamplingSpec("Random", seed);
        }
    }

    /** Random sampling along a Sobol sequence, run by Azure ML. */
    record Sobol(long seed) implements SamplingAlgorithm {
        /** Canonical constructor: the seed fits Azure ML's 32-bit {@code seed}. */
        public Sobol {
            checkSeed(seed);
        }

        /** Always refused: arcml's launcher has no Sobol sequence. */
        @Override
        public Sampler newSampler(SearchSpace space, Objective objective) {
            throw new ValidationException(
                    "sampling_algorithm.rule",
                    "sobol",
                    "is sampled by Azure ML only: this transport runs the sweep with arcml's own launcher, which has no Sobol sequence",
                    "Submit the sweep to a compute of an Azure ML workspace (ARM transport), or use SamplingAlgorithm.random(seed) (rule: random)");
        }

        @Override
        public SamplingSpec toSpec() {
            return new SamplingSpec("Sobol", seed);
        }
    }

    private static void checkSeed(long seed) {
        if (seed != (int) seed) {
            throw new ValidationException(
                    "sampling_algorithm.seed",
                    Long.toString(seed),
                    "is beyond the 32-bit range Azure ML takes for a seed",
                    "Give a seed from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                            + ", e.g. SamplingAlgorithm.random(42)");
        }
    }

    /** Bayesian sampling. */
    record Bayesian(long seed) implements SamplingAlgorithm {
        @Override
        public void check(SearchSpace space, EarlyTerminationPolicy policy) {
            space.parameters().forEach((name, p) -> {
                if (!(p instanceof Parameter.Choice
                        || p instanceof Parameter.Uniform
                        || p instanceof Parameter.QUniform)) {
                    throw new ValidationException(
                            "search_space." + name,
                            p.type(),
                            "cannot be sampled by bayesian sampling",
                            "Bayesian sampling supports choice, uniform and quniform: change the distribution, or use random sampling");
                }
            });
            if (policy != null) {
                throw new ValidationException(
                        "early_termination",
                        policy.serialize().get("policyType").toString(),
                        "cannot be combined with bayesian sampling",
                        "Drop the early termination policy, or use random or grid sampling");
            }
        }

        @Override
        public Sampler newSampler(SearchSpace space, Objective objective) {
            return new BayesianSampler(space, objective, seed);
        }

        @Override
        public SamplingSpec toSpec() {
            return new SamplingSpec("Bayesian", seed);
        }
    }
}
