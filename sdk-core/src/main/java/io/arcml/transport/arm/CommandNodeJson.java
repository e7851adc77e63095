package io.arcml.transport.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.arcml.resource.CommandJobJson;
import io.arcml.resource.JobJson;
import io.arcml.resource.PipelineStepJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pipeline's command step as Azure ML's CLI sends it (its {@code Command._to_rest_object}),
 * bound with Jackson: a node of {@code type: command} referencing its component, with what the
 * node sets itself in the node's snake-case spelling. {@link #of(PipelineStepJson, String)} is its
 * one writer, from the step's command job body.
 *
 * @param type {@code command}
 * @param name the step's name
 * @param labels the step's labels, beside the other keys
 * @param inputs the step's inputs, typed by {@code job_input_type}
 * @param outputs the step's outputs, typed by {@code job_output_type} or bound to the pipeline's
 * @param computeId the compute it runs on
 * @param comment a note Azure ML studio shows on the step, or {@code null}
 * @param resources instance count and type
 * @param distribution how it spreads over the instances, or {@code null}
 * @param limits its timeout, or {@code null}
 * @param identity the identity it runs as, or {@code null}
 * @param environmentVariables the variables it sets, or {@code null}
 * @param componentId the component's resource ID
 */
@JsonPropertyOrder({
    "type",
    "name",
    "labels",
    "inputs",
    "outputs",
    "computeId",
    "comment",
    "resources",
    "distribution",
    "limits",
    "identity",
    "environment_variables",
    "componentId"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
record CommandNodeJson(
        String type,
        String name,
        @JsonUnwrapped NodeJson.Labels labels,
        Map<String, JobJson.Input> inputs,
        Map<String, JobJson.Output> outputs,
        String computeId,
        String comment,
        NodeJson.Resources resources,
        NodeJson.Distribution distribution,
        NodeJson.Limits limits,
        NodeJson.Identity identity,
        @JsonProperty("environment_variables") Map<String, String> environmentVariables,
        String componentId) {

    /** The node of a step (its assets placed) whose command is registered as component {@code componentId}. */
    static CommandNodeJson of(PipelineStepJson step, String componentId) {
        CommandJobJson job = step.job();
        return new CommandNodeJson(
                step.type(),
                step.name(),
                NodeJson.Labels.of(job.labels()),
                inputsInNodeSpelling(job.inputs()),
                outputsInNodeSpelling(job.outputs()),
                job.computeId(),
                step.comment(),
                NodeJson.Resources.of(job.resources()),
                NodeJson.Distribution.of(job.distribution()),
                NodeJson.Limits.of(job.limits()),
                NodeJson.Identity.of(job.identity()),
                job.environmentVariables(),
                componentId);
    }

    /** A step's inputs in a node's spelling ({@code job_input_type}). */
    static Map<String, JobJson.Input> inputsInNodeSpelling(Map<String, JobJson.Input> inputs) {
        if (inputs == null) {
            return null;
        }
        Map<String, JobJson.Input> out = new LinkedHashMap<>();
        inputs.forEach((name, input) -> out.put(name, input.inNodeSpelling()));
        return out;
    }

    /** A step's outputs in a node's spelling ({@code job_output_type}). */
    static Map<String, JobJson.Output> outputsInNodeSpelling(Map<String, JobJson.Output> outputs) {
        if (outputs == null) {
            return null;
        }
        Map<String, JobJson.Output> out = new LinkedHashMap<>();
        outputs.forEach((name, output) -> out.put(name, output.inNodeSpelling()));
        return out;
    }
}
