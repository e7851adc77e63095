package io.arcml.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline as a control plane receives it: what the hosted pipeline capability of the transport
 * SPI submits. The user API's {@code io.arcml.pipeline.PipelineJob} has validated it and converts
 * with {@code toSpec()}; this record is also the one writer of the pipeline's Azure ML REST body
 * ({@link #serialize()}).
 *
 * @param name the pipeline's name
 * @param experimentName the experiment its steps are filed under
 * @param labels what Azure ML studio shows beside the name
 * @param identity the identity its steps run as on Azure ML, or {@code null}
 * @param continueOnStepFailure whether the other steps go on when one fails
 * @param defaultDatastore the datastore outputs go to, or {@code null} for the workspace's default
 * @param outputs the pipeline's outputs, by name
 * @param steps the steps, by name, in the order they were added
 */
public record PipelineSpec(
        String name,
        String experimentName,
        LabelsSpec labels,
        IdentitySpec identity,
        boolean continueOnStepFailure,
        String defaultDatastore,
        Map<String, Output> outputs,
        Map<String, PipelineStepSpec> steps) {

    /**
     * A pipeline output: a step's output, kept by Azure ML.
     *
     * @param step the step
     * @param stepOutput the step's output
     * @param mode how Azure ML keeps it, in its REST words ({@code ReadWriteMount}, {@code Upload})
     */
    public record Output(String step, String stepOutput, String mode) {}

    /** Canonical constructor: the name is required; the maps are copied in their order. */
    public PipelineSpec {
        Objects.requireNonNull(name, "name");
        experimentName = experimentName == null ? name : experimentName;
        labels = labels == null ? LabelsSpec.NONE : labels;
        outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        steps = steps == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    }

    /**
     * The job's {@code properties} in Azure ML's REST shape ({@code jobType: Pipeline}): each step
     * as a command job under {@code jobs}, with its inputs bound to the other steps' outputs and its
     * {@code comment} when it has one. The ARM transport sends each step as Azure ML's CLI sends a
     * node: its command registered as an anonymous component, the node referencing it.
     */
    public Map<String, Object> serialize() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobType", "Pipeline");
        labels.putRest(out, name);
        out.put("experimentName", experimentName);
        if (identity != null) {
            out.put("identity", identity.serialize());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("continue_on_step_failure", continueOnStepFailure);
        if (defaultDatastore != null) {
            settings.put("default_datastore", defaultDatastore);
        }
        out.put("settings", settings);
        if (!outputs.isEmpty()) {
            Map<String, Object> pipelineOutputs = new LinkedHashMap<>();
            outputs.forEach((n, o) -> pipelineOutputs.put(n, Map.of("jobOutputType", "uri_folder", "mode", o.mode())));
            out.put("outputs", pipelineOutputs);
        }
        Map<String, Object> jobs = new LinkedHashMap<>();
        steps.forEach((stepName, step) -> {
            Map<String, Object> job = new LinkedHashMap<>(step.job().serialize());
            job.put("type", "command");
            job.put("name", stepName);
            step.job().labels().putRest(job, stepName);
            job.put("experimentName", experimentName);
            // The step's own inputs (literal and data), then its bindings to other steps' outputs.
            @SuppressWarnings("unchecked")
            Map<String, Object> inputs =
                    new LinkedHashMap<>((Map<String, Object>) job.getOrDefault("inputs", Map.of()));
            step.inputs()
                    .forEach((input, binding) ->
                            inputs.put(input, Map.of("job_input_type", "uri_folder", "uri", binding)));
            if (!inputs.isEmpty()) {
                job.put("inputs", inputs);
            }
            Map<String, Object> stepOutputs = new LinkedHashMap<>();
            step.outputs().forEach(o -> stepOutputs.put(o, Map.of("job_output_type", "uri_folder")));
            // A step output that is a pipeline output is bound to it, as Azure ML's CLI writes a node's output binding.
            outputs.forEach((n, o) -> {
                if (o.step().equals(stepName)) {
                    stepOutputs.put(
                            o.stepOutput(), Map.of("type", "literal", "value", "${{parent.outputs." + n + "}}"));
                }
            });
            if (!stepOutputs.isEmpty()) {
                job.put("outputs", stepOutputs);
            }
            if (step.comment() != null) {
                job.put("comment", step.comment());
            }
            jobs.put(stepName, job);
        });
        out.put("jobs", jobs);
        return out;
    }
}
