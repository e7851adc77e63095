package io.arcml.transport.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.transport.arm.SwaggerSpec.Definition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Azure ML says of a pipeline's steps, which the swagger leaves free-form ({@code jobs} is a
 * map of any object): each step is a node as Azure ML's CLI writes it, never an inline job (no
 * {@code jobType}): {@code name} the step's key, {@code type} {@code command} or {@code sweep}, and
 * its command a registered component. A command node ({@link #commandNode}) references the
 * component by {@code componentId} and sets only a node's keys, in their snake-case REST models
 * ({@code resources}, {@code distribution}, {@code limits}, {@code identity}); a sweep node
 * ({@link #sweepNode}) has YAML-named sweep keys and a trial that is a registered component. Inputs
 * and outputs are the swagger's {@code JobInput} and {@code JobOutput}, typed by
 * {@code job_input_type}/{@code job_output_type}; a binding is
 * {@code ${{parent.jobs.<step>.outputs.<output>}}} or {@code ${{parent.inputs.<input>}}} and names
 * a step and output (or pipeline input) that exist.
 */
final class PipelineStepContract {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\{(.*?)}}");
    private static final Pattern PARENT_OUTPUT =
            Pattern.compile("\\s*parent\\.jobs\\.([A-Za-z_][A-Za-z0-9_]*)\\.outputs\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");
    private static final Pattern PIPELINE_OUTPUT =
            Pattern.compile("\\$\\{\\{\\s*parent\\.outputs\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern PARENT_INPUT = Pattern.compile("\\s*parent\\.inputs\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");
    private static final Pattern COMMAND_REFERENCE =
            Pattern.compile("\\$\\{\\{\\s*(inputs|outputs)\\.([A-Za-z0-9_]+)\\s*}}");
    private static final Map<String, String> NODE_SPELLING =
            Map.of("job_input_type", "jobInputType", "job_output_type", "jobOutputType");

    /** The keys every node of Azure ML's CLI has ({@code BaseNode._to_rest_object}). */
    private static final List<String> NODE_KEYS = List.of(
            "type",
            "name",
            "display_name",
            "description",
            "tags",
            "properties",
            "computeId",
            "inputs",
            "outputs",
            "_source",
            "comment");
    /** What a command node adds ({@code Command._to_rest_object}). */
    private static final List<String> COMMAND_NODE_KEYS = List.of(
            "componentId",
            "distribution",
            "limits",
            "resources",
            "services",
            "identity",
            "queue_settings",
            "environment_variables");
    /** The swagger's model of each snake-cased REST object of a command node. */
    private static final Map<String, String> COMMAND_NODE_MODELS = Map.of(
            "resources", "JobResourceConfiguration",
            "distribution", "DistributionConfiguration",
            "limits", "CommandJobLimits",
            "identity", "IdentityConfiguration");
    /** What a sweep node adds: the sweep's keys and the trial. */
    private static final List<String> SWEEP_NODE_KEYS =
            List.of("limits", "sampling_algorithm", "objective", "search_space", "early_termination", "trial");

    private static final Pattern COMPONENT_ID =
            Pattern.compile("/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.MachineLearningServices"
                    + "/workspaces/[^/]+/components/[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}/versions/[^/]+");
    private static final List<String> DISTRIBUTIONS = List.of(
            "choice",
            "randint",
            "uniform",
            "loguniform",
            "quniform",
            "qloguniform",
            "normal",
            "lognormal",
            "qnormal",
            "qlognormal");

    private static final Pattern SNAKE = Pattern.compile("_([a-z])");

    private final SwaggerSpec spec;
    private final SwaggerValidator validator;
    private final Definition jobInput;
    private final Definition jobOutput;

    PipelineStepContract(SwaggerSpec spec, SwaggerValidator validator) {
        this.spec = spec;
        this.validator = validator;
        this.jobInput = spec.definition("mfe.json", "JobInput");
        this.jobOutput = spec.definition("mfe.json", "JobOutput");
    }

    /** Every violation in the steps of a pipeline job's {@code properties}, with paths from the body's root. */
    List<ContractViolation> check(JsonNode pipeline, String path, List<ContractViolation> out) {
        pipeline.path("jobs")
                .properties()
                .forEach(e -> step(pipeline, e.getKey(), e.getValue(), path + ".jobs." + e.getKey(), out));
        return out;
    }

    private void step(JsonNode pipeline, String name, JsonNode step, String path, List<ContractViolation> out) {
        if (!step.isObject()) {
            return; // the swagger's own schema of jobs (a map of objects) reports it
        }
        ObjectNode node = step.deepCopy();
        String type = node.path("type").asText("");
        if (node.remove("jobType") != null) {
            out.add(new ContractViolation(
                    "PIPELINE_STEP",
                    path + ".jobType",
                    "a step is a node, not an inline job: its command is a registered component (componentId)"));
        }
        if (!node.path("name").asText().equals(name)) {
            out.add(new ContractViolation(
                    "PIPELINE_STEP", path + ".name", node.path("name") + " is not the step's key '" + name + "'"));
        }
        switch (type) {
            case "command" -> commandNode(pipeline, node, path, out);
            case "sweep" -> sweepNode(pipeline, node, path, out);
            default -> {
                out.add(new ContractViolation(
                        "PIPELINE_STEP", path + ".type", "'" + type + "' is not a node type: command or sweep"));
                inputsAndOutputs(pipeline, node, path, out);
            }
        }
    }

    /**
     * A command node as Azure ML's CLI sends it (its {@code Command._to_rest_object}): a node's keys
     * only; {@code componentId} a component version of the workspace; {@code resources},
     * {@code distribution}, {@code limits} and {@code identity} the swagger's models with their keys
     * in snake case; inputs and outputs as every node has them ({@link #inputsAndOutputs}).
     */
    private void commandNode(JsonNode pipeline, ObjectNode node, String path, List<ContractViolation> out) {
        onlyKeys(node, COMMAND_NODE_KEYS, "PIPELINE_STEP", "a command node", path, out);
        if (!COMPONENT_ID.matcher(node.path("componentId").asText()).matches()) {
            out.add(new ContractViolation(
                    "PIPELINE_STEP", path + ".componentId", "is not a component version of the workspace"));
        }
        COMMAND_NODE_MODELS.forEach((key, model) -> {
            if (node.has(key)) {
                node.get(key).fieldNames().forEachRemaining(k -> {
                    if (!k.equals(k.toLowerCase(Locale.ROOT))) {
                        out.add(new ContractViolation(
                                "PIPELINE_STEP",
                                path + "." + key + "." + k,
                                "is the REST model's spelling: a node spells it in snake case"));
                    }
                });
                validator
                        .validate(spec.definition("mfe.json", model), camelCase(node.get(key)))
                        .forEach(v -> out.add(
                                new ContractViolation(v.code(), path + "." + key + "." + v.path(), v.message())));
            }
        });
        inputsAndOutputs(pipeline, node, path, out);
    }

    /** Flags every key of the node that is neither a node's nor one of {@code own}. */
    private static void onlyKeys(
            ObjectNode node, List<String> own, String code, String what, String path, List<ContractViolation> out) {
        node.fieldNames().forEachRemaining(k -> {
            if (!NODE_KEYS.contains(k) && !own.contains(k)) {
                out.add(new ContractViolation(code, path + "." + k, "'" + k + "' is no key of " + what));
            }
        });
    }

    /** A node's snake-case REST object in the swagger's camel case ({@code instance_count} as {@code instanceCount}). */
    private static JsonNode camelCase(JsonNode snake) {
        if (!(snake instanceof ObjectNode o)) {
            return snake;
        }
        ObjectNode out = o.objectNode();
        o.properties()
                .forEach(e -> out.set(
                        SNAKE.matcher(e.getKey()).replaceAll(m -> m.group(1).toUpperCase(Locale.ROOT)), e.getValue()));
        return out;
    }

    /**
     * A sweep node as Azure ML's CLI sends it (its {@code Sweep._to_rest_object}): the node's keys
     * only; {@code trial.componentId} a component version of the workspace; a {@code search_space} of
     * distributions, each with its {@code type}; {@code sampling_algorithm} random, grid or bayesian
     * (a word, or a mapping with {@code type}); {@code objective} with {@code goal} maximize or
     * minimize and a {@code primary_metric}; {@code limits.max_total_trials} at least 1; an
     * {@code early_termination} with a {@code policy_type} of the swagger's; inputs and outputs valid
     * {@code JobInput} and {@code JobOutput}s whose bindings name steps and outputs that exist.
     */
    private void sweepNode(JsonNode pipeline, ObjectNode node, String path, List<ContractViolation> out) {
        onlyKeys(node, SWEEP_NODE_KEYS, "SWEEP_NODE", "a sweep node", path, out);
        require(
                COMPONENT_ID
                        .matcher(node.path("trial").path("componentId").asText())
                        .matches(),
                path + ".trial.componentId",
                "is not a component version of the workspace",
                out);
        require(node.path("search_space").size() > 0, path + ".search_space", "is empty", out);
        node.path("search_space")
                .properties()
                .forEach(p -> require(
                        DISTRIBUTIONS.contains(p.getValue().path("type").asText()),
                        path + ".search_space." + p.getKey() + ".type",
                        "is not a distribution",
                        out));
        JsonNode sampling = node.path("sampling_algorithm");
        String algorithm =
                sampling.isTextual() ? sampling.asText() : sampling.path("type").asText();
        require(
                List.of("random", "grid", "bayesian").contains(algorithm),
                path + ".sampling_algorithm",
                "is not random, grid or bayesian",
                out);
        require(
                List.of("maximize", "minimize")
                        .contains(node.path("objective").path("goal").asText()),
                path + ".objective.goal",
                "is not maximize or minimize",
                out);
        require(
                !node.path("objective").path("primary_metric").asText().isEmpty(),
                path + ".objective.primary_metric",
                "is missing",
                out);
        require(
                node.path("limits").path("max_total_trials").asInt(0) >= 1,
                path + ".limits.max_total_trials",
                "is not at least 1",
                out);
        if (node.has("early_termination")) {
            require(
                    List.of("Bandit", "MedianStopping", "TruncationSelection")
                            .contains(node.path("early_termination")
                                    .path("policy_type")
                                    .asText()),
                    path + ".early_termination.policy_type",
                    "is not a policy of the swagger",
                    out);
        }
        inputsAndOutputs(pipeline, node, path, out);
    }

    /**
     * A node's inputs and outputs: valid {@code JobInput}s and {@code JobOutput}s (in the node's
     * spelling), an output bound to a pipeline output naming one the pipeline declares, and every
     * binding of an input naming a step and output (or pipeline input) that exist.
     */
    private void inputsAndOutputs(JsonNode pipeline, ObjectNode node, String path, List<ContractViolation> out) {
        pipelineOutputBindings(pipeline, node.path("outputs"), path + ".outputs", out);
        respell(node.path("inputs"));
        respell(node.path("outputs"));
        node.path("inputs").properties().forEach(e -> {
            validator
                    .validate(jobInput, e.getValue())
                    .forEach(v -> out.add(new ContractViolation(
                            v.code(), path + ".inputs." + e.getKey() + "." + v.path(), v.message())));
            for (String field : List.of("uri", "value")) {
                bindings(
                        pipeline,
                        e.getValue().path(field).asText(""),
                        path + ".inputs." + e.getKey() + "." + field,
                        out);
            }
        });
        node.path("outputs")
                .properties()
                .forEach(e -> validator
                        .validate(jobOutput, e.getValue())
                        .forEach(v -> out.add(new ContractViolation(
                                v.code(), path + ".outputs." + e.getKey() + "." + v.path(), v.message()))));
    }

    private static void require(boolean holds, String path, String problem, List<ContractViolation> out) {
        if (!holds) {
            out.add(new ContractViolation("SWEEP_NODE", path, problem));
        }
    }

    /**
     * A step output bound to a pipeline output, as Azure ML's CLI writes it ({@code type: literal},
     * {@code value: ${{parent.outputs.<name>}}}): it names an output the pipeline declares. Checked,
     * then validated as the folder output it is, as the swagger's {@code JobOutput} has no such kind.
     */
    private static void pipelineOutputBindings(
            JsonNode pipeline, JsonNode outputs, String path, List<ContractViolation> out) {
        if (!(outputs instanceof ObjectNode o)) {
            return;
        }
        List<String> bound = new ArrayList<>();
        o.properties().forEach(e -> {
            if ("literal".equals(e.getValue().path("type").asText())) {
                bound.add(e.getKey());
                Matcher m = PIPELINE_OUTPUT.matcher(e.getValue().path("value").asText(""));
                if (!m.matches() || !pipeline.path("outputs").has(m.group(1))) {
                    out.add(new ContractViolation(
                            "PIPELINE_BINDING",
                            path + "." + e.getKey() + ".value",
                            e.getValue().path("value") + " names no output the pipeline declares"));
                }
            }
        });
        bound.forEach(name -> o.putObject(name).put("jobOutputType", "uri_folder"));
    }

    /** Azure ML's node spelling of the input and output type, as the swagger spells it. */
    private static void respell(JsonNode bindings) {
        bindings.forEach(binding -> NODE_SPELLING.forEach((node, swagger) -> {
            if (binding instanceof ObjectNode o && o.has(node)) {
                o.set(swagger, o.remove(node));
            }
        }));
    }

    private static void bindings(JsonNode pipeline, String text, String path, List<ContractViolation> out) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            Matcher output = PARENT_OUTPUT.matcher(m.group(1));
            Matcher input = PARENT_INPUT.matcher(m.group(1));
            if (output.matches()) {
                JsonNode upstream = pipeline.path("jobs").path(output.group(1));
                if (upstream.isMissingNode()) {
                    out.add(new ContractViolation(
                            "PIPELINE_BINDING", path, m.group() + " names no step of the pipeline"));
                } else if (!upstream.path("outputs").has(output.group(2))) {
                    out.add(new ContractViolation(
                            "PIPELINE_BINDING",
                            path,
                            m.group() + " names an output step '" + output.group(1) + "' does not declare"));
                }
            } else if (input.matches()) {
                if (!pipeline.path("inputs").has(input.group(1))) {
                    out.add(new ContractViolation(
                            "PIPELINE_BINDING", path, m.group() + " names no input of the pipeline"));
                }
            } else {
                out.add(new ContractViolation(
                        "PIPELINE_BINDING",
                        path,
                        m.group() + " is not ${{parent.jobs.<step>.outputs.<output>}} nor ${{parent.inputs.<input>}}"));
            }
        }
    }

    /**
     * Every {@code ${{inputs.x}}} and {@code ${{outputs.x}}} in a command names an input or output
     * of the job or component that declares them (the job itself, for a sweep's trial the sweep).
     */
    static void commandReferences(String command, JsonNode declaring, String path, List<ContractViolation> out) {
        Matcher m = COMMAND_REFERENCE.matcher(command);
        while (m.find()) {
            if (!declaring.path(m.group(1)).has(m.group(2))) {
                out.add(new ContractViolation(
                        "UNDECLARED_REFERENCE",
                        path + ".command",
                        m.group() + " refers to an undeclared "
                                + m.group(1).substring(0, m.group(1).length() - 1)));
            }
        }
    }
}
