package io.arcml.pipeline;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.AzureMlText;
import io.arcml.internal.ComputeNames;
import io.arcml.job.CommandJob;
import io.arcml.resource.PipelineStepSpec;
import io.arcml.sweep.SweepJob;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One step of a pipeline: a command job or a sweep, the outputs it writes and the inputs it reads,
 * as in Azure ML's pipeline YAML. The command (a sweep's trial command) refers to them as
 * {@code ${{outputs.<name>}}} and {@code ${{inputs.<name>}}}; an input is bound to another step's
 * output with {@code ${{parent.jobs.<step>.outputs.<name>}}}, which also orders the steps. A sweep
 * step's outputs are those of its best trial.
 *
 * <pre>{@code
 * PipelineStep prep = PipelineStep.of(prepJob).output("prepped");
 * PipelineStep tune = PipelineStep.of(sweep).input("data", "${{parent.jobs.prep.outputs.prepped}}").output("model");
 * PipelineStep score = PipelineStep.of(scoreJob).input("model", "${{parent.jobs.tune.outputs.model}}");
 * }</pre>
 *
 * A built {@link PipelineJob} holds frozen copies of its steps: changing a step after
 * {@code build()} does not change the pipeline, and the steps a pipeline returns refuse changes.
 */
public final class PipelineStep {
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    static final Pattern BINDING =
            Pattern.compile("\\$\\{\\{\\s*parent\\.jobs\\.([A-Za-z0-9_]+)\\.outputs\\.([A-Za-z0-9_]+)\\s*}}");

    private final CommandJob job;
    /** The sweep of a sweep step, whose trial is {@link #job}; {@code null} for a command step. */
    private final SweepJob sweep;

    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final Set<String> outputs = new LinkedHashSet<>();
    private final Set<String> dependsOn = new LinkedHashSet<>();
    /** True for the copies a built pipeline holds. */
    private final boolean frozen;

    private String compute;
    private String comment;

    private PipelineStep(CommandJob job, SweepJob sweep, boolean frozen) {
        this.job = Objects.requireNonNull(job, "job");
        this.sweep = sweep;
        this.frozen = frozen;
    }

    /** A step that runs {@code job}. */
    public static PipelineStep of(CommandJob job) {
        return new PipelineStep(Arguments.nonNull(job, "job"), null, false);
    }

    /**
     * A step that runs a sweep: its trials run the sweep's trial command with the step's inputs and
     * outputs, and the step ends when the sweep ends. Later steps that bind its outputs read those
     * of the best trial (by the sweep's objective). The sweep's name and experiment give way to the
     * pipeline's, as for command steps.
     */
    public static PipelineStep of(SweepJob sweep) {
        Arguments.nonNull(sweep, "sweep");
        return new PipelineStep(sweep.trial(), sweep, false);
    }

    /** A copy that refuses changes, for a built pipeline. */
    PipelineStep frozenCopy() {
        PipelineStep copy = new PipelineStep(job, sweep, true);
        copy.inputs.putAll(inputs);
        copy.outputs.addAll(outputs);
        copy.dependsOn.addAll(dependsOn);
        copy.compute = compute;
        copy.comment = comment;
        return copy;
    }

    private void requireChangeable(String field, String value) {
        if (frozen) {
            throw new ValidationException(
                    field,
                    value,
                    "cannot be added to a step of a built pipeline (job '" + job.name() + "')",
                    "Change the step before PipelineJob.Builder.build(), or build a new pipeline with the changed step");
        }
    }

