package io.arcml.compute;

import io.arcml.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
