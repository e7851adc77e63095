package io.arcml.k8s.internal;

import io.arcml.ErrorDetail;
import io.arcml.ValidationException;
import io.arcml.compute.InstanceType;
import io.arcml.internal.RandomSuffix;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.DistributionSpec;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits, reads, logs and cancels runs on the cluster. Objects are created (never applied:
 * server-side apply is not universally available), and a run's status is read from the
 * {@link RunTracker}'s caches.
 */
public final class RunOperations {
    /** Volcano's Jobs. */
    public static final ResourceDefinitionContext VOLCANO_JOBS = new ResourceDefinitionContext.Builder()
            .withGroup("batch.volcano.sh")
            .withVersion("v1alpha1")
            .withKind("Job")
            .withPlural("jobs")
            .withNamespaced(true)
            .build();
    /** Kubeflow's PyTorchJobs. */
    public static final ResourceDefinitionContext PYTORCH_JOBS = new ResourceDefinitionContext.Builder()
            .withGroup("kubeflow.org")
            .withVersion("v1")
            .withKind("PyTorchJob")
            .withPlural("pytorchjobs")
            .withNamespaced(true)
            .build();
    /** The PodGroups the Kubeflow training operator makes with scheduler-plugins gang scheduling. */
    public static final ResourceDefinitionContext SCHEDULER_PLUGINS_POD_GROUPS = new ResourceDefinitionContext.Builder()
            .withGroup("scheduling.x-k8s.io")
            .withVersion("v1alpha1")
            .withKind("PodGroup")
            .withPlural("podgroups")
            .withNamespaced(true)
            .build();
    /** The PodGroups the Kubeflow training operator makes with Volcano gang scheduling. */
    public static final ResourceDefinitionContext VOLCANO_POD_GROUPS = new ResourceDefinitionContext.Builder()
            .withGroup("scheduling.volcano.sh")
            .withVersion("v1beta1")
            .withKind("PodGroup")
            .withPlural("podgroups")
            .withNamespaced(true)
            .build();
    /** The label the Kubeflow training operator puts on the Services (and pods) it makes for a job. */
    public static final String KUBEFLOW_JOB_NAME_LABEL = "training.kubeflow.org/job-name";

    private static final Logger LOG = LoggerFactory.getLogger(RunOperations.class);

    private final KubernetesClient client;
    private final KubernetesClient logClient;
    private final RunRenderer renderer;
    private final RunTracker tracker;
    private final RunEngine preferredEngine;
    private final Duration pollInterval;
    private final Map<String, RunHandle> runs = new ConcurrentHashMap<>();
    private final Map<String, RunStatus> canceled = new ConcurrentHashMap<>();

    /**
     * @param client the cluster
     * @param renderer renders runs
     * @param tracker follows runs
     * @param preferredEngine the engine asked for ({@link RunEngine#AUTO} to discover)
     * @param pollInterval how often a cancel checks that everything is gone
     */
    public RunOperations(
            KubernetesClient client,
            RunRenderer renderer,
            RunTracker tracker,
            RunEngine preferredEngine,
            Duration pollInterval) {
        this.client = client;
        // Log reads are not retried: where a node's kubelet cannot be reached the API server answers 500, and
        // the client's backoff would hold the reader (a sweep reading its trials' metrics) for minutes per pod.
        this.logClient = client.newClient(
                        new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                                .withRequestRetryBackoffLimit(0)
                                .build())
                .adapt(KubernetesClient.class);
        this.renderer = renderer;
        this.tracker = tracker;
        this.preferredEngine = preferredEngine;
        this.pollInterval = pollInterval;
    }

