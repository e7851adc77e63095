package io.arcml.transport.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.Secret;
import io.arcml.ValidationException;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.compute.ProvisioningState;
import io.arcml.compute.Quantity;
import io.arcml.transport.ComputeResource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON of {@code Microsoft.MachineLearningServices/workspaces/computes} with
 * {@code computeType: Kubernetes}: the attach body, and the resource read back into a
 * {@link ComputeResource}.
 */
final class ComputeJson {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeJson.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** What stands in for a connection string in the body the logs see. */
    static final String MASK = "***";

    private ComputeJson() {
    }

    /**
     * The attach (PUT) body, in the shape of the REST example {@code createOrUpdate/KubernetesCompute.json}.
     *
     * @param reveal whether connection strings are written as they are, or masked for logging
     */
    static ObjectNode attachBody(KubernetesComputeSpec spec, String location, boolean reveal) {
        ObjectNode body = NODES.objectNode();
        body.put("location", location);
        if (spec.identity() != null) {
            body.set("identity", identity(spec.identity()));
        }
        ObjectNode properties = body.putObject("properties");
        if (spec.description() != null) {
            properties.put("description", spec.description());
        }
        properties.put("resourceId", spec.resourceId().toString());
        properties.put("computeType", ComputeResource.KUBERNETES);
        ObjectNode kubernetes = properties.putObject("properties");
        kubernetes.put("namespace", spec.namespace());
        kubernetes.put("defaultInstanceType", spec.defaultInstanceType());
        ObjectNode types = kubernetes.putObject("instanceTypes");
        spec.instanceTypes().forEach((name, type) -> types.set(name, instanceType(type)));
        putSecret(kubernetes, "relayConnectionString", spec.relayConnectionString(), reveal);
        putSecret(kubernetes, "serviceBusConnectionString", spec.serviceBusConnectionString(), reveal);
        return body;
    }

    private static void putSecret(ObjectNode node, String field, Secret secret, boolean reveal) {
        if (secret != null) {
            node.put(field, reveal ? secret.reveal() : MASK);
        }
    }

    private static ObjectNode identity(ComputeIdentity identity) {
        ObjectNode node = NODES.objectNode();
        node.put("type", identity.type().name());
        if (!identity.userAssignedIdentityIds().isEmpty()) {
            ObjectNode ids = node.putObject("userAssignedIdentities");
            identity.userAssignedIdentityIds().forEach(id -> ids.putObject(id));
        }
        return node;
    }

    /**
     * An instance type as Azure ML writes it: {@code nodeSelector} ({@code null} when empty) and
     * {@code resources.requests}/{@code limits} with {@code nvidia.com/gpu} {@code null} when no GPU is asked.
     */
    private static ObjectNode instanceType(InstanceType type) {
        ObjectNode node = NODES.objectNode();
        if (type.nodeSelector().isEmpty()) {
            node.putNull("nodeSelector");
        } else {
            ObjectNode selector = node.putObject("nodeSelector");
            type.nodeSelector().forEach(selector::put);
        }
        if (!type.requests().isEmpty() || !type.limits().isEmpty()) {
            ObjectNode resources = node.putObject("resources");
            resources.set("requests", quantities(type.requests()));
            resources.set("limits", quantities(type.limits()));
        }
        return node;
    }

    private static ObjectNode quantities(Map<String, Quantity> quantities) {
        ObjectNode node = NODES.objectNode();
        quantities.forEach((name, q) -> node.put(name, q.toString()));
        if (!quantities.isEmpty() && !node.has(InstanceType.NVIDIA_GPU)) {
            node.putNull(InstanceType.NVIDIA_GPU);
        }
        return node;
    }

    /** A compute resource as GET, list and PUT return it. */
    static ComputeResource read(JsonNode node) {
        JsonNode properties = node.path("properties");
        String computeType = text(properties, "computeType");
        String name = text(node, "name");
        KubernetesComputeSpec spec = ComputeResource.KUBERNETES.equalsIgnoreCase(computeType) ? spec(name, node) : null;
        Map<String, String> tags = new LinkedHashMap<>();
        node.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new ComputeResource(text(node, "id"), name, text(node, "location"), computeType, spec,
                ProvisioningState.parse(text(properties, "provisioningState")), ArmErrors.readAll(properties.get("provisioningErrors")),
                properties.path("isAttachedCompute").asBoolean(false), time(properties, "createdOn"), time(properties, "modifiedOn"), tags);
    }

    private static KubernetesComputeSpec spec(String name, JsonNode node) {
        JsonNode properties = node.path("properties");
        JsonNode kubernetes = properties.path("properties");
        ClusterResourceId cluster;
        try {
            cluster = ClusterResourceId.parse(text(properties, "resourceId"));
        } catch (ValidationException e) {
            LOG.debug("Compute '{}' names no AKS or Arc cluster: {}", name, e.getMessage());
            return null;
        }
        Map<String, InstanceType> types = new LinkedHashMap<>();
        kubernetes.path("instanceTypes").properties().forEach(e -> {
            try {
                types.put(e.getKey(), readInstanceType(e.getValue()));
            } catch (ValidationException invalid) {
                LOG.warn("Compute '{}': instance type '{}' as stored in Azure is not valid and is left out: {}",
                        name, e.getKey(), invalid.getMessage());
            }
        });
        String namespace = text(kubernetes, "namespace");
        return new KubernetesComputeSpec(cluster, namespace == null ? "default" : namespace, text(kubernetes, "defaultInstanceType"),
                types, readIdentity(node.get("identity")), text(properties, "description"), null, null);
    }

    private static InstanceType readInstanceType(JsonNode node) {
        InstanceType.Builder b = InstanceType.builder();
        node.path("nodeSelector").properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                b.nodeSelector(e.getKey(), e.getValue().asText());
            }
        });
        JsonNode resources = node.path("resources");
        resources.path("requests").properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                b.request(e.getKey(), e.getValue().asText());
            }
        });
        resources.path("limits").properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                b.limit(e.getKey(), e.getValue().asText());
            }
        });
        return b.build();
    }

    private static ComputeIdentity readIdentity(JsonNode node) {
        if (node == null || !node.isObject() || text(node, "type") == null || "None".equalsIgnoreCase(text(node, "type"))) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        node.path("userAssignedIdentities").fieldNames().forEachRemaining(ids::add);
        try {
            return ComputeIdentity.of(text(node, "type"), ids);
        } catch (ValidationException e) {
            LOG.debug("Identity {} not understood: {}", node.path("type"), e.getMessage());
            return null;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static OffsetDateTime time(JsonNode node, String field) {
        String v = text(node, field);
        try {
            return v == null ? null : OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            LOG.debug("{} '{}' is not an ISO date-time", field, v);
            return null;
        }
    }
}
