package io.arcml.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.job.CommandJob;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * JobRun run = compute.submit(file.commandJob());   // compute: the KubernetesCompute named by file.compute()
 * }</pre>
 *
 * Every key of Azure ML's command, sweep and pipeline job schemas is either honoured or refused
 * with the reason and the fix; a file's problems are all reported at once, in a
 * {@link JobYamlException} when there are several. No key is dropped silently.
 */
public final class JobYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PARENT_OUTPUT = Pattern.compile("\\$\\{\\{\\s*parent\\.jobs\\.([A-Za-z0-9_]+)\\.outputs\\.[A-Za-z0-9_]+\\s*}}");
    /** The older placeholder form {@code {search_space.x}} of Azure ML's sweep samples, read as {@code ${{search_space.x}}}. */
    private static final Pattern BARE_SEARCH_SPACE = Pattern.compile("(?<!\\$\\{)\\{(search_space\\.[A-Za-z0-9_]+)}");
    /** The parser's excerpt of the source under each position it names ({@code in 'reader', line 2, column 10:}, the line, a caret). */
    private static final Pattern SOURCE_EXCERPT = Pattern.compile("\n in '[^']*', line \\d+, column \\d+:\n[^\n]*\n[^\n]*\\^");
    private static final NfsMount CHECK_STORAGE = new NfsMount("storage.check", "/", "/mnt/arcml-check", false);

    /** Keys of every job: the schema's, its type, its name, its compute, its experiment and its labels. */
    static final Set<String> COMMON = union(Set.of("$schema", "type", "name", "experiment_name", "compute"), CommandYaml.LABELS);
    /** The keys a command job file may have, all honoured. */
    static final Set<String> COMMAND_KEYS = union(COMMON, CommandYaml.BODY, Set.of("limits", "inputs", "outputs"));
    /** The keys a sweep job file may have, all honoured. */
    static final Set<String> SWEEP_KEYS = union(COMMON, Set.of("trial", "inputs", "search_space", "sampling_algorithm", "objective",
            "limits", "early_termination"));
    /** The keys of a sweep's trial, all honoured ({@code limits} with the trial's own timeout). */
    static final Set<String> TRIAL_KEYS = union(CommandYaml.BODY, Set.of("limits"));
    /** The keys a pipeline job file may have, all honoured. */
    static final Set<String> PIPELINE_KEYS = union(COMMON, Set.of("jobs", "settings", "inputs"));
    /** The keys of a pipeline's command step, all honoured. */
    static final Set<String> STEP_KEYS = union(CommandYaml.BODY, CommandYaml.LABELS, Set.of("type", "name", "compute", "limits", "inputs", "outputs"));
    /** The keys of a pipeline's {@code settings}, all honoured. */
    static final Set<String> SETTINGS_KEYS = Set.of("default_compute", "continue_on_step_failure");

    /** Keys of Azure ML's schemas arcml refuses, with the reason and the fix, by where they are. */
    static final Map<String, String> REFUSED_JOB = Map.of(
            "identity", CommandYaml.REFUSED_IDENTITY,
            "services", CommandYaml.REFUSED_SERVICES,
            "queue_settings", CommandYaml.REFUSED_QUEUE,
            "parent_job_name", "arcml submits top-level jobs only: remove parent_job_name");
    static final Map<String, String> REFUSED_SWEEP = union(REFUSED_JOB, Map.of(
            "outputs", "a sweep keeps no outputs of its own in arcml: let the trials write to an NFS mount, and remove outputs",
            "resources", "arcml takes a sweep's resources from its trial: move resources under trial"));
    static final Map<String, String> REFUSED_TRIAL = Map.of("queue_settings", CommandYaml.REFUSED_QUEUE);
    static final Map<String, String> REFUSED_PIPELINE = union(REFUSED_JOB, Map.of(
            "outputs", "a pipeline's outputs are its steps' outputs, on the pipeline's shared storage: declare them on the steps"));
    static final Map<String, String> REFUSED_STEP = Map.of(
            "component", "arcml loads no components (files, registry or workspace): write the component's command, environment and code inline in the step",
            "experiment_name", "steps are filed under the pipeline's experiment: set experiment_name at the top of the file",
            "identity", CommandYaml.REFUSED_IDENTITY,
            "services", CommandYaml.REFUSED_SERVICES,
            "queue_settings", CommandYaml.REFUSED_QUEUE);
    static final Map<String, String> REFUSED_SETTINGS = Map.of(
            "default_datastore", "step outputs live on the pipeline's shared storage (an NFS export), not on a datastore: remove it",
            "force_rerun", "arcml runs every step of every submission, reusing nothing: remove force_rerun",
            "on_init", "arcml has no set-up and tear-down steps: make it an ordinary first step and remove on_init",
            "on_finalize", "arcml has no set-up and tear-down steps: make it an ordinary last step and remove on_finalize");

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
    private final JsonNode tree;

    private JobYaml(Kind kind, String compute, JsonNode tree) {
        this.kind = kind;
        this.compute = compute;
        this.tree = tree;
    }

    /**
     * Reads a job YAML file and checks all of it.
     *
     * @throws ValidationException when the file is not there or not YAML (the message starts with
     *     the file), its one problem, or a {@link JobYamlException} with all of them
     */
    public static JobYaml read(Path file) {
        Arguments.nonNull(file, "file");
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JobFileException(file.toString(), "no such file (a relative path is read from " + Path.of("").toAbsolutePath() + ")",
                    "Give the path of an existing job YAML file");
        } catch (IOException e) {
            throw new ArcmlException("Cannot read job file '" + file + "': " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses job YAML text and checks all of it.
     *
     * @throws ValidationException the one problem of the file, or a {@link JobYamlException} with all of them
     */
    public static JobYaml parse(String yaml) {
        Arguments.nonNull(yaml, "yaml");
        return parse(yaml, "job YAML");
    }

    private static JobYaml parse(String yaml, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new JobFileException(source, "not valid YAML at line " + e.getLocation().getLineNr() + ": " + SOURCE_EXCERPT.matcher(e.getOriginalMessage()).replaceAll("").trim().replace("\n", ", "), "Fix the YAML syntax there");
        }
        if (tree == null || !tree.isObject()) {
            throw new JobFileException(source, tree == null || tree.isMissingNode() ? "empty" : "not a YAML mapping of job keys",
                    "Write the job as key: value lines, starting with type: command, sweep or pipeline");
        }
        YamlNode root = YamlNode.mapping(tree, "", new YamlProblems());
        String type = root.text("type") == null ? "command" : root.text("type").toLowerCase(Locale.ROOT);
        Kind kind = switch (type) {
            case "command" -> Kind.COMMAND;
            case "sweep" -> Kind.SWEEP;
            case "pipeline" -> Kind.PIPELINE;
            case "kubernetes" -> throw new ValidationException("type", root.text("type"), "is a compute, not a job",
                    "Attach it with KubernetesCompute.attachConfiguration(resource_id).namespace(namespace), and read jobs with JobYaml");
            default -> throw new ValidationException("type", root.text("type"), "is not a job type arcml runs", "Use command, sweep or pipeline");
        };
        JobYaml file = new JobYaml(kind, compute(root), tree);
        // Check the whole file now, so that errors surface on read, not on submit.
        switch (kind) {
            case COMMAND -> file.commandJob();
            case SWEEP -> file.sweepJob();
            case PIPELINE -> file.pipelineJob(CHECK_STORAGE);
        }
        return file;
    }

    /** The kind of job. */
    public Kind kind() {
        return kind;
    }

    /**
     * The compute the file names ({@code azureml:} prefix removed), or {@code null}: {@code compute},
     * or for a pipeline {@code settings.default_compute}, where the steps without a compute of their own run.
     */
    public String compute() {
        return compute;
    }

    /** The file as a command job. */
    public CommandJob commandJob() {
        require(Kind.COMMAND);
        YamlNode root = root();
        YamlProblems problems = root.problems();
        root.onlyKeys(COMMAND_KEYS, REFUSED_JOB);
        int since = problems.count();
        CommandJob.Builder b = CommandYaml.body(root, InputsYaml.read(root), CommandYaml.declaredInputs(root)).name(root.text("name"));
        problems.check(() -> b.experimentName(root.text("experiment_name")).labels(CommandYaml.labels(root)));
        if (root.has("outputs")) {
            problems.check(() -> outputs(root.child("outputs"), Set.of("rw_mount"), b));
        }
        CommandJob job = CommandYaml.build(root, b, since);
        problems.throwIfAny();
        return job;
    }

    /** The file as a sweep job. */
    public SweepJob sweepJob() {
        require(Kind.SWEEP);
        YamlNode root = root();
        YamlProblems problems = root.problems();
        root.onlyKeys(SWEEP_KEYS, REFUSED_SWEEP);
        SweepJob.Builder b = SweepJob.builder().name(root.text("name")).experimentName(root.text("experiment_name"));
        problems.check(() -> b.labels(CommandYaml.labels(root)));
        YamlNode trialNode = problems.attempt(() -> root.child("trial"));
        if (trialNode != null) {
            trialNode.onlyKeys(TRIAL_KEYS, REFUSED_TRIAL);
            int since = problems.count();
            CommandJob trial = CommandYaml.build(trialNode,
                    CommandYaml.body(trialNode, InputsYaml.read(root), CommandYaml.declaredInputs(root)), since);
            if (trial != null) {
                b.trial(trial.toBuilder().command(bareSearchSpaceToPlaceholders(trial.command())).build());
            }
        }
        SearchSpace space = problems.attempt(() -> SweepYaml.searchSpace(root.child("search_space")));
        SamplingAlgorithm sampling = problems.attempt(() -> SweepYaml.sampling(root));
        problems.check(() -> b.objective(SweepYaml.objective(root.child("objective"))));
        if (root.has("limits")) {
            problems.check(() -> b.limits(SweepYaml.limits(root.child("limits"))));
        }
        EarlyTerminationPolicy policy = root.has("early_termination")
                ? problems.attempt(() -> SweepYaml.policy(root.child("early_termination"))) : null;
        b.searchSpace(space).samplingAlgorithm(sampling).earlyTermination(policy);
        // The sweep-wide checks (the name, the trial's references to the search space, the algorithm's
        // rules) report with the keys' problems; a part missing only because its key did not load is not
        // reported twice.
        b.problems().stream().filter(p -> !problems.reportedUnder(p.field())).forEach(problems::add);
        SweepJob sweep = problems.isEmpty() ? problems.attempt(b::build) : null;
        problems.throwIfAny();
        return sweep;
    }

    /** The file as a pipeline whose steps have no outputs. */
    public PipelineJob pipelineJob() {
        return pipelineJob(null);
    }

    /** The file as a pipeline whose outputs live on {@code sharedStorage} (an NFS export every step mounts). */
    public PipelineJob pipelineJob(NfsMount sharedStorage) {
        require(Kind.PIPELINE);
        YamlNode root = root();
        YamlProblems problems = root.problems();
        root.onlyKeys(PIPELINE_KEYS, REFUSED_PIPELINE);
        InputsYaml parentInputs = InputsYaml.read(root);
        PipelineJob.Builder b = PipelineJob.builder().name(root.text("name")).experimentName(root.text("experiment_name"))
                .sharedStorage(sharedStorage);
        problems.check(() -> b.labels(CommandYaml.labels(root)));
        if (root.has("settings")) {
            problems.check(() -> settings(root.child("settings"), b));
        }
        YamlNode jobs = problems.attempt(() -> root.child("jobs"));
        Set<String> unloaded = new HashSet<>();
        if (jobs != null) {
            for (String stepName : jobs.keys()) {
                if (!Boolean.TRUE.equals(problems.attempt(() -> step(jobs.child(stepName), stepName, parentInputs, b)))) {
                    unloaded.add(stepName);
                }
            }
        }
        // The pipeline-wide checks (references, placeholders, cycles) report with the keys' problems;
        // what only follows from a step that did not load (a reference to it) is left out.
        b.problems().stream().filter(p -> !followsFrom(p, unloaded)).forEach(problems::add);
        PipelineJob pipeline = problems.isEmpty() ? problems.attempt(b::build) : null;
        problems.throwIfAny();
        return pipeline;
    }

    /**
     * Whether a pipeline-wide problem only follows from steps that did not load whole: it names one
     * of them or binds to its outputs, or it finds no steps.
     */
    private static boolean followsFrom(ValidationException problem, Set<String> unloaded) {
        if (unloaded.isEmpty()) {
            return false;
        }
        String value = problem.value() == null ? "" : problem.value();
        Matcher binding = PARENT_OUTPUT.matcher(value);
        return unloaded.contains(value) || binding.matches() && unloaded.contains(binding.group(1))
                || "jobs".equals(problem.field()) && problem.value() == null;
    }

    private static void settings(YamlNode settings, PipelineJob.Builder b) {
        settings.onlyKeys(SETTINGS_KEYS, REFUSED_SETTINGS);
        Boolean goOn = settings.bool("continue_on_step_failure");
        b.continueOnStepFailure(goOn != null && goOn);
    }

    /** Reads one step into {@code b}; false when it has problems (recorded) and was left out or added in part. */
    private static boolean step(YamlNode step, String stepName, InputsYaml parentInputs, PipelineJob.Builder b) {
        YamlProblems problems = step.problems();
        int start = problems.count();
        String type = step.text("type");
        if (type != null && !"command".equalsIgnoreCase(type)) {
            throw new ValidationException(step.field("type"), type, "is not a step type arcml runs",
                    "arcml's pipeline steps are command jobs: run a sweep as a sweep job of its own, and Spark, parallel or AutoML steps on Azure ML");
        }
        step.onlyKeys(STEP_KEYS, REFUSED_STEP);
        if (step.has("component")) {
            return false; // Refused above; the step's command and environment are in the component.
        }
        int since = problems.count();
        Map<String, String> bindings = new LinkedHashMap<>();
        InputsYaml inputs = step.has("inputs")
                ? problems.attempt(() -> InputsYaml.readStep(step.child("inputs"), parentInputs, bindings)) : InputsYaml.none();
        CommandJob.Builder job = CommandYaml.body(step, inputs == null ? InputsYaml.none() : inputs, CommandYaml.declaredInputs(step));
        // The step's name shows in the studio; arcml names the step's run after the pipeline and the step's key.
        problems.check(() -> job.labels(CommandYaml.labels(step).displayName(step.text("display_name") != null
                ? step.text("display_name") : step.text("name"))));
        CommandJob built = CommandYaml.build(step, job, since);
        if (built == null) {
            return false;
        }
        PipelineStep ps = PipelineStep.of(built);
        bindings.forEach(ps::input);
        String stepCompute = step.text("compute");
        if (stepCompute != null) {
            ps.compute(stripAzureml(stepCompute));
        }
        if (step.has("outputs")) {
            YamlNode outputs = step.child("outputs");
            for (String output : outputs.keys()) {
                problems.check(() -> {
                    checkOutput(outputs, output, Set.of("rw_mount", "upload"));
                    ps.output(output);
                });
            }
        }
        b.step(stepName, ps);
        return problems.noneSince(start);
    }

    /** A command job's outputs: folders Azure ML stores. */
    private static void outputs(YamlNode outputs, Set<String> modes, CommandJob.Builder b) {
        for (String output : outputs.keys()) {
            outputs.problems().check(() -> {
                checkOutput(outputs, output, modes);
                b.output(output);
            });
        }
    }

    /** An output is a folder: empty, or {@code type: uri_folder} with one of {@code modes}. */
    private static void checkOutput(YamlNode outputs, String output, Set<String> modes) {
        JsonNode v = outputs.raw(output);
        if (v == null || v.isNull()) {
            return;
        }
        YamlNode o = outputs.child(output);
        o.onlyKeys(Set.of("type", "mode"), Map.of(
                "path", "arcml chooses where outputs live (Azure ML's default datastore, or a pipeline's shared storage): remove path",
                "name", "arcml registers no data assets from outputs: remove name",
                "version", "arcml registers no data assets from outputs: remove version"));
        String type = o.text("type");
        if (type != null && !"uri_folder".equals(type)) {
            throw new ValidationException(o.field("type"), type, "is not an output type arcml declares",
                    "Outputs are folders: use uri_folder (write a model into the folder)");
        }
        String mode = o.text("mode");
        if (mode != null && !modes.contains(mode)) {
            throw new ValidationException(o.field("mode"), mode, "is not supported here", "Use " + String.join(" or ", modes) + ", or leave mode out");
        }
    }

    /** {@code compute}, or a pipeline's {@code settings.default_compute}; both naming different computes is a problem. */
    private static String compute(YamlNode root) {
        String compute = stripAzureml(root.text("compute"));
        if (!root.has("settings") || !root.raw("settings").isObject()) {
            return compute;
        }
        String defaultCompute = stripAzureml(root.child("settings").text("default_compute"));
        if (compute != null && defaultCompute != null && !compute.equals(defaultCompute)) {
            throw new ValidationException("settings.default_compute", defaultCompute, "differs from compute (" + compute + ")",
                    "Name the pipeline's compute once: keep compute or settings.default_compute");
        }
        return compute != null ? compute : defaultCompute;
    }

    private static String stripAzureml(String compute) {
        return compute != null && compute.startsWith("azureml:") ? compute.substring("azureml:".length()) : compute;
    }

    private static String bareSearchSpaceToPlaceholders(String command) {
        return BARE_SEARCH_SPACE.matcher(command).replaceAll("\\$\\{\\{$1}}");
    }

    private YamlNode root() {
        return YamlNode.mapping(tree, "", new YamlProblems());
    }

    private void require(Kind wanted) {
        if (kind != wanted) {
            throw new ArcmlException("The file holds a " + kind.name().toLowerCase(Locale.ROOT) + " job, not a "
                    + wanted.name().toLowerCase(Locale.ROOT) + " job: read it with " + kind.name().toLowerCase(Locale.ROOT) + "Job()");
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> out = new HashSet<>();
        for (Set<String> s : sets) {
            out.addAll(s);
        }
        return Set.copyOf(out);
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        out.putAll(b);
        return Map.copyOf(out);
    }

    @Override
    public String toString() {
        return "JobYaml{kind=" + kind + (compute == null ? "" : ", compute=" + compute) + "}";
    }
}