    /** The engine a job runs on: the one asked for when installed, else discovered. */
    public RunEngine engineFor(CommandSpec job) {
        // Discovery is asked only when the answer matters: a sweep's single-instance trials need none.
        boolean pytorch = job.distribution() instanceof DistributionSpec.PyTorch;
        switch (preferredEngine) {
            case VOLCANO -> {
                requireInstalled(
                        VOLCANO_JOBS,
                        "batch.volcano.sh/v1alpha1",
                        "Install Volcano (the Azure ML extension does with installVolcano=True)");
                return RunEngine.VOLCANO;
            }
            case KUBEFLOW -> {
                requireInstalled(PYTORCH_JOBS, "kubeflow.org/v1 PyTorchJob", "Install the Kubeflow training operator");
                if (!pytorch) {
                    throw new ValidationException(
                            "distributedEngine",
                            "KUBEFLOW",
                            "runs PyTorch jobs only, not " + job.distribution(),
                            "Use DistributedEngine.AUTO, VOLCANO or INDEXED_JOB for this job");
                }
                return RunEngine.KUBEFLOW;
            }
            case INDEXED_JOB -> {
                return RunEngine.INDEXED_JOB;
            }
            default -> {
                if (job.instanceCount() == 1) {
                    return RunEngine.INDEXED_JOB;
                }
                if (served(VOLCANO_JOBS)) {
                    return RunEngine.VOLCANO;
                }
                return pytorch && served(PYTORCH_JOBS) ? RunEngine.KUBEFLOW : RunEngine.INDEXED_JOB;
            }
        }
    }

    private boolean served(ResourceDefinitionContext ctx) {
        return ApiDiscovery.served(client, ctx);
    }

    /** Refuses the preferred engine when the cluster does not serve its API, naming what to install. */
    private void requireInstalled(ResourceDefinitionContext api, String apiName, String install) {
        if (!served(api)) {
            throw new ValidationException(
                    "distributedEngine",
                    preferredEngine.name(),
                    "is not installed in the cluster (no " + apiName + " API)",
                    install + " or use DistributedEngine.AUTO");
        }
    }

    /**
     * Creates a run's objects; when one cannot be created, the ones already created are deleted
     * before the error is raised, so nothing is left half-made.
     */
    public JobResource submit(String computeName, String namespace, CommandSpec job, InstanceType type) {
        RunEngine engine = engineFor(job);
        String runId = ArcmlLabels.dnsLabel(job.name(), 30) + "-" + RandomSuffix.hex(3);
        RunPlan plan = renderer.render(runId, namespace, computeName, job, type, engine);
        String submission = RandomSuffix.hex(16);
        plan.objects().forEach(o -> {
            Map<String, String> annotations = new HashMap<>(
                    Optional.ofNullable(o.getMetadata().getAnnotations()).orElse(Map.of()));
            annotations.put(ArcmlLabels.SUBMISSION_ANNOTATION, submission);
            o.getMetadata().setAnnotations(annotations);
        });
        // The namespace's watches start at the first status read, not here: a burst of submissions (a
        // sweep's fan-out) is not slowed by the API server sending each new object back to a watch,
        // and the first read's list picks up every run submitted until then in one request.
        List<HasMetadata> created = new ArrayList<>();
        HasMetadata attempted = null;
        try {
            for (HasMetadata object : plan.objects()) {
                attempted = object;
                created.add(create(object, submission));
            }
        } catch (KubernetesClientException e) {
            LOG.info(
                    "Submitting run {} failed ({}); removing the {} object(s) already created",
                    runId,
                    e.getMessage(),
                    created.size());
            List<String> left = deleteCreated(namespace, runId, created);
            String cleanup = left.isEmpty()
                    ? " Nothing of the run was left behind."
                    : " These objects of the run could not be removed; delete them: " + String.join(", ", left) + ".";
            throw new ControlPlaneException(
                    e.getCode() == 0 ? 500 : e.getCode(),
                    ErrorDetail.of(
                            "JobSubmissionFailed",
                            "The cluster refused run " + runId + " of job '" + job.name() + "': "
                                    + refusal(e, attempted, namespace) + cleanup + " The cluster said: "
                                    + e.getMessage()),
                    null,
                    e);
        }
        ownByTheRunsJob(runId, created);
        RunHandle handle = new RunHandle(runId, computeName, namespace, job.name(), engine, plan.decisiveInstances());
        runs.put(runId, handle);
        LOG.info(
                "Submitted job '{}' as run {} on compute '{}' ({} in namespace {})",
                job.name(),
                runId,
                computeName,
                engine,
                namespace);
        return new JobResource(runId, job.name(), computeName, RunStatus.of(RunState.QUEUED, "Submitted as " + engine));
    }

