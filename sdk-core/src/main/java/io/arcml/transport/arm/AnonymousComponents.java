package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.arcml.WorkspaceId;
import io.arcml.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command components a pipeline's nodes reference, registered as Azure ML's CLI registers an
 * inline one: anonymously, under {@code components/azureml_anonymous/versions/<hash of the
 * component>}, so a component of the same content is registered once and a changed one gets a new
 * version. A component is written from a step's command job body (its environment and code
 * placed) in Azure ML's YAML shape ({@link ComponentJson}): {@code command}, {@code environment},
 * {@code code}, {@code inputs} and {@code outputs} declared by type, {@code resources} and
 * {@code distribution}.
 */
final class AnonymousComponents {
    private static final ObjectMapper JSON = Json.mapper();
    /** Sorted keys, for a hash that does not depend on the order parts were written in. */
    private static final ObjectWriter SORTED = JSON.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** The name Azure ML's CLI registers an inline component under, versioned by its content. */
    static final String NAME = "azureml_anonymous";

    private final ArmClient client;
    private final WorkspaceId workspace;
    private final String apiVersion;
    private final Map<String, String> componentIds = new ConcurrentHashMap<>();

    AnonymousComponents(ArmClient client, WorkspaceId workspace, String apiVersion) {
        this.client = client;
        this.workspace = workspace;
        this.apiVersion = apiVersion;
    }

    /** Registers the component (once per content) and answers its ID. */
    String register(ComponentJson.CommandComponent component) {
        String path = workspace.resourceId() + "/components/" + NAME + "/versions/" + contentVersion(component);
        return componentIds.computeIfAbsent(path, p -> {
            JsonNode body = JSON.valueToTree(ComponentJson.VersionBody.anonymous(component));
            ArmResponse created = client.send(HttpMethod.PUT, client.url(p, apiVersion), body, body);
            return created.idOr(p);
        });
    }

    /** As the CLI versions an anonymous component: a UUID made of a SHA-256 of the component with sorted keys. */
    private static String contentVersion(ComponentJson.CommandComponent component) {
        try {
            byte[] json = SORTED.writeValueAsString(JSON.convertValue(component, Map.class))
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
}
