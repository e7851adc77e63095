package io.arcml.k8s.internal;

import io.arcml.ErrorDetail;
import io.arcml.ValidationException;
import io.arcml.compute.InstanceType;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.EarlyTerminationSpec;
import io.arcml.resource.ParameterSpec;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.arcml.resource.SamplingSpec;
import io.arcml.resource.SweepSpec;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sweeps as Katib {@code Experiment}s ({@code kubeflow.org/v1beta1}), for clusters that run Katib:
 * Katib samples, launches the trials (batch/v1 Jobs with arcml's GPU-aware pod template) and
 * collects their metrics from standard output, in arcml's {@code ##arcml[metric] {...}} format.
 * What Katib cannot express is refused before anything is created: the bandit and truncation
 * policies, the normal-family distributions, the Sobol rule and nested search spaces.
 */
public final class KatibExperiments {
    /** Katib's Experiment API. */
    public static final ResourceDefinitionContext EXPERIMENTS = new ResourceDefinitionContext.Builder()
            .withGroup("kubeflow.org")
            .withVersion("v1beta1")
            .withKind("Experiment")
            .withPlural("experiments")
            .withNamespaced(true)
            .build();
    /** Run IDs of experiments start with this (a dot, which arcml's own run IDs never hold), so that status reads find their way. */
    public static final String RUN_PREFIX = "katib.";
    /** Katib's collector reads {@code "name": value} pairs from the trial's output. */
    static final String METRICS_FORMAT = "\"([\\w|-]+)\"\\s*:\\s*([+-]?\\d*(\\.\\d+)?([Ee][+-]?\\d+)?)";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\{\\s*search_space\\.([A-Za-z0-9_]+)\\s*}}");

    private final KubernetesClient client;
    private final RunRenderer renderer;
    private final Duration pollInterval;

    /** The sweeps' names of the Experiments this process canceled, by run ID: their reads say Canceled. */
    private final Map<String, String> canceled = new ConcurrentHashMap<>();

    /** Experiments through {@code client}, trial pods rendered by {@code renderer}. */
    public KatibExperiments(KubernetesClient client, RunRenderer renderer, Duration pollInterval) {
        this.client = client;
        this.renderer = renderer;
        this.pollInterval = pollInterval;
    }

    /** True when the cluster serves Katib's Experiment API. */
    public boolean installed() {
        return ApiDiscovery.served(client, EXPERIMENTS);
    }

    /**
     * The Experiment for a sweep.
     *
     * @throws ValidationException for what Katib cannot express
     */
    public GenericKubernetesResource render(String computeName, String namespace, SweepSpec sweep, InstanceType type) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put(
                "objective",
                Map.of(
                        "type",
                        sweep.maximizes() ? "maximize" : "minimize",
                        "objectiveMetricName",
                        sweep.primaryMetric()));
        sweep.requireFlat("arcml's Katib mapping");
        spec.put("algorithm", algorithm(sweep.sampling()));
        EarlyTerminationSpec median = sweep.earlyTermination();
        if (median != null) {
            if (!median.policyType().equals("MedianStopping")) {
                throw new ValidationException(
                        "early_termination",
                        median.policyType(),
                        "has no Katib equivalent (Katib stops early with medianstop only)",
                        "Use median stopping, drop the policy, or run the sweep with arcml's own launcher (the default)");
            }
            spec.put(
                    "earlyStopping",
                    Map.of(
                            "algorithmName",
                            "medianstop",
                            "algorithmSettings",
                            List.of(Map.of(
                                    "name",
                                    "start_step",
                                    "value",
                                    Integer.toString(Math.max(1, median.delayEvaluation()))))));
        }
        spec.put("parallelTrialCount", sweep.maxConcurrentTrials());
        spec.put("maxTrialCount", sweep.maxTotalTrials());
        spec.put("maxFailedTrialCount", sweep.maxTotalTrials());
        spec.put("parameters", parameters(sweep.searchSpace()));
        spec.put(
                "metricsCollectorSpec",
                Map.of(
                        "collector",
                        Map.of("kind", "StdOut"),
                        "source",
                        Map.of("filter", Map.of("metricsFormat", List.of(METRICS_FORMAT)))));
        spec.put("trialTemplate", trialTemplate(computeName, namespace, sweep, type));
        GenericKubernetesResource experiment = new GenericKubernetesResource();
        experiment.setApiVersion("kubeflow.org/v1beta1");
        experiment.setKind("Experiment");
        experiment.setMetadata(new ObjectMetaBuilder()
                .withName(ArcmlLabels.dnsLabel(sweep.name(), 63))
                .withNamespace(namespace)
                .addToLabels(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML)
                .addToLabels(ArcmlLabels.COMPUTE, ArcmlLabels.labelValue(computeName))
                .addToAnnotations(ArcmlLabels.JOB_NAME_ANNOTATION, sweep.name())
                .build());
        experiment.setAdditionalProperty("spec", spec);
        return experiment;
    }

    private static Map<String, Object> algorithm(SamplingSpec sampling) {
        switch (sampling.rule()) {
            case "Grid" -> {
                return Map.of("algorithmName", "grid");
            }
            case "Bayesian" -> {
                return Map.of("algorithmName", "bayesianoptimization");
            }
            case "Sobol" ->
                throw new ValidationException(
                        "sampling_algorithm.rule",
                        "sobol",
                        "is not sent to Katib (arcml maps random sampling to Katib's seeded random)",
                        "Submit the sweep to a compute of an Azure ML workspace (ARM transport), or use SamplingAlgorithm.random(seed) (rule: random)");
            default -> {
                // Random, seeded below.
            }
        }
        long seed = sampling.seed();
        return Map.of(
                "algorithmName",
                "random",
                "algorithmSettings",
                List.of(Map.of("name", "random_state", "value", Long.toString(seed))));
    }

    private static List<Map<String, Object>> parameters(Map<String, ParameterSpec> space) {
        List<Map<String, Object>> out = new ArrayList<>();
        space.forEach((name, p) -> {
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("name", name);
            Map<String, Object> feasible = new LinkedHashMap<>();
            switch (p.type()) {
                case "choice" -> {
                    boolean numeric = p.choices().stream().allMatch(v -> v instanceof Number);
                    param.put("parameterType", numeric ? "discrete" : "categorical");
                    feasible.put(
                            "list",
                            p.choices().stream().map(ParameterSpec::format).toList());
                }
                case "randint" -> {
                    param.put("parameterType", "int");
                    feasible.put("min", "0");
                    feasible.put("max", Integer.toString((int) p.number(0) - 1));
                }
                case "uniform" -> {
                    param.put("parameterType", "double");
                    feasible.put("min", ParameterSpec.format(p.number(0)));
                    feasible.put("max", ParameterSpec.format(p.number(1)));
                }
                case "quniform" -> {
                    param.put("parameterType", "double");
                    feasible.put("min", ParameterSpec.format(p.number(0)));
                    feasible.put("max", ParameterSpec.format(p.number(1)));
                    feasible.put("step", ParameterSpec.format(p.number(2)));
                }
                case "loguniform" -> {
                    // Azure ML's loguniform bounds are exponents; Katib's logUniform takes the values themselves.
                    param.put("parameterType", "double");
                    feasible.put("min", ParameterSpec.format(Math.exp(p.number(0))));
                    feasible.put("max", ParameterSpec.format(Math.exp(p.number(1))));
                    feasible.put("distribution", "logUniform");
                }
                default ->
                    throw new ValidationException(
                            "search_space." + name,
                            p.type(),
                            "has no Katib equivalent (Katib describes distributions by bounds)",
                            "Use choice, randint, uniform, quniform or loguniform, or run the sweep with arcml's own launcher (the default)");
            }
            param.put("feasibleSpace", feasible);
            out.add(param);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> trialTemplate(
            String computeName, String namespace, SweepSpec sweep, InstanceType type) {
        CommandSpec trial = sweep.trial();
        Matcher m = REFERENCE.matcher(trial.command());
        String command = m.replaceAll(r -> Matcher.quoteReplacement("${trialParameters." + r.group(1) + "}"));
        CommandSpec rendered = trial.withNameAndCommand(sweep.name() + "-trial", command);
        RunPlan plan =
                renderer.render(sweep.name() + "-trial", namespace, computeName, rendered, type, RunEngine.INDEXED_JOB);
        Job job = null;
        for (HasMetadata o : plan.objects()) {
            if (o instanceof Job j) {
                job = j;
                break;
            }
        }
        Map<String, Object> jobSpec = Serialization.jsonMapper().convertValue(job.getSpec(), Map.class);
        // Katib names each trial's Job; an indexed single completion is a plain one-pod Job.
        jobSpec.remove("completionMode");
        Map<String, Object> trialSpec = new LinkedHashMap<>();
        trialSpec.put("apiVersion", "batch/v1");
        trialSpec.put("kind", "Job");
        trialSpec.put("spec", jobSpec);
        List<Map<String, Object>> trialParameters = new ArrayList<>();
        sweep.searchSpace().keySet().forEach(n -> trialParameters.add(Map.of("name", n, "reference", n)));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put(
                "primaryContainerName",
                job.getSpec().getTemplate().getSpec().getContainers().get(0).getName());
        template.put("trialParameters", trialParameters);
        template.put("trialSpec", trialSpec);
        return template;
    }

    /**
     * Creates the Experiment; its run ID is {@value #RUN_PREFIX} + its name.
     *
     * @throws ControlPlaneException with the API server's status when it refuses the Experiment (409 when one of that
     *         name exists already, 403, 422), naming verb, resource, namespace and the fix; nothing is created then
     */
    public JobResource submit(String computeName, String namespace, SweepSpec sweep, InstanceType type) {
        if (!installed()) {
            throw new ControlPlaneException(
                    400,
                    ErrorDetail.of(
                            "KatibNotInstalled",
                            "This cluster does not serve Katib's "
                                    + "kubeflow.org/v1beta1 Experiment API. Install Katib, or leave katibSweeps off to run sweeps with arcml's launcher"),
                    null);
        }
        GenericKubernetesResource experiment = render(computeName, namespace, sweep, type);
        String name = experiment.getMetadata().getName();
        try {
            client.genericKubernetesResources(EXPERIMENTS)
                    .inNamespace(namespace)
                    .resource(experiment)
                    .create();
        } catch (KubernetesClientException e) {
            String resource = EXPERIMENTS.getPlural() + "." + EXPERIMENTS.getGroup();
            throw new ControlPlaneException(
                    e.getCode() == 0 ? 500 : e.getCode(),
                    ErrorDetail.of(
                            "SweepSubmissionFailed",
                            "The cluster refused sweep '" + sweep.name() + "': "
                                    + CreateRefusal.describe(
                                            e,
                                            resource,
                                            name,
                                            namespace,
                                            "Give the sweep another name (Katib names the Experiment after it), or delete the old Experiment: kubectl delete "
                                                    + resource + " " + name + " -n " + namespace + ".")
                                    + " Nothing of the sweep was created. The cluster said: " + e.getMessage()),
                    null,
                    e);
        }
        return new JobResource(
                RUN_PREFIX + name,
                sweep.name(),
                computeName,
                RunStatus.of(RunState.QUEUED, "Submitted as Katib Experiment " + name));
    }

    private Optional<GenericKubernetesResource> read(String namespace, String runId) {
        return Optional.ofNullable(client.genericKubernetesResources(EXPERIMENTS)
                .inNamespace(namespace)
                .withName(runId.substring(RUN_PREFIX.length()))
                .get());
    }

    /** The Experiment's status from its conditions. */
    @SuppressWarnings("unchecked")
    public Optional<JobResource> get(String computeName, String namespace, String runId) {
        String canceledSweep = canceled.get(runId);
        if (canceledSweep != null) {
            return Optional.of(new JobResource(
                    runId,
                    canceledSweep,
                    computeName,
                    RunStatus.of(
                            RunState.CANCELED,
                            "Canceled by the user; the Katib Experiment and its trials were deleted")));
        }
        return read(namespace, runId).map(e -> {
            Map<String, Object> status =
                    (Map<String, Object>) e.getAdditionalProperties().getOrDefault("status", Map.of());
            List<Map<String, Object>> conditions =
                    (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
            String last = "Created";
            String message = null;
            for (Map<String, Object> c : conditions) {
                if ("True".equals(c.get("status"))) {
                    last = String.valueOf(c.get("type"));
                    message = (String) c.get("message");
                }
            }
            RunState state = switch (last) {
                case "Succeeded" -> RunState.COMPLETED;
                case "Failed" -> RunState.FAILED;
                case "Running", "Restarting" -> RunState.RUNNING;
                default -> RunState.QUEUED;
            };
            return new JobResource(runId, jobName(e, runId), computeName, RunStatus.of(state, message));
        });
    }

    /** The sweep's name, as the Experiment's annotation keeps it. */
    private static String jobName(GenericKubernetesResource experiment, String runId) {
        Map<String, String> annotations = experiment.getMetadata().getAnnotations();
        return annotations == null ? runId : annotations.getOrDefault(ArcmlLabels.JOB_NAME_ANNOTATION, runId);
    }

    /** Counters and the best trial Katib reports, in words. */
    @SuppressWarnings("unchecked")
    public String summary(String namespace, String runId) {
        return read(namespace, runId)
                .map(e -> {
                    Map<String, Object> status =
                            (Map<String, Object>) e.getAdditionalProperties().getOrDefault("status", Map.of());
                    StringBuilder sb = new StringBuilder("Katib Experiment ")
                            .append(e.getMetadata().getName())
                            .append(": ");
                    for (String counter : List.of(
                            "trials", "trialsSucceeded", "trialsFailed", "trialsEarlyStopped", "trialsRunning")) {
                        sb.append(counter)
                                .append('=')
                                .append(status.getOrDefault(counter, 0))
                                .append(' ');
                    }
                    Map<String, Object> best = (Map<String, Object>) status.get("currentOptimalTrial");
                    if (best != null) {
                        sb.append("\nbest trial ")
                                .append(best.get("bestTrialName"))
                                .append(": ")
                                .append(best.get("parameterAssignments"))
                                .append(' ')
                                .append(best.get("observation"));
                    }
                    return sb.toString().trim();
                })
                .orElse("No Katib Experiment " + runId.substring(RUN_PREFIX.length()) + " in namespace " + namespace);
    }

    /** Deletes the Experiment (Katib deletes its trials); ends when it is gone. */
    public LongRunningOperation cancel(String namespace, String runId) {
        // Once deleted the Experiment is gone: its status is kept here, as a run's is, for the reads after the cancel.
        read(namespace, runId).ifPresent(e -> canceled.put(runId, jobName(e, runId)));
        client.genericKubernetesResources(EXPERIMENTS)
                .inNamespace(namespace)
                .withName(runId.substring(RUN_PREFIX.length()))
                .delete();
        return CancelOperation.untilGone(() -> read(namespace, runId).isEmpty(), () -> {}, pollInterval);
    }

    /** True for run IDs of experiments. */
    public static boolean owns(String runId) {
        return runId.startsWith(RUN_PREFIX);
    }
}
