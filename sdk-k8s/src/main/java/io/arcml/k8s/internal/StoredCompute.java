package io.arcml.k8s.internal;

import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.transport.ComputeResource;
import java.util.List;

/**
 * A compute as recorded in the cluster, with the InstanceType resources its attach created (and
 * its detach removes); instance types that already existed are shared, never removed.
 *
 * @param resource the compute
 * @param spec its settings, with the instance types the cluster's pods are scheduled by
 * @param createdInstanceTypes names of the InstanceType resources the attach created
 */
public record StoredCompute(ComputeResource resource, KubernetesComputeSpec spec, List<String> createdInstanceTypes) {

    /** Copies the list. */
    public StoredCompute {
        createdInstanceTypes = List.copyOf(createdInstanceTypes);
    }
}
