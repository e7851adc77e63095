package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.WorkspaceId;
import io.arcml.internal.Json;
import io.arcml.resource.ParameterSpec;
import io.arcml.resource.SweepSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline's sweep step as Azure ML's CLI sends it: a node of {@code type: sweep} whose
 * {@code trial} is a command component the CLI registers first, anonymously
 * ({@code components/azureml_anonymous/versions/<hash of the component>}), with the sweep's keys
 * in the node's own (YAML-named) shape: {@code search_space}, {@code sampling_algorithm},
 * {@code objective}, {@code limits}, {@code early_termination}. The search-space parameters are the
 * component's inputs of the same names, as Azure ML passes each trial's hyperparameters.
 */
final class ArmSweepNodes {
    private static final ObjectMapper JSON = Json.mapper();
    /** Sorted keys, for a hash that does not depend on the order parts were written in. */
    private static final ObjectMapper SORTED =
            Json.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** The name Azure ML's CLI registers an inline component under, versioned by its content. */
    static final String ANONYMOUS_COMPONENT = "azureml_anonymous";

    private static final String COMPONENT_SCHEMA =
            "https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json";
    private static final Pattern SEARCH_SPACE_REF =
            Pattern.compile("\\$\\{\\{\\s*search_space\\.([A-Za-z0-9_]+)\\s*}}");
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    /** The keys of a command node the sweep node does not have: they are the trial component's. */
    private static final List<String> TRIAL_KEYS = List.of(
            "jobType",
            "command",
            "environmentId",
            "codeId",
            "environmentVariables",
            "distribution",
            "resources",
            "limits",
            "identity",
            "experimentName");

    private final ArmClient client;
    private final WorkspaceId workspace;
    private final String apiVersion;
    private final Map<String, String> componentIds = new ConcurrentHashMap<>();

    ArmSweepNodes(ArmClient client, WorkspaceId workspace, String apiVersion) {
        this.client = client;
        this.workspace = workspace;
        this.apiVersion = apiVersion;
    }

    /**
     * Turns a step's command node (the trial's, with its environment and code placed, its inputs,
     * outputs and compute) into the sweep node, registering the trial component.
     */
    void toSweepNode(String stepName, SweepSpec sweep, ObjectNode node) {
        ObjectNode component = component(stepName, sweep, node);
        TRIAL_KEYS.forEach(node::remove);
        node.put("type", "sweep");
        // The step's labels are the sweep's: the trial component is anonymous.
        Map<String, Object> labels = new LinkedHashMap<>();
        sweep.labels().putRest(labels, stepName);
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
                    snakeCase(JSON.valueToTree(sweep.earlyTermination().serialize())));
        }
        node.putObject("trial").put("componentId", register(component));
    }

    /** The trial as a command component in Azure ML's YAML shape: its command reads the hyperparameters as inputs. */
    private static ObjectNode component(String stepName, SweepSpec sweep, ObjectNode node) {
        ObjectNode c = JSON.createObjectNode();
        c.put("$schema", COMPONENT_SCHEMA);
        c.put("type", "command");
        c.put("display_name", stepName);
        c.put("is_deterministic", true);
        ObjectNode inputs = c.putObject("inputs");
        sweep.searchSpace().forEach((name, p) -> inputs.putObject(name).put("type", inputType(p)));
        node.path("inputs")
                .fields()
                .forEachRemaining(e -> inputs.putObject(e.getKey())
                        .put(
                                "type",
                                e.getValue()
                                        .path("jobInputType")
                                        .asText(e.getValue()
                                                .path("job_input_type")
                                                .asText("uri_folder"))));
        ObjectNode outputs = c.putObject("outputs");
        node.path("outputs")
                .fieldNames()
                .forEachRemaining(o -> outputs.putObject(o).put("type", "uri_folder"));
        c.put("command", SEARCH_SPACE_REF.matcher(node.path("command").asText()).replaceAll("\\${{inputs.$1}}"));
        c.put("environment", "azureml:" + node.path("environmentId").asText());
        if (node.hasNonNull("codeId")) {
            c.put("code", "azureml:" + node.path("codeId").asText());
        }
        if (node.hasNonNull("environmentVariables")) {
            c.set("environment_variables", node.get("environmentVariables"));
        }
        if (node.hasNonNull("resources")) {
            c.set("resources", snakeCase(node.get("resources")));
        }
        if (node.hasNonNull("distribution")) {
            ObjectNode d = snakeCase(node.get("distribution"));
            d.put("type", d.remove("distribution_type").asText().toLowerCase(Locale.ROOT));
            c.set("distribution", d);
        }
        return c;
    }

    /** Registers the component (once per content) and answers its ID. */
    private String register(ObjectNode component) {
        String version = contentVersion(component);
        String path = workspace.resourceId() + "/components/" + ANONYMOUS_COMPONENT + "/versions/" + version;
        return componentIds.computeIfAbsent(path, p -> {
            ObjectNode spec = component.deepCopy();
            spec.put("_source", "YAML.COMPONENT");
            ObjectNode body = JSON.createObjectNode();
            ObjectNode props = body.putObject("properties");
            props.set("componentSpec", spec);
            props.put("isAnonymous", true);
            props.put("isArchived", false);
            props.putObject("properties");
            props.putObject("tags");
            ArmResponse created = client.send(HttpMethod.PUT, client.url(p, apiVersion), body, body);
            return created.body() == null ? p : created.body().path("id").asText(p);
        });
    }

    /** As the CLI versions an anonymous component: a UUID made of a SHA-256 of the component with sorted keys. */
    private static String contentVersion(ObjectNode component) {
        try {
            byte[] json = SORTED.writeValueAsString(SORTED.treeToValue(component, Map.class))
                    .getBytes(StandardCharsets.UTF_8);
            String hex = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(json));
            return new UUID(
                            Long.parseUnsignedLong(hex.substring(0, 16), 16),
                            Long.parseUnsignedLong(hex.substring(16, 32), 16))
                    .toString();
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot hash the trial component", e);
        }
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
                        snake(k),
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

    private static ObjectNode snakeCase(JsonNode camel) {
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = camel.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(snake(e.getKey()), e.getValue());
        }
        return out;
    }

    private static String snake(String camel) {
        Matcher m = CAMEL.matcher(camel);
        return m.replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }
}
