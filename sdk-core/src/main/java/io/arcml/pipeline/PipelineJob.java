package io.arcml.pipeline;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.job.CommandJob;
import io.arcml.job.JobIdentity;
import io.arcml.job.NfsMount;
import io.arcml.job.OutputMode;
import io.arcml.job.ParentJob;
import io.arcml.job.ParentJobBuilder;
import io.arcml.resource.PipelineSpec;
import io.arcml.resource.PipelineStepSpec;
import io.arcml.sweep.SweepJob;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline: named steps whose dependencies form a directed acyclic graph. Steps start when the
 * steps they depend on have completed; independent steps run in parallel. Outputs live on shared
 * storage (an NFS export every step mounts) under {@code <mountPath>/<pipeline>/<step>/<output>}.
 * Each step runs as a job named {@code <pipeline>-<step>}.
 *
 * <pre>{@code
 * PipelineJob pipeline = PipelineJob.builder().name("train-pipeline")
 *     .sharedStorage(new NfsMount("10.0.0.4", "/export/pipelines", "/mnt/pipelines", false))
 *     .step("prep", PipelineStep.of(prepJob).output("prepped"))
 *     .step("train", PipelineStep.of(trainJob).input("data", "${{parent.jobs.prep.outputs.prepped}}").output("model"))
 *     .build();
 * }</pre>
 */
