package io.arcml.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.arcml.internal.Arguments;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code properties} of Azure ML's pipeline job ({@code jobType: Pipeline}), bound with Jackson:
 * settings, the pipeline's outputs and its steps under {@code jobs}. {@link #of(PipelineSpec)} is the
 * body as the user wrote it, each step a {@link PipelineStepJson}; a control plane that sends each
 * step in another shape (the ARM transport's nodes) gives them to {@link #of(PipelineSpec, Map,
 * String, String)}.
 *
 * @param jobType {@code Pipeline}
 * @param labels display name, description, tags and properties, written beside the other keys
 * @param experimentName the experiment its steps are filed under
 * @param identity the identity its steps run as, or {@code null}
 * @param settings whether steps go on after a failure, and the default datastore
 * @param outputs the pipeline's outputs, or {@code null} when none
 * @param jobs the steps by name
 * @param computeId the pipeline's compute, or {@code null} until placed
 */
@JsonPropertyOrder({"jobType", "labels", "experimentName", "identity", "settings", "outputs", "jobs", "computeId"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineJobJson(
        String jobType,
        @JsonUnwrapped JobJson.Labels labels,
        String experimentName,
        JobJson.Identity identity,
        Settings settings,
        Map<String, JobJson.Output> outputs,
        Map<String, Object> jobs,
        String computeId) {

    /**
     * A pipeline's settings, in the snake case Azure ML's pipeline jobs use.
     *
     * @param continueOnStepFailure whether the other steps go on when one fails
     * @param defaultDatastore the datastore outputs go to (its name, or its resource ID as the CLI sends it), or {@code null}
     */
    @JsonPropertyOrder({"continue_on_step_failure", "default_datastore"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(
            @JsonProperty("continue_on_step_failure") boolean continueOnStepFailure,
            @JsonProperty("default_datastore") String defaultDatastore) {}

    /** The body as the user wrote it: each step a command job ({@link PipelineStepJson}). */
    public static PipelineJobJson of(PipelineSpec pipeline) {
        Arguments.nonNull(pipeline, "pipeline");
        Map<String, Object> jobs = new LinkedHashMap<>();
        pipeline.steps().keySet().forEach(name -> jobs.put(name, PipelineStepJson.of(pipeline, name, JobAssets.NONE)));
        return of(pipeline, jobs, null, pipeline.defaultDatastore());
    }

    /**
     * The body with the steps as a control plane sends them, on compute {@code computeId}, the
     * outputs going to {@code defaultDatastore}.
     *
     * @param jobs each step's body, by name
     * @param computeId the compute's resource ID, or {@code null}
     * @param defaultDatastore the datastore as the control plane names it, or {@code null} for the workspace's default
     */
    public static PipelineJobJson of(
            PipelineSpec pipeline, Map<String, ?> jobs, String computeId, String defaultDatastore) {
        Arguments.nonNull(pipeline, "pipeline");
        Arguments.nonNull(jobs, "jobs");
        Map<String, JobJson.Output> outputs = new LinkedHashMap<>();
        pipeline.outputs().forEach((name, o) -> outputs.put(name, JobJson.Output.mounted("uri_folder", o.mode())));
        return new PipelineJobJson(
                "Pipeline",
                JobJson.Labels.of(pipeline.labels(), pipeline.name()),
                pipeline.experimentName(),
                pipeline.identity() == null ? null : JobJson.Identity.of(pipeline.identity()),
                new Settings(pipeline.continueOnStepFailure(), defaultDatastore),
                outputs.isEmpty() ? null : outputs,
                new LinkedHashMap<>(jobs),
                computeId);
    }
}
