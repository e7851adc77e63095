package io.arcml.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.arcml.internal.Arguments;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pipeline's step as a command job under the pipeline's {@code jobs}: the step's command job body
 * (under the step's labels and the pipeline's experiment) with its inputs bound to other steps'
 * outputs, its outputs bound to the pipeline's, then {@code type}, {@code name} and its
 * {@code comment}. {@link #of(PipelineSpec, String, JobAssets)} is its one writer; the ARM
 * transport turns it into the node Azure ML's CLI sends.
 *
 * @param job the step's command job body
 * @param type {@code command}
 * @param name the step's name
 * @param comment a note Azure ML studio shows on the step, or {@code null}
 */
@JsonPropertyOrder({"job", "type", "name", "comment"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineStepJson(@JsonUnwrapped CommandJobJson job, String type, String name, String comment) {

    /**
     * Step {@code stepName} of the pipeline: as the user wrote it with {@link JobAssets#NONE}, or with
     * the compute, environment, code and data input URIs a control plane placed.
     */
    public static PipelineStepJson of(PipelineSpec pipeline, String stepName, JobAssets assets) {
        Arguments.nonNull(pipeline, "pipeline");
        Arguments.nonNull(stepName, "stepName");
        Arguments.nonNull(assets, "assets");
        PipelineStepSpec step = pipeline.steps().get(stepName);
        if (step == null) {
            throw new IllegalArgumentException("Pipeline " + pipeline.name() + " has no step '" + stepName
                    + "': its steps are " + pipeline.steps().keySet());
        }
        CommandJobJson job = CommandJobJson.of(step.job(), assets);
        // The step's own inputs (literal and data), then its bindings to other steps' outputs.
        Map<String, JobJson.Input> inputs =
                job.inputs() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(job.inputs());
        step.inputs().forEach((input, binding) -> inputs.put(input, JobJson.Input.binding(binding)));
        Map<String, JobJson.Output> outputs = new LinkedHashMap<>();
        step.outputs().forEach(o -> outputs.put(o, JobJson.Output.stepFolder()));
        // A step output that is a pipeline output is bound to it, as Azure ML's CLI writes a node's output binding.
        pipeline.outputs().forEach((n, o) -> {
            if (o.step().equals(stepName)) {
                outputs.put(o.stepOutput(), JobJson.Output.pipelineBinding(n));
            }
        });
        return new PipelineStepJson(
                job.asStep(
                        JobJson.Labels.of(step.job().labels(), stepName),
                        pipeline.experimentName(),
                        inputs.isEmpty() ? null : inputs,
                        outputs.isEmpty() ? job.outputs() : outputs),
                "command",
                stepName,
                step.comment());
    }
}
