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
     * {@code comment} when it has one; written by {@link PipelineJobJson}. The ARM transport sends
     * each step as Azure ML's CLI sends a node: its command registered as an anonymous component, the
     * node referencing it.
     */
    public Map<String, Object> serialize() {
        return JobJson.map(PipelineJobJson.of(this));
    }
}
