package io.arcml.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.JobLabels;
import io.arcml.job.NfsMount;
import io.arcml.job.OutputMode;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.SweepJob;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code type: pipeline} file of Azure ML's YAML: its {@code settings}, its pipeline-level
 * {@code inputs} and its command and sweep steps under {@code jobs}, read into a {@link PipelineJob}.
 * A sweep step's {@code trial} is a command component (a local file or inline, as a command step's
 * {@code component}); its search-space parameters are the component's inputs of the same names.
 */
final class PipelineYaml {
    private static final Pattern PARENT_OUTPUT =
            Pattern.compile("\\$\\{\\{\\s*parent\\.jobs\\.([A-Za-z0-9_]+)\\.outputs\\.[A-Za-z0-9_]+\\s*}}");

    /** The keys a pipeline job file may have, all honoured. */
    static final Set<String> PIPELINE_KEYS =
            JobKeys.union(JobKeys.COMMON, Set.of("jobs", "settings", "inputs", "outputs"));
    /** The keys of a pipeline's command step, all honoured. */
    static final Set<String> STEP_KEYS = JobKeys.union(
            CommandYaml.BODY,
            JobKeys.LABELS,
            Set.of("type", "name", "compute", "limits", "inputs", "outputs", "identity", "component", "comment"));
    /** The keys of a pipeline's sweep step, all honoured. */
    static final Set<String> SWEEP_STEP_KEYS = JobKeys.union(
            JobKeys.LABELS,
            Set.of(
                    "type",
                    "name",
                    "compute",
                    "comment",
                    "inputs",
                    "outputs",
                    "identity",
                    "trial",
                    "search_space",
                    "sampling_algorithm",
                    "objective",
                    "limits",
                    "early_termination"));
    /** A pipeline's {@code settings}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Settings(
            @ScalarText String defaultCompute, @ScalarText String defaultDatastore, Boolean continueOnStepFailure) {}

    /** The keys of a pipeline's {@code settings}, all honoured. */
    static final Set<String> SETTINGS_KEYS = YamlBinding.keys(Settings.class);

    static final Map<String, String> REFUSED_PIPELINE = JobKeys.REFUSED_JOB;
    /** A step output bound to a pipeline output: {@code ${{parent.outputs.<name>}}}. */
    private static final Pattern PIPELINE_OUTPUT =
            Pattern.compile("\\$\\{\\{\\s*parent\\.outputs\\.([A-Za-z0-9_]+)\\s*}}");

    static final Map<String, String> REFUSED_STEP = Map.of(
            "experiment_name",
            "steps are filed under the pipeline's experiment: set experiment_name at the top of the file",
            "services",
            CommandYaml.REFUSED_SERVICES,
            "queue_settings",
            CommandYaml.REFUSED_QUEUE);
    static final Map<String, String> REFUSED_SWEEP_STEP = JobKeys.union(
            REFUSED_STEP,
            Map.of(
                    "resources",
                    "arcml takes a sweep's resources from its trial: move resources into the trial component"));
    static final Map<String, String> REFUSED_SETTINGS = Map.of(
            "force_rerun", "arcml runs every step of every submission, reusing nothing: remove force_rerun",
            "on_init", "arcml has no set-up and tear-down steps: make it an ordinary first step and remove on_init",
            "on_finalize",
                    "arcml has no set-up and tear-down steps: make it an ordinary last step and remove on_finalize");

    private PipelineYaml() {}

    /** The file {@code root} as a pipeline whose outputs live on {@code sharedStorage} (an NFS export every step mounts). */
    static PipelineJob pipelineJob(YamlNode root, NfsMount sharedStorage) {
        YamlProblems problems = root.problems();
        root.onlyKeys(PIPELINE_KEYS, REFUSED_PIPELINE);
        InputsYaml parentInputs = InputsYaml.read(root);
        PipelineJob.Builder b = PipelineJob.builder()
                .name(root.text("name"))
                .experimentName(root.text("experiment_name"))
                .sharedStorage(sharedStorage);
        problems.check(() -> b.labels(CommandYaml.labels(root)).identity(IdentityYaml.identity(root)));
        if (root.has("settings")) {
            problems.check(() -> settings(root.child("settings"), b));
        }
        Map<String, OutputMode> parentOutputs = new LinkedHashMap<>();
        if (root.has("outputs")) {
            YamlNode outputs = root.child("outputs");
            for (String output : outputs.keys()) {
                problems.check(() -> parentOutputs.put(output, OutputsYaml.pipelineOutputMode(outputs, output)));
            }
        }
        YamlNode jobs = problems.attempt(() -> root.child("jobs"));
        Set<String> unloaded = new HashSet<>();
        Map<String, String> outputBindings = new LinkedHashMap<>();
        if (jobs != null) {
            for (String stepName : jobs.keys()) {
                if (!Boolean.TRUE.equals(problems.attempt(
                        () -> step(jobs.child(stepName), stepName, parentInputs, outputBindings, b)))) {
                    unloaded.add(stepName);
                }
            }
        }
        outputBindings.forEach((parentOutput, binding) -> problems.check(() -> {
            if (!parentOutputs.containsKey(parentOutput)) {
                throw new ValidationException(
                        "outputs",
                        "${{parent.outputs." + parentOutput + "}}",
                        "is bound by a step but not declared",
                        "Declare it under the pipeline's outputs: " + parentOutput + ": {mode: upload}");
            }
            b.output(parentOutput, binding, parentOutputs.get(parentOutput));
        }));
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
        return unloaded.contains(value)
                || binding.matches() && unloaded.contains(binding.group(1))
                || "jobs".equals(problem.field()) && problem.value() == null;
    }

