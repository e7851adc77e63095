package io.arcml.transport.arm;

import io.arcml.resource.CommandSpec;
import io.arcml.resource.PipelineStepJson;

/**
 * A pipeline's command step as Azure ML's CLI sends it (its {@code Command._to_rest_object}): a node
 * of {@code type: command} ({@link CommandNodeJson}) whose {@code componentId} is the step's command
 * registered as an anonymous component ({@link AnonymousComponents}), with what the node sets itself
 * in the node's snake-case spelling: {@code display_name}, {@code resources}, {@code distribution},
 * {@code limits}, {@code environment_variables}, {@code identity}, and its inputs and outputs typed
 * by {@code job_input_type} and {@code job_output_type}.
 */
final class ArmCommandNodes {
    private final AnonymousComponents components;

    ArmCommandNodes(AnonymousComponents components) {
        this.components = components;
    }

    /**
     * The command node of a step (its environment and code placed, its inputs, outputs and
     * compute), its component registered.
     */
    CommandNodeJson node(CommandSpec job, PipelineStepJson step) {
        ComponentJson.CommandComponent component = ComponentJson.CommandComponent.of(step, job, job.command());
        return CommandNodeJson.of(step, components.register(component));
    }
}
