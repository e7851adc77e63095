package io.arcml.sweep;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.resource.ParameterSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hyperparameters of a sweep, by name, in the order given. A trial's command refers to them as
 * {@code ${{search_space.<name>}}}, as in Azure ML's sweep YAML.
 */
public final class SearchSpace {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\{\\s*search_space\\.([A-Za-z0-9_]+)\\s*}}");

    private final Map<String, Parameter> parameters;

    private SearchSpace(Map<String, Parameter> parameters) {
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameters by name. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /**
     * Checks that a sampler other than Azure ML's can sample the space: no {@code choice} holds a
     * nested search space ({@link Parameter.Choice#nested()}).
     *
     * @param sampler what would sample the space, named in the message
     * @throws ValidationException naming the parameter that holds a nested space
     */
    public void requireFlat(String sampler) {
        ParameterSpec.requireFlat(toSpec(), sampler);
    }

    /** The parameters as the transport SPI takes them, by name in their order. */
    public Map<String, ParameterSpec> toSpec() {
        Map<String, ParameterSpec> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> out.put(name, p.toSpec()));
        return out;
    }

    /** The names a command refers to with {@code ${{search_space.<name>}}}. */
    public static Set<String> references(String command) {
        Arguments.nonNull(command, "command");
        Set<String> out = new LinkedHashSet<>();
        Matcher m = REFERENCE.matcher(command);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * Checks a trial command against the space: every reference names a parameter, and every
     * parameter is referenced (an unreferenced one would be sampled and never used).
     */
    public void checkCommand(String command) {
        Set<String> refs = references(command);
        for (String r : refs) {
            if (!parameters.containsKey(r)) {
                throw new ValidationException(
                        "trial.command",
                        "${{search_space." + r + "}}",
                        "names no parameter of the search space " + parameters.keySet(),
                        "Add '" + r + "' to the search space or fix the reference");
            }
        }
        for (String p : parameters.keySet()) {
            if (!refs.contains(p)) {
                throw new ValidationException(
                        "search_space." + p,
                        p,
                        "is never used in the trial command",
                        "Pass it to the command, e.g. --" + p + " ${{search_space." + p + "}}, or drop it");
            }
        }
    }

    /** The command with each {@code ${{search_space.<name>}}} replaced by the assigned value. */
    public static String render(String command, Map<String, Object> assignment) {
        Arguments.nonNull(command, "command");
        Arguments.nonNull(assignment, "assignment");
        Matcher m = REFERENCE.matcher(command);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object v = assignment.get(m.group(1));
            if (v == null) {
                throw new ValidationException(
                        "trial.command", m.group(), "has no assigned value", "Assign every referenced parameter");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(format(v)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A value as a command line shows it: whole doubles without {@code .0}, no exponent. */
    public static String format(Object value) {
        return ParameterSpec.format(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchSpace s && parameters.equals(s.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        return "SearchSpace" + parameters;
    }

    /** Collects parameters. */
    public static final class Builder {
        private final Map<String, Parameter> parameters = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a parameter. */
        public Builder parameter(String name, Parameter parameter) {
            Arguments.nonNull(parameter, "parameter");
            if (name == null || !NAME.matcher(name).matches()) {
                throw new ValidationException(
                        "search_space",
                        name,
                        "is not a valid parameter name",
                        "Use letters, digits and '_', starting with a letter or '_', e.g. learning_rate");
            }
            if (parameter == null) {
                throw new ValidationException(
                        "search_space." + name, null, "has no distribution", "Give one, e.g. Parameter.choice(1, 2)");
            }
            if (parameters.containsKey(name)) {
                throw new ValidationException(
                        "search_space." + name, name, "is defined twice", "Give each parameter once");
            }
            parameters.put(name, parameter);
            return this;
        }

        /** Builds the space; it must have at least one parameter. */
        public SearchSpace build() {
            if (parameters.isEmpty()) {
                throw new ValidationException("search_space", null, "is empty", "Add at least one parameter");
            }
            return new SearchSpace(parameters);
        }
    }
}
