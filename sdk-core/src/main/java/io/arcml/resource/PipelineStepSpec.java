package io.arcml.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a pipeline as a control plane receives it: a command, or a sweep whose trial is the
 * command. The user API's {@code io.arcml.pipeline.PipelineStep} converts with {@code toSpec()}.
 *
 * @param job the step's command (a sweep step's trial)
 * @param sweep the sweep the step runs, or {@code null} for a command step
 * @param compute the compute it runs on, or {@code null} for the pipeline's
 * @param inputs its inputs bound to other steps' outputs or to absolute paths, by name
 * @param outputs the outputs other steps bind to
 * @param comment a note Azure ML studio shows on the step, or {@code null}
 */
public record PipelineStepSpec(
        CommandSpec job,
        SweepSpec sweep,
        String compute,
        Map<String, String> inputs,
        List<String> outputs,
        String comment) {

    /** Canonical constructor: the command is required; the collections are copied in their order. */
    public PipelineStepSpec {
        Objects.requireNonNull(job, "job");
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }
}
