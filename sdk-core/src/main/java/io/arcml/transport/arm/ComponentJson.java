package io.arcml.transport.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcml.resource.CommandJobJson;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.PipelineStepJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command component a pipeline's node references, in Azure ML's YAML shape, and the body that
 * registers it as an anonymous component version ({@code components/<name>/versions/<version>}),
 * bound with Jackson. {@link CommandComponent#of(PipelineStepJson, CommandSpec, String)} is the one
 * writer of a component, from a step's command job body.
 */
final class ComponentJson {
    private static final String COMPONENT_SCHEMA =
            "https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json";

    private ComponentJson() {}

    /**
     * A command component: its inputs and outputs declared by type, the command, environment, code,
     * resources and distribution.
     *
     * @param schema the YAML schema of command components
     * @param type {@code command}
     * @param deterministic whether Azure ML may reuse a run of the same inputs ({@code true})
     * @param inputs each input's type ({@code string} for a literal)
     * @param outputs each output's type
     * @param command the command as the component runs it
     * @param environment {@code azureml:} and the environment version's resource ID
     * @param code {@code azureml:} and the code version's resource ID, or {@code null}
     * @param resources instance count and type
     * @param distribution how it spreads over the instances, or {@code null}
     * @param environmentVariables the variables a sweep's trial sets, or {@code null}
     * @param source how the component was written ({@code YAML.COMPONENT}), or {@code null} before registration
     */
    @JsonPropertyOrder({
        "$schema",
        "type",
        "is_deterministic",
        "inputs",
        "outputs",
        "command",
        "environment",
        "code",
        "resources",
        "distribution",
        "environment_variables",
        "_source"
    })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CommandComponent(
            @JsonProperty("$schema") String schema,
            String type,
            @JsonProperty("is_deterministic") boolean deterministic,
            Map<String, Typed> inputs,
            Map<String, Typed> outputs,
            String command,
            String environment,
            String code,
            NodeJson.Resources resources,
            NodeJson.ComponentDistribution distribution,
            @JsonProperty("environment_variables") Map<String, String> environmentVariables,
            @JsonProperty("_source") String source) {

        /**
         * The component of a step's command job body (its environment and code placed): its literal
         * inputs declared as strings (the values travel on the node), its data inputs and outputs by
         * their type.
         *
         * @param spec the step's command, for the types of its outputs
         * @param command the command as the component runs it
         */
        static CommandComponent of(PipelineStepJson step, CommandSpec spec, String command) {
            CommandJobJson job = step.job();
            Map<String, Typed> inputs = new LinkedHashMap<>();
            if (job.inputs() != null) {
                job.inputs()
                        .forEach((name, input) ->
                                inputs.put(name, new Typed(input.type().equals("literal") ? "string" : input.type())));
            }
            Map<String, Typed> outputs = new LinkedHashMap<>();
            if (job.outputs() != null) {
                job.outputs()
                        .forEach((name, output) ->
                                outputs.put(name, new Typed(spec.outputs().getOrDefault(name, output.outputType()))));
            }
            return new CommandComponent(
                    COMPONENT_SCHEMA,
                    "command",
                    true,
                    inputs,
                    outputs,
                    command,
                    "azureml:" + job.environmentId(),
                    job.codeId() == null ? null : "azureml:" + job.codeId(),
                    NodeJson.Resources.of(job.resources()),
                    NodeJson.ComponentDistribution.of(job.distribution()),
                    null,
                    null);
        }

        /** A sweep's trial: the hyperparameters declared first as inputs, and the trial's environment variables. */
        CommandComponent asTrial(Map<String, Typed> hyperparameters, Map<String, String> variables) {
            Map<String, Typed> all = new LinkedHashMap<>(hyperparameters);
            all.putAll(inputs);
            return with(all, variables, source);
        }

        /** The component as its version's body holds it, marked as written from YAML the way the CLI marks it. */
        CommandComponent asRegistered() {
            return with(inputs, environmentVariables, "YAML.COMPONENT");
        }

        private CommandComponent with(Map<String, Typed> newInputs, Map<String, String> variables, String newSource) {
            return new CommandComponent(
                    schema,
                    type,
                    deterministic,
                    newInputs,
                    outputs,
                    command,
                    environment,
                    code,
                    resources,
                    distribution,
                    variables,
                    newSource);
        }
    }

    /**
     * An input or output declared by its type alone.
     *
     * @param type e.g. {@code string}, {@code number}, {@code uri_folder}, {@code mlflow_model}
     */
    record Typed(String type) {}

    /**
     * The body that registers a component version.
     *
     * @param properties the component and its flags
     */
    record VersionBody(VersionProperties properties) {
        /** An anonymous, unarchived version of {@code component}, with no properties or tags. */
        static VersionBody anonymous(CommandComponent component) {
            return new VersionBody(new VersionProperties(component.asRegistered(), true, false, Map.of(), Map.of()));
        }
    }

    /**
     * A component version's properties.
     *
     * @param componentSpec the component
     * @param isAnonymous whether it is anonymous (versioned by its content)
     * @param isArchived whether it is archived
     * @param properties string properties
     * @param tags string tags
     */
    @JsonPropertyOrder({"componentSpec", "isAnonymous", "isArchived", "properties", "tags"})
    record VersionProperties(
            CommandComponent componentSpec,
            @JsonProperty("isAnonymous") boolean isAnonymous,
            @JsonProperty("isArchived") boolean isArchived,
            Map<String, String> properties,
            Map<String, String> tags) {}
}
