package io.arcml.resource;

import io.arcml.Secret;
import io.arcml.internal.Arguments;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a Kubernetes compute as a control plane sends and reads them: what an attach
 * carries and what a read answers. The user API builds it from its validated
 * {@code KubernetesComputeSpec} and reads it back through the same codec
 * ({@code KubernetesComputeSpec.toSpi()} / {@code fromSpi(..)}).
 *
 * @param resourceId the cluster's Azure resource ID
 * @param namespace the namespace jobs run in
 * @param defaultInstanceType the instance type jobs get when they name none
 * @param instanceTypes the instance types by name, in their order, each in Azure ML's JSON shape
 *     ({@code {"nodeSelector": {...}, "resources": {"requests": {...}, "limits": {...}}}})
 * @param identity the compute's managed identity, or {@code null}
 * @param description a description, or {@code null}
 * @param relayConnectionString bring-your-own Azure Relay connection string (write-only), or {@code null}
 * @param serviceBusConnectionString bring-your-own Service Bus connection string (write-only), or {@code null}
 */
public record ComputeSpec(
        String resourceId,
        String namespace,
        String defaultInstanceType,
        Map<String, Map<String, Object>> instanceTypes,
        Identity identity,
        String description,
        Secret relayConnectionString,
        Secret serviceBusConnectionString) {

    /**
     * A managed identity.
     *
     * @param type {@code SystemAssigned} or {@code UserAssigned}
     * @param userAssignedIdentityIds the resource IDs of user-assigned identities; empty otherwise
     */
    public record Identity(String type, List<String> userAssignedIdentityIds) {

        /** Canonical constructor: the type is required; copies the IDs. */
        public Identity {
            Arguments.nonNull(type, "type");
            userAssignedIdentityIds =
                    userAssignedIdentityIds == null ? List.of() : List.copyOf(userAssignedIdentityIds);
        }
    }

    /** Canonical constructor: the cluster and namespace are required; keeps the instance types' order, read-only. */
    public ComputeSpec {
        Arguments.nonNull(resourceId, "resourceId");
        Arguments.nonNull(namespace, "namespace");
        instanceTypes =
                instanceTypes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(instanceTypes));
    }

    /** A secret-free summary. */
    @Override
    public String toString() {
        return "ComputeSpec{resourceId=" + resourceId + ", namespace=" + namespace + ", defaultInstanceType="
                + defaultInstanceType + ", instanceTypes=" + instanceTypes.keySet()
                + (identity == null ? "" : ", identity=" + identity.type())
                + (relayConnectionString == null ? "" : ", relayConnectionString=***")
                + (serviceBusConnectionString == null ? "" : ", serviceBusConnectionString=***") + "}";
    }
}
