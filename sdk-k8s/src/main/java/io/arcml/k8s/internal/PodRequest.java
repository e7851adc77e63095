package io.arcml.k8s.internal;

import io.arcml.compute.InstanceType;
import io.arcml.resource.CommandSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;

/**
 * What one role of a run needs from {@link PodSpecFactory}: the job, its instance type, the
 * labels and annotations that tie pods to the run, and the distribution's wiring.
 *
 * @param job the job
 * @param instanceTypeName the instance type's name
 * @param instanceType the instance type
 * @param labels labels for the pods
 * @param annotations annotations for the pods
 * @param containerName the container's name ({@code pytorch} for Kubeflow, else {@code main})
 * @param wiringEnv the distribution's variables, placed before the job's own so they can be referenced
 * @param volumes extra volumes (an MPI hostfile)
 * @param mounts extra mounts
 * @param noProxyExtra hosts the run talks to inside the cluster, added to {@code NO_PROXY}
 */
public record PodRequest(
        CommandSpec job,
        String instanceTypeName,
        InstanceType instanceType,
        Map<String, String> labels,
        Map<String, String> annotations,
        String containerName,
        List<EnvVar> wiringEnv,
        List<Volume> volumes,
        List<VolumeMount> mounts,
        List<String> noProxyExtra) {

    /** Copies the collections. */
    public PodRequest {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        wiringEnv = List.copyOf(wiringEnv);
        volumes = List.copyOf(volumes);
        mounts = List.copyOf(mounts);
        noProxyExtra = List.copyOf(noProxyExtra);
    }
}
