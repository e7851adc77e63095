package io.arcml.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the runs of a job by its name, from the labels and annotations arcml puts on every object
 * of a run: how a process picks up runs another process submitted.
 */
public final class RunFinder {
    private RunFinder() {}

    /** The run IDs of {@code jobName} in {@code namespace}, oldest first. */
    public static List<String> runIds(KubernetesClient client, String namespace, String jobName) {
        String label = ArcmlLabels.labelValue(jobName);
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withLabel(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML)
                .withLabel(ArcmlLabels.JOB, label)
                .list()
                .getItems());
        objects.addAll(client.pods()
                .inNamespace(namespace)
                .withLabel(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML)
                .withLabel(ArcmlLabels.JOB, label)
                .list()
                .getItems());
        // The label is a shortened form of the name; the annotation holds it whole.
        Map<String, String> firstSeen = new LinkedHashMap<>();
        objects.stream()
                .filter(o -> o.getMetadata().getAnnotations() != null
                        && jobName.equals(o.getMetadata().getAnnotations().get(ArcmlLabels.JOB_NAME_ANNOTATION)))
                .sorted(Comparator.comparing(o -> o.getMetadata().getCreationTimestamp() == null
                        ? ""
                        : o.getMetadata().getCreationTimestamp()))
                .forEach(o -> firstSeen.putIfAbsent(
                        o.getMetadata().getLabels().get(ArcmlLabels.RUN),
                        o.getMetadata().getCreationTimestamp()));
        return new ArrayList<>(firstSeen.keySet());
    }
}
