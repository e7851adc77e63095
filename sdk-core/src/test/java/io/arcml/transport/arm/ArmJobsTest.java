package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.JSON;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.InputMode;
import io.arcml.job.JobFailedException;
import io.arcml.job.JobInput;
import io.arcml.job.JobLabels;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineFailedException;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineRun;
import io.arcml.pipeline.PipelineStep;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepRun;
import io.arcml.transport.JobResource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArmJobsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String JOB_PATH = WORKSPACE_PATH + "/jobs/mnist-ddp";
    private static final String IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04";
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
    }

    private static CommandJob job() {
        return CommandJob.builder()
                .name("mnist-ddp")
                .experimentName("mnist")
                .image(IMAGE)
                .command("python train.py")
                .instanceType("gpu_instance")
                .instanceCount(2)
                .distribution(Distribution.pytorch(4))
                .environmentVariable("NCCL_DEBUG", "INFO")
                .timeout(Duration.ofHours(2))
                .build();
    }

    private static String jobBody(String status) {
        return "{\"id\":\"" + JOB_PATH
                + "\",\"name\":\"mnist-ddp\",\"properties\":{\"jobType\":\"Command\",\"status\":\"" + status + "\","
                + "\"displayName\":\"mnist-ddp\",\"computeId\":\"" + WORKSPACE_PATH + "/computes/gpu\","
                + "\"services\":{\"Studio\":{\"endpoint\":\"https://ml.azure.com/runs/mnist-ddp\"}}}}";
    }

    private String environmentPath() {
        return wm.getAllServeEvents().stream()
                .map(e -> e.getRequest().getUrl())
                .filter(u -> u.contains("/environments/"))
                .findFirst()
                .orElseThrow()
                .replaceAll("\\?.*", "");
    }

    @Test
    void submitsACommandJobInTheContractsShapeAfterRegisteringItsImageOnce() throws Exception {
        wm.stubFor(get(urlPathEqualTo(JOB_PATH))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no job\"}}")));
        wm.stubFor(WireMock.any(WireMock.urlPathMatching(".*/environments/.*"))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        // The version azure-ai-ml 1.35.2 gives an inline environment of this image alone.
        wm.stubFor(put(urlPathEqualTo(WORKSPACE_PATH + "/environments/CliV2AnonymousEnvironment/versions/"
                        + "9872fac1b843bfd01c9cdaf22251013c978c50c12d30b505334dcb04199a7be0"))
                .willReturn(json(
                        201,
                        "{\"id\":\"" + WORKSPACE_PATH
                                + "/environments/arcml-x/versions/1\",\"properties\":{\"image\":\"" + IMAGE + "\"}}")));
        wm.stubFor(put(WireMock.urlPathMatching(".*/jobs/.*")).willReturn(json(201, jobBody("NotStarted"))));
        ArmControlPlane cp = arm.controlPlane();

        JobResource submitted = cp.submitJob("gpu", job().toSpec());

        assertThat(submitted.runId()).isEqualTo("mnist-ddp");
        assertThat(submitted.status().state()).isEqualTo(RunState.NOT_STARTED);
        JsonNode body = JSON.readTree(wm.findAll(putRequestedFor(urlPathEqualTo(JOB_PATH)))
                        .get(0)
                        .getBodyAsString())
                .path("properties");
        JsonNode contract = ArmEmulator.fixture("jobs/CommandJob-createOrUpdate.request.json")
                .path("body")
                .path("properties");
        Set<String> contractKeys = new HashSet<>();
        contract.fieldNames().forEachRemaining(contractKeys::add);
        body.fieldNames()
                .forEachRemaining(k -> assertThat(contractKeys)
                        .as("field " + k + " of the contract")
                        .contains(k));
        assertThat(body.path("jobType").asText()).isEqualTo("Command");
        assertThat(body.path("computeId").asText()).isEqualTo(WORKSPACE_PATH + "/computes/gpu");
        assertThat(body.path("environmentId").asText()).isEqualTo(WORKSPACE_PATH + "/environments/arcml-x/versions/1");
        assertThat(body.path("resources").path("instanceCount").asInt()).isEqualTo(2);
        assertThat(body.path("resources").path("instanceType").asText()).isEqualTo("gpu_instance");
        assertThat(body.path("distribution").path("distributionType").asText()).isEqualTo("PyTorch");
        assertThat(body.path("limits").path("timeout").asText()).isEqualTo("PT2H");
        assertThat(body.path("environmentVariables").path("NCCL_DEBUG").asText())
                .isEqualTo("INFO");
        JsonNode env = JSON.readTree(wm.findAll(putRequestedFor(urlPathEqualTo(environmentPath())))
                .get(0)
                .getBodyAsString());
        assertThat(env.path("properties").path("image").asText()).isEqualTo(IMAGE);
        assertThat(env.path("properties").path("isAnonymous").asBoolean()).isTrue();

        cp.submitJob("gpu", job().toBuilder().name("second").build().toSpec());
        assertThat(wm.findAll(putRequestedFor(urlPathEqualTo(environmentPath()))))
                .hasSize(1);
    }

    @Test
    void anExistingEnvironmentCodeInputsAndOutputsGoInTheContractsShapes() throws Exception {
        wm.stubFor(put(urlPathEqualTo(JOB_PATH)).willReturn(json(201, jobBody("NotStarted"))));
        CommandJob job = CommandJob.builder()
                .name("mnist-ddp")
                .environmentId("azureml:AzureML-pytorch-2.2-cuda12:7")
                .codeId("azureml:mnist-src:3")
                .command("python train.py --epochs ${{inputs.epochs}} --out ${{outputs.model}}")
                .input("epochs", "10")
                .output("model")
                .build();

        arm.controlPlane().submitJob("gpu", job.toSpec());

        JsonNode body = JSON.readTree(wm.findAll(putRequestedFor(urlPathEqualTo(JOB_PATH)))
                        .get(0)
                        .getBodyAsString())
                .path("properties");
        assertThat(body.path("environmentId").asText())
                .isEqualTo(WORKSPACE_PATH + "/environments/AzureML-pytorch-2.2-cuda12/versions/7");
        assertThat(body.path("codeId").asText()).isEqualTo(WORKSPACE_PATH + "/codes/mnist-src/versions/3");
        assertThat(body.path("command").asText())
                .isEqualTo("python train.py --epochs ${{inputs.epochs}} --out ${{outputs.model}}");
        assertThat(body.path("inputs").path("epochs"))
                .isEqualTo(JSON.readTree("{\"jobInputType\":\"literal\",\"value\":\"10\"}"));
        assertThat(body.path("outputs").path("model"))
                .isEqualTo(JSON.readTree("{\"jobOutputType\":\"uri_folder\",\"mode\":\"ReadWriteMount\"}"));
        JsonNode contract = ArmEmulator.fixture("jobs/CommandJob-createOrUpdate.request.json")
                .path("body")
                .path("properties");
        assertThat(contract.path("inputs").path("string").path("jobInputType").asText())
                .isEqualTo("literal");
        assertThat(wm.findAll(putRequestedFor(WireMock.urlPathMatching(".*/environments/.*"))))
                .isEmpty();
    }

    @Test
    void labelsExperimentAndANamedEnvironmentReachTheJobsBody() throws Exception {
        wm.stubFor(put(urlPathEqualTo(JOB_PATH)).willReturn(json(201, jobBody("NotStarted"))));
        String envPath = WORKSPACE_PATH + "/environments/mnist-env/versions/2";
        wm.stubFor(get(urlPathEqualTo(envPath))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        wm.stubFor(put(urlPathEqualTo(envPath))
                .willReturn(json(201, "{\"id\":\"" + envPath + "\",\"properties\":{\"image\":\"" + IMAGE + "\"}}")));
        CommandJob job = job().toBuilder()
                .environmentId("azureml:mnist-env:2")
                .labels(JobLabels.none()
                        .displayName("MNIST on 2 GPUs")
                        .description("baseline")
                        .tag("team", "vision")
                        .property("run", "1"))
                .build();

        arm.controlPlane().submitJob("gpu", job.toSpec());

        JsonNode body = JSON.readTree(wm.findAll(putRequestedFor(urlPathEqualTo(JOB_PATH)))
                        .get(0)
                        .getBodyAsString())
                .path("properties");
        assertThat(body.path("displayName").asText()).isEqualTo("MNIST on 2 GPUs");
        assertThat(body.path("description").asText()).isEqualTo("baseline");
        assertThat(body.path("tags")).isEqualTo(JSON.readTree("{\"team\":\"vision\"}"));
        assertThat(body.path("properties")).isEqualTo(JSON.readTree("{\"run\":\"1\"}"));
        assertThat(body.path("experimentName").asText()).isEqualTo("mnist");
        assertThat(body.path("environmentId").asText()).isEqualTo(envPath);
        JsonNode env = JSON.readTree(
                wm.findAll(putRequestedFor(urlPathEqualTo(envPath))).get(0).getBodyAsString());
        assertThat(env.path("properties").path("image").asText()).isEqualTo(IMAGE);
        assertThat(env.path("properties").has("isAnonymous")).isFalse();
    }

    @Test
    void latestVersionsAndRegistryEnvironmentsAreResolvedAsAzureMlDoes() throws Exception {
        wm.stubFor(put(urlPathEqualTo(JOB_PATH)).willReturn(json(201, jobBody("NotStarted"))));
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/codes/mnist-src"))
                .willReturn(json(200, "{\"properties\":{\"latestVersion\":\"4\"}}")));
        String registry = "azureml://registries/azureml/environments/sklearn-1.5/labels/latest";
        CommandJob job = CommandJob.builder()
                .name("mnist-ddp")
                .environmentId(registry)
                .codeId("azureml:mnist-src@latest")
                .command("python train.py")
                .build();

        arm.controlPlane().submitJob("gpu", job.toSpec());

        JsonNode body = JSON.readTree(wm.findAll(putRequestedFor(urlPathEqualTo(JOB_PATH)))
                        .get(0)
                        .getBodyAsString())
                .path("properties");
        assertThat(body.path("environmentId").asText()).isEqualTo(registry);
        assertThat(body.path("codeId").asText()).isEqualTo(WORKSPACE_PATH + "/codes/mnist-src/versions/4");
    }

    @Test
    void dataAndModelInputsAreSentAsAzureMlsJobInputsWithAssetNamesAsTheWorkspacesIds() throws Exception {
        wm.stubFor(put(urlPathEqualTo(JOB_PATH)).willReturn(json(201, jobBody("NotStarted"))));
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/data/cifar-10"))
                .willReturn(json(200, "{\"properties\":{\"latestVersion\":\"7\"}}")));
        String registry = "azureml://registries/azureml/environments/sklearn-1.5/labels/latest";
        String datastore = "azureml://datastores/workspaceblobstore/paths/cifar";
        CommandJob job = CommandJob.builder()
                .name("mnist-ddp")
                .environmentId(registry)
                .command(
                        "python train.py --data ${{inputs.cifar}} --iris ${{inputs.iris}} --raw ${{inputs.raw}} --model ${{inputs.model}}")
                .input("cifar", JobInput.uriFolder("azureml:cifar-10@latest").mode(InputMode.DOWNLOAD))
                .input("iris", JobInput.uriFile("wasbs://datasets@azuremlexamples.blob.core.windows.net/iris.csv"))
                .input("raw", JobInput.uriFolder(datastore).mode(InputMode.RO_MOUNT))
                .input("model", JobInput.mlflowModel("azureml:resnet:2"))
                .input("epochs", "3")
                .build();

        arm.controlPlane().submitJob("gpu", job.toSpec());

        JsonNode body = JSON.readTree(wm.findAll(putRequestedFor(urlPathEqualTo(JOB_PATH)))
                        .get(0)
                        .getBodyAsString())
                .path("properties");
        assertThat(body.path("command").asText()).isEqualTo(job.command()); // Azure ML resolves the placeholders
        assertThat(body.path("inputs"))
                .isEqualTo(JSON.readTree("{"
                        + "\"epochs\":{\"jobInputType\":\"literal\",\"value\":\"3\"},"
                        + "\"cifar\":{\"jobInputType\":\"uri_folder\",\"uri\":\"" + WORKSPACE_PATH
                        + "/data/cifar-10/versions/7\",\"mode\":\"Download\"},"
                        + "\"iris\":{\"jobInputType\":\"uri_file\",\"uri\":\"wasbs://datasets@azuremlexamples.blob.core.windows.net/iris.csv\"},"
                        + "\"raw\":{\"jobInputType\":\"uri_folder\",\"uri\":\"" + datastore
                        + "\",\"mode\":\"ReadOnlyMount\"},"
                        + "\"model\":{\"jobInputType\":\"mlflow_model\",\"uri\":\"" + WORKSPACE_PATH
                        + "/models/resnet/versions/2\"}}"));
    }

    @Test
    void aDataAssetWithNoLatestVersionIsRefusedNamingTheInput() {
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/data/cifar-10")).willReturn(json(200, "{\"properties\":{}}")));
        CommandJob job = CommandJob.builder()
                .name("mnist-ddp")
                .environmentId("azureml:env:1")
                .command("python train.py ${{inputs.cifar}}")
                .input("cifar", JobInput.uriFolder("azureml:cifar-10@latest"))
                .build();

        assertThatThrownBy(() -> arm.controlPlane().submitJob("gpu", job.toSpec()))
                .hasMessageStartingWith(
                        "inputs.cifar: 'azureml:cifar-10@latest' has no latest version in the workspace");
        assertThat(wm.findAll(putRequestedFor(urlPathEqualTo(JOB_PATH)))).isEmpty();
    }

    @Test
    void aSeededBayesianSweepIsRefusedBecauseAzureMlTakesNoSeed() {
        SweepJob sweep = SweepJob.builder()
                .name("lr-sweep")
                .trial(CommandJob.builder()
                        .image(IMAGE)
                        .command("python train.py --lr ${{search_space.lr}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.uniform(0.01, 0.1))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.bayesian(7))
                .objective(Objective.maximize("accuracy"))
                .build();

        assertThatThrownBy(() -> arm.controlPlane().submitSweep("gpu", sweep.toSpec()))
                .hasMessageStartingWith("sampling_algorithm.seed: '7' is not taken by Azure ML's bayesian sampling");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void aJobIsFollowedThroughAzureMlsStatusWordsToItsEnd() {
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/environments/arcml-0/versions/1"))
                .willReturn(json(404, "{}")));
        arm.sequence(
                "job",
                () -> get(urlPathEqualTo(JOB_PATH)),
                List.of(
                        json(200, jobBody("Queued")),
                        json(200, jobBody("Starting")),
                        json(200, jobBody("Running")),
                        json(200, jobBody("Finalizing")),
                        json(200, jobBody("Completed"))));
        ArmControlPlane cp = arm.controlPlane();
        JobRun run = JobRun.track(
                cp, job(), new JobResource("mnist-ddp", "mnist-ddp", "gpu", RunStatus.of(RunState.NOT_STARTED, null)));

        run.waitForCompletion(false);

        assertThat(run.lastStatus().state()).isEqualTo(JobState.COMPLETED);
        assertThat(run.logs()).contains("https://ml.azure.com/runs/mnist-ddp");
        assertThat(cp.findJobs("gpu", "mnist-ddp")).hasSize(1);
        assertThat(cp.findJobs("other-compute", "mnist-ddp")).isEmpty();
    }

    @Test
    void aFailedJobRaisesAndPointsAtTheStudio() {
        wm.stubFor(get(urlPathEqualTo(JOB_PATH)).willReturn(json(200, jobBody("Failed"))));
        JobRun run = JobRun.track(
                arm.controlPlane(),
                job(),
                new JobResource("mnist-ddp", "mnist-ddp", "gpu", RunStatus.of(RunState.QUEUED, null)));
        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("Azure ML studio");
    }

    @Test
    void cancelPostsAndWaitsUntilTheJobHasEnded() {
        wm.stubFor(post(urlPathEqualTo(JOB_PATH + "/cancel"))
                .willReturn(json(202, "{}").withHeader("Location", JOB_PATH)));
        arm.sequence(
                "cancel",
                () -> get(urlPathEqualTo(JOB_PATH)),
                List.of(json(200, jobBody("CancelRequested")), json(200, jobBody("Canceled"))));
        JobRun run = JobRun.track(
                arm.controlPlane(),
                job(),
                new JobResource("mnist-ddp", "mnist-ddp", "gpu", RunStatus.of(RunState.RUNNING, null)));

        run.cancel();

        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(JOB_PATH + "/cancel"))))
                .hasSize(1);
        assertThat(run.lastStatus().state()).isEqualTo(JobState.CANCELED);
    }

    private void stubEnvironmentAndJobs() {
        arm.stubNewEnvironments();
        arm.stubAnonymousComponents();
    }

    /** The spec of the component a pipeline's command node references, as it was registered. */
    private static JsonNode componentOf(JsonNode node) throws Exception {
        return JSON.readTree(wm.findAll(putRequestedFor(
                                urlPathEqualTo(node.path("componentId").asText())))
                        .get(0)
                        .getBodyAsString())
                .path("properties")
                .path("componentSpec");
    }

    private static String parentBody(String name, String type, String status) {
        return "{\"id\":\"" + WORKSPACE_PATH + "/jobs/" + name + "\",\"name\":\"" + name
                + "\",\"properties\":{\"jobType\":\"" + type
                + "\",\"status\":\"" + status + "\",\"computeId\":\"" + WORKSPACE_PATH + "/computes/gpu\","
                + "\"services\":{\"Studio\":{\"endpoint\":\"https://ml.azure.com/runs/" + name + "\"}}}}";
    }

    @Test
    void aSweepIsHandedToAzureMlAsASweepJobAndFollowed() throws Exception {
        stubEnvironmentAndJobs();
        String path = WORKSPACE_PATH + "/jobs/lr-sweep";
        wm.stubFor(put(urlPathEqualTo(path)).willReturn(json(201, parentBody("lr-sweep", "Sweep", "NotStarted"))));
        arm.sequence(
                "sweep",
                () -> get(urlPathEqualTo(path)),
                List.of(
                        json(200, parentBody("lr-sweep", "Sweep", "Running")),
                        json(200, parentBody("lr-sweep", "Sweep", "Completed"))));
        SweepJob sweep = SweepJob.builder()
                .name("lr-sweep")
                .trial(CommandJob.builder()
                        .image(IMAGE)
                        .command("python train.py --lr ${{search_space.lr}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.1, 0.01))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(Objective.maximize("accuracy"))
                .earlyTermination(EarlyTerminationPolicy.medianStopping(1, 1))
                .build();

        SweepRun run = SweepRun.start(arm.controlPlane(), "gpu", sweep).waitForCompletion(false);

        assertThat(run.parentRunId()).isPresent();
        assertThat(run.state()).isEqualTo(SweepRun.State.COMPLETED);
        JsonNode body = JSON.readTree(
                        wm.findAll(putRequestedFor(urlPathEqualTo(path))).get(0).getBodyAsString())
                .path("properties");
        JsonNode contract = ArmEmulator.fixture("jobs/SweepJob-createOrUpdate.request.json")
                .path("body")
                .path("properties");
        Set<String> contractKeys = new HashSet<>();
        contract.fieldNames().forEachRemaining(contractKeys::add);
        body.fieldNames()
                .forEachRemaining(k -> assertThat(contractKeys)
                        .as("field " + k + " of the contract")
                        .contains(k));
        assertThat(body.path("jobType").asText()).isEqualTo("Sweep");
        assertThat(body.path("trial").path("environmentId").asText()).endsWith("/environments/arcml-x/versions/1");
        assertThat(body.path("trial").path("command").asText()).isEqualTo("python train.py --lr ${{search_space.lr}}");
        assertThat(body.path("earlyTermination").path("policyType").asText()).isEqualTo("MedianStopping");
        assertThat(body.path("samplingAlgorithm").path("samplingAlgorithmType").asText())
                .isEqualTo("Grid");
        assertThat(body.path("limits").path("jobLimitsType").asText()).isEqualTo("Sweep");
        assertThat(run.toString()).contains("hosted by the arm control plane");
    }

    @Test
    void aPipelineIsHandedToAzureMlWithItsStepsAndAFailureSaysWhereToLook() throws Exception {
        stubEnvironmentAndJobs();
        String path = WORKSPACE_PATH + "/jobs/pipe";
        wm.stubFor(put(urlPathEqualTo(path)).willReturn(json(201, parentBody("pipe", "Pipeline", "NotStarted"))));
        wm.stubFor(get(urlPathEqualTo(path)).willReturn(json(200, parentBody("pipe", "Pipeline", "Failed"))));
        PipelineJob pipeline = PipelineJob.builder()
                .name("pipe")
                .experimentName("pipelines")
                .sharedStorage(new NfsMount("10.0.0.4", "/export", "/mnt/p", false))
                .step(
                        "prep",
                        PipelineStep.of(CommandJob.builder()
                                        .image(IMAGE)
                                        .command("prep --out ${{outputs.d}}")
                                        .build())
                                .output("d")
                                .compute("cpu-small"))
                .step(
                        "train",
                        PipelineStep.of(CommandJob.builder()
                                        .image("python:3.11")
                                        .command("train --in ${{inputs.d}}")
                                        .build())
                                .input("d", "${{parent.jobs.prep.outputs.d}}"))
                .build();

        PipelineRun run = PipelineRun.start(arm.controlPlane(), "gpu", pipeline, j -> j);

        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOf(PipelineFailedException.class)
                .hasMessageContaining("https://ml.azure.com/runs/pipe");
        JsonNode body = JSON.readTree(
                        wm.findAll(putRequestedFor(urlPathEqualTo(path))).get(0).getBodyAsString())
                .path("properties");
        assertThat(body.path("jobType").asText()).isEqualTo("Pipeline");
        assertThat(body.path("jobs")
                        .path("train")
                        .path("inputs")
                        .path("d")
                        .path("uri")
                        .asText())
                .isEqualTo("${{parent.jobs.prep.outputs.d}}");
        assertThat(componentOf(body.path("jobs").path("prep"))
                        .path("environment")
                        .asText())
                .endsWith("/versions/1");
        assertThat(body.path("jobs").path("train").path("computeId").asText()).endsWith("/computes/gpu");
        assertThat(body.path("jobs").path("prep").path("computeId").asText()).endsWith("/computes/cpu-small");
        assertThat(body.path("experimentName").asText()).isEqualTo("pipelines");
        assertThat(body.path("jobs").path("prep").has("experimentName"))
                .as("a node is filed under its pipeline's experiment")
                .isFalse();
        // Two images, two environment versions.
        assertThat(wm.findAll(putRequestedFor(WireMock.urlPathMatching(".*/environments/.*"))).stream()
                        .map(r -> r.getUrl())
                        .distinct())
                .hasSize(2);
    }

    @Test
    void aStepOnAnotherComputeTakesItsInstanceTypeThereOrAzureMlsDefault() throws Exception {
        String path = stubParentJob("pipe-two", "Pipeline");
        wm.stubFor(get(urlPathEqualTo(ArmEmulator.COMPUTE_PATH))
                .willReturn(json(
                        200,
                        ArmEmulator.fixture("compute/get-KubernetesCompute.json")
                                .at("/responses/200/body"))));
        // compute123 has one instance type, defaultInstanceType; "small" is cpu-small's.
        PipelineJob pipeline = PipelineJob.builder()
                .name("pipe-two")
                .step(
                        "prep",
                        PipelineStep.of(CommandJob.builder()
                                        .image(IMAGE)
                                        .command("prep")
                                        .instanceType("small")
                                        .build())
                                .compute("cpu-small"))
                .step(
                        "check",
                        PipelineStep.of(CommandJob.builder()
                                        .image(IMAGE)
                                        .command("check")
                                        .build())
                                .compute("cpu-small")
                                .dependsOn("prep"))
                .step(
                        "train",
                        PipelineStep.of(CommandJob.builder()
                                        .image(IMAGE)
                                        .command("train")
                                        .build())
                                .dependsOn("check"))
                .build();

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            KubernetesCompute compute = (KubernetesCompute) ComputeTarget.get(ws, ArmEmulator.COMPUTE);
            compute.submit(pipeline);
        }

        JsonNode jobs = sentProperties(path).path("jobs");
        assertThat(jobs.path("prep").path("computeId").asText()).endsWith("/computes/cpu-small");
        assertThat(jobs.path("prep").path("resources").path("instance_type").asText())
                .isEqualTo("small");
        assertThat(jobs.path("check").path("resources").has("instance_type"))
                .as("left to Azure ML's default on cpu-small")
                .isFalse();
        assertThat(jobs.path("train").path("computeId").asText()).endsWith("/computes/" + ArmEmulator.COMPUTE);
    }

    /** Stubs environments, jobs and the PUT of a parent job; its path. */
    private String stubParentJob(String name, String jobType) {
        stubEnvironmentAndJobs();
        String path = WORKSPACE_PATH + "/jobs/" + name;
        wm.stubFor(put(urlPathEqualTo(path)).willReturn(json(201, parentBody(name, jobType, "NotStarted"))));
        return path;
    }

    private static JsonNode sentProperties(String path) throws Exception {
        return JSON.readTree(
                        wm.findAll(putRequestedFor(urlPathEqualTo(path))).get(0).getBodyAsString())
                .path("properties");
    }

    @Test
    void aSweepDeclaresItsTrialsInputsAndOutputsAndItsCodeIsTheWorkspacesAsset() throws Exception {
        String path = stubParentJob("io-sweep", "Sweep");
        SweepJob sweep = SweepJob.builder()
                .name("io-sweep")
                .trial(CommandJob.builder()
                        .image(IMAGE)
                        .codeId("azureml:src:3")
                        .input("data", "azureml_data")
                        .output("model")
                        .command(
                                "python train.py --lr ${{search_space.lr}} --data ${{inputs.data}} --out ${{outputs.model}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.1, 0.01))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(Objective.maximize("accuracy"))
                .build();

        arm.controlPlane().submitSweep("gpu", sweep.toSpec());

        JsonNode body = sentProperties(path);
        assertThat(body.path("inputs").path("data"))
                .isEqualTo(JSON.readTree("{\"jobInputType\":\"literal\",\"value\":\"azureml_data\"}"));
        assertThat(body.path("outputs").path("model").path("jobOutputType").asText())
                .isEqualTo("uri_folder");
        assertThat(body.path("trial").has("inputs")).isFalse();
        assertThat(body.path("trial").path("codeId").asText()).isEqualTo(WORKSPACE_PATH + "/codes/src/versions/3");
    }

    @Test
    void aPipelineStepsCodeIsTheWorkspacesAsset() throws Exception {
        String path = stubParentJob("code-pipe", "Pipeline");
        PipelineJob pipeline = PipelineJob.builder()
                .name("code-pipe")
                .step(
                        "run",
                        PipelineStep.of(CommandJob.builder()
                                .image(IMAGE)
                                .codeId("azureml:src:3")
                                .command("python run.py")
                                .build()))
                .build();

        arm.controlPlane().submitPipeline("gpu", pipeline.toSpec());

        JsonNode body = sentProperties(path);
        assertThat(componentOf(body.path("jobs").path("run")).path("code").asText())
                .isEqualTo("azureml:" + WORKSPACE_PATH + "/codes/src/versions/3");
    }

    @Test
    void mapsEveryAzureMlStatusWord() {
        assertThat(JobState.parse("NotStarted")).isEqualTo(JobState.NOT_STARTED);
        assertThat(JobState.parse("Provisioning")).isEqualTo(JobState.PREPARING);
        assertThat(JobState.parse("Paused")).isEqualTo(JobState.QUEUED);
        assertThat(JobState.parse("NotResponding")).isEqualTo(JobState.RUNNING);
        assertThat(JobState.parse("CancelRequested")).isEqualTo(JobState.CANCEL_REQUESTED);
        assertThat(JobState.parse("Canceled")).isEqualTo(JobState.CANCELED);
        assertThat(JobState.parse("Failed")).isEqualTo(JobState.FAILED);
        assertThat(JobState.parse("Completed")).isEqualTo(JobState.COMPLETED);
    }
}
