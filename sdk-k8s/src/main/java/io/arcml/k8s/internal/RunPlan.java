package io.arcml.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Everything one run creates in the cluster, in creation order.
 *
 * @param runId the run's id, also the base name of its objects
 * @param namespace the compute's namespace
 * @param engine the engine chosen (never {@link RunEngine#AUTO})
 * @param objects the objects to create
 * @param decisiveInstances how many instances must succeed for the run to complete
 */
public record RunPlan(
        String runId, String namespace, RunEngine engine, List<HasMetadata> objects, int decisiveInstances) {

    /** Copies the objects. */
    public RunPlan {
        objects = List.copyOf(objects);
    }
}