    /**
     * Binds an input: {@code ${{parent.jobs.<step>.outputs.<name>}}} for another step's output, or
     * an absolute path the job can already read.
     */
    public PipelineStep input(String name, String binding) {
        requireChangeable("inputs." + name, binding);
        requireName("inputs", name);
        Arguments.nonNull(binding, "binding");
        if (binding == null || (!BINDING.matcher(binding.trim()).matches() && !binding.startsWith("/"))) {
            throw new ValidationException(
                    "inputs." + name,
                    binding,
                    "is neither a step output nor an absolute path",
                    "Bind it to ${{parent.jobs.<step>.outputs.<output>}}, or give an absolute path such as /mnt/data/raw");
        }
        AzureMlText.requireWordCharacter(
                "inputs." + name, binding, "Give a path with a letter, digit or '_', such as /mnt/data/raw");
        inputs.put(name, binding.trim());
        return this;
    }

    /** Declares an output: a folder on the pipeline's shared storage the step writes to. */
    public PipelineStep output(String name) {
        requireChangeable("outputs", name);
        requireName("outputs", name);
        outputs.add(name);
        return this;
    }

    /** Runs this step after others, beyond what its input bindings already order. */
    public PipelineStep dependsOn(String... steps) {
        Arguments.nonNull(steps, "steps");
        for (String s : steps) {
            requireChangeable("dependsOn", s);
            requireName("dependsOn", s);
            dependsOn.add(s);
        }
        return this;
    }

    /**
     * Runs this step on another compute of the workspace than the pipeline's (Azure ML's step-level
     * {@code compute}). Azure ML runs such a pipeline; the embedded and cluster transports run every
     * step on the compute the pipeline is submitted to, and refuse a step that names another.
     */
    public PipelineStep compute(String computeName) {
        requireChangeable("compute", computeName);
        this.compute = computeName == null ? null : ComputeNames.requireComputeName(computeName);
        return this;
    }

    /**
     * A note on the step that Azure ML studio shows beside it (azure-ai-ml's node {@code comment}).
     * The embedded and cluster transports keep no notes and run the step as it is.
     */
    public PipelineStep comment(String text) {
        Arguments.nonNull(text, "text");
        requireChangeable("comment", text);
        this.comment = text;
        return this;
    }

    private static void requireName(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException(
                    field, name, "is not a valid name", "Use letters, digits and '_', starting with a letter or '_'");
        }
    }

    /** The job the step runs; for a sweep step, the command each trial runs (the sweep's trial). */
    public CommandJob job() {
        return job;
    }

    /** The sweep a sweep step runs; empty for a command step. */
    public Optional<SweepJob> sweep() {
        return Optional.ofNullable(sweep);
    }

    /** The compute this step runs on, or {@code null} for the pipeline's. */
    public String compute() {
        return compute;
    }

    /** The inputs and their bindings. */
    public Map<String, String> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    /** The outputs. */
    public Set<String> outputs() {
        return Collections.unmodifiableSet(outputs);
    }

    /** The steps this one was told to wait for with {@link #dependsOn(String...)}. */
    public Set<String> dependsOn() {
        return Collections.unmodifiableSet(dependsOn);
    }

    /** Every step this one waits for: explicit ones and those its inputs are bound to. */
    public Set<String> upstream() {
        Set<String> out = new LinkedHashSet<>(dependsOn);
        inputs.values().forEach(b -> {
            var m = BINDING.matcher(b);
            if (m.matches()) {
                out.add(m.group(1));
            }
        });
        return out;
    }

    /** The step as the transport SPI takes it: its command (or its sweep's trial), its sweep, compute, bindings and comment. */
    public PipelineStepSpec toSpec() {
        return new PipelineStepSpec(
                job.toSpec(), sweep == null ? null : sweep.toSpec(), compute, inputs, List.copyOf(outputs), comment);
    }

    @Override
    public String toString() {
        return "PipelineStep{" + (sweep == null ? "job=" + job.name() : "sweep=" + sweep.name())
                + (inputs.isEmpty() ? "" : ", inputs=" + inputs)
                + (outputs.isEmpty() ? "" : ", outputs=" + outputs)
                + (dependsOn.isEmpty() ? "" : ", dependsOn=" + dependsOn)
                + (compute == null ? "" : ", compute=" + compute) + "}";
    }
}
