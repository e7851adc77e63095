package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcml.ValidationException;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.DockerBuild;
import io.arcml.job.InputMode;
import io.arcml.job.JobIdentity;
import io.arcml.job.JobInput;
import io.arcml.job.JobLabels;
import io.arcml.job.NfsMount;
import io.arcml.job.OutputMode;
import io.arcml.job.TensorFlowDistribution;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.yaml.JobYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every request the ARM transport sends, for a generated set of inputs (computes, extensions,
 * environments, command, sweep and pipeline jobs, cancels, detaches and deletes), is captured by
 * WireMock on loopback and checked against Azure's swagger by {@link ArmRequestContract}. An input
 * either is refused before anything is sent, with a message naming its field, or every request it
 * causes is valid. The bodies are also written to {@code target/arm-request-bodies} for the check
 * with Azure's own validator in {@code src/test/node/validate-arm-bodies.mjs}.
 */
class ArmRequestContractTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final ArmRequestContract CONTRACT = new ArmRequestContract();
    private static final AtomicInteger INPUTS = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger BODIES = new AtomicInteger();
    private static final AtomicInteger VIOLATIONS = new AtomicInteger();
    private static final Path BODIES_OUT = Path.of("target", "arm-request-bodies");
    private static final String IMAGE = "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04";
    private static final String SUB = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";
    private static final String CONDA =
            "name: sklearn\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n  - pip:\n      - scikit-learn\n";
    private static final String IDENTITY =
            "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/";

    private ArmControlPlane cp;

    /**
     * One input: a name for the report, how to build it, and the field its refusal must name, or
     * {@code null} when it must be accepted and sent.
     */
    record Case<T>(String name, Supplier<T> input, String refusedField) {
        @Override
        public String toString() {
            return name + (refusedField == null ? "" : " (refused: " + refusedField + ")");
        }
    }

    private static <T> Case<T> valid(String name, Supplier<T> input) {
        return new Case<>(name, input, null);
    }

    private static <T> Case<T> refused(String name, String field, Supplier<T> input) {
        return new Case<>(name, input, field);
    }

    @BeforeEach
    void setUp() {
        ArmEmulator arm = new ArmEmulator(wm);
        arm.stubWorkspace();
        wm.stubFor(put(urlPathMatching(".*/computes/[^/]+")).willReturn(json(200, "{}")));
        wm.stubFor(delete(urlPathMatching(".*/computes/[^/]+")).willReturn(json(200, "{}")));
        wm.stubFor(put(urlPathMatching(".*/extensions/[^/]+")).willReturn(json(201, "{}")));
        wm.stubFor(delete(urlPathMatching(".*/extensions/[^/]+")).willReturn(json(200, "{}")));
        wm.stubFor(get(urlPathMatching(".*/environments/.*"))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        wm.stubFor(put(urlPathMatching(".*/environments/.*"))
                .willReturn(json(201, "{\"id\":\"" + WORKSPACE_PATH + "/environments/arcml-x/versions/1\"}")));
        wm.stubFor(put(urlPathMatching(".*/components/[^/]+/versions/[^/]+"))
                .willReturn(json(201, "{\"id\":\"" + WORKSPACE_PATH + "/components/azureml_anonymous/versions/1\"}")));
        wm.stubFor(put(urlPathMatching(".*/jobs/[^/]+"))
                .willReturn(json(201, "{\"properties\":{\"status\":\"NotStarted\"}}")));
        wm.stubFor(post(urlPathMatching(".*/jobs/[^/]+/cancel")).willReturn(json(202, "{}")));
        cp = arm.controlPlane();
    }

    @BeforeAll
    static void emptyBodiesFolder() throws IOException {
        Files.createDirectories(BODIES_OUT);
        try (Stream<Path> old = Files.list(BODIES_OUT)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
    }

    @AfterAll
    static void report() {
        System.out.println("ARM contract: " + INPUTS.get() + " inputs (" + REFUSED.get() + " refused before sending), "
                + REQUESTS.get() + " requests checked, " + BODIES.get()
                + " request bodies validated against the swagger, "
                + VIOLATIONS.get() + " violations");
    }

    /** Builds the input; sends it when it must be accepted, checks the refusal otherwise. */
    private <T> void run(Case<T> c, Consumer<T> send) {
        INPUTS.incrementAndGet();
        if (c.refusedField() != null) {
            assertThatThrownBy(() -> send.accept(c.input().get()))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining(c.refusedField());
            assertThat(wm.getAllServeEvents())
                    .as("nothing is sent for a refused input")
                    .isEmpty();
            REFUSED.incrementAndGet();
            return;
        }
        send.accept(c.input().get());
        List<String> violations = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            if (r.getUrl().replaceAll("\\?.*", "").matches(ArmEmulator.CLUSTER_PATHS)) {
                continue; // the cluster-exists read: azure-resourcemanager-resources' request, not one of these
                // swaggers
            }
            REQUESTS.incrementAndGet();
            if (!r.getBodyAsString().isEmpty()) {
                keep(BODIES.incrementAndGet(), r);
            }
            CONTRACT.check(r.getMethod().getName(), r.getUrl(), r.getBodyAsString())
                    .forEach(
                            v -> violations.add(r.getMethod() + " " + r.getUrl().replaceAll("\\?.*", "") + ": " + v));
        }
        VIOLATIONS.addAndGet(violations.size());
        assertThat(violations).as(c.name()).isEmpty();
    }

    /** Writes a sent body with its method and URL, as {@code {"method", "url", "body"}}. */
    private static void keep(int n, LoggedRequest r) {
        ObjectNode sent = ArmEmulator.JSON
                .createObjectNode()
                .put("method", r.getMethod().getName())
                .put("url", r.getUrl());
        try {
            sent.set("body", ArmEmulator.JSON.readTree(r.getBodyAsString()));
            Files.writeString(BODIES_OUT.resolve(n + ".json"), sent.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<LoggedRequest> requests() {
        return wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
    }

    // ---- computes ------------------------------------------------------------------------

    static Stream<Case<KubernetesComputeAttachConfiguration>> computes() {
        Map<String, Map<String, InstanceType>> typeSets = new LinkedHashMap<>();
        typeSets.put("no instance types", Map.of());
        typeSets.put(
                "cpu",
                Map.of(
                        "cpu_small",
                        InstanceType.builder()
                                .requests("500m", "1Gi")
                                .limits("1", "2Gi")
                                .build()));
        typeSets.put(
                "gpu",
                Map.of(
                        "gpu_instance",
                        InstanceType.builder()
                                .nodeSelector("accelerator", "nvidia-a100")
                                .requests("4", "16Gi", 1)
                                .limits("4", "16Gi", 1)
                                .build()));
        Map<String, InstanceType> mixed = new LinkedHashMap<>();
        mixed.put(
                "cpu",
                InstanceType.builder()
                        .nodeSelector(Map.of("pool", "cpu", "kubernetes.io/os", "linux"))
                        .requests("2", "8Gi")
                        .build());
        mixed.put(
                "gpu_2",
                InstanceType.builder()
                        .requests("8", "64Gi", 2)
                        .limits("8", "64Gi", 2)
                        .build());
        mixed.put("memory_only", InstanceType.builder().request("memory", "8Gi").build());
        mixed.put(
                "pinned",
                InstanceType.builder().nodeSelector("agentpool", "spot").build());
        typeSets.put("mixed", mixed);
        Map<String, ComputeIdentity> identities = new LinkedHashMap<>();
        identities.put("no identity", null);
        identities.put("system-assigned", ComputeIdentity.systemAssigned());
        identities.put("one user-assigned", ComputeIdentity.userAssigned(IDENTITY + "id1"));
        identities.put("two user-assigned", ComputeIdentity.userAssigned(IDENTITY + "id1", IDENTITY + "id2"));
        List<ClusterResourceId> clusters =
                List.of(ClusterResourceId.aks(SUB, "rg", "aks1"), ClusterResourceId.arc(SUB, "rg", "arc1"));
        List<Case<KubernetesComputeAttachConfiguration>> cases = new ArrayList<>();
        for (ClusterResourceId cluster : clusters) {
            for (String namespace : List.of("default", "team-a")) {
                typeSets.forEach((types, map) -> identities.forEach((identity, id) -> {
                    for (int secrets = 0; secrets < 3; secrets++) {
                        int s = secrets;
                        cases.add(valid(
                                cluster.clusterName() + ", " + namespace + ", " + types + ", " + identity + ", " + s
                                        + " secrets",
                                () -> {
                                    KubernetesComputeAttachConfiguration c = KubernetesCompute.attachConfiguration(
                                                    cluster.toString())
                                            .namespace(namespace);
                                    if (!map.isEmpty()) {
                                        c.instanceTypes(map)
                                                .defaultInstanceType(
                                                        map.keySet().iterator().next());
                                    }
                                    if (id != null) {
                                        c.identity(id);
                                    }
                                    if (s > 0) {
                                        c.description("cluster of team " + namespace)
                                                .relayConnectionString("Endpoint=sb://relay/;SharedAccessKey=k1");
                                    }
                                    if (s > 1) {
                                        c.serviceBusConnectionString("Endpoint=sb://bus/;SharedAccessKey=k2");
                                    }
                                    return c;
                                }));
                    }
                }));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "attach {0}")
    @MethodSource("computes")
    void everyAttachBodyIsValid(Case<KubernetesComputeAttachConfiguration> c) {
        run(c, config -> cp.beginAttach("compute123", config.toSpec().toSpi()));
    }

    @Test
    void detachAndExtensionDeleteRequestsAreOperationsOfTheContract() {
        run(valid("detach", () -> "compute123"), name -> cp.beginDetach(name));
        wm.resetRequests();
        run(
                valid("delete extension", () -> ClusterResourceId.arc(SUB, "rg", "arc1")),
                cluster -> cp.beginDeleteExtension(cluster.toString(), "azureml", false));
        wm.resetRequests();
        run(
                valid("force-delete extension", () -> ClusterResourceId.aks(SUB, "rg", "aks1")),
                cluster -> cp.beginDeleteExtension(cluster.toString(), "azureml", true));
    }

    // ---- extensions ----------------------------------------------------------------------

    static Stream<Case<AzureMLExtensionConfiguration>> extensions() throws IOException {
        Path dir = Files.createTempDirectory("arcml-contract");
        Path cert = Files.writeString(
                dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(
                dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
        for (Path p : List.of(key, cert, dir)) {
            p.toFile().deleteOnExit();
        }
        Map<String, Consumer<AzureMLExtensionConfiguration.Builder>> modes = new LinkedHashMap<>();
        modes.put("training", b -> b.enableTraining(true));
        modes.put(
                "inference over http (loadBalancer)",
                b -> b.enableInference(true)
                        .inferenceRouterServiceType("loadBalancer")
                        .allowInsecureConnections(true));
        modes.put(
                "inference with an ssl secret (nodePort)",
                b -> b.enableInference(true)
                        .inferenceRouterServiceType("nodePort")
                        .sslSecret("azureml-tls")
                        .sslCname("ml.contoso.com"));
        modes.put(
                "training and inference with a certificate (clusterIP)",
                b -> b.enableTraining(true)
                        .enableInference(true)
                        .inferenceRouterServiceType("clusterIP")
                        .sslCname("ml.contoso.com")
                        .sslCertificate(cert, key));
        modes.put(
                "inference behind an internal load balancer",
                b -> b.enableInference(true)
                        .inferenceRouterServiceType("loadBalancer")
                        .internalLoadBalancerProvider("azure")
                        .allowInsecureConnections(true)
                        .inferenceRouterHA(false));
        Map<String, Consumer<AzureMLExtensionConfiguration.Builder>> releases = new LinkedHashMap<>();
        releases.put("stable", b -> b.releaseTrain("stable"));
        releases.put("preview", b -> b.releaseTrain("preview"));
        releases.put("pinned", b -> b.autoUpgradeMinorVersion(false).version("1.1.62"));
        Map<String, Consumer<AzureMLExtensionConfiguration.Builder>> extras = new LinkedHashMap<>();
        extras.put("no extras", b -> {});
        extras.put(
                "components off",
                b -> b.installNvidiaDevicePlugin(false)
                        .installPromOp(false)
                        .installVolcano(false)
                        .installDcgmExporter(false));
        extras.put(
                "components on",
                b -> b.installNvidiaDevicePlugin(true)
                        .installPromOp(true)
                        .installVolcano(true)
                        .installDcgmExporter(true)
                        .logAnalyticsWS(true)
                        .installBlobfuseSysctl(true)
                        .installBlobfuseFlexvol(true)
                        .volumePluginDir("/etc/kubernetes/volumeplugins"));
        extras.put(
                "node selector, free settings, protected settings",
                b -> b.nodeSelector("agentpool", "system")
                        .setting("servicebus.enabled", "false")
                        .setting("emptyValue", null)
                        .protectedSetting("relay.connectionString", "Endpoint=sb://x/;k=v"));
        List<Case<AzureMLExtensionConfiguration>> cases = new ArrayList<>();
        modes.forEach((mode, m) -> releases.forEach((release, r) ->
                extras.forEach((extra, e) -> cases.add(valid(mode + ", " + release + ", " + extra, () -> {
                    AzureMLExtensionConfiguration.Builder b = AzureMLExtensionConfiguration.builder();
                    m.accept(b);
                    r.accept(b);
                    e.accept(b);
                    return b.build();
                })))));
        return cases.stream();
    }

    @ParameterizedTest(name = "extension {0}")
    @MethodSource("extensions")
    void everyExtensionCreateBodyIsValid(Case<AzureMLExtensionConfiguration> c) {
        run(
                c,
                config -> cp.beginCreateExtension(
                        ClusterResourceId.arc(SUB, "rg", "arc1").toString(), "azureml", config.spec()));
    }

    // ---- command jobs --------------------------------------------------------------------

    static Stream<Case<CommandJob>> commandJobs() {
        Map<String, Distribution> distributions = new LinkedHashMap<>();
        distributions.put("single", null);
        distributions.put("pytorch x1", Distribution.pytorch(1));
        distributions.put("pytorch x4", Distribution.pytorch(4));
        distributions.put("mpi x2", Distribution.mpi(2));
        distributions.put("tensorflow 2+1", Distribution.tensorflow(2, 1));
        distributions.put("tensorflow 1+0", Distribution.tensorflow(1, 0));
        Map<String, Consumer<CommandJob.Builder>> shapes = new LinkedHashMap<>();
        shapes.put("image, defaults", b -> {});
        shapes.put(
                "instance type, env vars, 2h timeout",
                b -> b.instanceType("gpu_instance")
                        .environmentVariable("NCCL_DEBUG", "INFO")
                        .environmentVariable("EMPTY", "")
                        .timeout(Duration.ofHours(2)));
        shapes.put(
                "1.5s and 3-day timeouts",
                b -> b.timeout(Duration.ofMillis(1500)).experimentName("exp_1"));
        shapes.put("3-day timeout", b -> b.timeout(Duration.ofDays(3)));
        shapes.put(
                "registered environment and code",
                b -> b.environmentId("azureml:AzureML-pytorch-cuda12:7").codeId("azureml:src:3"));
        shapes.put(
                "resource-ID environment and code",
                b -> b.environmentId(WORKSPACE_PATH + "/environments/env/versions/2")
                        .codeId(WORKSPACE_PATH + "/codes/src/versions/1"));
        shapes.put(
                "inputs and outputs",
                b -> b.command(
                                "python train.py --epochs ${{inputs.epochs}} --lr ${{inputs.lr}} --out ${{outputs.model}}")
                        .input("epochs", "10")
                        .input("lr", "0.001")
                        .input("name", "run a")
                        .output("model")
                        .output("logs"));
        shapes.put("nfs mount", b -> b.nfsMount("10.0.0.4", "/export/data", "/mnt/data", true));
        shapes.put("user identity", b -> b.identity(JobIdentity.userIdentity()));
        shapes.put("AML token", b -> b.identity(JobIdentity.amlToken()));
        shapes.put("system-assigned managed identity", b -> b.identity(JobIdentity.managed()));
        shapes.put(
                "user-assigned managed identity by client, object and resource ID",
                b -> b.identity(JobIdentity.managed(
                        "00000000-0000-0000-0000-000000000001",
                        "00000000-0000-0000-0000-000000000002",
                        IDENTITY + "id1")));
        shapes.put("image with a conda file", b -> b.condaFile(CONDA));
        shapes.put(
                "model outputs",
                b -> b.command("python train.py --a ${{outputs.a}} --b ${{outputs.b}} --c ${{outputs.c}}")
                        .output("a", JobInput.Type.CUSTOM_MODEL)
                        .output("b", JobInput.Type.MLFLOW_MODEL)
                        .output("c", JobInput.Type.TRITON_MODEL));
        shapes.put(
                "image with a conda file, registered as a named version",
                b -> b.condaFile(CONDA).environmentId("azureml:sklearn-env:2"));
        shapes.put(
                "Docker build context",
                b -> b.image(null)
                        .dockerBuild(DockerBuild.remote("azureml://datastores/workspaceblobstore/paths/ctx/")
                                .dockerfilePath("docker/train.Dockerfile")));
        List<Case<CommandJob>> cases = new ArrayList<>();
        distributions.forEach((d, distribution) -> shapes.forEach((s, shape) -> {
            cases.add(valid(d + ", " + s, () -> {
                CommandJob.Builder b = CommandJob.builder()
                        .name("job-1")
                        .image(IMAGE)
                        .command("python train.py")
                        .distribution(distribution);
                if (distribution != null && !(distribution instanceof TensorFlowDistribution)) {
                    b.instanceCount(3);
                }
                shape.accept(b);
                return b.build();
            }));
        }));
        for (String value : List.of("1", "a", "_", "-1", "1e-3", "s3://bucket/key", " x ", "true")) {
            cases.add(valid("literal input '" + value + "'", () -> literal(value)));
        }
        for (String value : List.of(".", "", " ", "-", "/", "..", "--", "${{}}", "  .  ")) {
            cases.add(refused("literal input '" + value + "'", "inputs.x", () -> literal(value)));
        }
        // A name with a dot (as curated environments have) cannot stand in the URL that registers or looks up a
        // version.
        cases.add(refused(
                "environment to register under a dotted name",
                "environmentId",
                () -> CommandJob.builder()
                        .name("job-1")
                        .image(IMAGE)
                        .command("python train.py")
                        .environmentId("azureml:AzureML-pytorch-2.2-cuda12:7")
                        .build()));
        cases.add(refused(
                "latest version of a dotted name",
                "environmentId",
                () -> CommandJob.builder()
                        .name("job-1")
                        .command("python train.py")
                        .environmentId("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest")
                        .build()));
        cases.add(valid(
                "exact version of a dotted name, no image",
                () -> CommandJob.builder()
                        .name("job-1")
                        .command("python train.py")
                        .environmentId("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:12")
                        .build()));
        for (String command : List.of("--", ".", "| ;")) {
            cases.add(refused(
                    "command '" + command + "'",
                    "command",
                    () -> CommandJob.builder().image(IMAGE).command(command).build()));
        }
        cases.add(refused(
                "a managed identity whose client ID is not a UUID",
                "identity.clientId",
                () -> CommandJob.builder()
                        .image(IMAGE)
                        .command("python train.py")
                        .identity(JobIdentity.managed("my-identity", null, null))
                        .build()));
        cases.add(refused(
                "a uri_file output",
                "outputs.f",
                () -> CommandJob.builder()
                        .image(IMAGE)
                        .command("python train.py --f ${{outputs.f}}")
                        .output("f", JobInput.Type.URI_FILE)
                        .build()));
        cases.add(refused(
                "a conda file without an image",
                "image",
                () -> CommandJob.builder()
                        .command("python train.py")
                        .environmentId("azureml:env:1")
                        .condaFile(CONDA)
                        .build()));
        dataInputs(cases);
        return cases.stream();
    }

    /**
     * Every kind of data and model input, in every mode it takes and from every kind of location; and
     * those refused. ({@code azureml:<name>@latest} is looked up on the asset's container, an
     * operation outside the swagger extract: {@code ArmJobsTest} covers it.)
     */
    private static void dataInputs(List<Case<CommandJob>> cases) {
        Map<JobInput.Type, List<String>> locations = Map.of(
                JobInput.Type.URI_FILE,
                        List.of(
                                "azureml:iris:1",
                                "wasbs://datasets@azuremlexamples.blob.core.windows.net/iris.csv",
                                "https://azuremlexamples.blob.core.windows.net/datasets/iris.csv",
                                "azureml://datastores/workspaceblobstore/paths/iris.csv"),
                JobInput.Type.URI_FOLDER,
                        List.of(
                                "azureml:cifar-10:4",
                                "azureml://datastores/workspaceblobstore/paths/cifar/",
                                "abfss://data@lake.dfs.core.windows.net/raw",
                                "adl://store.azuredatalakestore.net/raw",
                                "azureml://jobs/prep-1/outputs/out",
                                WORKSPACE_PATH + "/data/cifar/versions/2"),
                JobInput.Type.MLTABLE, List.of("azureml:taxi:3", "azureml://datastores/workspaceblobstore/paths/taxi/"),
                JobInput.Type.CUSTOM_MODEL,
                        List.of("azureml:resnet:2", "azureml://registries/azureml/models/resnet/versions/2"),
                JobInput.Type.MLFLOW_MODEL, List.of("azureml:sk-model:1", "runs:/0a1b2c/model"),
                JobInput.Type.TRITON_MODEL, List.of("azureml:triton-densenet:1"));
        for (JobInput.Type type : JobInput.Type.values()) {
            for (String location : locations.get(type)) {
                cases.add(valid(type + " " + location, () -> dataJob(JobInput.of(type, location))));
            }
            for (InputMode mode : InputMode.values()) {
                String location = locations.get(type).get(0);
                boolean taken = switch (mode) {
                    case RW_MOUNT -> type == JobInput.Type.URI_FILE || type == JobInput.Type.URI_FOLDER;
                    case EVAL_MOUNT, EVAL_DOWNLOAD -> type == JobInput.Type.MLTABLE;
                    default -> true;
                };
                Supplier<CommandJob> job =
                        () -> dataJob(JobInput.of(type, location).mode(mode));
                cases.add(taken ? valid(type + " " + mode, job) : refused(type + " " + mode, "inputs.data.mode", job));
            }
        }
        for (String location : List.of(
                "./data",
                "data",
                "/home/me/data",
                "file:///tmp/d",
                "s3://bucket/d",
                "gs://b/d",
                "azureml:cifar",
                "https://acct.blob.core.windows.net/c/d?sv=1&sig=x",
                "azureml://registries/azureml/environments/e/versions/1",
                "runs:/1/model")) {
            cases.add(refused("uri_folder " + location, "inputs.data", () -> dataJob(JobInput.uriFolder(location))));
        }
    }

    private static CommandJob dataJob(JobInput input) {
        return CommandJob.builder()
                .name("data-1")
                .image(IMAGE)
                .command("python train.py --data ${{inputs.data}} --epochs ${{inputs.epochs}}")
                .input("data", input)
                .input("epochs", "3")
                .build();
    }

    private static CommandJob literal(String value) {
        return CommandJob.builder()
                .name("literal")
                .image(IMAGE)
                .command("echo ${{inputs.x}}")
                .input("x", value)
                .build();
    }

    @ParameterizedTest(name = "command job {0}")
    @MethodSource("commandJobs")
    void everyCommandJobAndEnvironmentBodyIsValid(Case<CommandJob> c) {
        run(c, job -> cp.submitJob("gpu", job.toSpec()));
    }

    @Test
    void aCancelSendsTheContractsBodilessPost() {
        run(valid("cancel", () -> "job-1"), name -> cp.beginCancelJob("gpu", name));
    }

    // ---- sweep jobs ----------------------------------------------------------------------

    static Stream<Case<SweepJob>> sweepJobs() {
        Map<String, SamplingAlgorithm> samplers = new LinkedHashMap<>();
        samplers.put("grid", SamplingAlgorithm.grid());
        samplers.put("random", SamplingAlgorithm.random());
        samplers.put("random seed 42", SamplingAlgorithm.random(42));
        samplers.put("random seed -7", SamplingAlgorithm.random(-7));
        samplers.put("random seed int32 max", SamplingAlgorithm.random(Integer.MAX_VALUE));
        samplers.put("bayesian", SamplingAlgorithm.bayesian());
        samplers.put("random with the Sobol rule, seed 3", SamplingAlgorithm.sobol(3));
        Map<String, EarlyTerminationPolicy> policies = new LinkedHashMap<>();
        policies.put("no policy", null);
        policies.put("bandit slack factor", EarlyTerminationPolicy.bandit(0.1, 1, 2));
        policies.put("bandit slack amount", EarlyTerminationPolicy.banditWithSlackAmount(0.2, 2, 0));
        policies.put("bandit slack factor and amount", new EarlyTerminationPolicy.BanditPolicy(40, 3, 100, 200));
        policies.put("median stopping", EarlyTerminationPolicy.medianStopping(1, 1));
        policies.put("truncation selection", EarlyTerminationPolicy.truncationSelection(20, 1, 5, true));
        Map<String, SweepLimits> limits = new LinkedHashMap<>();
        limits.put("default limits", null);
        limits.put("20 trials 4 at once", SweepLimits.of(20, 4));
        limits.put(
                "timeouts",
                SweepLimits.of(10, 2).withTimeout(Duration.ofHours(6)).withTrialTimeout(Duration.ofMinutes(20)));
        Map<String, SearchSpace> spaces = new LinkedHashMap<>();
        spaces.put(
                "choices",
                SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.1, 0.01))
                        .parameter("bs", Parameter.choice(16, 32))
                        .build());
        spaces.put(
                "every distribution",
                SearchSpace.builder()
                        .parameter("lr", Parameter.loguniform(-6, -1))
                        .parameter("bs", Parameter.choice(16, 32))
                        .parameter("d", Parameter.uniform(0, 0.5))
                        .parameter("q", Parameter.quniform(1, 9, 2))
                        .parameter("r", Parameter.randint(5))
                        .parameter("n", Parameter.normal(0, 1))
                        .parameter("qn", Parameter.qnormal(0, 1, 0.5))
                        .parameter("ln", Parameter.lognormal(0, 1))
                        .parameter("qln", Parameter.qlognormal(0, 1, 1))
                        .parameter("qlu", Parameter.qloguniform(0, 3, 1))
                        .build());
        List<Case<SweepJob>> cases = new ArrayList<>();
        samplers.forEach((sn, sampler) ->
                policies.forEach((pn, policy) -> limits.forEach((ln, limit) -> spaces.forEach((spn, space) -> {
                    boolean bayesian = sampler instanceof SamplingAlgorithm.Bayesian;
                    boolean beyondChoices =
                            spn.equals("every distribution") && (bayesian || sampler instanceof SamplingAlgorithm.Grid);
                    String name = sn + ", " + pn + ", " + ln + ", " + spn;
                    Supplier<SweepJob> build = () -> sweep(space, sampler, policy, limit, "accuracy");
                    cases.add(
                            beyondChoices
                                    ? refused(name, "search_space.", build)
                                    : bayesian && policy != null
                                            ? refused(name, "early_termination", build)
                                            : valid(name, build));
                }))));
        SearchSpace choices = spaces.get("choices");
        cases.add(valid(
                "a nested search space",
                () -> sweep(
                        SearchSpace.builder()
                                .parameter(
                                        "lr",
                                        Parameter.choice(
                                                Map.of("lr", Parameter.uniform(0.01, 0.1), "optimizer", "adam"),
                                                Map.of("lr", Parameter.choice(0.5, 0.7), "momentum", 0.9)))
                                .parameter("bs", Parameter.choice(16, 32))
                                .build(),
                        SamplingAlgorithm.random(1),
                        null,
                        null,
                        "accuracy")));
        cases.add(valid(
                "minimise a metric with a slash",
                () -> sweep(choices, SamplingAlgorithm.random(1), null, null, "val/loss")));
        cases.add(valid(
                "a trial with inputs, outputs and a distribution",
                () -> SweepJob.builder()
                        .name("sweep-io")
                        .trial(CommandJob.builder()
                                .image(IMAGE)
                                .command(
                                        "python train.py --lr ${{search_space.lr}} --bs ${{search_space.bs}} --data ${{inputs.data}} --out ${{outputs.m}}")
                                .input("data", "azureml_data")
                                .output("m")
                                .distribution(Distribution.pytorch(2))
                                .instanceCount(2)
                                .build())
                        .searchSpace(choices)
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .objective(Objective.maximize("accuracy"))
                        .build()));
        cases.add(valid(
                "a trial with a data input and a model input",
                () -> SweepJob.builder()
                        .name("sweep-data")
                        .trial(CommandJob.builder()
                                .image(IMAGE)
                                .command(
                                        "python train.py --lr ${{search_space.lr}} --bs ${{search_space.bs}} --data ${{inputs.data}} --m ${{inputs.m}}")
                                .input(
                                        "data",
                                        JobInput.uriFolder("azureml:cifar-10:4").mode(InputMode.DOWNLOAD))
                                .input("m", JobInput.customModel("azureml:base:1"))
                                .build())
                        .searchSpace(choices)
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .objective(Objective.maximize("accuracy"))
                        .build()));
        cases.add(valid(
                "a user identity and a trial image with a conda file",
                () -> SweepJob.builder()
                        .name("sweep-obo")
                        .identity(JobIdentity.userIdentity())
                        .trial(CommandJob.builder()
                                .image(IMAGE)
                                .condaFile(CONDA)
                                .command("python train.py --lr ${{search_space.lr}} --bs ${{search_space.bs}}")
                                .build())
                        .searchSpace(choices)
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .objective(Objective.maximize("accuracy"))
                        .build()));
        for (long seed : new long[] {Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, Long.MAX_VALUE}) {
            cases.add(refused(
                    "random seed " + seed,
                    "sampling_algorithm.seed",
                    () -> sweep(choices, SamplingAlgorithm.random(seed), null, null, "accuracy")));
        }
        for (String metric : List.of(".", "-", "/")) {
            cases.add(refused(
                    "primary metric '" + metric + "'",
                    "objective.primary_metric",
                    () -> sweep(choices, SamplingAlgorithm.grid(), null, null, metric)));
        }
        return cases.stream();
    }

    private static SweepJob sweep(
            SearchSpace space,
            SamplingAlgorithm sampler,
            EarlyTerminationPolicy policy,
            SweepLimits limits,
            String metric) {
        StringBuilder command = new StringBuilder("python train.py");
        space.parameters()
                .keySet()
                .forEach(p -> command.append(" --")
                        .append(p)
                        .append(" ${{search_space.")
                        .append(p)
                        .append("}}"));
        return SweepJob.builder()
                .name("sweep-1")
                .trial(CommandJob.builder()
                        .image(IMAGE)
                        .command(command.toString())
                        .environmentVariable("MODE", "sweep")
                        .instanceType("gpu_instance")
                        .build())
                .searchSpace(space)
                .samplingAlgorithm(sampler)
                .earlyTermination(policy)
                .limits(limits)
                .objective(Objective.maximize(metric))
                .build();
    }

    @ParameterizedTest(name = "sweep {0}")
    @MethodSource("sweepJobs")
    void everySweepJobBodyIsValid(Case<SweepJob> c) {
        run(c, sweep -> cp.submitSweep("gpu", sweep.toSpec()));
    }

    // ---- local code and data -------------------------------------------------------------

    /**
     * A job with a local code folder and a local data folder: the code version read, its pending
     * upload, its registration, workspaceblobstore's read and its secrets are operations of the
     * contract with valid bodies, and so is the job that names what was uploaded.
     */
    @Test
    void localCodeAndDataUploadsSendContractRequests(@TempDir Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("train.py"), "print('train')");
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("a.csv"), "x\n1\n");
        new ArmEmulator(wm).stubCodeUpload("https://acct.blob.core.windows.net/code-1?sv=2023-11-03&sig=s");
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH + "/datastores"))
                .willReturn(json(
                        200,
                        "{\"value\":[{\"name\":\"workspaceblobstore\",\"properties\":{\"datastoreType\":\"AzureBlob\","
                                + "\"accountName\":\"acct\",\"containerName\":\"blobs\",\"credentials\":"
                                + "{\"credentialsType\":\"Sas\"}}}]}")));
        wm.stubFor(post(urlPathMatching(".*/datastores/workspaceblobstore/listSecrets"))
                .willReturn(json(200, "{\"secretsType\":\"Sas\",\"sasToken\":\"sv=2023-11-03&sig=d\"}")));
        try (BlobEmulator blob = new BlobEmulator()) {
            ArmControlPlane uploading = new ArmEmulator(wm)
                    .builder()
                    .httpClient(blob.routing(HttpClient.createDefault()))
                    .build();
            run(
                    valid(
                            "local code and data",
                            () -> CommandJob.builder()
                                    .name("local-1")
                                    .image(IMAGE)
                                    .code(src)
                                    .command("python train.py --data ${{inputs.data}}")
                                    .input("data", JobInput.uriFolder(data))
                                    .build()),
                    job -> uploading.submitJob("gpu", job.toSpec()));
            assertThat(blob.violations()).isEmpty();
            assertThat(blob.blobs()).hasSize(2);
        }
    }

    // ---- job YAML files ------------------------------------------------------------------

    @ParameterizedTest(name = "job YAML {0}")
    @ValueSource(
            strings = {
                "command.yml",
                "sweep.yml",
                "pipeline.yml",
                "data-inputs.yml",
                "sweep-data-inputs.yml",
                "pipeline-data-inputs.yml"
            })
    void everyJobReadFromTheYamlFixturesIsSentValid(String file) throws Exception {
        Path path = Path.of(ArmRequestContractTest.class
                .getResource("/io/arcml/yaml/" + file)
                .toURI());
        run(valid(file, () -> JobYaml.read(path)), yaml -> {
            switch (yaml.kind()) {
                case COMMAND -> cp.submitJob("gpu", yaml.commandJob().toSpec());
                case SWEEP -> cp.submitSweep("gpu", yaml.sweepJob().toSpec());
                case PIPELINE ->
                    cp.submitPipeline(
                            "gpu",
                            yaml.pipelineJob(new NfsMount("10.0.0.4", "/export/p", "/mnt/p", false))
                                    .toSpec());
            }
        });
    }

    // ---- pipeline jobs -------------------------------------------------------------------

    static Stream<Case<PipelineJob>> pipelineJobs() {
        NfsMount storage = new NfsMount("10.0.0.4", "/export/pipelines", "/mnt/pipelines", false);
        List<Case<PipelineJob>> cases = new ArrayList<>();
        for (boolean goOn : new boolean[] {false, true}) {
            cases.add(valid(
                    "one step, continue " + goOn,
                    () -> PipelineJob.builder()
                            .name("p1")
                            .continueOnStepFailure(goOn)
                            .step("only", PipelineStep.of(step("python run.py")))
                            .build()));
            cases.add(valid(
                    "a chain, continue " + goOn,
                    () -> PipelineJob.builder()
                            .name("p2")
                            .continueOnStepFailure(goOn)
                            .sharedStorage(storage)
                            .step(
                                    "prep",
                                    PipelineStep.of(step("prep --out ${{outputs.data}}"))
                                            .output("data"))
                            .step(
                                    "train",
                                    PipelineStep.of(step("train --in ${{inputs.data}} --out ${{outputs.model}}"))
                                            .input("data", "${{parent.jobs.prep.outputs.data}}")
                                            .output("model"))
                            .step(
                                    "score",
                                    PipelineStep.of(step("score --model ${{inputs.m}}"))
                                            .input("m", "${{ parent.jobs.train.outputs.model }}"))
                            .build()));
        }
        cases.add(valid(
                "a diamond with dependsOn and distributed steps",
                () -> PipelineJob.builder()
                        .name("p3")
                        .sharedStorage(storage)
                        .step(
                                "prep",
                                PipelineStep.of(step("prep --out ${{outputs.d}}"))
                                        .output("d"))
                        .step(
                                "train_a",
                                PipelineStep.of(CommandJob.builder()
                                                .image(IMAGE)
                                                .command("train --in ${{inputs.d}} --out ${{outputs.m}}")
                                                .distribution(Distribution.pytorch(2))
                                                .instanceCount(2)
                                                .instanceType("gpu_instance")
                                                .build())
                                        .input("d", "${{parent.jobs.prep.outputs.d}}")
                                        .output("m"))
                        .step(
                                "train_b",
                                PipelineStep.of(CommandJob.builder()
                                                .image("python:3.11")
                                                .command("train --in ${{inputs.d}}")
                                                .distribution(Distribution.tensorflow(2, 1))
                                                .build())
                                        .input("d", "${{parent.jobs.prep.outputs.d}}"))
                        .step(
                                "report",
                                PipelineStep.of(step("report --m ${{inputs.m}}"))
                                        .input("m", "${{parent.jobs.train_a.outputs.m}}")
                                        .dependsOn("train_b"))
                        .build()));
        cases.add(valid("a sweep step between two command steps", () -> ArmSweepNodesTest.tunedPipeline("p10")));
        cases.add(valid(
                "a command node with every field of its own: labels, comment, resources, distribution, limits,"
                        + " environment variables, identity",
                () -> PipelineJob.builder()
                        .name("p13")
                        .step(
                                "train",
                                PipelineStep.of(CommandJob.builder()
                                                .image(IMAGE)
                                                .command("train")
                                                .labels(JobLabels.none()
                                                        .displayName("Train")
                                                        .description("the nightly model")
                                                        .tag("team", "vision")
                                                        .property("run", "nightly"))
                                                .instanceType("gpu_instance")
                                                .instanceCount(2)
                                                .distribution(Distribution.mpi(2))
                                                .environmentVariable("OMP_NUM_THREADS", "4")
                                                .timeout(Duration.ofMinutes(90))
                                                .identity(JobIdentity.managed())
                                                .build())
                                        .comment("retrained every night"))
                        .build()));
        cases.add(valid(
                "an absolute path input",
                () -> PipelineJob.builder()
                        .name("p4")
                        .step(
                                "read",
                                PipelineStep.of(step("cat ${{inputs.raw}}")).input("raw", "/mnt/data/raw"))
                        .build()));
        cases.add(refused(
                "a step whose job has a literal input",
                "jobs.train.command",
                () -> PipelineJob.builder()
                        .name("p5")
                        .sharedStorage(storage)
                        .step(
                                "prep",
                                PipelineStep.of(step("prep --out ${{outputs.d}}"))
                                        .output("d"))
                        .step(
                                "train",
                                PipelineStep.of(CommandJob.builder()
                                                .image(IMAGE)
                                                .command("train --epochs ${{inputs.epochs}} --in ${{inputs.d}}")
                                                .input("epochs", "10")
                                                .build())
                                        .input("d", "${{parent.jobs.prep.outputs.d}}"))
                        .build()));
        cases.add(valid(
                "steps on a registered environment",
                () -> PipelineJob.builder()
                        .name("p6")
                        .step(
                                "a",
                                PipelineStep.of(CommandJob.builder()
                                        .environmentId("azureml:env:1")
                                        .image(IMAGE)
                                        .command("run a")
                                        .build()))
                        .step("b", PipelineStep.of(step("run b")).dependsOn("a"))
                        .build()));
        cases.add(valid(
                "steps with data inputs and a binding",
                () -> PipelineJob.builder()
                        .name("p8")
                        .sharedStorage(storage)
                        .step(
                                "prep",
                                PipelineStep.of(CommandJob.builder()
                                                .image(IMAGE)
                                                .command("prep --raw ${{inputs.raw}} --out ${{outputs.d}}")
                                                .input(
                                                        "raw",
                                                        JobInput.uriFile(
                                                                "wasbs://datasets@azuremlexamples.blob.core.windows.net/iris.csv"))
                                                .build())
                                        .output("d"))
                        .step(
                                "train",
                                PipelineStep.of(CommandJob.builder()
                                                .image(IMAGE)
                                                .command("train --in ${{inputs.d}} --base ${{inputs.base}}")
                                                .input(
                                                        "base",
                                                        JobInput.mlflowModel("azureml:base:3")
                                                                .mode(InputMode.DOWNLOAD))
                                                .build())
                                        .input("d", "${{parent.jobs.prep.outputs.d}}"))
                        .build()));
        cases.add(valid(
                "a managed identity, a default datastore, a step with its own identity and a step with a conda file",
                () -> PipelineJob.builder()
                        .name("p9")
                        .defaultDatastore("workspaceblobstore")
                        .identity(JobIdentity.managed())
                        .step(
                                "a",
                                PipelineStep.of(CommandJob.builder()
                                        .image(IMAGE)
                                        .command("run a")
                                        .identity(JobIdentity.userIdentity())
                                        .build()))
                        .step(
                                "b",
                                PipelineStep.of(CommandJob.builder()
                                                .image(IMAGE)
                                                .condaFile(CONDA)
                                                .command("run b")
                                                .build())
                                        .dependsOn("a"))
                        .build()));
        for (OutputMode mode : OutputMode.values()) {
            cases.add(valid(
                    "a pipeline output of a step, " + mode,
                    () -> PipelineJob.builder()
                            .name("p11")
                            .sharedStorage(storage)
                            .step(
                                    "train",
                                    PipelineStep.of(step("train --out ${{outputs.model}}"))
                                            .output("model"))
                            .step(
                                    "score",
                                    PipelineStep.of(step("score --m ${{inputs.m}}"))
                                            .input("m", "${{parent.jobs.train.outputs.model}}"))
                            .output("trained_model", "${{parent.jobs.train.outputs.model}}", mode)
                            .build()));
        }
        cases.add(refused(
                "a pipeline output no step declares",
                "outputs.trained_model",
                () -> PipelineJob.builder()
                        .name("p12")
                        .step("train", PipelineStep.of(step("train")))
                        .output("trained_model", "${{parent.jobs.train.outputs.model}}", OutputMode.UPLOAD)
                        .build()));
        cases.add(refused(
                "a default datastore that is not a name",
                "settings.default_datastore",
                () -> PipelineJob.builder()
                        .name("p10")
                        .defaultDatastore("azureml://datastores/workspaceblobstore")
                        .step("a", PipelineStep.of(step("run a")))
                        .build()));
        for (String path : List.of("/", "//", "/-/")) {
            cases.add(refused(
                    "the path input '" + path + "'",
                    "inputs.raw",
                    () -> PipelineJob.builder()
                            .name("p7")
                            .step(
                                    "read",
                                    PipelineStep.of(step("cat ${{inputs.raw}}")).input("raw", path))
                            .build()));
        }
        return cases.stream();
    }

    private static CommandJob step(String command) {
        return CommandJob.builder().image(IMAGE).command(command).build();
    }

    @ParameterizedTest(name = "pipeline {0}")
    @MethodSource("pipelineJobs")
    void everyPipelineJobBodyAndStepIsValid(Case<PipelineJob> c) {
        run(c, pipeline -> cp.submitPipeline("gpu", pipeline.toSpec()));
    }
}