    /**
     * Deletes, by name, what a failed submission created (the Jobs' pods go with them, by the
     * garbage collector): deleting by name needs only the {@code delete} verb, which an identity
     * that may create usually has, where deleting by label would need {@code deletecollection}.
     *
     * @return the objects that could not be deleted, as {@code resource/name}
     */
    private List<String> deleteCreated(String namespace, String runId, List<HasMetadata> created) {
        List<String> left = new ArrayList<>();
        if (created.isEmpty()) {
            return left;
        }
        for (HasMetadata object : created) {
            try {
                if (object instanceof GenericKubernetesResource generic) {
                    generic(generic).withName(object.getMetadata().getName()).delete();
                } else {
                    client.resource(object)
                            .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                            .delete();
                }
            } catch (KubernetesClientException e) {
                LOG.warn(
                        "Could not remove {} {} of a refused submission: {}",
                        object.getKind(),
                        object.getMetadata().getName(),
                        e.getMessage());
                left.add(resourceOf(object) + "/" + object.getMetadata().getName());
            }
        }
        try {
            // Pods a Job controller already made: the garbage collector removes them too, where there is one.
            client.pods()
                    .inNamespace(namespace)
                    .withLabel(ArcmlLabels.RUN, runId)
                    .delete();
        } catch (KubernetesClientException e) {
            LOG.debug("Pods of run {} are left to the garbage collector: {}", runId, e.getMessage());
        }
        return left;
    }

    /** What was refused, in the cluster's terms (verb, resource, namespace), and the fix. */
    private static String refusal(KubernetesClientException e, HasMetadata object, String namespace) {
        return CreateRefusal.describe(
                e,
                resourceOf(object),
                object.getMetadata().getName(),
                namespace,
                "Submit again (each submission draws a new run id) or delete the old object.");
    }

    /** {@code jobs.batch}, {@code services}, {@code jobs.batch.volcano.sh}: the resource as RBAC names it. */
    private static String resourceOf(HasMetadata object) {
        if (object instanceof GenericKubernetesResource generic) {
            ResourceDefinitionContext ctx = definitionOf(generic);
            return ctx.getPlural() + "." + ctx.getGroup();
        }
        String group = HasMetadata.getGroup(object.getClass());
        String plural = HasMetadata.getPlural(object.getClass());
        return group == null || group.isEmpty() ? plural : plural + "." + group;
    }

    /**
     * Creates an object and returns it as stored. A conflict on an object this submission itself
     * created is no conflict: the client retried a create whose response was lost after the API
     * server had stored it.
     */
    private HasMetadata create(HasMetadata object, String submission) {
        try {
            return object instanceof GenericKubernetesResource generic
                    ? generic(generic).resource(generic).create()
                    : client.resource(object).create();
        } catch (KubernetesClientException e) {
            HasMetadata stored = e.getCode() == 409 ? stored(object) : null;
            Map<String, String> annotations =
                    stored == null ? null : stored.getMetadata().getAnnotations();
            if (annotations == null || !submission.equals(annotations.get(ArcmlLabels.SUBMISSION_ANNOTATION))) {
                throw e;
            }
            LOG.debug(
                    "{} {} was already created by an earlier attempt of the same request",
                    object.getKind(),
                    object.getMetadata().getName());
            return stored;
        }
    }

    /** The object of that kind, namespace and name on the server; null when absent. */
    private HasMetadata stored(HasMetadata object) {
        return object instanceof GenericKubernetesResource generic
                ? generic(generic).withName(object.getMetadata().getName()).get()
                : client.resource(object).get();
    }

