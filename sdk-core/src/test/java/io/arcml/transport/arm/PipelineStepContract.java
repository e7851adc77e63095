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
 * map of any object): each step is a job body of a {@code JobBase} subtype ({@code jobType}
 * {@code Command} or {@code Sweep}), written as Azure ML writes a pipeline node ({@code type} the
 * job type in lower case, {@code name} the step's key, and inputs and outputs typed by
 * {@code job_input_type}/{@code job_output_type} or {@code jobInputType}/{@code jobOutputType});
 * a binding is {@code ${{parent.jobs.<step>.outputs.<output>}}} or {@code ${{parent.inputs.<input>}}}
 * and names a step and output (or pipeline input) that exist; and every {@code ${{inputs.x}}} or
 * {@code ${{outputs.x}}} in a command is declared by the step. A sweep step is written as Azure
 * ML's CLI writes a sweep node ({@link #sweepNode}): YAML-named sweep keys and a trial that is a
 * registered component.
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

    /** The keys of Azure ML's CLI sweep node: the node's own, the sweep's, and the trial. */
    private static final List<String> SWEEP_NODE_KEYS = List.of(
            "type",
            "name",
            "displayName",
            "description",
            "tags",
            "properties",
            "computeId",
            "inputs",
            "outputs",
            "limits",
            "sampling_algorithm",
            "objective",
            "search_space",
            "early_termination",
            "trial");

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

    private final SwaggerValidator validator;
    private final Definition jobBase;
    private final Definition jobInput;
    private final Definition jobOutput;

    PipelineStepContract(SwaggerSpec spec, SwaggerValidator validator) {
        this.validator = validator;
        this.jobBase = spec.definition("mfe.json", "JobBase");
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
        ObjectNode job = step.deepCopy();
        if ("sweep".equals(job.path("type").asText()) && !job.has("jobType")) {
            sweepNode(pipeline, name, job, path, out);
            return;
        }
        JsonNode type = job.remove("type");
        JsonNode nodeName = job.remove("name");
        String jobType = job.path("jobType").asText("");
        if (type != null && !type.asText().equals(jobType.toLowerCase(Locale.ROOT))) {
            out.add(new ContractViolation(
                    "PIPELINE_STEP",
                    path + ".type",
                    "'" + type.asText() + "' is not the step's jobType '" + jobType + "' in lower case"));
        }
        if (nodeName != null && !nodeName.asText().equals(name)) {
            out.add(new ContractViolation(
                    "PIPELINE_STEP",
                    path + ".name",
                    "'" + nodeName.asText() + "' is not the step's key '" + name + "'"));
        }
        respell(job.path("inputs"));
        pipelineOutputBindings(pipeline, job.path("outputs"), path + ".outputs", out);
        respell(job.path("outputs"));
        validator
                .validate(jobBase, job)
                .forEach(v -> out.add(new ContractViolation(v.code(), path + "." + v.path(), v.message())));
        job.path("inputs").properties().forEach(input -> {
            for (String field : List.of("uri", "value")) {
                String text = input.getValue().path(field).asText("");
                bindings(pipeline, text, path + ".inputs." + input.getKey() + "." + field, out);
            }
        });
        commandReferences(job.path("command").asText(""), job, path, out);
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
    private void sweepNode(JsonNode pipeline, String name, ObjectNode node, String path, List<ContractViolation> out) {
        node.fieldNames().forEachRemaining(k -> {
            if (!SWEEP_NODE_KEYS.contains(k)) {
                out.add(new ContractViolation("SWEEP_NODE", path + "." + k, "'" + k + "' is no key of a sweep node"));
            }
        });
        require(node.path("name").asText().equals(name), path + ".name", "is not the step's key '" + name + "'", out);
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
     * of the job that declares them (the job itself, or for a sweep's trial the sweep).
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
