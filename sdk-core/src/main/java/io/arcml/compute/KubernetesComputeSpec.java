package io.arcml.compute;

import io.arcml.Secret;
import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.resource.ComputeSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The validated, immutable settings of a Kubernetes compute: what an attach sends and what a
 * transport reads back. Build it with {@link KubernetesCompute#attachConfiguration(String)}.
 *
 * @param resourceId the cluster
 * @param namespace the namespace jobs run in (it must already exist in the cluster)
 * @param defaultInstanceType the instance type jobs get when they name none; one of {@code instanceTypes}
 * @param instanceTypes the instance types by name, in the order given
 * @param identity the compute's managed identity, or {@code null}
 * @param description a description, or {@code null}
 * @param relayConnectionString bring-your-own Azure Relay connection string (write-only), or {@code null}
 * @param serviceBusConnectionString bring-your-own Service Bus connection string (write-only), or {@code null}
 */
public record KubernetesComputeSpec(
        ClusterResourceId resourceId,
        String namespace,
        String defaultInstanceType,
        Map<String, InstanceType> instanceTypes,
        ComputeIdentity identity,
        String description,
        Secret relayConnectionString,
        Secret serviceBusConnectionString) {

    /** Canonical constructor: keeps the instance types' order and makes them read-only. */
    public KubernetesComputeSpec {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(namespace, "namespace");
        instanceTypes = Collections.unmodifiableMap(new LinkedHashMap<>(instanceTypes));
    }

    /**
     * The control plane's form of these settings: the cluster ID as a string, the instance types in
     * Azure ML's JSON shape ({@link InstanceTypeJson}).
     */
    public ComputeSpec toSpi() {
        KubernetesComputeJson settings = KubernetesComputeJson.of(this);
        Map<String, Map<String, Object>> types = new LinkedHashMap<>();
        settings.instanceTypes().forEach((name, json) -> types.put(name, json.toMap()));
        return new ComputeSpec(
                resourceId.toString(),
                namespace,
                defaultInstanceType,
                types,
                identity == null
                        ? null
                        : new ComputeSpec.Identity(identity.type().name(), identity.userAssignedIdentityIds()),
                description,
                relayConnectionString,
                serviceBusConnectionString);
    }

    /**
     * Reads a control plane's settings back, checking each instance type by {@link InstanceType}'s rules.
     *
     * @param invalid told of each instance type that breaks a rule (with the reason), which is left
     *     out; throw from it to stop
     * @throws ValidationException when the cluster ID or the identity is not valid
     */
    public static KubernetesComputeSpec fromSpi(ComputeSpec spec, BiConsumer<String, ValidationException> invalid) {
        Arguments.nonNull(spec, "spec");
        Arguments.nonNull(invalid, "invalid");
        Map<String, InstanceTypeJson> json = new LinkedHashMap<>();
        spec.instanceTypes().forEach((name, type) -> {
            try {
                json.put(name, type == null ? null : InstanceTypeJson.from(type));
            } catch (IllegalArgumentException e) {
                invalid.accept(
                        name,
                        new ValidationException(
                                "instanceTypes." + name,
                                String.valueOf(type),
                                "is not in Azure ML's instance type shape",
                                "Write it as {\"nodeSelector\": {...}, \"resources\": {\"requests\": {...}, \"limits\": {...}}}"));
            }
        });
        Map<String, InstanceType> types =
                new KubernetesComputeJson(spec.namespace(), spec.defaultInstanceType(), json).instanceTypes(invalid);
        ComputeSpec.Identity id = spec.identity();
        return new KubernetesComputeSpec(
                ClusterResourceId.parse(spec.resourceId()),
                spec.namespace(),
                spec.defaultInstanceType(),
                types,
                id == null ? null : ComputeIdentity.of(id.type(), id.userAssignedIdentityIds()),
                spec.description(),
                spec.relayConnectionString(),
                spec.serviceBusConnectionString());
    }

    /** The default instance type's definition. */
    public InstanceType defaultInstanceTypeDefinition() {
        return instanceTypes.get(defaultInstanceType);
    }

    /**
     * The settings that differ from {@code other}, each as {@code field (existing X, requested Y)};
     * empty when the two would attach the same compute. Write-only secrets are not compared: the
     * service never returns them.
     */
    public List<String> differences(KubernetesComputeSpec other) {
        List<String> out = new ArrayList<>();
        compare(out, "resourceId", resourceId, other.resourceId);
        compare(out, "namespace", namespace, other.namespace);
        compare(out, "defaultInstanceType", defaultInstanceType, other.defaultInstanceType);
        compare(out, "instanceTypes", instanceTypes, other.instanceTypes);
        compare(out, "identity", identity, other.identity);
        return out;
    }

    private static void compare(List<String> out, String field, Object existing, Object requested) {
        if (!Objects.equals(existing, requested)) {
            out.add(field + " (existing " + existing + ", requested " + requested + ")");
        }
    }

    /** A secret-free summary. */
    @Override
    public String toString() {
        return "KubernetesComputeSpec{resourceId=" + resourceId + ", namespace=" + namespace
                + ", defaultInstanceType=" + defaultInstanceType + ", instanceTypes=" + instanceTypes.keySet()
                + (identity == null ? "" : ", identity=" + identity.type())
                + (relayConnectionString == null ? "" : ", relayConnectionString=***")
                + (serviceBusConnectionString == null ? "" : ", serviceBusConnectionString=***") + "}";
    }
}
