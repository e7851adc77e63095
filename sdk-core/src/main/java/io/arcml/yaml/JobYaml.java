package io.arcml.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the Azure ML CLI v2 job YAML users already have ({@code type: command}, {@code sweep},
 * {@code pipeline}) into arcml's job objects, so an existing {@code job.yml} runs from Java:
 *
 * <pre>{@code
 * JobYaml file = JobYaml.read(Path.of("job.yml"));
 * JobRun run = compute.submit(file.commandJob());
 * }</pre>
 *
 * Keys arcml cannot honour ({@code code}, data inputs and outputs, Azure ML environment
 * references) are reported with a fix, never dropped.
 */
public final class JobYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern LITERAL_INPUT = Pattern.compile("\\$\\{\\{\\s*inputs\\.([A-Za-z0-9_]+)\\s*}}");
    private static final Pattern PARENT_INPUT = Pattern.compile("\\$\\{\\{\\s*parent\\.inputs\\.([A-Za-z0-9_]+)\\s*}}");
    private static final Pattern PARENT_OUTPUT = Pattern.compile("\\$\\{\\{\\s*parent\\.jobs\\.[A-Za-z0-9_]+\\.outputs\\.[A-Za-z0-9_]+\\s*}}");

    private static final Set<String> COMMON = Set.of("$schema", "type", "name", "experiment_name", "compute");
    private static final Set<String> COMMAND_KEYS = Set.of("command", "environment", "resources", "distribution",
            "environment_variables", "inputs", "limits");
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "code", "arcml runs the command inside the environment's image: build the code into the image, or mount it with an NFS export",
            "display_name", "arcml names runs by 'name': move the value there (letters, digits, '-' and '_') or remove it",
            "description", "arcml keeps no description: remove it",
            "tags", "arcml keeps no tags: remove them",
            "identity", "jobs run with the compute's identity on the cluster: remove it",
            "services", "interactive services are not supported: remove them",
            "queue_settings", "queue settings are not supported: remove them",
            "outputs", "job outputs to datastores need Azure ML's data plane: write to an NFS mount, or use a pipeline step's outputs");

    /** The kind of job a file holds. */
    public enum Kind {
        /** {@code type: command} (the default). */
        COMMAND,
        /** {@code type: sweep}. */
        SWEEP,
        /** {@code type: pipeline}. */
        PIPELINE
    }

    private final Kind kind;
    private final String compute;
    private final YamlNode root;

    private JobYaml(Kind kind, String compute, YamlNode root) {
        this.kind = kind;
        this.compute = compute;
        this.root = root;
    }

    /** Reads a job YAML file. */
    public static JobYaml read(Path file) {
        Arguments.nonNull(file, "file");
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ArcmlException("Cannot read job file '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Parses job YAML text. */
    public static JobYaml parse(String yaml) {
        Arguments.nonNull(yaml, "yaml");
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ValidationException("file", null, "is not valid YAML (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage() + ")", "Fix the YAML syntax");
        }
        YamlNode root = YamlNode.mapping(tree, "");
        String type = root.text("type") == null ? "command" : root.text("type").toLowerCase(Locale.ROOT);
        Kind kind = switch (type) {
            case "command" -> Kind.COMMAND;
            case "sweep" -> Kind.SWEEP;
            case "pipeline" -> Kind.PIPELINE;
            default -> throw new ValidationException("type", root.text("type"), "is not a job type arcml runs", "Use command, sweep or pipeline");
        };
        String compute = root.text("compute");
        if (compute != null && compute.startsWith("azureml:")) {
            compute = compute.substring("azureml:".length());
        }
        JobYaml file = new JobYaml(kind, compute, root);
        // Check the whole file now, so that errors surface on read, not on submit.
        switch (kind) {
            case COMMAND -> file.commandJob();
            case SWEEP -> file.sweepJob();
            case PIPELINE -> file.checkPipeline();
        }
        return file;
    }

    /** The kind of job. */
    public Kind kind() {
        return kind;
    }

    /** The compute the file names ({@code azureml:} prefix removed), or {@code null}. */
    public String compute() {
        return compute;
    }

    /** The file as a command job. */
    public CommandJob commandJob() {
        require(Kind.COMMAND);
        java.util.HashSet<String> keys = new java.util.HashSet<>(COMMON);
        keys.addAll(COMMAND_KEYS);
        root.onlyKeys(keys, UNSUPPORTED);
        return command(root, root.text("name"), literalInputs(root), Set.of());
    }

    /** The file as a sweep job. */
    public SweepJob sweepJob() {
        require(Kind.SWEEP);
        java.util.HashSet<String> keys = new java.util.HashSet<>(COMMON);
        keys.addAll(Set.of("trial", "inputs", "search_space", "sampling_algorithm", "objective", "limits", "early_termination"));
        root.onlyKeys(keys, UNSUPPORTED);
        YamlNode trialNode = root.child("trial");
        trialNode.onlyKeys(Set.of("command", "environment", "resources", "distribution", "environment_variables", "limits"), UNSUPPORTED);
        CommandJob trial = command(trialNode, null, literalInputs(root), Set.of());
        return SweepJob.builder().name(root.text("name")).trial(trial)
                .searchSpace(searchSpace(root.child("search_space")))
                .samplingAlgorithm(sampling(root))
                .objective(objective(root.child("objective")))
                .limits(root.has("limits") ? sweepLimits(root.child("limits")) : null)
                .earlyTermination(root.has("early_termination") ? policy(root.child("early_termination")) : null)
                .build();
    }

    /** The file as a pipeline whose steps have no outputs. */
    public PipelineJob pipelineJob() {
        return pipelineJob(null);
    }

    /** The file as a pipeline whose outputs live on {@code sharedStorage} (an NFS export every step mounts). */
    public PipelineJob pipelineJob(NfsMount sharedStorage) {
        require(Kind.PIPELINE);
        java.util.HashSet<String> keys = new java.util.HashSet<>(COMMON);
        keys.addAll(Set.of("jobs", "settings", "inputs"));
        root.onlyKeys(keys, UNSUPPORTED);
        Map<String, Object> parentInputs = literalInputs(root);
        PipelineJob.Builder b = PipelineJob.builder().name(root.text("name")).sharedStorage(sharedStorage);
        if (root.has("settings")) {
            YamlNode settings = root.child("settings");
            settings.onlyKeys(Set.of("default_compute", "continue_on_step_failure"), Map.of());
            Boolean goOn = settings.bool("continue_on_step_failure");
            b.continueOnStepFailure(goOn != null && goOn);
        }
        YamlNode jobs = root.child("jobs");
        for (String stepName : jobs.keys()) {
            YamlNode step = jobs.child(stepName);
            String type = step.text("type");
            if (type != null && !"command".equalsIgnoreCase(type)) {
                throw new ValidationException(step.field("type"), type, "is not a step type arcml runs", "Pipeline steps must be command jobs");
            }
            java.util.HashSet<String> stepKeys = new java.util.HashSet<>(COMMAND_KEYS);
            stepKeys.addAll(Set.of("type", "name", "experiment_name", "compute", "outputs"));
            java.util.Map<String, String> unsupported = new LinkedHashMap<>(UNSUPPORTED);
            unsupported.remove("outputs");
            step.onlyKeys(stepKeys, unsupported);
            Map<String, Object> literals = new LinkedHashMap<>();
            Map<String, String> bindings = new LinkedHashMap<>();
            if (step.has("inputs")) {
                YamlNode inputs = step.child("inputs");
                for (String input : inputs.keys()) {
                    JsonNode v = inputs.raw(input);
                    if (!v.isValueNode()) {
                        throw dataInput(inputs.field(input), v);
                    }
                    String text = v.asText();
                    Matcher parent = PARENT_INPUT.matcher(text.trim());
                    if (PARENT_OUTPUT.matcher(text.trim()).matches()) {
                        bindings.put(input, text.trim());
                    } else if (parent.matches()) {
                        if (!parentInputs.containsKey(parent.group(1))) {
                            throw new ValidationException(inputs.field(input), text, "names no pipeline input " + parentInputs.keySet(),
                                    "Declare it under the pipeline's inputs");
                        }
                        literals.put(input, parentInputs.get(parent.group(1)));
                    } else {
                        literals.put(input, YamlNode.scalar(v));
                    }
                }
            }
            CommandJob job = command(step, root.text("name") == null ? null : root.text("name") + "-" + stepName, literals, bindings.keySet());
            PipelineStep ps = PipelineStep.of(job);
            bindings.forEach(ps::input);
            if (step.has("outputs")) {
                YamlNode outputs = step.child("outputs");
                for (String output : outputs.keys()) {
                    JsonNode v = outputs.raw(output);
                    if (v != null && !v.isNull()) {
                        YamlNode o = outputs.child(output);
                        o.onlyKeys(Set.of("type", "mode"), Map.of("path", "outputs live on the pipeline's shared storage: remove path"));
                        String otype = o.text("type");
                        if (otype != null && !"uri_folder".equals(otype)) {
                            throw new ValidationException(o.field("type"), otype, "is not supported", "Step outputs are folders: use uri_folder");
                        }
                    }
                    ps.output(output);
                }
            }
            b.step(stepName, ps);
        }
        return b.build();
    }

    private void checkPipeline() {
        try {
            pipelineJob(null);
        } catch (ValidationException e) {
            // Outputs need storage the file cannot name; everything else is checked here.
            if (!"sharedStorage".equals(e.field())) {
                throw e;
            }
        }
    }

    private void require(Kind wanted) {
        if (kind != wanted) {
            throw new ArcmlException("The file holds a " + kind.name().toLowerCase(Locale.ROOT) + " job, not a "
                    + wanted.name().toLowerCase(Locale.ROOT) + " job: read it with " + kind.name().toLowerCase(Locale.ROOT) + "Job()");
        }
    }

    private static ValidationException dataInput(String field, JsonNode v) {
        return new ValidationException(field, v.toString(), "is a data input, which needs Azure ML's data plane",
                "Give a literal value, or read the data from an NFS mount (CommandJob.Builder.nfsMount)");
    }

    private static Map<String, Object> literalInputs(YamlNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!node.has("inputs")) {
            return out;
        }
        YamlNode inputs = node.child("inputs");
        for (String k : inputs.keys()) {
            JsonNode v = inputs.raw(k);
            if (v == null || !v.isValueNode() || v.isNull()) {
                throw dataInput(inputs.field(k), v == null ? YAML.nullNode() : v);
            }
            out.put(k, YamlNode.scalar(v));
        }
        return out;
    }

    private static CommandJob command(YamlNode node, String name, Map<String, Object> literals, Set<String> bound) {
        String command = node.requireText("command", "Give the shell command to run, e.g. python train.py");
        Matcher m = LITERAL_INPUT.matcher(command);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object v = literals.get(m.group(1));
            if (v == null && bound.contains(m.group(1))) {
                // A pipeline input bound to another step's output: the pipeline resolves it to a path.
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                continue;
            }
            if (v == null) {
                throw new ValidationException(node.field("command"), m.group(), "names no literal input " + literals.keySet(),
                        "Declare it under inputs with a value");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(SearchSpace.format(v)));
        }
        m.appendTail(sb);
        CommandJob.Builder b = CommandJob.builder().name(name).experimentName(node.text("experiment_name")).command(sb.toString().trim())
                .image(image(node));
        if (node.has("resources")) {
            YamlNode r = node.child("resources");
            r.onlyKeys(Set.of("instance_type", "instance_count"), Map.of("shm_size", "arcml sizes /dev/shm from the instance type's memory: remove it"));
            if (r.has("instance_type")) {
                b.instanceType(r.text("instance_type"));
            }
            if (r.has("instance_count")) {
                b.instanceCount(r.integer("instance_count"));
            }
        }
        if (node.has("distribution")) {
            b.distribution(distribution(node.child("distribution")));
        }
        node.stringMap("environment_variables").forEach(b::environmentVariable);
        if (node.has("limits")) {
            YamlNode l = node.child("limits");
            l.onlyKeys(Set.of("timeout"), Map.of());
            Integer seconds = l.integer("timeout");
            if (seconds != null) {
                b.timeout(Duration.ofSeconds(seconds));
            }
        }
        return b.build();
    }

    private static String image(YamlNode node) {
        if (!node.has("environment")) {
            throw new ValidationException(node.field("environment"), null, "is required", "Give environment: {image: <container image>}");
        }
        JsonNode env = node.raw("environment");
        if (env.isTextual()) {
            throw new ValidationException(node.field("environment"), env.asText(), "refers to an Azure ML environment, which arcml cannot resolve to an image",
                    "Give the image inline: environment: {image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04}");
        }
        YamlNode e = node.child("environment");
        e.onlyKeys(Set.of("image", "name", "version"), Map.of("conda_file", "arcml does not build environments: use an image that has the packages",
                "build", "arcml does not build environments: use a built image"));
        return e.requireText("image", "Give the container image, e.g. python:3.11");
    }

    private static Distribution distribution(YamlNode d) {
        String type = d.requireText("type", "Give pytorch, mpi or tensorflow");
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "pytorch" -> {
                d.onlyKeys(Set.of("type", "process_count_per_instance"), Map.of());
                yield Distribution.pytorch(orDefault(d.integer("process_count_per_instance"), 1));
            }
            case "mpi" -> {
                d.onlyKeys(Set.of("type", "process_count_per_instance"), Map.of());
                yield Distribution.mpi(orDefault(d.integer("process_count_per_instance"), 1));
            }
            case "tensorflow" -> {
                d.onlyKeys(Set.of("type", "worker_count", "parameter_server_count"), Map.of());
                yield Distribution.tensorflow(orDefault(d.integer("worker_count"), 1), orDefault(d.integer("parameter_server_count"), 0));
            }
            default -> throw new ValidationException(d.field("type"), type, "is not a distribution", "Use pytorch, mpi or tensorflow");
        };
    }

    private static int orDefault(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static SearchSpace searchSpace(YamlNode node) {
        SearchSpace.Builder b = SearchSpace.builder();
        for (String name : node.keys()) {
            YamlNode p = node.child(name);
            String type = p.requireText("type", "Give the distribution: choice, randint, uniform, quniform, loguniform, ...");
            Parameter param = switch (type) {
                case "choice" -> {
                    p.onlyKeys(Set.of("type", "values"), Map.of());
                    JsonNode values = p.raw("values");
                    if (values == null || !values.isArray()) {
                        throw new ValidationException(p.field("values"), values == null ? null : values.toString(), "is not a list",
                                "Write values: [16, 32, 64]");
                    }
                    List<Object> list = new ArrayList<>();
                    values.forEach(v -> {
                        if (!v.isValueNode()) {
                            throw new ValidationException(p.field("values"), v.toString(), "holds a nested value", "Use scalar choices");
                        }
                        list.add(YamlNode.scalar(v));
                    });
                    yield new Parameter.Choice(list);
                }
                case "randint" -> {
                    p.onlyKeys(Set.of("type", "upper"), Map.of());
                    Integer upper = p.integer("upper");
                    if (upper == null) {
                        throw new ValidationException(p.field("upper"), null, "is required", "Give the exclusive upper bound");
                    }
                    yield Parameter.randint(upper);
                }
                case "uniform", "loguniform" -> {
                    p.onlyKeys(Set.of("type", "min_value", "max_value"), Map.of());
                    double min = p.requireNumber("min_value");
                    double max = p.requireNumber("max_value");
                    yield type.equals("uniform") ? Parameter.uniform(min, max) : Parameter.loguniform(min, max);
                }
                case "quniform", "qloguniform" -> {
                    p.onlyKeys(Set.of("type", "min_value", "max_value", "q"), Map.of());
                    double min = p.requireNumber("min_value");
                    double max = p.requireNumber("max_value");
                    double q = p.requireNumber("q");
                    yield type.equals("quniform") ? Parameter.quniform(min, max, q) : Parameter.qloguniform(min, max, q);
                }
                case "normal", "lognormal" -> {
                    p.onlyKeys(Set.of("type", "mu", "sigma"), Map.of());
                    yield type.equals("normal") ? Parameter.normal(p.requireNumber("mu"), p.requireNumber("sigma"))
                            : Parameter.lognormal(p.requireNumber("mu"), p.requireNumber("sigma"));
                }
                case "qnormal", "qlognormal" -> {
                    p.onlyKeys(Set.of("type", "mu", "sigma", "q"), Map.of());
                    yield type.equals("qnormal") ? Parameter.qnormal(p.requireNumber("mu"), p.requireNumber("sigma"), p.requireNumber("q"))
                            : Parameter.qlognormal(p.requireNumber("mu"), p.requireNumber("sigma"), p.requireNumber("q"));
                }
                default -> throw new ValidationException(p.field("type"), type, "is not a search-space distribution",
                        "Use choice, randint, uniform, quniform, loguniform, qloguniform, normal, qnormal, lognormal or qlognormal");
            };
            b.parameter(name, param);
        }
        return b.build();
    }

    private static SamplingAlgorithm sampling(YamlNode root) {
        JsonNode raw = root.raw("sampling_algorithm");
        if (raw == null || raw.isNull()) {
            throw new ValidationException("sampling_algorithm", null, "is required", "Give random, grid or bayesian");
        }
        String type;
        Long seed = null;
        if (raw.isTextual()) {
            type = raw.asText();
        } else {
            YamlNode s = root.child("sampling_algorithm");
            s.onlyKeys(Set.of("type", "seed", "rule"), Map.of());
            type = s.requireText("type", "Give random, grid or bayesian");
            Integer sd = s.integer("seed");
            seed = sd == null ? null : sd.longValue();
            String rule = s.text("rule");
            if (rule != null && !"random".equalsIgnoreCase(rule)) {
                throw new ValidationException("sampling_algorithm.rule", rule, "is not supported", "arcml samples with rule random: remove rule");
            }
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "random" -> seed == null ? SamplingAlgorithm.random() : SamplingAlgorithm.random(seed);
            case "grid" -> SamplingAlgorithm.grid();
            case "bayesian" -> SamplingAlgorithm.bayesian();
            default -> throw new ValidationException("sampling_algorithm", type, "is not a sampling algorithm", "Use random, grid or bayesian");
        };
    }

    private static Objective objective(YamlNode o) {
        o.onlyKeys(Set.of("goal", "primary_metric"), Map.of());
        String goal = o.requireText("goal", "Give maximize or minimize");
        String metric = o.requireText("primary_metric", "Name the metric the trials log");
        return switch (goal.toLowerCase(Locale.ROOT)) {
            case "maximize" -> Objective.maximize(metric);
            case "minimize" -> Objective.minimize(metric);
            default -> throw new ValidationException(o.field("goal"), goal, "is not a goal", "Use maximize or minimize");
        };
    }

    private static SweepLimits sweepLimits(YamlNode l) {
        l.onlyKeys(Set.of("max_total_trials", "max_concurrent_trials", "timeout", "trial_timeout"), Map.of());
        int total = orDefault(l.integer("max_total_trials"), 1000);
        int concurrent = orDefault(l.integer("max_concurrent_trials"), total);
        Integer timeout = l.integer("timeout");
        Integer trialTimeout = l.integer("trial_timeout");
        return new SweepLimits(total, concurrent, timeout == null ? null : Duration.ofSeconds(timeout),
                trialTimeout == null ? null : Duration.ofSeconds(trialTimeout));
    }

    private static EarlyTerminationPolicy policy(YamlNode p) {
        String type = p.requireText("type", "Give bandit, median_stopping or truncation_selection");
        int interval = orDefault(p.integer("evaluation_interval"), 1);
        int delay = orDefault(p.integer("delay_evaluation"), 0);
        return switch (type) {
            case "bandit" -> {
                p.onlyKeys(Set.of("type", "slack_factor", "slack_amount", "evaluation_interval", "delay_evaluation"), Map.of());
                Double factor = p.number("slack_factor");
                Double amount = p.number("slack_amount");
                yield new EarlyTerminationPolicy.BanditPolicy(factor == null ? 0 : factor, amount == null ? 0 : amount, interval, delay);
            }
            case "median_stopping" -> {
                p.onlyKeys(Set.of("type", "evaluation_interval", "delay_evaluation"), Map.of());
                yield EarlyTerminationPolicy.medianStopping(interval, delay);
            }
            case "truncation_selection" -> {
                p.onlyKeys(Set.of("type", "truncation_percentage", "evaluation_interval", "delay_evaluation", "exclude_finished_jobs"), Map.of());
                Integer pct = p.integer("truncation_percentage");
                if (pct == null) {
                    throw new ValidationException(p.field("truncation_percentage"), null, "is required", "Give a percentage from 1 to 99");
                }
                Boolean exclude = p.bool("exclude_finished_jobs");
                yield EarlyTerminationPolicy.truncationSelection(pct, interval, delay, exclude != null && exclude);
            }
            default -> throw new ValidationException(p.field("type"), type, "is not an early termination policy",
                    "Use bandit, median_stopping or truncation_selection");
        };
    }

    @Override
    public String toString() {
        return "JobYaml{kind=" + kind + (compute == null ? "" : ", compute=" + compute) + "}";
    }
}
