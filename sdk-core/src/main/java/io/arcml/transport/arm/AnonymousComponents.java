package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.WorkspaceId;
import io.arcml.internal.Json;
import io.arcml.resource.CommandSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command components a pipeline's nodes reference, registered as Azure ML's CLI registers an
 * inline one: anonymously, under {@code components/azureml_anonymous/versions/<hash of the
 * component>}, so a component of the same content is registered once and a changed one gets a new
 * version. A component is written from a step's command job body (its environment and code
 * placed) in Azure ML's YAML shape: {@code command}, {@code environment}, {@code code},
 * {@code inputs} and {@code outputs} declared by type, {@code resources} and {@code distribution}.
 */
final class AnonymousComponents {
    private static final ObjectMapper JSON = Json.mapper();
    /** Sorted keys, for a hash that does not depend on the order parts were written in. */
    private static final ObjectMapper SORTED =
            Json.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** The name Azure ML's CLI registers an inline component under, versioned by its content. */
    static final String NAME = "azureml_anonymous";
    /** The keys of an inline command job body that a node does not have: its component's, or spelt otherwise. */
    static final List<String> COMMAND_JOB_KEYS = List.of(
            "jobType",
            "displayName",
            "command",
            "environmentId",
            "codeId",
            "environmentVariables",
            "distribution",
            "resources",
            "limits",
            "identity",
            "experimentName");

    private static final String COMPONENT_SCHEMA =
            "https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json";
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    private final ArmClient client;
    private final WorkspaceId workspace;
    private final String apiVersion;
    private final Map<String, String> componentIds = new ConcurrentHashMap<>();

    AnonymousComponents(ArmClient client, WorkspaceId workspace, String apiVersion) {
        this.client = client;
        this.workspace = workspace;
        this.apiVersion = apiVersion;
    }

    /**
     * The command component of a step's command job body: its literal inputs declared as strings (the
     * values travel on the node), its data inputs and outputs by their type.
     *
     * @param job the step's command job body, its environment and code placed
     * @param spec the step's command, for the types of its outputs
     * @param command the command as the component runs it
     */
    static ObjectNode command(JsonNode job, CommandSpec spec, String command) {
        ObjectNode c = JSON.createObjectNode();
        c.put("$schema", COMPONENT_SCHEMA);
        c.put("type", "command");
        c.put("is_deterministic", true);
        ObjectNode inputs = c.putObject("inputs");
        job.path("inputs").properties().forEach(e -> {
            String type = typeOf(e.getValue(), "job_input_type", "jobInputType");
            inputs.putObject(e.getKey()).put("type", type.equals("literal") ? "string" : type);
        });
        ObjectNode outputs = c.putObject("outputs");
        job.path("outputs")
                .properties()
                .forEach(e -> outputs.putObject(e.getKey())
                        .put(
                                "type",
                                spec.outputs()
                                        .getOrDefault(
                                                e.getKey(), typeOf(e.getValue(), "job_output_type", "jobOutputType"))));
        c.put("command", command);
        c.put("environment", "azureml:" + job.path("environmentId").asText());
        if (job.hasNonNull("codeId")) {
            c.put("code", "azureml:" + job.path("codeId").asText());
        }
        if (job.hasNonNull("resources")) {
            c.set("resources", snakeCase(job.get("resources")));
        }
        if (job.hasNonNull("distribution")) {
            ObjectNode d = snakeCase(job.get("distribution"));
            d.put("type", d.remove("distribution_type").asText().toLowerCase(Locale.ROOT));
            c.set("distribution", d);
        }
        return c;
    }

    /** An input's or output's type in either spelling; a binding to a pipeline output is a folder. */
    private static String typeOf(JsonNode binding, String nodeKey, String restKey) {
        return binding.path(nodeKey).asText(binding.path(restKey).asText("uri_folder"));
    }

    /** Registers the component (once per content) and answers its ID. */
    String register(ObjectNode component) {
        String path = workspace.resourceId() + "/components/" + NAME + "/versions/" + contentVersion(component);
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
            return created.idOr(p);
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
            throw new IllegalStateException("Cannot hash the component", e);
        }
    }

    /** A REST object's keys in the snake case of Azure ML's node and YAML shapes ({@code instanceCount} as {@code instance_count}). */
    static ObjectNode snakeCase(JsonNode camel) {
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = camel.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(snake(e.getKey()), e.getValue());
        }
        return out;
    }

    static String snake(String camel) {
        Matcher m = CAMEL.matcher(camel);
        return m.replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }
}
