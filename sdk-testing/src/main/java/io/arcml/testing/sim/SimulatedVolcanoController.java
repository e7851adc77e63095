package io.arcml.testing.sim;

import io.arcml.k8s.internal.ApiDiscovery;
import io.arcml.k8s.internal.RunOperations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of Volcano's job controller the SDK relies on: one pod per task replica named
 * {@code <job>-<task>-<i>} with the task-index annotation, hostname and subdomain (the svc
 * plugin), in the job's gang ({@code scheduling.k8s.io/group-name}); the job's
 * {@code status.state.phase} follows its pods.
 */
final class SimulatedVolcanoController {
    static final String GROUP = "scheduling.k8s.io/group-name";
    static final String MIN_AVAILABLE = "arcml.io/sim-min-available";

    private final KubernetesClient client;

    SimulatedVolcanoController(KubernetesClient client) {
        this.client = client;
    }

    @SuppressWarnings("unchecked")
    void reconcile() {
        if (!ApiDiscovery.served(client, RunOperations.VOLCANO_JOBS)) {
            return;
        }
        for (GenericKubernetesResource job : client.genericKubernetesResources(RunOperations.VOLCANO_JOBS)
                .inAnyNamespace()
                .list()
                .getItems()) {
            String ns = job.getMetadata().getNamespace();
            String name = job.getMetadata().getName();
            Map<String, Object> spec =
                    (Map<String, Object>) job.getAdditionalProperties().get("spec");
            String phase = job.get("status", "state", "phase");
            if ("Completed".equals(phase) || "Failed".equals(phase) || "Aborted".equals(phase)) {
                continue;
            }
            List<Pod> pods = client.pods()
                    .inNamespace(ns)
                    .withLabel("volcano.sh/job-name", name)
                    .list()
                    .getItems();
            List<Map<String, Object>> tasks = (List<Map<String, Object>>) spec.get("tasks");
            if (pods.isEmpty()) {
                int minAvailable = ((Number) spec.getOrDefault("minAvailable", 1)).intValue();
                for (Map<String, Object> task : tasks) {
                    int replicas = ((Number) task.get("replicas")).intValue();
                    PodTemplateSpec template = SimulatedCluster.copy(task.get("template"), PodTemplateSpec.class);
                    for (int i = 0; i < replicas; i++) {
                        client.pods()
                                .inNamespace(ns)
                                .resource(podFor(job, (String) task.get("name"), i, template, minAvailable))
                                .create();
                    }
                }
                phase = "Pending";
            } else {
                phase = phaseOf(pods, tasks);
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("state", Map.of("phase", phase));
            job.getAdditionalProperties().put("status", status);
            client.genericKubernetesResources(RunOperations.VOLCANO_JOBS)
                    .inNamespace(ns)
                    .resource(job)
                    .update();
        }
    }

    @SuppressWarnings("unchecked")
    private static String phaseOf(List<Pod> pods, List<Map<String, Object>> tasks) {
        if (pods.stream().anyMatch(p -> "Failed".equals(p.getStatus().getPhase()))) {
            return "Failed";
        }
        // A task with a TaskCompleted/CompleteJob policy ends the job when its pods succeed (TensorFlow workers).
        for (Map<String, Object> task : tasks) {
            boolean completesJob = ((List<Map<String, Object>>) task.getOrDefault("policies", List.of()))
                    .stream()
                            .anyMatch(p ->
                                    "TaskCompleted".equals(p.get("event")) && "CompleteJob".equals(p.get("action")));
            List<Pod> own = pods.stream()
                    .filter(p ->
                            task.get("name").equals(p.getMetadata().getLabels().get("volcano.sh/task-spec")))
                    .toList();
            if (completesJob
                    && !own.isEmpty()
                    && own.stream()
                            .allMatch(p -> "Succeeded".equals(p.getStatus().getPhase()))) {
                return "Completed";
            }
        }
        if (pods.stream().allMatch(p -> "Succeeded".equals(p.getStatus().getPhase()))) {
            return "Completed";
        }
        return pods.stream().anyMatch(p -> "Running".equals(p.getStatus().getPhase())) ? "Running" : "Pending";
    }

    private static Pod podFor(
            GenericKubernetesResource job, String task, int index, PodTemplateSpec template, int minAvailable) {
        String name = job.getMetadata().getName();
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.put("volcano.sh/job-name", name);
        labels.put("volcano.sh/task-spec", task);
        Map<String, String> annotations =
                new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
        annotations.put("volcano.sh/task-index", Integer.toString(index));
        annotations.put(GROUP, name);
        annotations.put(MIN_AVAILABLE, Integer.toString(minAvailable));
        template.getSpec().setHostname(name + "-" + task + "-" + index);
        template.getSpec().setSubdomain(name);
        return new PodBuilder()
                .withNewMetadata()
                .withName(name + "-" + task + "-" + index)
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus()
                .withPhase("Pending")
                .endStatus()
                .build();
    }
}
