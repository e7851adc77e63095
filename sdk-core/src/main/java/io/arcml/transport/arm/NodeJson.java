package io.arcml.transport.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.arcml.resource.CommandJobJson;
import io.arcml.resource.JobJson;
import io.arcml.resource.PipelineStepJson;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The parts of a pipeline's nodes and anonymous components in the snake case Azure ML's CLI writes
 * them in ({@code instance_count}, {@code display_name}), bound with Jackson: each is the node's
 * form of a {@link JobJson} part, converted by its {@code of(..)}.
 */
final class NodeJson {
    private NodeJson() {}

    /**
     * What every node of a pipeline carries, beside the keys of its kind: its type and name, its
     * labels, its inputs and outputs in the node's spelling ({@code job_input_type},
     * {@code job_output_type}), its compute and its comment.
     *
     * @param type {@code command} or {@code sweep}
     * @param name the step's name
     * @param labels the node's labels, beside the other keys
     * @param inputs the step's inputs, or {@code null}
     * @param outputs the step's outputs, or {@code null}
     * @param computeId the compute it runs on
     * @param comment a note Azure ML studio shows on the step, or {@code null}
     */
    @JsonPropertyOrder({"type", "name", "labels", "inputs", "outputs", "computeId", "comment"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Step(
            String type,
            String name,
            @JsonUnwrapped Labels labels,
            Map<String, JobJson.Input> inputs,
            Map<String, JobJson.Output> outputs,
            String computeId,
            String comment) {

        /** The head of a node of {@code type} for a step (its assets placed), under {@code labels}. */
        static Step of(String type, PipelineStepJson step, JobJson.Labels labels) {
            CommandJobJson job = step.job();
            return new Step(
                    type,
                    step.name(),
                    Labels.of(labels),
                    respelled(job.inputs(), JobJson.Input::inNodeSpelling),
                    respelled(job.outputs(), JobJson.Output::inNodeSpelling),
                    job.computeId(),
                    step.comment());
        }

        private static <T> Map<String, T> respelled(Map<String, T> bindings, UnaryOperator<T> spelling) {
            if (bindings == null) {
                return null;
            }
            Map<String, T> out = new LinkedHashMap<>();
            bindings.forEach((name, binding) -> out.put(name, spelling.apply(binding)));
            return out;
        }
    }

    /** A node's labels, beside its other keys. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"display_name", "description", "tags", "properties"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Labels(String displayName, String description, Map<String, String> tags, Map<String, String> properties) {
        static Labels of(JobJson.Labels labels) {
            return new Labels(labels.displayName(), labels.description(), labels.tags(), labels.properties());
        }
    }

    /** {@code {"instance_count": 2, "instance_type": "gpu"}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"instance_count", "instance_type"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Resources(int instanceCount, String instanceType) {
        static Resources of(JobJson.Resources resources) {
            return resources == null ? null : new Resources(resources.instanceCount(), resources.instanceType());
        }
    }

    /** A node's distribution: {@code {"distribution_type": "PyTorch", "process_count_per_instance": 4}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"distribution_type", "process_count_per_instance", "worker_count", "parameter_server_count"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Distribution(
            String distributionType,
            Integer processCountPerInstance,
            Integer workerCount,
            Integer parameterServerCount) {
        static Distribution of(JobJson.Distribution d) {
            return d == null
                    ? null
                    : new Distribution(
                            d.distributionType(),
                            d.processCountPerInstance(),
                            d.workerCount(),
                            d.parameterServerCount());
        }
    }

    /** A component's distribution, typed as its YAML is: {@code {"type": "pytorch", "process_count_per_instance": 4}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"type", "process_count_per_instance", "worker_count", "parameter_server_count"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ComponentDistribution(
            String type, Integer processCountPerInstance, Integer workerCount, Integer parameterServerCount) {
        static ComponentDistribution of(JobJson.Distribution d) {
            return d == null
                    ? null
                    : new ComponentDistribution(
                            d.distributionType().toLowerCase(Locale.ROOT),
                            d.processCountPerInstance(),
                            d.workerCount(),
                            d.parameterServerCount());
        }
    }

    /** {@code {"job_limits_type": "Command", "timeout": "PT1H"}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"job_limits_type", "timeout"})
    record Limits(String jobLimitsType, String timeout) {
        static Limits of(JobJson.CommandLimits limits) {
            return limits == null ? null : new Limits(limits.jobLimitsType(), limits.timeout());
        }
    }

    /** {@code {"identity_type": "Managed", "client_id": ..}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"identity_type", "client_id", "object_id", "resource_id"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Identity(String identityType, String clientId, String objectId, String resourceId) {
        static Identity of(JobJson.Identity identity) {
            return identity == null
                    ? null
                    : new Identity(
                            identity.identityType(), identity.clientId(), identity.objectId(), identity.resourceId());
        }
    }
}
