package io.arcml.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.arcml.internal.Arguments;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code properties} of Azure ML's command job ({@code jobType: Command}), bound with Jackson:
 * command, resources, distribution, environment variables, limits, code, identity, inputs and
 * outputs, then the compute and environment a control plane places. {@link #of(CommandSpec,
 * JobAssets)} is its one writer.
 *
 * @param jobType {@code Command}
 * @param labels display name, description, tags and properties, written beside the other keys
 * @param experimentName the experiment
 * @param command the shell command
 * @param resources instance count and type
 * @param distribution how it spreads over the instances, or {@code null}
 * @param environmentVariables the variables it sets, or {@code null} when none
 * @param limits its timeout, or {@code null}
 * @param codeId the code asset, or {@code null}
 * @param identity the identity it runs as, or {@code null}
 * @param inputs literal and data inputs by name, or {@code null} when none
 * @param outputs outputs by name, or {@code null} when none
 * @param computeId the compute's resource ID, or {@code null} until placed
 * @param environmentId the environment version's resource ID, or {@code null} until placed
 */
@JsonPropertyOrder({
    "jobType",
    "labels",
    "experimentName",
    "command",
    "resources",
    "distribution",
    "environmentVariables",
    "limits",
    "codeId",
    "identity",
    "inputs",
    "outputs",
    "computeId",
    "environmentId"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandJobJson(
        String jobType,
        @JsonUnwrapped JobJson.Labels labels,
        String experimentName,
        String command,
        JobJson.Resources resources,
        JobJson.Distribution distribution,
        Map<String, String> environmentVariables,
        JobJson.CommandLimits limits,
        String codeId,
        JobJson.Identity identity,
        Map<String, JobJson.Input> inputs,
        Map<String, JobJson.Output> outputs,
        String computeId,
        String environmentId) {

    /**
     * The body of a command job: as the user wrote it with {@link JobAssets#NONE}, or with the
     * compute, environment, code and data input URIs a control plane placed.
     */
    public static CommandJobJson of(CommandSpec job, JobAssets assets) {
        Arguments.nonNull(job, "job");
        Arguments.nonNull(assets, "assets");
        Map<String, JobJson.Input> inputs = new LinkedHashMap<>();
        job.inputs().forEach((name, value) -> inputs.put(name, JobJson.Input.literal(value)));
        job.dataInputs()
                .forEach((name, input) -> inputs.put(name, JobJson.Input.of(input, assets.inputUri(name, input))));
        Map<String, JobJson.Output> outputs = new LinkedHashMap<>();
        job.outputs().forEach((name, type) -> outputs.put(name, JobJson.Output.of(type)));
        return new CommandJobJson(
                "Command",
                JobJson.Labels.of(job.labels(), job.name()),
                job.experimentName(),
                job.command(),
                new JobJson.Resources(job.instanceCount(), job.instanceType()),
                job.distribution() == null ? null : JobJson.Distribution.of(job.distribution()),
                job.environmentVariables().isEmpty() ? null : job.environmentVariables(),
                JobJson.CommandLimits.of(job.timeout()),
                assets.codeId() != null ? assets.codeId() : job.codeId(),
                job.identity() == null ? null : JobJson.Identity.of(job.identity()),
                inputs.isEmpty() ? null : inputs,
                outputs.isEmpty() ? null : outputs,
                assets.computeId(),
                assets.environmentId());
    }

    /** This body as a pipeline step: under the step's labels and the pipeline's experiment, with the step's inputs and outputs. */
    CommandJobJson asStep(
            JobJson.Labels stepLabels,
            String pipelineExperiment,
            Map<String, JobJson.Input> stepInputs,
            Map<String, JobJson.Output> stepOutputs) {
        return new CommandJobJson(
                jobType,
                stepLabels,
                pipelineExperiment,
                command,
                resources,
                distribution,
                environmentVariables,
                limits,
                codeId,
                identity,
                stepInputs,
                stepOutputs,
                computeId,
                environmentId);
    }
}
