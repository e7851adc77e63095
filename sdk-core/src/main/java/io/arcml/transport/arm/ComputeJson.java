package io.arcml.transport.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.Secret;
import io.arcml.ValidationException;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.InstanceTypeJson;
import io.arcml.compute.KubernetesComputeJson;
import io.arcml.internal.Json;
import io.arcml.resource.ComputeSpec;
import io.arcml.resource.ResourceState;
import io.arcml.transport.ComputeResource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON of {@code Microsoft.MachineLearningServices/workspaces/computes} with
 * {@code computeType: Kubernetes}, bound with Jackson: the attach body, and the resource read back
 * into a {@link ComputeResource}. The Kubernetes settings under {@code properties.properties} are
 * {@link KubernetesComputeJson}, the shape of the how-to's attach file.
 */
final class ComputeJson {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeJson.class);
    /** What stands in for a connection string in the body the logs see. */
    static final String MASK = "***";

    private ComputeJson() {}

    /** The attach body, in the order of the REST example. */
    @JsonPropertyOrder({"location", "identity", "properties"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttachBody(String location, IdentityJson identity, AttachProperties properties) {}

    /** The compute's properties as the attach sends them. */
    @JsonPropertyOrder({"description", "resourceId", "computeType", "properties"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttachProperties(
            String description, String resourceId, String computeType, KubernetesProperties properties) {}

    /** {@link KubernetesComputeJson} with Azure's nulls in the instance types, plus the write-only connection strings. */
    @JsonPropertyOrder({
        "namespace",
        "defaultInstanceType",
        "instanceTypes",
        "relayConnectionString",
        "serviceBusConnectionString"
    })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record KubernetesProperties(
            String namespace,
            String defaultInstanceType,
            Map<String, Map<String, Object>> instanceTypes,
            String relayConnectionString,
            String serviceBusConnectionString) {}

    /**
     * A managed identity: {@code type}, the user-assigned identities as keys of an object, and the
     * principal Azure gives a system-assigned one.
     */
    @JsonPropertyOrder({"type", "userAssignedIdentities", "principalId"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IdentityJson(String type, Map<String, Map<String, Object>> userAssignedIdentities, String principalId) {}

    /** A compute as GET, list and PUT return it. */
    record ComputeBody(
            String id,
            String name,
            String location,
            IdentityJson identity,
            Map<String, String> tags,
            ComputeProperties properties) {}

    /** A compute's properties as Azure returns them; {@code properties} depends on the compute type. */
    record ComputeProperties(
            String computeType,
            String description,
            String resourceId,
            String provisioningState,
            JsonNode provisioningErrors,
            boolean isAttachedCompute,
            String createdOn,
            String modifiedOn,
            JsonNode properties) {}

    /**
     * The attach (PUT) body, in the shape of the REST example {@code createOrUpdate/KubernetesCompute.json}.
     *
     * @param reveal whether connection strings are written as they are, or masked for logging
     */
    static ObjectNode attachBody(ComputeSpec spec, String location, boolean reveal) {
        Map<String, Map<String, Object>> instanceTypes = new LinkedHashMap<>();
        spec.instanceTypes()
                .forEach((name, type) ->
                        instanceTypes.put(name, InstanceTypeJson.from(type).withAzureNulls()));
        KubernetesProperties kubernetes = new KubernetesProperties(
                spec.namespace(),
                spec.defaultInstanceType(),
                instanceTypes,
                secret(spec.relayConnectionString(), reveal),
                secret(spec.serviceBusConnectionString(), reveal));
        AttachBody body = new AttachBody(
                location,
                identity(spec.identity()),
                new AttachProperties(spec.description(), spec.resourceId(), ComputeResource.KUBERNETES, kubernetes));
        return Json.mapper().valueToTree(body);
    }

    private static String secret(Secret secret, boolean reveal) {
        return secret == null ? null : reveal ? secret.reveal() : MASK;
    }

    private static IdentityJson identity(ComputeSpec.Identity identity) {
        if (identity == null) {
            return null;
        }
        Map<String, Map<String, Object>> ids = new LinkedHashMap<>();
        identity.userAssignedIdentityIds().forEach(id -> ids.put(id, Map.of()));
        return new IdentityJson(identity.type(), ids.isEmpty() ? null : ids, null);
    }

    /** A compute resource as GET, list and PUT return it. */
    static ComputeResource read(JsonNode node) {
        ComputeBody body = Json.mapper().convertValue(node, ComputeBody.class);
        ComputeProperties properties = body.properties() == null
                ? new ComputeProperties(null, null, null, null, null, false, null, null, null)
                : body.properties();
        ComputeSpec spec =
                ComputeResource.KUBERNETES.equalsIgnoreCase(properties.computeType()) ? spec(body, properties) : null;
        return new ComputeResource(
                body.id(),
                body.name(),
                body.location(),
                properties.computeType(),
                spec,
                ResourceState.parse(properties.provisioningState()),
                ArmErrors.readAll(properties.provisioningErrors()),
                properties.isAttachedCompute(),
                time("createdOn", properties.createdOn()),
                time("modifiedOn", properties.modifiedOn()),
                body.tags() == null ? Map.of() : body.tags());
    }

    private static ComputeSpec spec(ComputeBody body, ComputeProperties properties) {
        String name = body.name();
        ClusterResourceId cluster;
        try {
            cluster = ClusterResourceId.parse(properties.resourceId());
        } catch (ValidationException e) {
            LOG.debug("Compute '{}' names no AKS or Arc cluster: {}", name, e.getMessage());
            return null;
        }
        KubernetesComputeJson settings = new KubernetesComputeJson(null, null, null);
        if (properties.properties() != null && properties.properties().isObject()) {
            try {
                settings = Json.mapper().convertValue(properties.properties(), KubernetesComputeJson.class);
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "Compute '{}': its Kubernetes settings as stored in Azure are not in Azure ML's shape and are left out: {}",
                        name,
                        e.getMessage());
            }
        }
        Map<String, Map<String, Object>> types = new LinkedHashMap<>();
        if (settings.instanceTypes() != null) {
            settings.instanceTypes().forEach((type, json) -> types.put(type, json == null ? null : json.toMap()));
        }
        return new ComputeSpec(
                cluster.toString(),
                settings.namespace() == null ? "default" : settings.namespace(),
                settings.defaultInstanceType(),
                types,
                readIdentity(body.identity()),
                properties.description(),
                null,
                null);
    }

    private static ComputeSpec.Identity readIdentity(IdentityJson identity) {
        if (identity == null || identity.type() == null || "None".equalsIgnoreCase(identity.type())) {
            return null;
        }
        List<String> ids = identity.userAssignedIdentities() == null
                ? List.of()
                : List.copyOf(identity.userAssignedIdentities().keySet());
        try {
            ComputeIdentity valid = ComputeIdentity.of(identity.type(), ids);
            return new ComputeSpec.Identity(valid.type().name(), valid.userAssignedIdentityIds());
        } catch (ValidationException e) {
            LOG.debug("Identity {} not understood: {}", identity.type(), e.getMessage());
            return null;
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** An ISO date-time as Azure writes it; {@code null} when absent or not one. */
    static OffsetDateTime time(String field, String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            LOG.debug("{} '{}' is not an ISO date-time", field, value);
            return null;
        }
    }
}
