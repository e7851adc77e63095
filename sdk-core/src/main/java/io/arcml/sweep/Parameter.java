package io.arcml.sweep;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.resource.ParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One hyperparameter's search space, as Azure ML's sweep job defines them: {@code choice},
 * {@code randint}, {@code uniform}, {@code quniform}, {@code loguniform}, {@code qloguniform},
 * {@code normal}, {@code qnormal}, {@code lognormal}, {@code qlognormal}.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *     .parameter("learning_rate", Parameter.loguniform(-6, -1))
 *     .parameter("batch_size", Parameter.choice(16, 32, 64))
 *     .build();
 * }</pre>
 */
public sealed interface Parameter {

    /** The distribution's name in Azure ML, e.g. {@code uniform}. */
    String type();

    /** Draws one value. */
    Object sample(Random random);

    /**
     * The distribution's arguments as Azure ML's REST form lists them: {@code [min, max]} for
     * {@code uniform}, {@code [mu, sigma, q]} for {@code qnormal}, {@code [[v1, v2]]} for {@code choice}.
     */
    List<Object> arguments();

    /** The REST form: {@code ["uniform", [min, max]]}, {@code ["choice", [[v1, v2]]]}. */
    default List<Object> serialize() {
        return List.of(type(), arguments());
    }

    /** The parameter as the transport SPI takes it: its type and its REST arguments. */
    default ParameterSpec toSpec() {
        return new ParameterSpec(type(), arguments());
    }

    /** One of the listed values, each equally likely. Grid sampling tries each. */
    static Choice choice(Object... values) {
        return new Choice(List.of(Arguments.nonNull(values, "values")));
    }

    /** A whole number in {@code [0, upper)}. */
    static RandInt randint(int upper) {
        return new RandInt(upper);
    }

    /** A real number, uniform in {@code [min, max]}. */
    static Uniform uniform(double min, double max) {
        return new Uniform(min, max);
    }

    /** {@code round(uniform(min, max) / q) * q}. */
    static QUniform quniform(double min, double max, double q) {
        return new QUniform(min, max, q);
    }

    /** {@code exp(uniform(min, max))}: the logarithm is uniform. */
    static LogUniform loguniform(double min, double max) {
        return new LogUniform(min, max);
    }

    /** {@code round(exp(uniform(min, max)) / q) * q}. */
    static QLogUniform qloguniform(double min, double max, double q) {
        return new QLogUniform(min, max, q);
    }

    /** A real number, normally distributed with mean {@code mu} and deviation {@code sigma}. */
    static Normal normal(double mu, double sigma) {
        return new Normal(mu, sigma);
    }

    /** {@code round(normal(mu, sigma) / q) * q}. */
    static QNormal qnormal(double mu, double sigma, double q) {
        return new QNormal(mu, sigma, q);
    }

    /** {@code exp(normal(mu, sigma))}. */
    static LogNormal lognormal(double mu, double sigma) {
        return new LogNormal(mu, sigma);
    }

    /** {@code round(exp(normal(mu, sigma)) / q) * q}. */
    static QLogNormal qlognormal(double mu, double sigma, double q) {
        return new QLogNormal(mu, sigma, q);
    }

    private static double quantize(double v, double q) {
        return Math.round(v / q) * q;
    }

    /** A draw from {@code uniform(min, max)}, which the log and quantized kinds transform. */
    private static double drawUniform(Random random, double min, double max) {
        return min + random.nextDouble() * (max - min);
    }

    /** A draw from {@code normal(mu, sigma)}, which the log and quantized kinds transform. */
    private static double drawNormal(Random random, double mu, double sigma) {
        return mu + sigma * random.nextGaussian();
    }

