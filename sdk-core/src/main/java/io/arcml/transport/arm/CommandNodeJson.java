package io.arcml.transport.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.arcml.resource.CommandJobJson;
import io.arcml.resource.PipelineStepJson;
import java.util.Map;

/**
 * A pipeline's command step as Azure ML's CLI sends it (its {@code Command._to_rest_object}),
 * bound with Jackson: a node of {@code type: command} referencing its component, with what the
 * node sets itself in the node's snake-case spelling. {@link #of(PipelineStepJson, String)} is its
 * one writer, from the step's command job body.
 *
 * @param step type, name, labels, inputs, outputs, compute and comment
 * @param resources instance count and type
 * @param distribution how it spreads over the instances, or {@code null}
 * @param limits its timeout, or {@code null}
 * @param identity the identity it runs as, or {@code null}
 * @param environmentVariables the variables it sets, or {@code null}
 * @param componentId the component's resource ID
 */
@JsonPropertyOrder({"step", "resources", "distribution", "limits", "identity", "environment_variables", "componentId"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record CommandNodeJson(
        @JsonUnwrapped NodeJson.Step step,
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
                NodeJson.Step.of(step.type(), step, job.labels()),
                NodeJson.Resources.of(job.resources()),
                NodeJson.Distribution.of(job.distribution()),
                NodeJson.Limits.of(job.limits()),
                NodeJson.Identity.of(job.identity()),
                job.environmentVariables(),
                componentId);
    }
}