public final class PipelineJob extends ParentJob {
    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,150}");
    private static final Pattern OUTPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DATASTORE_NAME = Pattern.compile("[A-Za-z0-9_]{1,255}");
    private static final Pattern INPUT_REF = Pattern.compile("\\$\\{\\{\\s*inputs\\.([A-Za-z0-9_]+)\\s*}}");
    private static final Pattern OUTPUT_REF = Pattern.compile("\\$\\{\\{\\s*outputs\\.([A-Za-z0-9_]+)\\s*}}");

    private final Map<String, PipelineStep> steps;
    private final List<String> order;
    private final NfsMount sharedStorage;
    private final boolean continueOnStepFailure;
    private final String defaultDatastore;
    private final Map<String, Output> outputs;

    /** A pipeline's output: a step's output, kept by Azure ML with this mode. */
    private record Output(String binding, String step, String stepOutput, OutputMode mode) {}

    private PipelineJob(String name, Map<String, PipelineStep> steps, List<String> order, Builder b) {
        super(name, b);
        this.steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        this.order = List.copyOf(order);
        this.sharedStorage = b.sharedStorage;
        this.continueOnStepFailure = b.continueOnStepFailure;
        this.defaultDatastore = b.defaultDatastore;
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputs));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The steps by name, in the order given. */
    public Map<String, PipelineStep> steps() {
        return steps;
    }

    /** The steps in an order where each comes after those it depends on. */
    public List<String> topologicalOrder() {
        return order;
    }

    /** The shared storage outputs live on, or {@code null} when no step has outputs. */
    public NfsMount sharedStorage() {
        return sharedStorage;
    }

    /** The datastore Azure ML keeps the steps' outputs on, or {@code null} for the workspace's default datastore. */
    public String defaultDatastore() {
        return defaultDatastore;
    }

    /** The pipeline's outputs by name, each the binding of the step output it is ({@code ${{parent.jobs.<step>.outputs.<output>}}}). */
    public Map<String, String> outputs() {
        Map<String, String> out = new LinkedHashMap<>();
        outputs.forEach((name, o) -> out.put(name, o.binding()));
        return out;
    }

    /**
     * Refuses what only Azure ML does for a pipeline, on a transport where arcml runs it itself: an
     * identity of the pipeline or of a step, a default datastore, pipeline outputs, a conda file to
     * build into a step's image.
     *
     * @param transport the transport as the message names it, e.g. {@code the direct cluster transport}
     * @throws ValidationException naming the first of them, its value and what to do instead
     */
    public void requireRunnableWithoutAzure(String transport) {
        JobIdentity.requireNone(identity(), "identity", transport);
        if (defaultDatastore != null) {
            throw new ValidationException(
                    "settings.default_datastore",
                    defaultDatastore,
                    "is an Azure ML datastore; " + transport + " keeps the steps' outputs on its shared storage",
                    "Remove the default datastore (give the pipeline sharedStorage(..) instead),"
                            + " or submit the pipeline to a workspace on Azure (the ARM control plane)");
        }
        outputs.forEach((name, o) -> {
            throw new ValidationException(
                    "outputs." + name,
                    o.binding(),
                    "is a pipeline output Azure ML stores on a datastore; " + transport
                            + " keeps the step's output on its shared storage",
                    "Remove the pipeline's outputs and read the step's output where it is (outputPath(step, output)),"
                            + " or submit the pipeline to a workspace on Azure (the ARM control plane)");
        });
        steps.forEach((stepName, step) -> {
            step.sweep()
                    .ifPresent(s -> JobIdentity.requireNone(s.identity(), "jobs." + stepName + ".identity", transport));
            step.job().requireRunnableWithoutAzure("jobs." + stepName + ".", transport);
        });
    }

    /** Whether steps that do not depend on a failed step go on (Azure ML's {@code continue_on_step_failure}). Default false. */
    public boolean continueOnStepFailure() {
        return continueOnStepFailure;
    }

    /** The job name of a step. */
    public String stepJobName(String step) {
        return name() + "-" + step.replace('_', '-');
    }

    /**
     * Where a step's output lives inside the containers. A sweep step keeps each trial's output in
     * a folder of its own under it, named after the trial ({@link #trialOutputPath}).
     */
    public String outputPath(String step, String output) {
        Arguments.nonNull(step, "step");
        Arguments.nonNull(output, "output");
        return sharedStorage.mountPath() + "/" + name() + "/" + step + "/" + output;
    }

    /** Where a trial of a sweep step keeps its output: the folder later steps read when that trial is the best. */
    public String trialOutputPath(String step, String trialName, String output) {
        Arguments.nonNull(trialName, "trialName");
        return outputPath(step, output) + "/" + trialName;
    }

    /**
     * The job a step runs: named, filed under the pipeline's experiment, with its inputs and outputs
     * resolved to paths and the shared storage mounted. For a sweep step it is the trial, whose
     * outputs go to the trial's folder ({@link #trialOutputPath}); an input bound to a sweep step's
     * output is that output's folder until the best trial is known ({@link LaunchedPipelineRun}
     * renders the step again then).
     */
    public CommandJob stepJob(String stepName) {
        Arguments.nonNull(stepName, "stepName");
        return stepJob(stepName, Map.of());
    }

    /**
     * The job a step runs, its inputs bound to sweep steps' outputs read from their best trials.
     *
     * @param bestTrials the best trial's name of each sweep step that has completed
     */
    CommandJob stepJob(String stepName, Map<String, String> bestTrials) {
        PipelineStep step = steps.get(stepName);
        Map<String, String> inputPaths = new LinkedHashMap<>();
        step.inputs().forEach((input, binding) -> {
            Matcher m = PipelineStep.BINDING.matcher(binding);
            String best = m.matches() ? bestTrials.get(m.group(1)) : null;
            inputPaths.put(
                    input,
                    !m.matches()
                            ? binding
                            : best != null
                                    ? trialOutputPath(m.group(1), best, m.group(2))
                                    : outputPath(m.group(1), m.group(2)));
        });
        String command = replace(INPUT_REF, step.job().command(), inputPaths);
        Map<String, String> outputPaths = new LinkedHashMap<>();
        step.outputs()
                .forEach(o -> outputPaths.put(
                        o,
                        step.sweep().isPresent()
                                ? trialOutputPath(stepName, SweepJob.TRIAL_NAME, o)
                                : outputPath(stepName, o)));
        command = replace(OUTPUT_REF, command, outputPaths);
        if (!outputPaths.isEmpty()) {
            // The step creates its own output folders, so scripts can write into them directly.
            StringBuilder mkdir = new StringBuilder("mkdir -p");
            outputPaths.values().forEach(p -> mkdir.append(' ').append(p));
            command = mkdir + " && " + command;
        }
        CommandJob.Builder b = step.job().toBuilder()
                .name(stepJobName(stepName))
                .experimentName(experimentName())
                .command(command);
        if (sharedStorage != null
                && step.job().nfsMounts().stream().noneMatch(m -> m.mountPath().equals(sharedStorage.mountPath()))) {
            b.nfsMount(sharedStorage.server(), sharedStorage.path(), sharedStorage.mountPath(), false);
        }
        return b.build();
    }

    /**
     * The sweep a sweep step runs, with {@code trial} (the step's job, {@link #stepJob}) as its
     * trial: named as the step's job and filed under the pipeline's experiment.
     *
     * @throws ValidationException when the step is a command step
     */
    public SweepJob stepSweep(String stepName, CommandJob trial) {
        Arguments.nonNull(stepName, "stepName");
        Arguments.nonNull(trial, "trial");
        SweepJob sweep = steps.get(stepName)
                .sweep()
                .orElseThrow(() -> new ValidationException(
                        "jobs." + stepName, stepName, "is a command step, not a sweep", "Run it with stepJob(step)"));
        return sweep.toBuilder()
                .name(stepJobName(stepName))
                .experimentName(experimentName())
                .trial(trial)
                .build();
    }

    private static String replace(Pattern p, String command, Map<String, String> values) {
        Matcher m = p.matcher(command);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            // The job's data inputs stay for Azure ML to resolve.
            m.appendReplacement(sb, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * The job's {@code properties} in Azure ML's REST shape ({@code jobType: Pipeline}): each step
     * as a command job under {@code jobs}, with its inputs bound to the other steps' outputs.
     */
    public Map<String, Object> serialize() {
        return toSpec().serialize();
    }

    /**
     * The pipeline as the transport SPI takes it: the one conversion from the user's pipeline to
     * what a hosted pipeline service submits.
     */
    public PipelineSpec toSpec() {
        Map<String, PipelineSpec.Output> outputSpecs = new LinkedHashMap<>();
        outputs.forEach((n, o) -> outputSpecs.put(
                n, new PipelineSpec.Output(o.step(), o.stepOutput(), o.mode().restName())));
        Map<String, PipelineStepSpec> stepSpecs = new LinkedHashMap<>();
        steps.forEach((n, step) -> stepSpecs.put(n, step.toSpec()));
        return new PipelineSpec(
                name(),
                experimentName(),
                labels().toSpec(),
                identity() == null ? null : identity().toSpec(),
                continueOnStepFailure,
                defaultDatastore,
                outputSpecs,
                stepSpecs);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PipelineJob{name=").append(name()).append(", steps=");
        List<String> parts = new ArrayList<>();
        for (String s : order) {
            Set<String> up = steps.get(s).upstream();
            parts.add(up.isEmpty() ? s : s + " <- " + up);
        }
        return sb.append(parts).append('}').toString();
    }

    /** Collects steps; {@link #build()} checks the graph. */
    public static final class Builder extends ParentJobBuilder<Builder> {
        private String name;
        private final Map<String, PipelineStep> steps = new LinkedHashMap<>();
        private NfsMount sharedStorage;
        private boolean continueOnStepFailure;
        private String defaultDatastore;
        private final Map<String, Output> outputs = new LinkedHashMap<>();

        private Builder() {}

        /** The pipeline's name, unique in the workspace; generated ({@code pipeline-<hex>}) when none is given. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Adds a step. */
        public Builder step(String stepName, PipelineStep step) {
            Arguments.nonNull(stepName, "stepName");
            Arguments.nonNull(step, "step");
            if (stepName == null || !PipelineStep.NAME.matcher(stepName).matches()) {
                throw new ValidationException(
                        "jobs",
                        stepName,
                        "is not a valid step name",
                        "Use letters, digits and '_', starting with a letter or '_', e.g. prep_data");
            }
            if (steps.containsKey(stepName)) {
                throw new ValidationException(
                        "jobs." + stepName, stepName, "is defined twice", "Give each step a name of its own");
            }
            steps.put(stepName, Objects.requireNonNull(step, "step"));
            return this;
        }

        /** The NFS export that holds the steps' outputs; every step mounts it read-write. */
        public Builder sharedStorage(NfsMount storage) {
            this.sharedStorage = storage;
            return this;
        }

        /**
         * The datastore Azure ML keeps the steps' outputs on (its name, e.g. {@code workspaceblobstore}),
         * instead of the workspace's default datastore. Azure only.
         */
        public Builder defaultDatastore(String datastoreName) {
            this.defaultDatastore = datastoreName;
            return this;
        }

        /**
         * A pipeline output Azure ML stores on the datastore: a step's output, named by its binding.
         * Azure only.
         *
         * <pre>{@code
         * .output("trained_model", "${{parent.jobs.train.outputs.model}}", OutputMode.UPLOAD)
         * }</pre>
         *
         * @param binding {@code ${{parent.jobs.<step>.outputs.<output>}}} of a step that declares that output
         */
        public Builder output(String name, String binding, OutputMode mode) {
            Arguments.nonNull(name, "name");
            Arguments.nonNull(binding, "binding");
            Arguments.nonNull(mode, "mode");
            Matcher m = PipelineStep.BINDING.matcher(binding.trim());
            if (!OUTPUT_NAME.matcher(name).matches()) {
                throw new ValidationException(
                        "outputs",
                        name,
                        "is not a valid output name",
                        "Use letters, digits and '_', e.g. trained_model");
            }
            if (!m.matches()) {
                throw new ValidationException(
                        "outputs." + name,
                        binding,
                        "is not a step's output",
                        "Write ${{parent.jobs.<step>.outputs.<output>}}");
            }
            outputs.put(name, new Output(binding.trim(), m.group(1), m.group(2), mode));
            return this;
        }

        /** Whether steps that do not depend on a failed step go on. Default false: a failure stops the pipeline. */
        public Builder continueOnStepFailure(boolean goOn) {
            this.continueOnStepFailure = goOn;
            return this;
        }

        /**
         * Checks the graph: every reference names a step and an output it declares, every
         * placeholder in a command is declared, and there is no cycle.
         *
         * @throws ValidationException naming the step and the reference: the first of {@link #problems()}
         */
        public PipelineJob build() {
            // The pipeline keeps frozen copies, checked here: later changes to the given steps cannot reach it.
            Map<String, PipelineStep> steps = new LinkedHashMap<>();
            this.steps.forEach((stepName, step) -> steps.put(stepName, step.frozenCopy()));
            List<ValidationException> problems = problems(steps);
            if (!problems.isEmpty()) {
                throw problems.get(0);
            }
            return new PipelineJob(pipelineName(), steps, topologicalOrder(steps), this);
        }

        /**
         * Every problem {@link #build()} would report, all at once, in the order of the steps: a
         * reference to a missing step, an output a step does not declare, an undeclared
         * placeholder, outputs without shared storage, a cycle. Empty when the pipeline builds.
         */
        public List<ValidationException> problems() {
            return problems(steps);
        }

        private String pipelineName() {
            return name != null
                    ? name
                    : "pipeline-"
                            + HexFormat.of()
                                    .toHexDigits(ThreadLocalRandom.current().nextInt());
        }

        private List<ValidationException> problems(Map<String, PipelineStep> steps) {
            List<ValidationException> problems = new ArrayList<>();
            if (name != null && !PIPELINE_NAME.matcher(name).matches()) {
                problems.add(new ValidationException(
                        "name",
                        name,
                        "is not a valid pipeline name",
                        "Use letters, digits, '-' and '_', at most 150 characters"));
            }
            if (defaultDatastore != null
                    && !DATASTORE_NAME.matcher(defaultDatastore).matches()) {
                problems.add(new ValidationException(
                        "settings.default_datastore",
                        defaultDatastore,
                        "is not a datastore name",
                        "Give the datastore's name: letters, digits and '_', e.g. workspaceblobstore"));
            }
            Set<String> boundOutputs = new HashSet<>();
            outputs.forEach((name, o) -> {
                if (!steps.containsKey(o.step())
                        || !steps.get(o.step()).outputs().contains(o.stepOutput())) {
                    problems.add(new ValidationException(
                            "outputs." + name,
                            o.binding(),
                            "names no output of the pipeline's steps",
                            "Declare it with .output(\"" + o.stepOutput() + "\") on step '" + o.step()
                                    + "', or fix the binding"));
                } else if (!boundOutputs.add(o.binding())) {
                    problems.add(new ValidationException(
                            "outputs." + name,
                            o.binding(),
                            "is another pipeline output already",
                            "Bind each step output to one pipeline output"));
                }
            });
            if (steps.isEmpty()) {
                problems.add(new ValidationException(
                        "jobs", null, "is empty", "Add at least one step with step(name, PipelineStep.of(job))"));
            }
            boolean anyOutputs = false;
            for (Map.Entry<String, PipelineStep> e : steps.entrySet()) {
                String stepName = e.getKey();
                PipelineStep step = e.getValue();
                anyOutputs |= !step.outputs().isEmpty();
                for (String up : step.dependsOn()) {
                    requireStep(steps, stepName, "dependsOn", up, problems);
                }
                step.inputs().forEach((input, binding) -> {
                    Matcher m = PipelineStep.BINDING.matcher(binding);
                    if (m.matches()
                            && requireStep(steps, stepName, "inputs." + input, m.group(1), problems)
                            && !steps.get(m.group(1)).outputs().contains(m.group(2))) {
                        problems.add(new ValidationException(
                                "jobs." + stepName + ".inputs." + input,
                                binding,
                                "refers to an output step '" + m.group(1) + "' does not declare (it has "
                                        + steps.get(m.group(1)).outputs() + ")",
                                "Declare it with .output(\"" + m.group(2) + "\") on step '" + m.group(1)
                                        + "', or fix the binding"));
                    }
                });
                // A step's literal values are its own inputs (PipelineStep.input); its job declares only data inputs.
                Set<String> inputs = new HashSet<>(step.inputs().keySet());
                inputs.addAll(step.job().dataInputs().keySet());
                checkPlaceholders(stepName, step, INPUT_REF, inputs, "inputs", problems);
                checkPlaceholders(stepName, step, OUTPUT_REF, step.outputs(), "outputs", problems);
            }
            if (anyOutputs && sharedStorage == null) {
                problems.add(
                        new ValidationException(
                                "sharedStorage",
                                null,
                                "is required when steps have outputs",
                                "Give the NFS export outputs live on: sharedStorage(new NfsMount(server, path, \"/mnt/pipelines\", false))"));
            }
            List<String> cycle = findCycle(steps);
            if (!cycle.isEmpty()) {
                problems.add(new ValidationException(
                        "jobs",
                        String.join(" -> ", cycle),
                        "form a cycle",
                        "Remove one of these dependencies: a pipeline's steps must form a directed acyclic graph"));
            }
            return problems;
        }

        /** Whether {@code referenced} is another step; if not, the problem is added. */
        private static boolean requireStep(
                Map<String, PipelineStep> steps,
                String stepName,
                String field,
                String referenced,
                List<ValidationException> problems) {
            if (!steps.containsKey(referenced)) {
                problems.add(new ValidationException(
                        "jobs." + stepName + "." + field,
                        referenced,
                        "names no step of the pipeline " + steps.keySet(),
                        "Name one of the steps, or add step '" + referenced + "'"));
                return false;
            }
            if (referenced.equals(stepName)) {
                problems.add(new ValidationException(
                        "jobs." + stepName + "." + field,
                        referenced,
                        "makes the step wait for itself",
                        "Remove the self-reference"));
                return false;
            }
            return true;
        }

        private static void checkPlaceholders(
                String stepName,
                PipelineStep step,
                Pattern ref,
                Set<String> declared,
                String kind,
                List<ValidationException> problems) {
            Matcher m = ref.matcher(step.job().command());
            while (m.find()) {
                if (!declared.contains(m.group(1))) {
                    problems.add(new ValidationException(
                            "jobs." + stepName + ".command",
                            m.group(),
                            "uses an undeclared " + kind.substring(0, kind.length() - 1),
                            "Declare it with ." + kind.substring(0, kind.length() - 1) + "(\"" + m.group(1)
                                    + "\", ...) on step '" + stepName + "'"));
                }
            }
        }

        /** Kahn's algorithm, keeping the given order among ready steps (the steps are checked: no cycle). */
        private static List<String> topologicalOrder(Map<String, PipelineStep> steps) {
            Map<String, Set<String>> waiting = new LinkedHashMap<>();
            steps.forEach((s, step) -> waiting.put(s, new LinkedHashSet<>(step.upstream())));
            List<String> order = new ArrayList<>();
            Deque<String> ready = new ArrayDeque<>();
            waiting.forEach((s, ups) -> {
                if (ups.isEmpty()) {
                    ready.add(s);
                }
            });
            while (!ready.isEmpty()) {
                String s = ready.poll();
                order.add(s);
                for (Map.Entry<String, Set<String>> e : waiting.entrySet()) {
                    if (e.getValue().remove(s) && e.getValue().isEmpty()) {
                        ready.add(e.getKey());
                    }
                }
            }
            return order;
        }

        private static List<String> findCycle(Map<String, PipelineStep> steps) {
            for (String start : steps.keySet()) {
                List<String> path = new ArrayList<>();
                if (walk(steps, start, start, path, new LinkedHashSet<>())) {
                    return path;
                }
            }
            return List.of();
        }

        private static boolean walk(
                Map<String, PipelineStep> steps, String start, String at, List<String> path, Set<String> seen) {
            path.add(at);
            for (String up : steps.get(at).upstream()) {
                if (!steps.containsKey(up) || up.equals(at)) {
                    continue; // A missing step or a self-reference, reported on its own.
                }
                if (up.equals(start)) {
                    path.add(start);
                    return true;
                }
                if (seen.add(up) && walk(steps, start, up, path, seen)) {
                    return true;
                }
            }
            path.remove(path.size() - 1);
            return false;
        }
    }
}
