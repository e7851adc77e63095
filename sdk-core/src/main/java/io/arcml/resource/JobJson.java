package io.arcml.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import io.arcml.internal.Arguments;
import io.arcml.internal.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts Azure ML's job bodies share ({@code Microsoft.MachineLearningServices/workspaces/jobs},
 * in the REST API's camel case), bound with Jackson and written by the one mapper: labels,
 * resources, distribution, identity, inputs, outputs and a command's limits. Each record's
 * {@code of(..)} is the one writer of its shape from the control plane's spec; the job bodies
 * ({@link CommandJobJson}, {@link SweepJobJson}, {@link PipelineJobJson}) are built of them.
 */
public final class JobJson {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private JobJson() {}

    /**
     * A record of this family as the plain map the {@code serialize()} of the user's types answers,
     * in the record's order.
     */
    public static Map<String, Object> map(Object json) {
        Arguments.nonNull(json, "json");
        return Json.mapper().convertValue(json, MAP);
    }

    /**
     * What a person reads about a job in Azure ML studio, as a job body carries it beside its other
     * keys.
     *
     * @param displayName the name shown, the job's name when none is given
     * @param description free text, or {@code null}
     * @param tags string tags, or {@code null} when there are none
     * @param properties string properties, or {@code null} when there are none
     */
    @JsonPropertyOrder({"displayName", "description", "tags", "properties"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Labels(
            String displayName, String description, Map<String, String> tags, Map<String, String> properties) {

        /** The labels of a job called {@code name}. */
        public static Labels of(LabelsSpec labels, String name) {
            Arguments.nonNull(labels, "labels");
            Arguments.nonNull(name, "name");
            return new Labels(
                    labels.displayName() != null ? labels.displayName() : name,
                    labels.description(),
                    labels.tags().isEmpty() ? null : labels.tags(),
                    labels.properties().isEmpty() ? null : labels.properties());
        }
    }

    /**
     * Where a command runs: {@code {"instanceCount": 2, "instanceType": "gpu"}}.
     *
     * @param instanceCount how many instances
     * @param instanceType the instance type, or {@code null} for the compute's default
     */
    @JsonPropertyOrder({"instanceCount", "instanceType"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resources(int instanceCount, String instanceType) {}

    /**
     * How a command spreads over its instances: {@code {"distributionType": "PyTorch",
     * "processCountPerInstance": 4}}, or TensorFlow's worker and parameter-server counts.
     *
     * @param distributionType {@code PyTorch}, {@code Mpi} or {@code TensorFlow}
     * @param processCountPerInstance processes per instance (PyTorch, MPI), else {@code null}
     * @param workerCount worker instances (TensorFlow), else {@code null}
     * @param parameterServerCount parameter-server instances (TensorFlow), else {@code null}
     */
    @JsonPropertyOrder({"distributionType", "processCountPerInstance", "workerCount", "parameterServerCount"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Distribution(
            String distributionType,
            Integer processCountPerInstance,
            Integer workerCount,
            Integer parameterServerCount) {

        /** The REST form of a distribution. */
        static Distribution of(DistributionSpec spec) {
            Arguments.nonNull(spec, "spec");
            if (spec instanceof DistributionSpec.TensorFlow tf) {
                return new Distribution("TensorFlow", null, tf.workers(), tf.parameterServers());
            }
            if (spec instanceof DistributionSpec.Mpi mpi) {
                return new Distribution("Mpi", mpi.processesPerInstance(), null, null);
            }
            return new Distribution("PyTorch", ((DistributionSpec.PyTorch) spec).processesPerInstance(), null, null);
        }
    }

    /**
     * The identity a job runs as: {@code identityType} and the IDs that are given.
     *
     * @param identityType {@code UserIdentity}, {@code Managed} or {@code AMLToken}
     * @param clientId a user-assigned identity's client ID, or {@code null}
     * @param objectId a user-assigned identity's object ID, or {@code null}
     * @param resourceId a user-assigned identity's resource ID, or {@code null}
     */
    @JsonPropertyOrder({"identityType", "clientId", "objectId", "resourceId"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identity(String identityType, String clientId, String objectId, String resourceId) {

        /** The REST form of an identity. */
        static Identity of(IdentitySpec spec) {
            Arguments.nonNull(spec, "spec");
            return new Identity(spec.restType(), spec.clientId(), spec.objectId(), spec.resourceId());
        }
    }

    /**
     * An input of a job in the REST spelling ({@code jobInputType}) or of a pipeline's node in the
     * node's ({@code job_input_type}): a literal value, or data at a URI.
     *
     * @param jobInputType the type in a job's spelling ({@code literal}, {@code uri_folder}, ...), or {@code null}
     * @param nodeInputType the type in a pipeline node's spelling, or {@code null}
     * @param uri where the data is, or {@code null} for a literal
     * @param mode how Azure ML delivers the data ({@code ReadOnlyMount}, ...), or {@code null} for its default
     * @param value a literal's value, or {@code null}
     */
    @JsonPropertyOrder({"jobInputType", "job_input_type", "uri", "mode", "value"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(
            String jobInputType,
            @JsonProperty("job_input_type") String nodeInputType,
            String uri,
            String mode,
            String value) {

        /** A literal input: {@code {"jobInputType": "literal", "value": ..}}. */
        static Input literal(String value) {
            Arguments.nonNull(value, "value");
            return new Input("literal", null, null, null, value);
        }

        /** A data or model input at {@code uri}: {@code jobInputType}, {@code uri}, {@code mode}. */
        static Input of(InputSpec input, String uri) {
            Arguments.nonNull(input, "input");
            Arguments.nonNull(uri, "uri");
            return new Input(input.type(), null, uri, input.mode(), null);
        }

        /** A pipeline step's input bound to another step's output or a path: a folder, in the node's spelling. */
        static Input binding(String uri) {
            Arguments.nonNull(uri, "uri");
            return new Input(null, "uri_folder", uri, null, null);
        }

        /** The type in whichever spelling it has. */
        public String type() {
            return jobInputType != null ? jobInputType : nodeInputType;
        }

        /** This input in a pipeline node's spelling. */
        public Input inNodeSpelling() {
            return jobInputType == null ? this : new Input(null, jobInputType, uri, mode, value);
        }
    }

    /**
     * An output of a job in the REST spelling ({@code jobOutputType}, {@code mode}), of a pipeline's
     * node in the node's ({@code job_output_type}), or a node output bound to a pipeline output
     * ({@code {"type": "literal", "value": "${{parent.outputs.<name>}}"}}).
     *
     * @param jobOutputType the type in a job's spelling ({@code uri_folder}, {@code mlflow_model}, ...), or {@code null}
     * @param nodeOutputType the type in a pipeline node's spelling, or {@code null}
     * @param mode how Azure ML writes it, or {@code null}
     * @param type {@code literal} for a binding, else {@code null}
     * @param value a binding's target, else {@code null}
     */
    @JsonPropertyOrder({"jobOutputType", "job_output_type", "mode", "type", "value"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Output(
            String jobOutputType,
            @JsonProperty("job_output_type") String nodeOutputType,
            String mode,
            String type,
            String value) {

        /** A job's output of that type, written as it runs: {@code {"jobOutputType": .., "mode": "ReadWriteMount"}}. */
        static Output of(String type) {
            return mounted(type, "ReadWriteMount");
        }

        /** An output of that type kept in that mode ({@code ReadWriteMount}, {@code Upload}). */
        static Output mounted(String type, String mode) {
            Arguments.nonNull(type, "type");
            Arguments.nonNull(mode, "mode");
            return new Output(type, null, mode, null, null);
        }

        /** A pipeline step's output other steps bind to: a folder, in the node's spelling. */
        static Output stepFolder() {
            return new Output(null, "uri_folder", null, null, null);
        }

        /** A pipeline step's output bound to the pipeline's output {@code name}. */
        static Output pipelineBinding(String name) {
            Arguments.nonNull(name, "name");
            return new Output(null, null, null, "literal", "${{parent.outputs." + name + "}}");
        }

        /** This output in a pipeline node's spelling. */
        public Output inNodeSpelling() {
            return jobOutputType == null ? this : new Output(null, jobOutputType, mode, type, value);
        }

        /** The output's type in whichever spelling it has; a binding to a pipeline output is a folder. */
        public String outputType() {
            return jobOutputType != null ? jobOutputType : nodeOutputType != null ? nodeOutputType : "uri_folder";
        }
    }

    /**
     * A command's limits: {@code {"jobLimitsType": "Command", "timeout": "PT1H"}}.
     *
     * @param jobLimitsType {@code Command}
     * @param timeout the longest it may run, as an ISO-8601 duration
     */
    @JsonPropertyOrder({"jobLimitsType", "timeout"})
    public record CommandLimits(String jobLimitsType, String timeout) {

        /** The limits of a command that may run {@code timeout}, or {@code null} when it has none. */
        static CommandLimits of(Duration timeout) {
            return timeout == null ? null : new CommandLimits("Command", timeout.toString());
        }
    }
}