    private static void settings(YamlNode node, PipelineJob.Builder b) {
        Settings settings = node.bind(Settings.class, REFUSED_SETTINGS);
        b.continueOnStepFailure(Boolean.TRUE.equals(settings.continueOnStepFailure()))
                .defaultDatastore(JobYaml.stripAzureml(settings.defaultDatastore()));
    }

    private static PipelineStep commandStep(YamlNode step, CommandJob.Builder job, int since) {
        YamlProblems problems = step.problems();
        problems.check(() -> job.labels(stepLabels(step)).identity(IdentityYaml.identity(step)));
        CommandJob built = CommandYaml.build(step, job, since);
        return built == null ? null : PipelineStep.of(built);
    }

    /** A sweep step: its trial (the component with the step's inputs) and the sweep keys, read as a sweep file's. */
    private static PipelineStep sweepStep(YamlNode step, CommandJob.Builder trial, int since) {
        YamlProblems problems = step.problems();
        SweepJob.Builder sweep = SweepJob.builder();
        problems.check(() -> sweep.labels(stepLabels(step)).identity(IdentityYaml.identity(step)));
        CommandJob built = CommandYaml.build(step, trial, since);
        SweepJob job = SweepYaml.build(step, sweep.trial(built), since);
        return job == null ? null : PipelineStep.of(job);
    }

    /** The step's labels; its name shows in the studio (arcml names the step's run after the pipeline and the step's key). */
    private static JobLabels stepLabels(YamlNode step) {
        return CommandYaml.labels(step)
                .displayName(step.text("display_name") != null ? step.text("display_name") : step.text("name"));
    }

    /** The names of a sweep step's search-space parameters: its trial component's inputs the sweep gives values. */
    private static Set<String> sweptInputs(YamlNode step) {
        return step.has("search_space") && step.raw("search_space").isObject()
                ? new LinkedHashSet<>(step.child("search_space").keys())
                : Set.of();
    }

    /** Reads one step into {@code b}; false when it has problems (recorded) and was left out or added in part. */
    private static boolean step(
            YamlNode step,
            String stepName,
            InputsYaml parentInputs,
            Map<String, String> outputBindings,
            PipelineJob.Builder b) {
        YamlProblems problems = step.problems();
        int start = problems.count();
        String type = step.text("type");
        boolean sweep = "sweep".equalsIgnoreCase(type);
        if (type != null && !"command".equalsIgnoreCase(type) && !sweep) {
            throw new ValidationException(
                    step.field("type"),
                    type,
                    "is not a step type arcml runs",
                    "arcml's pipeline steps are command and sweep jobs: run Spark, parallel or AutoML steps on Azure ML");
        }
        step.onlyKeys(sweep ? SWEEP_STEP_KEYS : STEP_KEYS, sweep ? REFUSED_SWEEP_STEP : REFUSED_STEP);
        ComponentYaml.Component component = sweep
                ? ComponentYaml.trial(step, sweptInputs(step))
                : step.has("component") ? ComponentYaml.inline(step) : null;
        int since = problems.count();
        Map<String, String> bindings = new LinkedHashMap<>();
        InputsYaml read = step.has("inputs")
                ? problems.attempt(() -> InputsYaml.readStep(step.child("inputs"), parentInputs, bindings))
                : InputsYaml.none();
        InputsYaml inputs = read == null ? InputsYaml.none() : read;
        Set<String> declared = new HashSet<>(CommandYaml.declaredInputs(step));
        YamlNode body = step;
        if (component != null) {
            inputs = inputs.withDefaults(component.defaults(), bindings.keySet());
            declared.addAll(component.inputs());
            body = component.body();
        }
        CommandJob.Builder job = CommandYaml.body(body, inputs, declared);
        PipelineStep ps = sweep ? sweepStep(step, job, since) : commandStep(step, job, since);
        if (ps == null) {
            return false;
        }
        bindings.forEach(ps::input);
        String comment = step.text("comment");
        if (comment != null) {
            ps.comment(comment);
        }
        String stepCompute = step.text("compute");
        if (stepCompute != null) {
            ps.compute(JobYaml.stripAzureml(stepCompute));
        }
        if (step.has("outputs")) {
            YamlNode outputs = step.child("outputs");
            for (String output : outputs.keys()) {
                problems.check(() -> {
                    JsonNode value = outputs.raw(output);
                    if (value != null && value.isTextual()) {
                        Matcher m = PIPELINE_OUTPUT.matcher(value.asText().trim());
                        if (!m.matches()) {
                            throw new ValidationException(
                                    outputs.field(output),
                                    value.asText(),
                                    "is not a binding to a pipeline output",
                                    "Write ${{parent.outputs.<name>}}, or a mapping with type and mode");
                        }
                        outputBindings.put(m.group(1), "${{parent.jobs." + stepName + ".outputs." + output + "}}");
                    } else {
                        OutputsYaml.check(outputs, output, Set.of("rw_mount", "upload"));
                    }
                    ps.output(output);
                });
            }
        }
        if (component != null) {
            component.outputs().stream().filter(o -> !ps.outputs().contains(o)).forEach(ps::output);
        }
        b.step(stepName, ps);
        return problems.noneSince(start);
    }
}
