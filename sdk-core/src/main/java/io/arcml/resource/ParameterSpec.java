package io.arcml.resource;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One hyperparameter of a sweep's search space, as a control plane receives it: Azure ML's
 * distribution name and its arguments in Azure ML's REST form. The user API's
 * {@code io.arcml.sweep.Parameter} converts with {@code toSpec()}.
 *
 * @param type the distribution: {@code choice}, {@code randint}, {@code uniform}, {@code quniform},
 *     {@code loguniform}, {@code qloguniform}, {@code normal}, {@code qnormal}, {@code lognormal}, {@code qlognormal}
 * @param arguments its arguments as Azure ML's REST API takes them: for {@code choice} one list of the
 *     values (a nested search space as a map of its parameters' REST forms), else the numbers in order
 *     ({@code [upper]}, {@code [min, max]}, {@code [min, max, q]}, {@code [mu, sigma]}, {@code [mu, sigma, q]})
 */
public record ParameterSpec(String type, List<Object> arguments) {

    /** Canonical constructor: both parts are required; the arguments are copied. */
    public ParameterSpec {
        Arguments.nonNull(type, "type");
        arguments = List.copyOf(Arguments.nonNull(arguments, "arguments"));
    }

    /** The values of a {@code choice}. */
    @SuppressWarnings("unchecked")
    public List<Object> choices() {
        return (List<Object>) arguments.get(0);
    }

    /** Whether this is a {@code choice} one of whose values is a nested search space. */
    public boolean nested() {
        return type.equals("choice") && choices().stream().anyMatch(Map.class::isInstance);
    }

    /** Argument {@code index} as a number: {@code number(0)} is {@code min}, {@code mu} or {@code upper}. */
    public double number(int index) {
        return ((Number) arguments.get(index)).doubleValue();
    }

    /**
     * Refuses a search space with a nested search space, which only Azure ML samples.
     *
     * @param space the parameters, by name
     * @param sampler what would sample the space, named in the message
     * @throws ValidationException naming the parameter that holds a nested space
     */
    public static void requireFlat(Map<String, ParameterSpec> space, String sampler) {
        Arguments.nonNull(space, "space");
        Arguments.nonNull(sampler, "sampler");
        space.forEach((name, p) -> {
            if (p.nested()) {
                throw new ValidationException(
                        "search_space." + name + ".values",
                        "a nested search space",
                        "is sampled by Azure ML only; " + sampler + " samples flat spaces",
                        "Submit the sweep to a compute of an Azure ML workspace (ARM transport), or flatten it: one parameter per hyperparameter");
            }
        });
    }

    /** The REST form, e.g. {@code ["uniform", [0.01, 0.1]]}. */
    public List<Object> serialize() {
        return List.of(type, arguments);
    }

    /** A value as a command line shows it: whole doubles without {@code .0}, no exponent. */
    public static String format(Object value) {
        Arguments.nonNull(value, "value");
        if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                return d.toString();
            }
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
