package io.arcml.transport;

import io.arcml.ErrorDetail;
import io.arcml.resource.ComputeSpec;
import io.arcml.resource.ResourceState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A compute target as a control plane reports it.
 *
 * @param id the ARM resource ID
 * @param name the compute name
 * @param location the Azure region (the workspace's)
 * @param computeType {@code Kubernetes}, {@code AmlCompute}, ...
 * @param spec the Kubernetes settings; {@code null} for other compute types
 * @param provisioningState the provisioning state
 * @param provisioningErrors errors when provisioning failed; empty otherwise
 * @param attachedCompute whether the compute was attached (not created by Azure ML)
 * @param createdOn when it was created, or {@code null}
 * @param modifiedOn when it was last changed, or {@code null}
 * @param tags resource tags
 */
public record ComputeResource(
        String id,
        String name,
        String location,
        String computeType,
        ComputeSpec spec,
        ResourceState provisioningState,
        List<ErrorDetail> provisioningErrors,
        boolean attachedCompute,
        OffsetDateTime createdOn,
        OffsetDateTime modifiedOn,
        Map<String, String> tags) {

    /** The compute type of attached Kubernetes clusters. */
    public static final String KUBERNETES = "Kubernetes";

    /** Canonical constructor: copies the collections. */
    public ComputeResource {
        provisioningErrors = provisioningErrors == null ? List.of() : List.copyOf(provisioningErrors);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** This resource in another state, the rest unchanged. */
    public ComputeResource withState(ResourceState state) {
        return new ComputeResource(
                id,
                name,
                location,
                computeType,
                spec,
                state,
                provisioningErrors,
                attachedCompute,
                createdOn,
                modifiedOn,
                tags);
    }

    /** True for attached Kubernetes computes, the ones arcml manages. */
    public boolean isKubernetes() {
        return KUBERNETES.equalsIgnoreCase(computeType) && spec != null;
    }
}
