package io.arcml.transport.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.internal.Json;
import io.arcml.resource.ParameterSpec;
import io.arcml.resource.SweepSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A pipeline's sweep step as Azure ML's CLI sends it: a node of {@code type: sweep} whose
 * {@code trial} is a command component the CLI registers first, anonymously
 * ({@link AnonymousComponents}), with the sweep's keys
 * in the node's own (YAML-named) shape: {@code search_space}, {@code sampling_algorithm},
 * {@code objective}, {@code limits}, {@code early_termination}. The search-space parameters are the
 * component's inputs of the same names, as Azure ML passes each trial's hyperparameters.
 */
final class ArmSweepNodes {
    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern SEARCH_SPACE_REF =
            Pattern.compile("\\$\\{\\{\\s*search_space\\.([A-Za-z0-9_]+)\\s*}}");

    private final AnonymousComponents components;

    ArmSweepNodes(AnonymousComponents components) {
        this.components = components;
    }

    /**
     * Turns a step's command node (the trial's, with its environment and code placed, its inputs,
     * outputs and compute) into the sweep node, registering the trial component.
     */
    void toSweepNode(String stepName, SweepSpec sweep, ObjectNode node) {
        ObjectNode component = component(sweep, node);
        AnonymousComponents.COMMAND_JOB_KEYS.forEach(node::remove);
        node.put("type", "sweep");
        // The step's labels are the sweep's, in a node's spelling: the trial component is anonymous.
        Map<String, Object> labels = new LinkedHashMap<>();
        sweep.labels().putRest(labels, stepName);
        labels.put("display_name", labels.remove("displayName"));
        labels.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        node.set("limits", limits(sweep));
        node.set("sampling_algorithm", samplingAlgorithm(sweep.sampling().serialize()));
        node.putObject("objective")
                .put("goal", sweep.goal().toLowerCase(Locale.ROOT))
                .put("primary_metric", sweep.primaryMetric());
        ObjectNode space = node.putObject("search_space");
        sweep.searchSpace().forEach((name, p) -> space.set(name, distribution(p.serialize())));
        if (sweep.earlyTermination() != null) {
            node.set(
                    "early_termination",
                    AnonymousComponents.snakeCase(
                            JSON.valueToTree(sweep.earlyTermination().serialize())));
        }
        node.putObject("trial").put("componentId", components.register(component));
    }

    /** The trial as a command component in Azure ML's YAML shape: its command reads the hyperparameters as inputs. */
    private static ObjectNode component(SweepSpec sweep, ObjectNode node) {
        ObjectNode c = AnonymousComponents.command(
                node,
                sweep.trial(),
                SEARCH_SPACE_REF.matcher(node.path("command").asText()).replaceAll("\\${{inputs.$1}}"));
        ObjectNode inputs = JSON.createObjectNode();
        sweep.searchSpace().forEach((name, p) -> inputs.putObject(name).put("type", inputType(p)));
        inputs.setAll((ObjectNode) c.get("inputs"));
        c.set("inputs", inputs);
        if (node.hasNonNull("environmentVariables")) {
            // A sweep node has no environment variables of its own: the trial's component carries them.
            c.set("environment_variables", node.get("environmentVariables"));
        }
        return c;
    }

    private static ObjectNode limits(SweepSpec sweep) {
        ObjectNode l = JSON.createObjectNode();
        l.put("max_total_trials", sweep.maxTotalTrials());
        l.put("max_concurrent_trials", sweep.maxConcurrentTrials());
        putSeconds(l, "timeout", sweep.timeout());
        putSeconds(l, "trial_timeout", sweep.trialTimeout());
        return l;
    }

    private static void putSeconds(ObjectNode node, String key, Duration d) {
        if (d != null) {
            node.put(key, d.toSeconds());
        }
    }

    /** {@code random}, {@code grid} or {@code bayesian} as a word, or a mapping when it has a seed or a rule. */
    private static JsonNode samplingAlgorithm(Map<String, Object> rest) {
        ObjectNode s = JSON.createObjectNode();
        String type = rest.get("samplingAlgorithmType").toString().toLowerCase(Locale.ROOT);
        if (rest.size() == 1) {
            return JSON.getNodeFactory().textNode(type);
        }
        s.put("type", type);
        rest.forEach((k, v) -> {
            if (!k.equals("samplingAlgorithmType")) {
                s.set(
                        AnonymousComponents.snake(k),
                        k.equals("rule")
                                ? JSON.getNodeFactory().textNode(v.toString().toLowerCase(Locale.ROOT))
                                : JSON.valueToTree(v));
            }
        });
        return s;
    }

    /** A distribution in the YAML shape ({@code type: uniform, min_value: ..}) from its REST expression ({@code ["uniform", [min, max]]}). */
    private static ObjectNode distribution(List<?> rest) {
        String type = rest.get(0).toString();
        List<?> args = (List<?>) rest.get(1);
        ObjectNode d = JSON.createObjectNode().put("type", type);
        List<String> names = switch (type) {
            case "choice" -> List.of("values");
            case "randint" -> List.of("upper");
            case "uniform", "loguniform" -> List.of("min_value", "max_value");
            case "quniform", "qloguniform" -> List.of("min_value", "max_value", "q");
            case "normal", "lognormal" -> List.of("mu", "sigma");
            default -> List.of("mu", "sigma", "q");
        };
        for (int i = 0; i < names.size(); i++) {
            d.set(names.get(i), JSON.valueToTree(args.get(i)));
        }
        if (type.equals("choice")) {
            // A nested search space: each of its parameters in the same shape.
            ArrayNode values = d.putArray("values");
            for (Object v : (List<?>) args.get(0)) {
                if (v instanceof Map<?, ?> nested) {
                    ObjectNode space = values.addObject();
                    nested.forEach((n, p) -> space.set(
                            n.toString(),
                            p instanceof List<?> expr ? distribution(List.copyOf(expr)) : JSON.valueToTree(p)));
                } else {
                    values.add(JSON.valueToTree(v));
                }
            }
        }
        return d;
    }

    private static String inputType(ParameterSpec p) {
        if (p.type().equals("choice")) {
            boolean allNumbers = p.choices().stream().allMatch(v -> v instanceof Number);
            boolean allIntegers = p.choices().stream().allMatch(v -> v instanceof Integer || v instanceof Long);
            return allIntegers ? "integer" : allNumbers ? "number" : "string";
        }
        return "randint".equals(p.type()) ? "integer" : "number";
    }
}