    /**
     * Makes the run's headless Service and hostfile ConfigMap dependents of its Job (the worker
     * Job, or the Volcano Job), so that the garbage collector removes them with it, as it removes
     * the pods: deleting the Job (kubectl delete job) cleans up the whole run. They are created
     * before the Job, whose pods need them, so the reference is added afterwards; where that
     * patch is refused, cancel still deletes them by label.
     */
    private void ownByTheRunsJob(String runId, List<HasMetadata> created) {
        List<HasMetadata> dependents = created.stream()
                .filter(o -> o instanceof Service || o instanceof ConfigMap)
                .toList();
        if (dependents.isEmpty()) {
            // A single-instance run (every trial of a sweep) is one Job: nothing to own, nothing to serialise.
            return;
        }
        Optional<HasMetadata> owner = created.stream()
                .filter(o -> "Job".equals(o.getKind())
                        && runId.equals(o.getMetadata().getName())
                        && o.getMetadata().getUid() != null)
                .findFirst();
        if (owner.isEmpty()) {
            return;
        }
        HasMetadata job = owner.get();
        OwnerReference reference = new OwnerReferenceBuilder()
                .withApiVersion(job.getApiVersion())
                .withKind(job.getKind())
                .withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid())
                .build();
        String patch = client.getKubernetesSerialization()
                .asJson(Map.of("metadata", Map.of("ownerReferences", List.of(reference))));
        dependents.forEach(dependent -> {
            try {
                client.resource(dependent).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            } catch (KubernetesClientException e) {
                LOG.info(
                        "{} {} of run {} is not owned by its Job ({}); cancel deletes it by label",
                        dependent.getKind(),
                        dependent.getMetadata().getName(),
                        runId,
                        e.getMessage());
            }
        });
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            generic(GenericKubernetesResource object) {
        return client.genericKubernetesResources(definitionOf(object))
                .inNamespace(object.getMetadata().getNamespace());
    }

    /** The engines' custom resources arcml creates: a Volcano Job or a Kubeflow PyTorchJob. */
    private static ResourceDefinitionContext definitionOf(GenericKubernetesResource object) {
        return "Job".equals(object.getKind()) ? VOLCANO_JOBS : PYTORCH_JOBS;
    }

    /**
     * Reads a run from the caches; empty when this transport knows no such run.
     *
     * @param namespace the compute's namespace, asked for only for runs another process submitted
     */
    public Optional<JobResource> get(String computeName, Supplier<String> namespace, String runId) {
        Optional<RunHandle> handle = handle(namespace, runId);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        RunHandle h = handle.get();
        RunStatus status = canceled.get(runId);
        if (status == null) {
            List<Pod> pods = tracker.pods(h.namespace(), runId);
            List<Job> jobs = tracker.jobs(h.namespace(), runId);
            status = RunStatusReader.read(
                    pods, jobs, h.decisiveInstances(), this::events, this::nodes, podCreator(h.engine()));
            if (!status.state().isTerminal()) {
                status = engineFailure(h, status).orElse(status);
            }
            if (status.state().isTerminal()) {
                stopParameterServers(h, pods);
            }
        }
        return Optional.of(new JobResource(runId, h.jobName(), computeName, status));
    }

    /**
     * A failure only the engine knows of (a Volcano or Kubeflow job failed with no failed pod);
     * one read of the engine's job, made only while the pods show no end.
     */
    private Optional<RunStatus> engineFailure(RunHandle h, RunStatus fromPods) {
        ResourceDefinitionContext engineJobs = switch (h.engine()) {
            case VOLCANO -> VOLCANO_JOBS;
            case KUBEFLOW -> PYTORCH_JOBS;
            default -> null;
        };
        if (engineJobs == null) {
            return Optional.empty();
        }
        GenericKubernetesResource job = client.genericKubernetesResources(engineJobs)
                .inNamespace(h.namespace())
                .withName(h.runId())
                .get();
        return job == null ? Optional.empty() : EngineJobStatus.failure(job, fromPods.startTime());
    }

    private static String podCreator(RunEngine engine) {
        return switch (engine) {
            case VOLCANO -> "the Volcano job controller (volcano-controllers in namespace azureml or volcano-system)";
            case KUBEFLOW -> "the Kubeflow training operator (is it running?)";
            default -> "the Job controller";
        };
    }

