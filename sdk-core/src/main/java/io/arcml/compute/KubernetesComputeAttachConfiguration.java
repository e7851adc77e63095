package io.arcml.compute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ArcmlException;
import io.arcml.Secret;
import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.ComputeNames;
import io.arcml.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to attach a Kubernetes cluster as a compute target: the fluent counterpart of the Python
 * SDK's {@code KubernetesCompute.attach_configuration}. Each setter checks its value at once;
 * {@link #toSpec()} checks the settings together.
 *
 * <pre>{@code
 * KubernetesComputeAttachConfiguration cfg = KubernetesCompute.attachConfiguration(resourceId)
 *     .namespace("amlarc-testing")
 *     .defaultInstanceType("gpu_instance")
 *     .instanceTypes(Map.of("gpu_instance", gpu));
 * }</pre>
 */
public final class KubernetesComputeAttachConfiguration {
    private final ClusterResourceId resourceId;
    private String namespace = "default";
    private String defaultInstanceType;
    private final Map<String, InstanceType> instanceTypes = new LinkedHashMap<>();
    private ComputeIdentity identity;
    private String description;
    private Secret relayConnectionString;
    private Secret serviceBusConnectionString;
    private boolean replaceExisting;

    KubernetesComputeAttachConfiguration(String resourceId) {
        this.resourceId = ClusterResourceId.parse(resourceId);
    }

    /**
     * A configuration for the cluster with this ARM resource ID, as
     * {@code KubernetesCompute.attachConfiguration(resourceId)} makes it: for readers of the model
     * layer (a CLI v2 compute file), which do not reach the API's handles.
     */
    public static KubernetesComputeAttachConfiguration forCluster(String resourceId) {
        return new KubernetesComputeAttachConfiguration(resourceId);
    }

    /** The Kubernetes namespace jobs run in; it must already exist. Default {@code default}. */
    public KubernetesComputeAttachConfiguration namespace(String namespace) {
        this.namespace = ComputeNames.requireNamespace(namespace);
        return this;
    }

    /** The instance type jobs get when they name none; it must be one of {@link #instanceTypes(Map)}. */
    public KubernetesComputeAttachConfiguration defaultInstanceType(String name) {
        this.defaultInstanceType = ComputeNames.requireInstanceTypeName(name, "defaultInstanceType");
        return this;
    }

    /** Replaces the instance types with these, by name (iteration order is kept). */
    public KubernetesComputeAttachConfiguration instanceTypes(Map<String, InstanceType> types) {
        instanceTypes.clear();
        types.forEach(this::instanceType);
        return this;
    }

    /** Adds (or replaces) one instance type. */
    public KubernetesComputeAttachConfiguration instanceType(String name, InstanceType type) {
        ComputeNames.requireInstanceTypeName(name, "instanceTypes");
        if (type == null) {
            throw new ValidationException(
                    "instanceTypes." + name,
                    null,
                    "(null given instead of an InstanceType)",
                    "Build it with InstanceType.builder()...build()");
        }
        instanceTypes.put(name, type);
        return this;
    }

    /** The compute's managed identity. */
    public KubernetesComputeAttachConfiguration identity(ComputeIdentity identity) {
        this.identity = identity;
        return this;
    }

    /** The Python SDK's form: {@code identity_type} ({@code SystemAssigned}/{@code UserAssigned}) and {@code identity_ids}. */
    public KubernetesComputeAttachConfiguration identity(String identityType, List<String> identityIds) {
        this.identity = ComputeIdentity.of(identityType, identityIds);
        return this;
    }

    /** A description shown in the workspace. */
    public KubernetesComputeAttachConfiguration description(String description) {
        this.description = description;
        return this;
    }

    /** Bring-your-own Azure Relay connection string; write-only, never printed. */
    public KubernetesComputeAttachConfiguration relayConnectionString(String connectionString) {
        this.relayConnectionString = Secret.of(connectionString);
        return this;
    }

    /** Bring-your-own Service Bus connection string; write-only, never printed. */
    public KubernetesComputeAttachConfiguration serviceBusConnectionString(String connectionString) {
        this.serviceBusConnectionString = Secret.of(connectionString);
        return this;
    }

    /**
     * Whether an existing compute of the same name with different settings is overwritten.
     * Azure overwrites silently; arcml refuses unless asked. Default {@code false}.
     */
    public KubernetesComputeAttachConfiguration replaceExisting(boolean replace) {
        this.replaceExisting = replace;
        return this;
    }

    /** Whether {@link #replaceExisting(boolean)} was asked for. */
    public boolean replaceExisting() {
        return replaceExisting;
    }

    /**
     * Loads the how-to's advanced attach JSON file ({@code namespace}, {@code defaultInstanceType},
     * {@code instanceTypes} with {@code nodeSelector} and {@code resources}) as-is. Settings in
     * the file replace those set before; unknown keys are reported, not dropped.
     */
    public KubernetesComputeAttachConfiguration configFile(Path file) {
        Arguments.nonNull(file, "file");
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ValidationException(
                    "configFile",
                    file.toString(),
                    "does not exist (no such file)",
                    "Check the path; it is resolved against " + Path.of("").toAbsolutePath());
        } catch (IOException e) {
            throw new ArcmlException(
                    "configFile: cannot read '" + file + "': " + e.getMessage()
                            + ". Check the path; it is resolved against "
                            + Path.of("").toAbsolutePath(),
                    e);
        }
        JsonNode root;
        try {
            root = Json.readDocument(text);
        } catch (JsonProcessingException e) {
            throw new ValidationException(
                    "configFile",
                    file.toString(),
                    "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + ")",
                    "Fix the JSON; the how-to's format is {\"namespace\": ..., \"defaultInstanceType\": ..., \"instanceTypes\": {...}}");
        }
        return settings(Json.bindStrictly(root, KubernetesComputeJson.class, "configFile"));
    }

    /**
     * Applies the settings of Azure ML's Kubernetes compute JSON (the how-to's attach file, a CLI v2
     * compute file's {@code properties}): those it gives replace those set before, each checked as
     * its setter checks it.
     */
    public KubernetesComputeAttachConfiguration settings(KubernetesComputeJson json) {
        Arguments.nonNull(json, "json");
        if (json.namespace() != null) {
            namespace(json.namespace());
        }
        if (json.defaultInstanceType() != null) {
            defaultInstanceType(json.defaultInstanceType());
        }
        if (json.instanceTypes() != null) {
            instanceTypes(json.instanceTypes((name, invalid) -> {
                throw invalid;
            }));
        }
        return this;
    }

    /**
     * Checks the settings together and returns them as an immutable spec. With no instance types,
     * arcml defines {@value InstanceType#DEFAULT_NAME} with 1 CPU and 4Gi.
     *
     * @throws ValidationException when {@code defaultInstanceType} is missing or names no instance type
     */
    public KubernetesComputeSpec toSpec() {
        Map<String, InstanceType> types = new LinkedHashMap<>(instanceTypes);
        String defaultType = defaultInstanceType;
        if (types.isEmpty()) {
            if (defaultType != null && !InstanceType.DEFAULT_NAME.equals(defaultType)) {
                throw new ValidationException(
                        "defaultInstanceType",
                        defaultType,
                        "names no instance type: instanceTypes is empty",
                        "Define it with instanceTypes(Map.of(\"" + defaultType
                                + "\", InstanceType.builder()...build())), or drop defaultInstanceType");
            }
            defaultType = InstanceType.DEFAULT_NAME;
            types.put(defaultType, InstanceType.defaultInstanceType());
        } else if (defaultType == null) {
            throw new ValidationException(
                    "defaultInstanceType",
                    null,
                    "is required when instanceTypes is set",
                    "Name one of " + types.keySet() + " with defaultInstanceType(..)");
        } else if (!types.containsKey(defaultType)) {
            throw new ValidationException(
                    "defaultInstanceType",
                    defaultType,
                    "is not one of the instance types " + types.keySet(),
                    "Name one of them, or add \"" + defaultType + "\" to instanceTypes");
        }
        return new KubernetesComputeSpec(
                resourceId,
                namespace,
                defaultType,
                types,
                identity,
                description,
                relayConnectionString,
                serviceBusConnectionString);
    }

    /** A secret-free summary: the cluster, the namespace, the effective default and the instance types' names. */
    @Override
    public String toString() {
        String effectiveDefault = defaultInstanceType != null
                ? defaultInstanceType
                : instanceTypes.isEmpty() ? InstanceType.DEFAULT_NAME + " (1 CPU, 4Gi)" : "missing";
        return "KubernetesComputeAttachConfiguration{cluster=" + resourceId.clusterName() + " (" + resourceId.kind()
                + ")"
                + ", namespace=" + namespace + ", defaultInstanceType=" + effectiveDefault
                + (instanceTypes.isEmpty() ? "" : ", instanceTypes=" + instanceTypes.keySet())
                + (identity == null ? "" : ", identity=" + identity)
                + (description == null ? "" : ", description=" + description)
                + (relayConnectionString == null ? "" : ", relayConnectionString=***")
                + (serviceBusConnectionString == null ? "" : ", serviceBusConnectionString=***") + "}";
    }
}
