package io.arcml.transport.arm;

import static io.arcml.transport.arm.ArmEmulator.JSON;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.transport.arm.SwaggerSpec.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract checker itself: Azure's own examples pass, and every rule rejects a body that breaks it. */
class SwaggerValidatorTest {
    private static final ArmRequestContract CONTRACT = new ArmRequestContract();
    private static final String WS =
            "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/testrg123/providers/"
                    + "Microsoft.MachineLearningServices/workspaces/workspaces123";
    private static final String JOB_URL = WS + "/jobs/job1?api-version=2024-10-01";
    private static final String COMPUTE_URL = WS + "/computes/compute123?api-version=2024-10-01";
    private static final String EXTENSION_URL =
            "/subscriptions/subId1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/"
                    + "clusterName1/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2024-11-01";

    private static ObjectNode commandJob() {
        return (ObjectNode)
                read("{\"properties\":{\"jobType\":\"Command\",\"displayName\":\"j\",\"experimentName\":\"e\","
                        + "\"command\":\"python train.py --epochs ${{inputs.epochs}}\",\"environmentId\":\"" + WS
                        + "/environments/e/versions/1\","
                        + "\"computeId\":\"" + WS
                        + "/computes/gpu\",\"resources\":{\"instanceCount\":2,\"instanceType\":\"gpu\"},"
                        + "\"distribution\":{\"distributionType\":\"PyTorch\",\"processCountPerInstance\":4},"
                        + "\"limits\":{\"jobLimitsType\":\"Command\",\"timeout\":\"PT2H\"},"
                        + "\"inputs\":{\"epochs\":{\"jobInputType\":\"literal\",\"value\":\"10\"}},"
                        + "\"outputs\":{\"model\":{\"jobOutputType\":\"uri_folder\",\"mode\":\"ReadWriteMount\"}}}}");
    }

    private static ObjectNode sweepJob() {
        return (ObjectNode) read(
                "{\"properties\":{\"jobType\":\"Sweep\",\"samplingAlgorithm\":{\"samplingAlgorithmType\":\"Random\",\"seed\":42},"
                        + "\"objective\":{\"primaryMetric\":\"accuracy\",\"goal\":\"Maximize\"},\"searchSpace\":{\"lr\":[\"uniform\",[0.01,0.1]]},"
                        + "\"limits\":{\"jobLimitsType\":\"Sweep\",\"maxTotalTrials\":4},"
                        + "\"earlyTermination\":{\"policyType\":\"Bandit\",\"slackFactor\":0.1,\"evaluationInterval\":1,\"delayEvaluation\":0},"
                        + "\"trial\":{\"command\":\"python train.py\",\"environmentId\":\"" + WS
                        + "/environments/e/versions/1\"}}}");
    }

    private static ObjectNode pipelineJob() {
        String component = "\"componentId\":\"" + WS + "/components/azureml_anonymous/versions/1\"";
        return (ObjectNode)
                read(
                        "{\"properties\":{\"jobType\":\"Pipeline\",\"settings\":{\"continue_on_step_failure\":false},\"jobs\":{"
                                + "\"prep\":{\"type\":\"command\",\"name\":\"prep\",\"display_name\":\"prep\","
                                + component + ","
                                + "\"resources\":{\"instance_count\":1},"
                                + "\"outputs\":{\"d\":{\"job_output_type\":\"uri_folder\"}}},"
                                + "\"train\":{\"type\":\"command\",\"name\":\"train\"," + component + ","
                                + "\"inputs\":{\"d\":{\"job_input_type\":\"uri_folder\",\"uri\":\"${{parent.jobs.prep.outputs.d}}\"}}}}}}");
    }