    private Optional<RunHandle> handle(Supplier<String> namespaceOfCompute, String runId) {
        RunHandle known = runs.get(runId);
        if (known != null) {
            return Optional.of(known);
        }
        String namespace = namespaceOfCompute.get();
        // A run submitted by another process: find it by its label and read what the pods' annotations say.
        // Pods carry the run's labels and annotations; a run whose pods are not created yet has only its Jobs.
        Stream<HasMetadata> objects =
                Stream.concat(runPods(namespace, runId).stream(), runJobs(namespace, runId).stream());
        return objects.filter(o -> o.getMetadata().getAnnotations() != null
                        && o.getMetadata().getAnnotations().containsKey(ArcmlLabels.ENGINE_ANNOTATION))
                .findFirst()
                .map(p -> {
                    Map<String, String> a = p.getMetadata().getAnnotations();
                    RunHandle h = new RunHandle(
                            runId,
                            p.getMetadata().getLabels().get(ArcmlLabels.COMPUTE),
                            namespace,
                            a.get(ArcmlLabels.JOB_NAME_ANNOTATION),
                            RunEngine.valueOf(a.get(ArcmlLabels.ENGINE_ANNOTATION)),
                            Integer.parseInt(a.get(ArcmlLabels.INSTANCES_ANNOTATION)));
                    runs.put(runId, h);
                    return h;
                });
    }

    private void stopParameterServers(RunHandle h, List<Pod> pods) {
        boolean parameterServersLeft = pods.stream()
                .anyMatch(p -> "ps".equals(p.getMetadata().getLabels().get(ArcmlLabels.ROLE))
                        && p.getMetadata().getDeletionTimestamp() == null);
        if (parameterServersLeft && h.engine() == RunEngine.INDEXED_JOB) {
            // Parameter servers serve until stopped; once the workers are done they have nothing left to do.
            client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(h.namespace())
                    .withName(RunRenderer.jobName(h.runId(), "ps"))
                    .delete();
            client.pods()
                    .inNamespace(h.namespace())
                    .withLabel(ArcmlLabels.RUN, h.runId())
                    .withLabel(ArcmlLabels.ROLE, "ps")
                    .delete();
        }
    }

