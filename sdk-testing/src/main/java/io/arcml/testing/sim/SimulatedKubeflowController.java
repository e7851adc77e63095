package io.arcml.testing.sim;

import io.arcml.k8s.internal.ApiDiscovery;
import io.arcml.k8s.internal.RunOperations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of Kubeflow's training operator the SDK relies on: a PyTorchJob gets one pod per
 * replica ({@code <job>-master-0}, {@code <job>-worker-<i>}) with the operator's environment
 * ({@code MASTER_ADDR}, {@code MASTER_PORT}, {@code WORLD_SIZE}, {@code RANK}, {@code PET_*}),
 * and a {@code Succeeded} or {@code Failed} condition once its pods end.
 */
final class SimulatedKubeflowController {
    /** The operator's default rendezvous port. */
    static final int PORT = 23456;

    private final KubernetesClient client;

    SimulatedKubeflowController(KubernetesClient client) {
        this.client = client;
    }

    @SuppressWarnings("unchecked")
    void reconcile() {
        if (!ApiDiscovery.served(client, RunOperations.PYTORCH_JOBS)) {
            return;
        }
        for (GenericKubernetesResource job : client.genericKubernetesResources(RunOperations.PYTORCH_JOBS)
                .inAnyNamespace()
                .list()
                .getItems()) {
            List<Map<String, Object>> conditions = job.get("status", "conditions");
            if (conditions != null
                    && conditions.stream()
                            .anyMatch(c -> "Succeeded".equals(c.get("type")) || "Failed".equals(c.get("type")))) {
                continue;
            }
            String ns = job.getMetadata().getNamespace();
            String name = job.getMetadata().getName();
            List<Pod> pods = client.pods()
                    .inNamespace(ns)
                    .withLabel("training.kubeflow.org/job-name", name)
                    .list()
                    .getItems();
            String condition;
            if (pods.isEmpty()) {
                createPods(job, (Map<String, Map<String, Object>>) job.get("spec", "pytorchReplicaSpecs"));
                condition = "Created";
            } else if (pods.stream().anyMatch(p -> "Failed".equals(p.getStatus().getPhase()))) {
                condition = "Failed";
            } else if (pods.stream()
                    .allMatch(p -> "Succeeded".equals(p.getStatus().getPhase()))) {
                condition = "Succeeded";
            } else {
                condition = pods.stream()
                                .anyMatch(p -> "Running".equals(p.getStatus().getPhase()))
                        ? "Running"
                        : "Created";
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put(
                    "conditions",
                    List.of(Map.of(
                            "type",
                            condition,
                            "status",
                            "True",
                            "lastTransitionTime",
                            Instant.now().toString())));
            job.getAdditionalProperties().put("status", status);
            client.genericKubernetesResources(RunOperations.PYTORCH_JOBS)
                    .inNamespace(ns)
                    .resource(job)
                    .update();
        }
    }

    private void createPods(GenericKubernetesResource job, Map<String, Map<String, Object>> replicaSpecs) {
        String name = job.getMetadata().getName();
        int replicas = replicaSpecs.values().stream()
                .mapToInt(r -> ((Number) r.get("replicas")).intValue())
                .sum();
        Object nproc = job.get("spec", "nprocPerNode");
        int perNode = nproc == null ? 1 : Integer.parseInt(nproc.toString());
        String master = name + "-master-0";
        int rank = 0;
        for (String type : List.of("Master", "Worker")) {
            Map<String, Object> spec = replicaSpecs.get(type);
            if (spec == null) {
                continue;
            }
            for (int i = 0; i < ((Number) spec.get("replicas")).intValue(); i++, rank++) {
                PodTemplateSpec template = SimulatedCluster.copy(spec.get("template"), PodTemplateSpec.class);
                List<EnvVar> injected = List.of(
                        new EnvVar("MASTER_ADDR", master, null),
                        new EnvVar("MASTER_PORT", Integer.toString(PORT), null),
                        new EnvVar("WORLD_SIZE", Integer.toString(replicas * perNode), null),
                        new EnvVar("RANK", Integer.toString(rank), null),
                        new EnvVar("PET_MASTER_ADDR", master, null),
                        new EnvVar("PET_MASTER_PORT", Integer.toString(PORT), null),
                        new EnvVar("PET_NNODES", Integer.toString(replicas), null),
                        new EnvVar("PET_NODE_RANK", Integer.toString(rank), null),
                        new EnvVar("PET_NPROC_PER_NODE", Integer.toString(perNode), null),
                        new EnvVar("PYTHONUNBUFFERED", "1", null));
                for (Container c : template.getSpec().getContainers()) {
                    List<EnvVar> env = new ArrayList<>(injected);
                    env.addAll(c.getEnv() == null ? List.of() : c.getEnv());
                    c.setEnv(env);
                }
                String replicaType = type.toLowerCase(Locale.ROOT);
                ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
                Map<String, String> labels =
                        new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
                labels.put("training.kubeflow.org/job-name", name);
                labels.put("training.kubeflow.org/replica-type", replicaType);
                labels.put("training.kubeflow.org/replica-index", Integer.toString(i));
                client.pods()
                        .inNamespace(job.getMetadata().getNamespace())
                        .resource(new PodBuilder()
                                .withNewMetadata()
                                .withName(name + "-" + replicaType + "-" + i)
                                .withNamespace(job.getMetadata().getNamespace())
                                .withLabels(labels)
                                .withAnnotations(meta.getAnnotations())
                                .endMetadata()
                                .withSpec(template.getSpec())
                                .withNewStatus()
                                .withPhase("Pending")
                                .endStatus()
                                .build())
                        .create();
            }
        }
    }
}
