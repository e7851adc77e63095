package io.arcml.k8s.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.compute.InstanceType;
import io.arcml.internal.Json;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.DistributionSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Renders a run as the objects of one engine: Indexed Jobs and a headless Service, a Volcano Job,
 * or a Kubeflow PyTorchJob. Pure: nothing is sent, so the shapes can be checked in isolation.
 */
public final class RunRenderer {
    /** The completion-index annotation the Job controller puts on Indexed Job pods. */
    public static final String JOB_INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
    /** The task-index annotation Volcano puts on its pods. */
    public static final String VOLCANO_INDEX_ANNOTATION = "volcano.sh/task-index";
    /** Volcano's Job API. */
    public static final String VOLCANO_API = "batch.volcano.sh/v1alpha1";
    /** Kubeflow's training API. */
    public static final String KUBEFLOW_API = "kubeflow.org/v1";

    private static final ObjectMapper JSON = Json.mapper();

    private final PodSpecFactory pods;

    /** @param pods the pod template factory */
    public RunRenderer(PodSpecFactory pods) {
        this.pods = pods;
    }

    /**
     * Renders a run.
     *
     * @param engine the engine, already resolved (not {@link RunEngine#AUTO})
     */
    public RunPlan render(
            String runId, String namespace, String computeName, CommandSpec job, InstanceType type, RunEngine engine) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML);
        labels.put(ArcmlLabels.COMPUTE, ArcmlLabels.labelValue(computeName));
        labels.put(ArcmlLabels.JOB, ArcmlLabels.labelValue(job.name()));
        labels.put(ArcmlLabels.RUN, runId);
        int decisive = DistributionWiring.roles(job).stream()
                .filter(RunRole::decisive)
                .mapToInt(RunRole::replicas)
                .sum();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ArcmlLabels.JOB_NAME_ANNOTATION, job.name());
        annotations.put(ArcmlLabels.ENGINE_ANNOTATION, engine.name());
        annotations.put(ArcmlLabels.INSTANCES_ANNOTATION, Integer.toString(decisive));
        annotations.put(ArcmlLabels.INSTANCE_TYPE_ANNOTATION, job.instanceType());
        Context ctx = new Context(runId, namespace, job, type, labels, annotations);
        List<HasMetadata> objects = switch (engine) {
            case VOLCANO -> volcano(ctx);
            case KUBEFLOW -> kubeflow(ctx);
            default -> indexedJobs(ctx);
        };
        return new RunPlan(runId, namespace, engine, objects, decisive);
    }

    private record Context(
            String runId,
            String namespace,
            CommandSpec job,
            InstanceType type,
            Map<String, String> labels,
            Map<String, String> annotations) {}

    private List<HasMetadata> indexedJobs(Context c) {
        List<HasMetadata> out = new ArrayList<>();
        boolean distributed = DistributionWiring.isDistributed(c.job());
        BiFunction<String, Integer, String> hosts = (role, i) -> jobName(c.runId(), role) + "-" + i + "." + c.runId();
        DistributionWiring wiring = new DistributionWiring(c.job(), hosts, JOB_INDEX_ANNOTATION);
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        addHostfile(c, wiring, out, volumes, mounts);
        if (distributed) {
            out.add(new ServiceBuilder()
                    .withNewMetadata()
                    .withName(c.runId())
                    .withNamespace(c.namespace())
                    .withLabels(c.labels())
                    .endMetadata()
                    .withNewSpec()
                    .withClusterIP("None")
                    .withPublishNotReadyAddresses(true)
                    .withSelector(Map.of(ArcmlLabels.RUN, c.runId()))
                    .addNewPort()
                    .withName("rendezvous")
                    .withPort(DistributionWiring.port(c.job()))
                    .endPort()
                    .endSpec()
                    .build());
        }
        for (RunRole role : DistributionWiring.roles(c.job())) {
            PodTemplateSpec template =
                    pods.template(request(c, role, "main", wiring.environment(role), volumes, mounts));
            if (distributed) {
                template.getSpec().setSubdomain(c.runId());
            }
            String name = jobName(c.runId(), role.name());
            out.add(new JobBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(c.namespace())
                    .withLabels(c.labels())
                    .withAnnotations(c.annotations())
                    .endMetadata()
                    .withNewSpec()
                    .withCompletionMode("Indexed")
                    .withCompletions(role.replicas())
                    .withParallelism(role.replicas())
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(
                            c.job().timeout() == null ? null : c.job().timeout().toSeconds())
                    .withTemplate(template)
                    .endSpec()
                    .build());
        }
        return out;
    }

    /** The name of a role's Indexed Job: the run id for workers, {@code <run>-<role>} for the others. */
    public static String jobName(String runId, String role) {
        return "worker".equals(role) ? runId : runId + "-" + role;
    }

    private List<HasMetadata> volcano(Context c) {
        List<HasMetadata> out = new ArrayList<>();
        BiFunction<String, Integer, String> hosts = (role, i) -> c.runId() + "-" + role + "-" + i + "." + c.runId();
        DistributionWiring wiring = new DistributionWiring(c.job(), hosts, VOLCANO_INDEX_ANNOTATION);
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        addHostfile(c, wiring, out, volumes, mounts);
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (RunRole role : DistributionWiring.roles(c.job())) {
            PodTemplateSpec template =
                    pods.template(request(c, role, "main", wiring.environment(role), volumes, mounts));
            template.getSpec().setSchedulerName("volcano");
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("name", role.name());
            task.put("replicas", role.replicas());
            task.put("template", JSON.convertValue(template, Map.class));
            if (role.decisive() && DistributionWiring.roles(c.job()).size() > 1) {
                task.put("policies", List.of(Map.of("event", "TaskCompleted", "action", "CompleteJob")));
            }
            tasks.add(task);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("minAvailable", c.job().instanceCount());
        spec.put("schedulerName", "volcano");
        spec.put("queue", "default");
        spec.put("maxRetry", 0);
        spec.put("plugins", Map.of("env", List.of(), "svc", List.of("--publish-not-ready-addresses")));
        spec.put(
                "policies",
                List.of(
                        Map.of("event", "PodEvicted", "action", "RestartJob"),
                        Map.of("event", "PodFailed", "action", "AbortJob")));
        spec.put("tasks", tasks);
        if (c.job().timeout() != null) {
            spec.put("activeDeadlineSeconds", c.job().timeout().toSeconds());
        }
        out.add(generic(VOLCANO_API, "Job", c, spec));
        return out;
    }

    private List<HasMetadata> kubeflow(Context c) {
        DistributionSpec.PyTorch pt = (DistributionSpec.PyTorch) c.job().distribution();
        int nodes = c.job().instanceCount();
        // The operator injects MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK and PET_*; only Azure ML's count is added.
        List<EnvVar> env = List.of(new EnvVar("AZUREML_NODE_COUNT", Integer.toString(nodes), null));
        Map<String, Object> replicaSpecs = new LinkedHashMap<>();
        replicaSpecs.put("Master", replicaSpec(c, new RunRole("master", 1, true), env));
        if (nodes > 1) {
            replicaSpecs.put("Worker", replicaSpec(c, new RunRole("worker", nodes - 1, true), env));
        }
        Map<String, Object> runPolicy = new LinkedHashMap<>();
        runPolicy.put("cleanPodPolicy", "None");
        runPolicy.put("backoffLimit", 0);
        if (c.job().timeout() != null) {
            runPolicy.put("activeDeadlineSeconds", c.job().timeout().toSeconds());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("nprocPerNode", Integer.toString(pt.processesPerInstance()));
        spec.put("runPolicy", runPolicy);
        spec.put("pytorchReplicaSpecs", replicaSpecs);
        return List.of(generic(KUBEFLOW_API, "PyTorchJob", c, spec));
    }

    private Map<String, Object> replicaSpec(Context c, RunRole role, List<EnvVar> env) {
        PodTemplateSpec template = pods.template(request(c, role, "pytorch", env, List.of(), List.of()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replicas", role.replicas());
        out.put("restartPolicy", "Never");
        out.put("template", JSON.convertValue(template, Map.class));
        return out;
    }

    private PodRequest request(
            Context c,
            RunRole role,
            String container,
            List<EnvVar> env,
            List<Volume> volumes,
            List<VolumeMount> mounts) {
        Map<String, String> labels = new LinkedHashMap<>(c.labels());
        labels.put(ArcmlLabels.ROLE, role.name());
        return new PodRequest(
                c.job(),
                c.job().instanceType(),
                c.type(),
                labels,
                c.annotations(),
                container,
                env,
                volumes,
                mounts,
                DistributionWiring.isDistributed(c.job()) ? List.of(c.runId(), "." + c.runId()) : List.of());
    }

    private static void addHostfile(
            Context c,
            DistributionWiring wiring,
            List<HasMetadata> out,
            List<Volume> volumes,
            List<VolumeMount> mounts) {
        ConfigMap hostfile = wiring.hostfile(c.runId() + "-hostfile", c.namespace(), c.labels());
        if (hostfile != null) {
            out.add(hostfile);
            volumes.add(DistributionWiring.hostfileVolume(hostfile.getMetadata().getName()));
            mounts.add(DistributionWiring.hostfileMount());
        }
    }

    private static GenericKubernetesResource generic(
            String apiVersion, String kind, Context c, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata()
                .withName(c.runId())
                .withNamespace(c.namespace())
                .withLabels(c.labels())
                .withAnnotations(c.annotations())
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }
}