    private static ObjectNode anonymousComponent(String command) {
        ObjectNode body =
                (ObjectNode) read("{\"properties\":{\"isAnonymous\":true,\"componentSpec\":{\"type\":\"command\","
                        + "\"environment\":\"azureml:" + WS + "/environments/e/versions/1\","
                        + "\"outputs\":{\"data\":{\"type\":\"uri_folder\"}}}}}");
        ((ObjectNode) body.at("/properties/componentSpec")).put("command", command);
        return body;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static List<String> codes(String method, String url, JsonNode body) {
        return CONTRACT.check(method, url, body == null ? null : body.toString()).stream()
                .map(ContractViolation::code)
                .toList();
    }

    @Test
    void azuresOwnExampleBodiesAndTheBaseBodiesOfTheseTestsAreValid() {
        assertThat(CONTRACT.spec().fileCount()).isEqualTo(8);
        assertThat(CONTRACT.check(
                        "PUT",
                        COMPUTE_URL,
                        fixture("compute/createOrUpdate-KubernetesCompute.json")
                                .at("/parameters/parameters")
                                .toString()))
                .isEmpty();
        assertThat(CONTRACT.check(
                        "PUT",
                        EXTENSION_URL,
                        fixture("extension/CreateExtension.json")
                                .at("/parameters/extension")
                                .toString()))
                .isEmpty();
        assertThat(CONTRACT.check(
                        "PUT",
                        JOB_URL,
                        fixture("jobs/CommandJob-createOrUpdate.request.json")
                                .get("body")
                                .toString()))
                .isEmpty();
        assertThat(CONTRACT.check(
                        "PUT",
                        JOB_URL,
                        fixture("jobs/SweepJob-createOrUpdate.request.json")
                                .get("body")
                                .toString()))
                .isEmpty();
        assertThat(CONTRACT.check("POST", WS + "/jobs/job1/cancel?api-version=2024-10-01", null))
                .isEmpty();
        assertThat(CONTRACT.check("PUT", JOB_URL, commandJob().toString())).isEmpty();
        assertThat(CONTRACT.check("PUT", JOB_URL, sweepJob().toString())).isEmpty();
        assertThat(CONTRACT.check("PUT", JOB_URL, pipelineJob().toString())).isEmpty();
    }

    @Test
    void optionalPropertiesMayBeNullAndRequiredOnesMayNot() {
        ObjectNode job = commandJob();
        ((ObjectNode) job.get("properties"))
                .putNull("codeId")
                .putNull("distribution")
                .putNull("experimentName");
        assertThat(codes("PUT", JOB_URL, job)).isEmpty();
        ((ObjectNode) job.get("properties")).putNull("command");
        assertThat(CONTRACT.check("PUT", JOB_URL, job.toString()))
                .extracting(ContractViolation::toString)
                .containsExactly("INVALID_TYPE at properties.command: null is not allowed here: "
                        + "the property is required and not x-nullable");
    }

    static Stream<Arguments> brokenJobBodies() {
        return Stream.of(
                broken("OBJECT_MISSING_REQUIRED_PROPERTY", "properties.environmentId", p -> p.remove("environmentId")),
                broken("OBJECT_MISSING_REQUIRED_PROPERTY", "properties.jobType", p -> p.remove("jobType")),
                broken("OBJECT_ADDITIONAL_PROPERTIES", "properties.commandLine", p -> p.put("commandLine", "x")),
                broken("OBJECT_ADDITIONAL_PROPERTIES", "properties.trial", p -> p.putObject("trial")),
                broken(
                        "READONLY_PROPERTY_NOT_ALLOWED_IN_REQUEST",
                        "properties.status",
                        p -> p.put("status", "Running")),
                broken(
                        "READONLY_PROPERTY_NOT_ALLOWED_IN_REQUEST",
                        "properties.parameters",
                        p -> p.putObject("parameters")),
                broken(
                        "INVALID_TYPE",
                        "properties.resources.instanceCount",
                        p -> ((ObjectNode) p.get("resources")).put("instanceCount", "2")),
                broken("INVALID_TYPE", "properties.environmentVariables", p -> p.put("environmentVariables", "A=1")),
                broken("DISCRIMINATOR_VALUE_NOT_FOUND", "properties.jobType", p -> p.put("jobType", "command")),
                broken(
                        "DISCRIMINATOR_VALUE_NOT_FOUND",
                        "properties.distribution.distributionType",
                        p -> ((ObjectNode) p.get("distribution")).put("distributionType", "Horovod")),
                broken(
                        "DISCRIMINATOR_VALUE_NOT_FOUND",
                        "properties.inputs.epochs.jobInputType",
                        p -> ((ObjectNode) p.at("/inputs/epochs")).put("jobInputType", "string")),
                broken(
                        "DISCRIMINATOR_VALUE_NOT_FOUND",
                        "properties.outputs.model.jobOutputType",
                        p -> ((ObjectNode) p.at("/outputs/model")).put("jobOutputType", "folder")),
                broken(
                        "OBJECT_ADDITIONAL_PROPERTIES",
                        "properties.distribution.workerCount",
                        p -> ((ObjectNode) p.get("distribution")).put("workerCount", 2)),
                broken(
                        "ENUM_CASE_MISMATCH",
                        "properties.outputs.model.mode",
                        p -> ((ObjectNode) p.at("/outputs/model")).put("mode", "readWriteMount")),
                broken(
                        "INVALID_FORMAT",
                        "properties.resources.instanceCount",
                        p -> ((ObjectNode) p.get("resources")).put("instanceCount", 4_294_967_296L)),
                broken(
                        "INVALID_FORMAT",
                        "properties.limits.timeout",
                        p -> ((ObjectNode) p.get("limits")).put("timeout", "2 hours")),
                broken(
                        "INVALID_FORMAT",
                        "properties.limits.timeout",
                        p -> ((ObjectNode) p.get("limits")).put("timeout", "PT-1S")),
                broken(
                        "PATTERN",
                        "properties.inputs.epochs.value",
                        p -> ((ObjectNode) p.at("/inputs/epochs")).put("value", ".")),
                broken(
                        "MIN_LENGTH",
                        "properties.inputs.epochs.value",
                        p -> ((ObjectNode) p.at("/inputs/epochs")).put("value", "")),
                broken("PATTERN", "properties.command", p -> p.put("command", "--")),
                broken(
                        "PATTERN",
                        "properties.resources.shmSize",
                        p -> ((ObjectNode) p.get("resources")).put("shmSize", "lots")),
                broken("UNDECLARED_REFERENCE", "properties.command", p -> p.remove("inputs")));
    }

    private static Arguments broken(String code, String path, Consumer<ObjectNode> breakIt) {
        return Arguments.of(code, path, breakIt);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("brokenJobBodies")
    void everyRuleRejectsACommandJobThatBreaksIt(String code, String path, Consumer<ObjectNode> breakIt) {
        ObjectNode job = commandJob();
        breakIt.accept((ObjectNode) job.get("properties"));
        assertThat(CONTRACT.check("PUT", JOB_URL, job.toString()))
                .extracting(ContractViolation::code, ContractViolation::path)
                .contains(tuple(code, path));
    }

    @Test
    void sweepRulesRejectAnInt32OverflowAnUnknownSamplerAndAWrongGoal() {
        ObjectNode sweep = sweepJob();
        ((ObjectNode) sweep.at("/properties/samplingAlgorithm")).put("seed", 2_147_483_648L);
        ((ObjectNode) sweep.at("/properties/objective")).put("goal", "maximize").put("primaryMetric", "-");
        ((ObjectNode) sweep.at("/properties/earlyTermination")).put("policyType", "Median");
        ((ObjectNode) sweep.at("/properties/trial")).put("instanceCount", 2);
        assertThat(codes("PUT", JOB_URL, sweep))
                .containsExactlyInAnyOrder(
                        "INVALID_FORMAT",
                        "ENUM_CASE_MISMATCH",
                        "PATTERN",
                        "DISCRIMINATOR_VALUE_NOT_FOUND",
                        "OBJECT_ADDITIONAL_PROPERTIES");
        ((ObjectNode) sweep.at("/properties/samplingAlgorithm")).put("samplingAlgorithmType", "Sobol");
        assertThat(codes("PUT", JOB_URL, sweep)).contains("DISCRIMINATOR_VALUE_NOT_FOUND");
    }

    @Test
    void computeAndExtensionRulesRejectReadOnlyFieldsWrongEnumsAndUnknownKeys() {
        ObjectNode compute = (ObjectNode) fixture("compute/createOrUpdate-KubernetesCompute.json")
                .at("/parameters/parameters")
                .deepCopy();
        compute.put("name", "compute123");
        ((ObjectNode) compute.get("properties"))
                .put("provisioningState", "Succeeded")
                .put("computeType", "Kubernetess");
        compute.putObject("identity").put("type", "systemAssigned").put("principalId", "not-a-uuid");
        assertThat(CONTRACT.check("PUT", COMPUTE_URL, compute.toString()))
                .extracting(ContractViolation::code, ContractViolation::path)
                .containsExactlyInAnyOrder(
                        tuple("READONLY_PROPERTY_NOT_ALLOWED_IN_REQUEST", "name"),
                        tuple("DISCRIMINATOR_VALUE_NOT_FOUND", "properties.computeType"),
                        tuple("ENUM_CASE_MISMATCH", "identity.type"),
                        tuple("READONLY_PROPERTY_NOT_ALLOWED_IN_REQUEST", "identity.principalId"));
        ((ObjectNode) compute.get("properties")).put("computeType", "Kubernetes");
        assertThat(CONTRACT.check("PUT", COMPUTE_URL, compute.toString()))
                .extracting(ContractViolation::path)
                .contains("properties.provisioningState");
        ObjectNode kubernetes = (ObjectNode) fixture("compute/createOrUpdate-KubernetesCompute.json")
                .at("/parameters/parameters")
                .deepCopy();
        ((ObjectNode) kubernetes.at("/properties/properties")).put("nameSpace", "default");
        ((ObjectNode) kubernetes.at("/properties/properties/instanceTypes/defaultInstanceType/resources/requests"))
                .put("cpu", 1);
        assertThat(codes("PUT", COMPUTE_URL, kubernetes))
                .containsExactlyInAnyOrder("OBJECT_ADDITIONAL_PROPERTIES", "INVALID_TYPE");

        ObjectNode extension = (ObjectNode) fixture("extension/CreateExtension.json")
                .at("/parameters/extension")
                .deepCopy();
        extension.putObject("identity").put("type", "UserAssigned");
        ((ObjectNode) extension.get("properties"))
                .put("autoUpgradeMinorVersion", "true")
                .put("currentVersion", "1.0");
        ((ObjectNode) extension.at("/properties/configurationSettings")).put("replicas", 2);
        assertThat(codes("PUT", EXTENSION_URL, extension))
                .containsExactlyInAnyOrder(
                        "ENUM_MISMATCH", "INVALID_TYPE", "READONLY_PROPERTY_NOT_ALLOWED_IN_REQUEST", "INVALID_TYPE");
    }

    @Test
    void anExtensibleEnumAcceptsAValueItDoesNotListButNotOneInTheWrongCase() {
        ObjectNode job = commandJob();
        ((ObjectNode) job.at("/properties/outputs/model")).put("mode", "Mount");
        assertThat(codes("PUT", JOB_URL, job)).isEmpty();
        ((ObjectNode) job.at("/properties/outputs/model")).put("mode", "upload");
        assertThat(codes("PUT", JOB_URL, job)).containsExactly("ENUM_CASE_MISMATCH");
        ObjectNode extension = (ObjectNode) fixture("extension/CreateExtension.json")
                .at("/parameters/extension")
                .deepCopy();
        extension.putObject("identity").put("type", "UserAssigned");
        assertThat(codes("PUT", EXTENSION_URL, extension))
                .as("a closed enum (modelAsString: false)")
                .containsExactly("ENUM_MISMATCH");
    }

    @Test
    void aSecretsValueNeverAppearsInAViolation() {
        ObjectNode compute = (ObjectNode) fixture("compute/createOrUpdate-KubernetesCompute.json")
                .at("/parameters/parameters")
                .deepCopy();
        ((ObjectNode) compute.at("/properties/properties")).put("relayConnectionString", 731_952_468_113L);
        ObjectNode extension = (ObjectNode) fixture("extension/CreateExtension.json")
                .at("/parameters/extension")
                .deepCopy();
        ((ObjectNode) extension.at("/properties/configurationProtectedSettings"))
                .putObject("omsagent.secret.key")
                .put("v", "hunter2-secret");

        List<ContractViolation> found = new ArrayList<>(CONTRACT.check("PUT", COMPUTE_URL, compute.toString()));
        found.addAll(CONTRACT.check("PUT", EXTENSION_URL, extension.toString()));

        assertThat(found).extracting(ContractViolation::code).containsExactly("INVALID_TYPE", "INVALID_TYPE");
        assertThat(found.toString())
                .doesNotContain("731952468113")
                .doesNotContain("hunter2-secret")
                .contains("***");
    }

    @Test
    void formatsAndBoundsAreChecked() {
        SwaggerValidator validator = CONTRACT.validator();
        assertThat(inline(validator, "{\"type\":\"string\",\"format\":\"uuid\"}", "\"0000\""))
                .containsExactly("INVALID_FORMAT");
        assertThat(inline(
                        validator,
                        "{\"type\":\"string\",\"format\":\"uuid\"}",
                        "\"99999999-9999-9999-9999-999999999999\""))
                .isEmpty();
        assertThat(inline(validator, "{\"type\":\"string\",\"format\":\"date-time\"}", "\"yesterday\""))
                .containsExactly("INVALID_FORMAT");
        assertThat(inline(validator, "{\"type\":\"string\",\"format\":\"date-time\"}", "\"2026-11-30T15:00:00Z\""))
                .isEmpty();
        assertThat(inline(validator, "{\"type\":\"integer\",\"format\":\"int64\"}", "9223372036854775808"))
                .containsExactly("INVALID_FORMAT");
        assertThat(inline(validator, "{\"type\":\"number\",\"format\":\"float\"}", "1e39"))
                .containsExactly("INVALID_FORMAT");
        assertThat(inline(validator, "{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}", "0"))
                .containsExactly("MINIMUM");
        assertThat(inline(validator, "{\"type\":\"integer\",\"minimum\":1,\"maximum\":10}", "11"))
                .containsExactly("MAXIMUM");
        assertThat(inline(validator, "{\"type\":\"string\",\"maxLength\":3}", "\"abcd\""))
                .containsExactly("MAX_LENGTH");
        assertThat(inline(validator, "{\"type\":\"boolean\"}", "\"true\"")).containsExactly("INVALID_TYPE");
        assertThat(inline(validator, "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", "[\"a\",null,1]"))
                .containsExactly("INVALID_TYPE", "INVALID_TYPE");
    }

    private static List<String> inline(SwaggerValidator validator, String schema, String value) {
        return validator
                .validate(
                        new Schema(
                                read(schema),
                                CONTRACT.spec()
                                        .definition("mfe.json", "JobBase")
                                        .file()),
                        read(value))
                .stream()
                .map(ContractViolation::code)
                .toList();
    }

    @Test
    void requestsOutsideTheContractAreRejected() {
        assertThat(codes("PUT", WS + "/jobz/job1?api-version=2024-10-01", commandJob()))
                .containsExactly("OPERATION_NOT_FOUND");
        assertThat(codes("PUT", WS + "/jobs/job1?api-version=2023-04-01", commandJob()))
                .containsExactly("API_VERSION_MISMATCH");
        assertThat(codes("POST", WS + "/jobs/job1/cancel?api-version=2024-10-01", read("{}")))
                .containsExactly("BODY_NOT_ALLOWED");
        assertThat(codes("PUT", JOB_URL, null)).containsExactly("BODY_REQUIRED");
    }

    @Test
    void pipelineStepsAreCheckedAsNodesWithTheirBindings() {
        ObjectNode pipeline = pipelineJob();
        ObjectNode train = (ObjectNode) pipeline.at("/properties/jobs/train");
        ((ObjectNode) train.at("/inputs/d")).put("uri", "${{parent.jobs.prep.outputs.e}}");
        train.put("type", "commando").put("name", "training");
        assertThat(codes("PUT", JOB_URL, pipeline))
                .containsExactlyInAnyOrder("PIPELINE_BINDING", "PIPELINE_STEP", "PIPELINE_STEP");

        ((ObjectNode) train.at("/inputs/d")).put("uri", "${{parent.jobs.clean.outputs.d}}");
        train.put("type", "command").put("name", "train").remove("componentId");
        ((ObjectNode) train.at("/inputs"))
                .putObject("lr")
                .put("job_input_type", "literal")
                .put("value", "${{parent.lr}}");
        assertThat(CONTRACT.check("PUT", JOB_URL, pipeline.toString()))
                .extracting(ContractViolation::code, ContractViolation::path)
                .containsExactlyInAnyOrder(
                        tuple("PIPELINE_STEP", "properties.jobs.train.componentId"),
                        tuple("PIPELINE_BINDING", "properties.jobs.train.inputs.d.uri"),
                        tuple("PIPELINE_BINDING", "properties.jobs.train.inputs.lr.value"));

        ObjectNode steps = (ObjectNode) pipelineJob().at("/properties/jobs");
        steps.put("bad", "python x.py");
        ObjectNode body = pipelineJob();
        ((ObjectNode) body.get("properties")).set("jobs", steps);
        assertThat(codes("PUT", JOB_URL, body)).containsExactly("INVALID_TYPE");
    }

    @Test
    void aCommandNodeIsNoInlineJobAndSpellsItsModelsInSnakeCase() {
        ObjectNode pipeline = pipelineJob();
        ObjectNode prep = (ObjectNode) pipeline.at("/properties/jobs/prep");
        prep.put("jobType", "Command").put("command", "prep");
        prep.putObject("resources").put("instance_count", "two");
        prep.putObject("limits").put("jobLimitsType", "Command");
        assertThat(CONTRACT.check("PUT", JOB_URL, pipeline.toString()))
                .extracting(ContractViolation::code, ContractViolation::path)
                .containsExactlyInAnyOrder(
                        tuple("PIPELINE_STEP", "properties.jobs.prep.jobType"),
                        tuple("PIPELINE_STEP", "properties.jobs.prep.command"),
                        tuple("INVALID_TYPE", "properties.jobs.prep.resources.instanceCount"),
                        tuple("PIPELINE_STEP", "properties.jobs.prep.limits.jobLimitsType"));
    }

    @Test
    void aComponentsCommandRefersOnlyToWhatItDeclares() {
        String url = WS + "/components/azureml_anonymous/versions/1?api-version=2024-10-01";
        assertThat(CONTRACT.check(
                        "PUT",
                        url,
                        anonymousComponent("prep --out ${{outputs.data}}").toString()))
                .isEmpty();
        assertThat(codes("PUT", url, anonymousComponent("prep --out ${{outputs.d}}")))
                .containsExactly("UNDECLARED_REFERENCE");
    }
}
