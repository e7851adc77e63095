package io.arcml.transport.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.resource.CommandSpec;
import java.util.Map;

/**
 * A pipeline's command step as Azure ML's CLI sends it (its {@code Command._to_rest_object}): a node
 * of {@code type: command} whose {@code componentId} is the step's command registered as an
 * anonymous component ({@link AnonymousComponents}), with what the node sets itself in the node's
 * snake-case spelling: {@code display_name}, {@code resources}, {@code distribution},
 * {@code limits}, {@code environment_variables}, {@code identity}, and its inputs and outputs typed
 * by {@code job_input_type} and {@code job_output_type}.
 */
final class ArmCommandNodes {
    /** The node's spelling of the inline job's keys it keeps; the others are the component's. */
    private static final Map<String, String> NODE_KEYS = Map.of(
            "displayName", "display_name",
            "resources", "resources",
            "distribution", "distribution",
            "limits", "limits",
            "identity", "identity",
            "environmentVariables", "environment_variables");

    private static final Map<String, String> NODE_SPELLING =
            Map.of("jobInputType", "job_input_type", "jobOutputType", "job_output_type");

    private final AnonymousComponents components;

    ArmCommandNodes(AnonymousComponents components) {
        this.components = components;
    }

    /**
     * Turns a step's command job body (its environment and code placed, its inputs, outputs and
     * compute) into the command node, registering its component.
     */
    void toCommandNode(CommandSpec job, ObjectNode node) {
        ObjectNode component = AnonymousComponents.command(node, job, job.command());
        ObjectNode own = node.objectNode();
        NODE_KEYS.forEach((rest, key) -> {
            JsonNode value = node.get(rest);
            if (value != null) {
                // Environment variables are the user's names; the other objects are REST models, snake-cased.
                own.set(
                        key,
                        value.isObject() && !rest.equals("environmentVariables")
                                ? AnonymousComponents.snakeCase(value)
                                : value);
            }
        });
        AnonymousComponents.COMMAND_JOB_KEYS.forEach(node::remove);
        node.setAll(own);
        respell(node.path("inputs"));
        respell(node.path("outputs"));
        node.put("componentId", components.register(component));
    }

    /** Azure ML's node spelling of the input and output type. */
    private static void respell(JsonNode bindings) {
        bindings.forEach(binding -> NODE_SPELLING.forEach((rest, spelled) -> {
            if (binding instanceof ObjectNode o && o.has(rest)) {
                o.set(spelled, o.remove(rest));
            }
        }));
    }
}