    private List<Event> events(Pod pod) {
        return client.v1().events().inNamespace(pod.getMetadata().getNamespace()).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null
                        && pod.getMetadata()
                                .getName()
                                .equals(e.getInvolvedObject().getName()))
                .toList();
    }

    /** The cluster's nodes; none when this identity may not list them (RBAC often grants namespaces only). */
    private List<Node> nodes() {
        try {
            return client.nodes().list().getItems();
        } catch (KubernetesClientException e) {
            LOG.debug("Cannot list the nodes to name their taints: {}", e.getMessage());
            return List.of();
        }
    }

    /** Every instance's log, headed by its pod's name. */
    public String logs(Supplier<String> namespaceOfCompute, String runId) {
        StringBuilder out = new StringBuilder();
        Optional<RunHandle> handle = handle(namespaceOfCompute, runId);
        if (handle.isEmpty()) {
            return "";
        }
        String namespace = handle.get().namespace();
        List<Pod> pods = new ArrayList<>(tracker.pods(namespace, runId));
        pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        for (Pod pod : pods) {
            String log;
            try {
                log = logClient
                        .pods()
                        .inNamespace(namespace)
                        .withName(pod.getMetadata().getName())
                        .getLog();
            } catch (KubernetesClientException e) {
                log = "(no log yet: " + e.getMessage() + ")";
            }
            out.append("=== ")
                    .append(pod.getMetadata().getName())
                    .append(" ===\n")
                    .append(log == null ? "" : log);
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Deletes everything the run created; the operation ends when no object of the run is left. */
    public LongRunningOperation cancel(Supplier<String> namespaceOfCompute, String runId) {
        Optional<RunHandle> handle = handle(namespaceOfCompute, runId);
        if (handle.isEmpty()) {
            throw new ControlPlaneException(
                    404, ErrorDetail.of("RunNotFound", "There is no run " + runId + " on this compute"), null);
        }
        String namespace = handle.get().namespace();
        RunEngine engine = handle.get().engine();
        canceled.put(
                runId, RunStatus.of(RunState.CANCELED, "Canceled by the user; every object of the run was deleted"));
        deleteRunObjects(namespace, runId);
        LOG.info("Canceled run {}", runId);
        // A controller may have created a pod after the first delete (it had not seen it yet): delete again.
        return CancelOperation.untilGone(
                () -> leftovers(namespace, runId) + operatorLeftovers(engine, namespace, runId) == 0,
                () -> deleteRunObjects(namespace, runId),
                pollInterval);
    }

    /**
     * What the Kubeflow training operator made for a PyTorchJob beside its pods and is still there:
     * its Services (labelled with the job's name, not arcml's labels) and its PodGroup (named after
     * the job). Both are owned by the PyTorchJob; arcml leaves them to the garbage collector and
     * waits for it, so that a finished cancel means nothing of the run is left.
     */
    private int operatorLeftovers(RunEngine engine, String namespace, String runId) {
        if (engine != RunEngine.KUBEFLOW) {
            return 0;
        }
        int n = client.services()
                .inNamespace(namespace)
                .withLabel(KUBEFLOW_JOB_NAME_LABEL, runId)
                .list()
                .getItems()
                .size();
        for (ResourceDefinitionContext ctx : List.of(SCHEDULER_PLUGINS_POD_GROUPS, VOLCANO_POD_GROUPS)) {
            if (served(ctx)
                    && client.genericKubernetesResources(ctx)
                                    .inNamespace(namespace)
                                    .withName(runId)
                                    .get()
                            != null) {
                n++;
            }
        }
        return n;
    }

    /** How many objects of the run are still in the cluster. */
    public int leftovers(String namespace, String runId) {
        int n = runPods(namespace, runId).size()
                + runJobs(namespace, runId).size()
                + client.services()
                        .inNamespace(namespace)
                        .withLabel(ArcmlLabels.RUN, runId)
                        .list()
                        .getItems()
                        .size()
                + client.configMaps()
                        .inNamespace(namespace)
                        .withLabel(ArcmlLabels.RUN, runId)
                        .list()
                        .getItems()
                        .size();
        for (ResourceDefinitionContext ctx : List.of(VOLCANO_JOBS, PYTORCH_JOBS)) {
            if (served(ctx)) {
                n += client.genericKubernetesResources(ctx)
                        .inNamespace(namespace)
                        .withLabel(ArcmlLabels.RUN, runId)
                        .list()
                        .getItems()
                        .size();
            }
        }
        return n;
    }

    /** The run's pods in the cluster, found by the run's label. */
    private List<Pod> runPods(String namespace, String runId) {
        return client.pods()
                .inNamespace(namespace)
                .withLabel(ArcmlLabels.RUN, runId)
                .list()
                .getItems();
    }

    /** The run's Jobs in the cluster, found by the run's label. */
    private List<Job> runJobs(String namespace, String runId) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withLabel(ArcmlLabels.RUN, runId)
                .list()
                .getItems();
    }

    private void deleteRunObjects(String namespace, String runId) {
        client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withLabel(ArcmlLabels.RUN, runId)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete();
        for (ResourceDefinitionContext ctx : List.of(VOLCANO_JOBS, PYTORCH_JOBS)) {
            if (served(ctx)) {
                client.genericKubernetesResources(ctx)
                        .inNamespace(namespace)
                        .withLabel(ArcmlLabels.RUN, runId)
                        .delete();
            }
        }
        // Deleted explicitly too: the owners' garbage collection may lag, and the run must leave nothing behind.
        client.pods().inNamespace(namespace).withLabel(ArcmlLabels.RUN, runId).delete();
        client.services()
                .inNamespace(namespace)
                .withLabel(ArcmlLabels.RUN, runId)
                .delete();
        client.configMaps()
                .inNamespace(namespace)
                .withLabel(ArcmlLabels.RUN, runId)
                .delete();
    }
}