    private static void requireRange(String type, double min, double max) {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new ValidationException(
                    type + ".min_value",
                    min + ".." + max,
                    "is not a range",
                    "Give finite bounds with min_value < max_value");
        }
    }

    private static void requireSigma(String type, double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new ValidationException(
                    type + ".sigma", Double.toString(sigma), "is not a positive deviation", "Give sigma > 0");
        }
    }

    private static void requireQ(String type, double q) {
        if (!(q > 0) || !Double.isFinite(q)) {
            throw new ValidationException(
                    type + ".q", Double.toString(q), "is not a positive step", "Give q > 0, e.g. 1 for whole numbers");
        }
    }

    /**
     * {@code choice}: one of the values. A value may be a nested search space, as Azure ML's
     * sweeps take it: a {@code Map} from names to a {@link Parameter} or a plain value, e.g.
     * {@code Parameter.choice(Map.of("model", "resnet", "lr", Parameter.uniform(0.01, 0.1)), ...)}.
     * Azure ML samples nested spaces; arcml's own launcher refuses them ({@link #nested()}).
     */
    record Choice(List<Object> values) implements Parameter {
        /** Canonical constructor: at least one value, none null; a nested space maps names to parameters or plain values. */
        public Choice {
            if (values == null || values.isEmpty()) {
                throw new ValidationException("choice.values", null, "is empty", "List at least one value");
            }
            List<Object> copy = new ArrayList<>();
            for (Object v : values) {
                copy.add(v instanceof Map<?, ?> space ? nestedSpace(space) : v);
            }
            values = List.copyOf(copy);
        }

        private static Map<String, Object> nestedSpace(Map<?, ?> space) {
            Map<String, Object> copy = new LinkedHashMap<>();
            space.forEach((name, v) -> {
                if (!(name instanceof String n) || n.isEmpty()) {
                    throw new ValidationException(
                            "choice.values",
                            String.valueOf(name),
                            "is not a parameter name of a nested search space",
                            "Name each nested parameter with a non-empty text");
                }
                if (!(v instanceof Parameter || v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new ValidationException(
                            "choice.values." + n,
                            String.valueOf(v),
                            "is neither a distribution nor a plain value",
                            "Give a Parameter (e.g. Parameter.uniform(0, 1)) or a text, number or boolean");
                }
                copy.put(n, v);
            });
            return Collections.unmodifiableMap(copy);
        }

        /** Whether a value is a nested search space, which only Azure ML samples. */
        public boolean nested() {
            return values.stream().anyMatch(Map.class::isInstance);
        }

        @Override
        public String type() {
            return "choice";
        }

        @Override
        public Object sample(Random random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<Object> arguments() {
            List<Object> rest = new ArrayList<>();
            for (Object v : values) {
                if (v instanceof Map<?, ?> space) {
                    Map<Object, Object> nested = new LinkedHashMap<>();
                    space.forEach((n, p) -> nested.put(n, p instanceof Parameter param ? param.serialize() : p));
                    rest.add(nested);
                } else {
                    rest.add(v);
                }
            }
            return List.of(rest);
        }
    }

    /** {@code randint}: a whole number in [0, upper). */
    record RandInt(int upper) implements Parameter {
        /** Canonical constructor: upper must be at least 1. */
        public RandInt {
            if (upper < 1) {
                throw new ValidationException(
                        "randint.upper",
                        Integer.toString(upper),
                        "is below 1",
                        "Give an exclusive upper bound of at least 1");
            }
        }

        @Override
        public String type() {
            return "randint";
        }

        @Override
        public Object sample(Random random) {
            return random.nextInt(upper);
        }

        @Override
        public List<Object> arguments() {
            return List.of(upper);
        }
    }

    /** {@code uniform}. */
    record Uniform(double min, double max) implements Parameter {
        /** Canonical constructor: min &lt; max. */
        public Uniform {
            requireRange("uniform", min, max);
        }

        @Override
        public String type() {
            return "uniform";
        }

        @Override
        public Object sample(Random random) {
            return drawUniform(random, min, max);
        }

        @Override
        public List<Object> arguments() {
            return List.of(min, max);
        }
    }

    /** {@code quniform}. */
    record QUniform(double min, double max, double q) implements Parameter {
        /** Canonical constructor: min &lt; max, q &gt; 0. */
        public QUniform {
            requireRange("quniform", min, max);
            requireQ("quniform", q);
        }

        @Override
        public String type() {
            return "quniform";
        }

        @Override
        public Object sample(Random random) {
            return quantize(drawUniform(random, min, max), q);
        }

        @Override
        public List<Object> arguments() {
            return List.of(min, max, q);
        }
    }

    /** {@code loguniform}. */
    record LogUniform(double min, double max) implements Parameter {
        /** Canonical constructor: min &lt; max. */
        public LogUniform {
            requireRange("loguniform", min, max);
        }

        @Override
        public String type() {
            return "loguniform";
        }

        @Override
        public Object sample(Random random) {
            return Math.exp(drawUniform(random, min, max));
        }

        @Override
        public List<Object> arguments() {
            return List.of(min, max);
        }
    }

    /** {@code qloguniform}. */
    record QLogUniform(double min, double max, double q) implements Parameter {
        /** Canonical constructor: min &lt; max, q &gt; 0. */
        public QLogUniform {
            requireRange("qloguniform", min, max);
            requireQ("qloguniform", q);
        }

        @Override
        public String type() {
            return "qloguniform";
        }

        @Override
        public Object sample(Random random) {
            return quantize(Math.exp(drawUniform(random, min, max)), q);
        }

        @Override
        public List<Object> arguments() {
            return List.of(min, max, q);
        }
    }

    /** {@code normal}. */
    record Normal(double mu, double sigma) implements Parameter {
        /** Canonical constructor: sigma &gt; 0. */
        public Normal {
            requireSigma("normal", sigma);
        }

        @Override
        public String type() {
            return "normal";
        }

        @Override
        public Object sample(Random random) {
            return drawNormal(random, mu, sigma);
        }

        @Override
        public List<Object> arguments() {
            return List.of(mu, sigma);
        }
    }

    /** {@code qnormal}. */
    record QNormal(double mu, double sigma, double q) implements Parameter {
        /** Canonical constructor: sigma &gt; 0, q &gt; 0. */
        public QNormal {
            requireSigma("qnormal", sigma);
            requireQ("qnormal", q);
        }

        @Override
        public String type() {
            return "qnormal";
        }

        @Override
        public Object sample(Random random) {
            return quantize(drawNormal(random, mu, sigma), q);
        }

        @Override
        public List<Object> arguments() {
            return List.of(mu, sigma, q);
        }
    }

    /** {@code lognormal}. */
    record LogNormal(double mu, double sigma) implements Parameter {
        /** Canonical constructor: sigma &gt; 0. */
        public LogNormal {
            requireSigma("lognormal", sigma);
        }

        @Override
        public String type() {
            return "lognormal";
        }

        @Override
        public Object sample(Random random) {
            return Math.exp(drawNormal(random, mu, sigma));
        }

        @Override
        public List<Object> arguments() {
            return List.of(mu, sigma);
        }
    }

    /** {@code qlognormal}. */
    record QLogNormal(double mu, double sigma, double q) implements Parameter {
        /** Canonical constructor: sigma &gt; 0, q &gt; 0. */
        public QLogNormal {
            requireSigma("qlognormal", sigma);
            requireQ("qlognormal", q);
        }

        @Override
        public String type() {
            return "qlognormal";
        }

        @Override
        public Object sample(Random random) {
            return quantize(Math.exp(drawNormal(random, mu, sigma)), q);
        }

        @Override
        public List<Object> arguments() {
            return List.of(mu, sigma, q);
        }
    }

    /** Every value a grid search tries: the values of a {@code choice}. */
    static List<Object> gridValues(String name, Parameter p) {
        Arguments.nonNull(name, "name");
        Arguments.nonNull(p, "p");
        if (p instanceof Choice c) {
            return new ArrayList<>(c.values());
        }
        throw new ValidationException(
                "search_space." + name,
                p.type(),
                "cannot be grid-sampled",
                "Grid sampling supports choice only: use Parameter.choice(..), or random/bayesian sampling");
    }
}
