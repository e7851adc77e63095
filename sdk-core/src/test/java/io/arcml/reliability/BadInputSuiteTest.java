package io.arcml.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.WorkspaceConfigFile;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.compute.Quantity;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.job.CommandJob;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.transport.arm.ArmControlPlane;
import io.arcml.transport.arm.ArmControlPlaneBuilder;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.yaml.JobYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

/**
 * Bad input of every kind a user can give, each rejected before any request is sent, with a
 * message that names the field, the value and the fix.
 */
class BadInputSuiteTest {
    private static final String ARC =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";

    @TempDir
    static Path dir;

    /** One bad input: what it is, the field the error must name, and the action on a fresh workspace. */
    record Case(String description, String field, Action action) {
        @Override
        public String toString() {
            return description;
        }
    }

    interface Action {
        void run(Workspace ws) throws Exception;
    }

    private static Case c(String description, String field, Action action) {
        return new Case(description, field, action);
    }

    private static KubernetesComputeAttach attach(String name) {
        return new KubernetesComputeAttach(name);
    }

    /** Attaches with a configuration; shortens the table. */
    record KubernetesComputeAttach(String name) {
        Action with(UnaryOperator<KubernetesComputeAttachConfiguration> cfg) {
            return ws -> ComputeTarget.attach(ws, name, cfg.apply(KubernetesCompute.attachConfiguration(ARC)));
        }
    }

    private static Action configFile(String json) {
        return ws -> {
            Path f = Files.createTempFile(dir, "attach", ".json");
            Files.writeString(f, json);
            ComputeTarget.attach(
                    ws, "from-file", KubernetesCompute.attachConfiguration(ARC).configFile(f));
        };
    }

    private static Action yaml(String text) {
        return ws -> JobYaml.parse(text);
    }

    private static CommandJob.Builder job() {
        return CommandJob.builder().image("python:3.11").command("python train.py");
    }

    private static Action sweep(UnaryOperator<SweepJob.Builder> b) {
        return ws -> b.apply(SweepJob.builder()
                        .trial(job().command("t ${{search_space.x}}").build())
                        .searchSpace(SearchSpace.builder()
                                .parameter("x", Parameter.choice(1, 2))
                                .build())
                        .samplingAlgorithm(SamplingAlgorithm.grid())
                        .objective(Objective.maximize("acc")))
                .build();
    }

    private static final String YAML_BASE = "command: python t.py\nenvironment:\n  image: python:3.11\n";
    private static final String SWEEP_BASE =
            "type: sweep\ntrial:\n  command: t ${{search_space.x}}\n  environment:\n    image: i\n"
                    + "objective:\n  goal: maximize\n  primary_metric: acc\nsampling_algorithm: random\n";

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>(List.of(
                // resource IDs
                c(
                        "resource ID of a VM",
                        "resourceId",
                        ws -> KubernetesCompute.attachConfiguration(
                                "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm")),
                c(
                        "resource ID without a name",
                        "resourceId",
                        ws -> KubernetesCompute.attachConfiguration(
                                "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters")),
                c("bare cluster name", "resourceId", ws -> KubernetesCompute.attachConfiguration("amlarc-cluster")),
                c("empty resource ID", "resourceId", ws -> KubernetesCompute.attachConfiguration("")),
                c(
                        "resource ID without resource group",
                        "resourceId",
                        ws -> KubernetesCompute.attachConfiguration(
                                "/subscriptions/1/providers/Microsoft.Kubernetes/connectedClusters/c")),
                c(
                        "resource ID of a provisioned cluster",
                        "resourceId",
                        ws -> KubernetesCompute.attachConfiguration(
                                "/subscriptions/1/resourceGroups/rg/providers/Microsoft.HybridContainerService/provisionedClusters/c")),
                // compute names
                c("one-letter compute name", "name", attach("a").with(cfg -> cfg)),
                c("compute name starting with a digit", "name", attach("1gpu").with(cfg -> cfg)),
                c("compute name with underscore", "name", attach("gpu_pool").with(cfg -> cfg)),
                c("compute name ending with hyphen", "name", attach("gpu-").with(cfg -> cfg)),
                c(
                        "17-character compute name",
                        "name",
                        attach("abcdefghijklmnopq").with(cfg -> cfg)),
                c("compute name with a space", "name", attach("gpu pool").with(cfg -> cfg)),
                // namespaces
                c("uppercase namespace", "namespace", attach("gpu").with(cfg -> cfg.namespace("Training"))),
                c("namespace with underscore", "namespace", attach("gpu").with(cfg -> cfg.namespace("ml_jobs"))),
                c("namespace ending with hyphen", "namespace", attach("gpu").with(cfg -> cfg.namespace("ml-"))),
                c("64-character namespace", "namespace", attach("gpu").with(cfg -> cfg.namespace("n".repeat(64)))),
                c("dotted namespace", "namespace", attach("gpu").with(cfg -> cfg.namespace("ml.jobs"))),
                // instance types and defaults
                c(
                        "instance types without a default",
                        "defaultInstanceType",
                        attach("gpu")
                                .with(cfg -> cfg.instanceType(
                                        "gpu", InstanceType.builder().build()))),
                c(
                        "default not among the instance types",
                        "defaultInstanceType",
                        attach("gpu")
                                .with(cfg -> cfg.instanceType(
                                                "gpu", InstanceType.builder().build())
                                        .defaultInstanceType("cpu"))),
                c(
                        "default with no instance types",
                        "defaultInstanceType",
                        attach("gpu").with(cfg -> cfg.defaultInstanceType("gpu"))),
                c(
                        "instance type name with a space",
                        "instanceTypes",
                        attach("gpu")
                                .with(cfg -> cfg.instanceType(
                                        "gpu big", InstanceType.builder().build()))),
                c("null instance type", "instanceTypes.gpu", attach("gpu").with(cfg -> cfg.instanceType("gpu", null))),
                c(
                        "memory in GB",
                        "instanceType.resources.requests.memory",
                        ws -> InstanceType.builder().requests("1", "16GB").build()),
                c(
                        "memory in lowercase gi",
                        "instanceType.resources.limits.memory",
                        ws -> InstanceType.builder().limits("1", "16gi").build()),
                c(
                        "memory in millibytes",
                        "instanceType.resources.requests.memory",
                        ws -> InstanceType.builder().requests("1", "512m").build()),
                c(
                        "cpu with a unit",
                        "instanceType.resources.requests.cpu",
                        ws -> InstanceType.builder().requests("2 cores", "1Gi").build()),
                c(
                        "zero cpu",
                        "instanceType.resources.requests.cpu",
                        ws -> InstanceType.builder().requests("0", "1Gi").build()),
                c(
                        "negative memory",
                        "instanceType.resources.limits.memory",
                        ws -> InstanceType.builder().limits("1", "-1Gi").build()),
                c(
                        "half a GPU",
                        "instanceType.resources.limits.nvidia.com/gpu",
                        ws -> InstanceType.builder()
                                .limit("nvidia.com/gpu", "0.5")
                                .build()),
                c(
                        "GPU requests above limits",
                        "instanceType.resources.requests.nvidia.com/gpu",
                        ws -> InstanceType.builder()
                                .requests("1", "1Gi", 2)
                                .limits("1", "1Gi", 1)
                                .build()),
                c(
                        "GPU request without a limit",
                        "instanceType.resources.requests.nvidia.com/gpu",
                        ws -> InstanceType.builder().requests("1", "1Gi", 1).build()),
                c(
                        "MIG slice request differing from limit",
                        "instanceType.resources.requests.nvidia.com/mig-1g.5gb",
                        ws -> InstanceType.builder()
                                .request("nvidia.com/mig-1g.5gb", "2")
                                .limit("nvidia.com/mig-1g.5gb", "1")
                                .build()),
                c(
                        "cpu request above limit",
                        "instanceType.resources.requests.cpu",
                        ws -> InstanceType.builder()
                                .requests("4", "1Gi")
                                .limits("2", "1Gi")
                                .build()),
                c(
                        "unknown resource name",
                        "instanceType.resources.requests.gpu",
                        ws -> InstanceType.builder().request("gpu", "1").build()),
                c(
                        "node selector label without value",
                        "instanceType.nodeSelector.accelerator",
                        ws -> InstanceType.builder()
                                .nodeSelector("accelerator", null)
                                .build()),
                c("quantity with K", "quantity", ws -> Quantity.parse("1K")),
                c("empty quantity", "quantity", ws -> Quantity.parse("")),
                // identity
                c(
                        "identity ids with SystemAssigned",
                        "identity.identityIds",
                        attach("gpu")
                                .with(
                                        cfg -> cfg.identity(
                                                "SystemAssigned",
                                                List.of(
                                                        "/subscriptions/1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x")))),
                c(
                        "UserAssigned without ids",
                        "identity.identityIds",
                        attach("gpu").with(cfg -> cfg.identity("UserAssigned", List.of()))),
                c(
                        "unknown identity type",
                        "identity.type",
                        attach("gpu").with(cfg -> cfg.identity("Managed", List.of()))),
                c(
                        "user identity id of another resource",
                        "identity.identityIds",
                        ws -> ComputeIdentity.userAssigned(
                                "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x")),
                // attach JSON files
                c("JSON with a misspelt key", "defaultInstancetype", configFile("{\"defaultInstancetype\": \"x\"}")),
                c(
                        "JSON instance type with unknown key",
                        "instanceTypes.a.tolerations",
                        configFile(
                                "{\"defaultInstanceType\": \"a\", \"instanceTypes\": {\"a\": {\"tolerations\": []}}}")),
                c(
                        "JSON with a bad quantity",
                        "instanceTypes.a.resources.requests.cpu",
                        configFile(
                                "{\"defaultInstanceType\": \"a\", \"instanceTypes\": {\"a\": {\"resources\": {\"requests\": {\"cpu\": \"two\"}}}}}")),
                c("JSON that is an array", "configFile", configFile("[1, 2]")),
                c("JSON with a numeric namespace", "namespace", configFile("{\"namespace\": 42}")),
                c("JSON that does not parse", "configFile", configFile("{\"namespace\": ")),
                c(
                        "JSON with a default naming nothing",
                        "defaultInstanceType",
                        configFile("{\"defaultInstanceType\": \"gpu\", \"instanceTypes\": {\"cpu\": {}}}")),
                // workspace config
                c("workspace id with a space", "resource_group", ws -> new WorkspaceId("sub", "my rg", "ws")),
                c("workspace id without a name", "workspace_name", ws -> new WorkspaceId("sub", "rg", null)),
                // extension
                c(
                        "extension that does nothing",
                        "enableTraining",
                        ws -> AzureMLExtensionConfiguration.builder().build()),
                c(
                        "inference without router type",
                        "inferenceRouterServiceType",
                        ws -> AzureMLExtensionConfiguration.builder()
                                .enableInference(true)
                                .build()),
                c(
                        "unknown router type",
                        "inferenceRouterServiceType",
                        ws -> AzureMLExtensionConfiguration.builder().inferenceRouterServiceType("ingress")),
                c(
                        "relative volume plugin dir",
                        "volumePluginDir",
                        ws -> AzureMLExtensionConfiguration.builder().volumePluginDir("volumeplugins")),
                c(
                        "secret as a plain setting",
                        "serviceBusConnectionString",
                        ws -> AzureMLExtensionConfiguration.builder()
                                .setting("serviceBusConnectionString", "Endpoint=sb://x")),
                c(
                        "pinned version with auto upgrade",
                        "version",
                        ws -> AzureMLExtensionConfiguration.builder()
                                .enableTraining(true)
                                .version("1.1.0")
                                .build()),
                c(
                        "extension name with uppercase",
                        "extensionName",
                        ws -> AzureMLExtension.create(
                                ws,
                                ClusterResourceId.parse(ARC),
                                "AzureML",
                                AzureMLExtensionConfiguration.builder()
                                        .enableTraining(true)
                                        .build())),
                c(
                        "extension node selector value with space",
                        "nodeSelector.pool",
                        ws -> AzureMLExtensionConfiguration.builder().nodeSelector("pool", "gpu pool")),
                // jobs
                c(
                        "job without image",
                        "image",
                        ws -> CommandJob.builder().command("python t.py").build()),
                c(
                        "job without command",
                        "command",
                        ws -> CommandJob.builder().image("python:3.11").build()),
                c("job name with a space", "name", ws -> job().name("my job").build()),
                c(
                        "zero instances",
                        "instanceCount",
                        ws -> job().instanceCount(0).build()),
                c(
                        "job setting a reserved variable",
                        "environmentVariables.WORLD_SIZE",
                        ws -> job().environmentVariable("WORLD_SIZE", "8").build()),
                c(
                        "variable name with a dash",
                        "environmentVariables",
                        ws -> job().environmentVariable("MY-VAR", "1").build()),
                c(
                        "NFS server with a scheme",
                        "nfsMount.server",
                        ws -> job().nfsMount("nfs://10.0.0.4", "/export", "/mnt/data", true)
                                .build()),
                c(
                        "relative NFS mount path",
                        "nfsMount.mountPath",
                        ws -> job().nfsMount("10.0.0.4", "/export", "data", true)
                                .build()),
                c(
                        "NFS mount over /dev/shm",
                        "nfsMount.mountPath",
                        ws -> job().nfsMount("10.0.0.4", "/export", "/dev/shm", true)
                                .build()),
                // sweeps
                c(
                        "grid over a uniform",
                        "search_space.x",
                        sweep(b -> b.searchSpace(SearchSpace.builder()
                                .parameter("x", Parameter.uniform(0, 1))
                                .build()))),
                c(
                        "bayesian with early termination",
                        "early_termination",
                        sweep(b -> b.samplingAlgorithm(SamplingAlgorithm.bayesian())
                                .earlyTermination(EarlyTerminationPolicy.medianStopping(1, 0)))),
                c(
                        "bayesian over a normal",
                        "search_space.x",
                        sweep(b -> b.samplingAlgorithm(SamplingAlgorithm.bayesian())
                                .searchSpace(SearchSpace.builder()
                                        .parameter("x", Parameter.normal(0, 1))
                                        .build()))),
                c(
                        "parameter never used",
                        "search_space.y",
                        sweep(b -> b.searchSpace(SearchSpace.builder()
                                .parameter("x", Parameter.choice(1))
                                .parameter("y", Parameter.choice(2))
                                .build()))),
                c(
                        "command referring to a missing parameter",
                        "trial.command",
                        sweep(b -> b.trial(job().command("t ${{search_space.x}} ${{search_space.z}}")
                                .build()))),
                c("sweep without objective", "objective", sweep(b -> b.objective(null))),
                c("1001 trials", "limits.max_total_trials", ws -> SweepLimits.of(1001, 1)),
                c("more concurrent than total", "limits.max_concurrent_trials", ws -> SweepLimits.of(4, 8)),
                c(
                        "truncation of 100 percent",
                        "early_termination.truncation_percentage",
                        ws -> EarlyTerminationPolicy.truncationSelection(100, 1, 0, false)),
                c(
                        "bandit without slack",
                        "early_termination.slack_factor",
                        ws -> EarlyTerminationPolicy.bandit(0, 1, 0)),
                c("uniform with min above max", "uniform.min_value", ws -> Parameter.uniform(2, 1)),
                c("empty metric name", "objective.primary_metric", ws -> Objective.maximize(" ")),
                // pipelines
                c(
                        "pipeline with a cycle",
                        "jobs",
                        ws -> PipelineJob.builder()
                                .step("a", PipelineStep.of(job().build()).dependsOn("b"))
                                .step("b", PipelineStep.of(job().build()).dependsOn("a"))
                                .build()),
                c(
                        "pipeline step waiting for a missing step",
                        "jobs.a.dependsOn",
                        ws -> PipelineJob.builder()
                                .step("a", PipelineStep.of(job().build()).dependsOn("zz"))
                                .build()),
                c(
                        "pipeline outputs without storage",
                        "sharedStorage",
                        ws -> PipelineJob.builder()
                                .step(
                                        "a",
                                        PipelineStep.of(job().command("t ${{outputs.o}}")
                                                        .build())
                                                .output("o"))
                                .build()),
                c(
                        "pipeline step with undeclared input",
                        "jobs.a.command",
                        ws -> PipelineJob.builder()
                                .step(
                                        "a",
                                        PipelineStep.of(
                                                job().command("t ${{inputs.i}}").build()))
                                .build()),
                // YAML
                // A local code folder loads (it is uploaded on Azure); a list is no folder nor asset.
                c("YAML with code that is a list", "code", yaml(YAML_BASE + "code: [./src, ./lib]\n")),
                c("YAML with misspelt key", "enviroment_variables", yaml(YAML_BASE + "enviroment_variables: {}\n")),
                c("YAML with an environment file", "environment", yaml("command: t\nenvironment: file:./env.yml\n")),
                c(
                        "YAML with unknown distribution",
                        "distribution.type",
                        yaml(YAML_BASE + "distribution:\n  type: horovod\n")),
                c(
                        "YAML with text instance count",
                        "resources.instance_count",
                        yaml(YAML_BASE + "resources:\n  instance_count: two\n")),
                c(
                        "YAML sweep with an unknown rule",
                        "sampling_algorithm.rule",
                        yaml(SWEEP_BASE.replace(
                                        "sampling_algorithm: random\n",
                                        "sampling_algorithm:\n  type: random\n  rule: halton\n")
                                + "search_space:\n  x:\n    type: choice\n    values: [1]\n")),
                c(
                        "YAML sweep with unknown distribution",
                        "search_space.x.type",
                        yaml(SWEEP_BASE + "search_space:\n  x:\n    type: beta\n")),
                c(
                        "YAML sweep with bad goal",
                        "objective.goal",
                        yaml(SWEEP_BASE.replace("goal: maximize", "goal: best")
                                + "search_space:\n  x:\n    type: choice\n    values: [1]\n")),
                c("YAML of an unknown type", "type", yaml("type: spark\n")),
                c(
                        "YAML pipeline step of another type",
                        "jobs.a.type",
                        yaml("type: pipeline\njobs:\n  a:\n    type: spark\n")),
                // files
                c(
                        "attach JSON with a second object after the first",
                        "configFile",
                        configFile("{\"namespace\": \"a\"}\n{\"namespace\": \"b\"}")),
                c(
                        "attach JSON with a stray bracket after the object",
                        "configFile",
                        configFile("{\"namespace\": \"a\"}]")),
                c(
                        "attach JSON file that does not exist",
                        "configFile",
                        ws -> KubernetesCompute.attachConfiguration(ARC).configFile(dir.resolve("missing.json"))),
                c("workspace config with two objects", "config.json", ws -> {
                    Path f = Files.writeString(
                            Files.createTempFile(dir, "config", ".json"),
                            "{\"subscription_id\": \"s\", \"resource_group\": \"r\", \"workspace_name\": \"w\"}{}");
                    WorkspaceConfigFile.read(f);
                }),
                // ARM transport settings
                c("zero poll interval", "defaultPollInterval", arm(b -> b.defaultPollInterval(Duration.ZERO))),
                c(
                        "negative poll interval",
                        "defaultPollInterval",
                        arm(b -> b.defaultPollInterval(Duration.ofSeconds(-1)))),
                c("endpoint with a password", "endpoint", arm(b -> b.endpoint("https://user:pw@management.azure.com"))),
                c("endpoint over plain http", "endpoint", arm(b -> b.endpoint("http://management.azure.com"))),
                c(
                        "endpoint with a path",
                        "endpoint",
                        arm(b -> b.endpoint("https://management.azure.com/subscriptions"))),
                c(
                        "proxy password with a raw @",
                        "HTTPS_PROXY",
                        arm(b -> b.configuration(environment("HTTPS_PROXY", "http://u:p@ss@proxy:3128")))),
                c(
                        "proxy password with a raw /",
                        "HTTPS_PROXY",
                        arm(b -> b.configuration(environment("HTTPS_PROXY", "http://u:p/ss@proxy:3128")))),
                c(
                        "proxy URL without a host",
                        "HTTPS_PROXY",
                        arm(b -> b.configuration(environment("HTTPS_PROXY", "http://:3128"))))));
        all.addAll(generated());
        return all.stream();
    }

    /** Inputs of one kind tried at every place that takes them: each rule is written once and enforced everywhere. */
    private static List<Case> generated() {
        List<Case> out = new ArrayList<>();
        for (String key : BAD_LABEL_KEYS) {
            out.add(c(
                    "instance type label key '" + key + "'",
                    "instanceType.nodeSelector",
                    ws -> InstanceType.builder().nodeSelector(key, "v").build()));
            out.add(c(
                    "extension label key '" + key + "'",
                    "nodeSelector",
                    ws -> AzureMLExtensionConfiguration.builder().nodeSelector(key, "v")));
            out.add(c(
                    "extension setting nodeSelector." + key,
                    "nodeSelector",
                    ws -> AzureMLExtensionConfiguration.builder().setting("nodeSelector." + key, "v")));
            out.add(c(
                    "attach JSON label key '" + key + "'",
                    "instanceTypes.a.nodeSelector",
                    configFile(instanceTypeJson("\"nodeSelector\": {" + quote(key) + ": \"v\"}"))));
        }
        for (String value : BAD_LABEL_VALUES) {
            out.add(c(
                    "instance type label value '" + value + "'",
                    "instanceType.nodeSelector.pool",
                    ws -> InstanceType.builder().nodeSelector("pool", value).build()));
            out.add(c(
                    "extension label value '" + value + "'",
                    "nodeSelector.pool",
                    ws -> AzureMLExtensionConfiguration.builder().nodeSelector("pool", value)));
            out.add(c(
                    "attach JSON label value '" + value + "'",
                    "instanceTypes.a.nodeSelector.pool",
                    configFile(instanceTypeJson("\"nodeSelector\": {\"pool\": " + quote(value) + "}"))));
        }
        for (String q : BAD_QUANTITIES) {
            out.add(c("quantity '" + q + "'", "quantity", ws -> Quantity.parse(q)));
            out.add(c(
                    "cpu request '" + q + "'",
                    "instanceType.resources.requests.cpu",
                    ws -> InstanceType.builder().request("cpu", q).build()));
            out.add(c(
                    "memory limit '" + q + "'",
                    "instanceType.resources.limits.memory",
                    ws -> InstanceType.builder().limit("memory", q).build()));
            out.add(c(
                    "GPU limit '" + q + "'",
                    "instanceType.resources.limits.nvidia.com/gpu",
                    ws -> InstanceType.builder().limit("nvidia.com/gpu", q).build()));
            out.add(c(
                    "attach JSON cpu '" + q + "'",
                    "instanceTypes.a.resources.requests.cpu",
                    configFile(instanceTypeJson("\"resources\": {\"requests\": {\"cpu\": " + quote(q) + "}}"))));
        }
        for (String name : BAD_COMPUTE_NAMES) {
            out.add(c("compute name '" + name + "'", "name", attach(name).with(cfg -> cfg)));
        }
        for (String ns : BAD_NAMESPACES) {
            out.add(c("namespace '" + ns + "'", "namespace", attach("gpu").with(cfg -> cfg.namespace(ns))));
            out.add(c(
                    "attach JSON namespace '" + ns + "'",
                    "namespace",
                    configFile("{\"namespace\": " + quote(ns) + "}")));
        }
        for (String type : BAD_INSTANCE_TYPE_NAMES) {
            out.add(c(
                    "instance type name '" + type + "'",
                    "instanceTypes",
                    attach("gpu").with(cfg -> cfg.instanceType(type, InstanceType.defaultInstanceType()))));
            out.add(c(
                    "default instance type '" + type + "'",
                    "defaultInstanceType",
                    attach("gpu").with(cfg -> cfg.defaultInstanceType(type))));
        }
        for (String image : BAD_IMAGES) {
            out.add(c(
                    "image '" + image + "'",
                    "image",
                    ws -> CommandJob.builder()
                            .image(image)
                            .command("python t.py")
                            .build()));
        }
        for (String key : SWITCHES) {
            for (String value : BAD_SWITCH_VALUES) {
                out.add(c(
                        key + "='" + value + "'",
                        key,
                        ws -> AzureMLExtensionConfiguration.builder().setting(key, value)));
            }
        }
        for (String miss : NEAR_MISS_KEYS) {
            out.add(c(
                    "near-miss setting '" + miss + "'",
                    miss,
                    ws -> AzureMLExtensionConfiguration.builder().setting(miss, "True")));
        }
        for (String key : SECRET_KEYS) {
            out.add(c(
                    "secret '" + key + "' as a plain setting",
                    key,
                    ws -> AzureMLExtensionConfiguration.builder().setting(key, "s3cret")));
        }
        for (String id : BAD_RESOURCE_IDS) {
            out.add(c("resource ID '" + id + "'", "resourceId", ws -> KubernetesCompute.attachConfiguration(id)));
        }
        return out;
    }

    private static final List<String> BAD_LABEL_KEYS = List.of(
            "a/b/c",
            "-a.io/x",
            "Example.com/x",
            "ex ample/x",
            "has space",
            "/x",
            "x/",
            "-x",
            "x-",
            "_x",
            "x_",
            "a..b/x",
            "x.io/-y",
            "k".repeat(64),
            "p".repeat(254) + "/x",
            "key!",
            "ключ",
            "x.io/",
            ".x/y");
    private static final List<String> BAD_LABEL_VALUES = List.of(
            "v".repeat(64), "v".repeat(67), "-gpu", "gpu-", "_gpu", "gpu.", "gpu pool", "a/b", "gpu!", "é", "a:b");
    private static final List<String> BAD_QUANTITIES = List.of(
            "16GB",
            "16gi",
            "1K",
            "two",
            "1e99999999999",
            "1E+99999999999",
            "5e1000",
            "1e-99999999999",
            "",
            "  ",
            "1.2.3",
            "--1",
            "0x10",
            "1_000",
            "1e",
            "e3",
            "1 Gi",
            "Gi",
            "1iB",
            "+-1",
            "9223372036854775808",
            "10Ei",
            "1,5",
            "½");
    private static final List<String> BAD_COMPUTE_NAMES = List.of(
            "a",
            "1gpu",
            "gpu_pool",
            "gpu-",
            "abcdefghijklmnopq",
            "gpu pool",
            "-gpu",
            "gpu.pool",
            "gpü",
            "",
            "gpu/pool",
            "GPU!",
            " gpu");
    private static final List<String> BAD_NAMESPACES = List.of(
            "Training", "ml_jobs", "ml-", "n".repeat(64), "ml.jobs", "-ml", "", "ml jobs", "ML", "ml/jobs", "ml!");
    private static final List<String> BAD_INSTANCE_TYPE_NAMES =
            List.of("gpu big", "-gpu", "gpu-", "_gpu", "a".repeat(64), "gpu/1", "", "gpu!", "gpu.", "ℊpu");
    private static final List<String> BAD_IMAGES = List.of(
            "Python:3.11",
            "pytorch/PyTorch:2.4",
            "my image",
            "img:",
            "img:-tag",
            "img@sha256:xyz",
            "-img",
            "team/-img",
            "img//x",
            "a:b:c",
            "registry.io:port/img",
            "",
            " ",
            "img:" + "t".repeat(129),
            "r.io/" + "x".repeat(256),
            "img:tag@",
            "UPPER.io/Team/img");
    private static final List<String> SWITCHES = List.of(
            "enableTraining",
            "enableInference",
            "installNvidiaDevicePlugin",
            "installPromOp",
            "installVolcano",
            "installDcgmExporter",
            "allowInsecureConnections",
            "inferenceRouterHA");
    private static final List<String> BAD_SWITCH_VALUES =
            List.of("yes", "maybe", "1", "0", "TRUE", "FALSE", "on", "off", "", "tru");
    private static final List<String> NEAR_MISS_KEYS = List.of(
            "instalNvidiaDevicePlugin",
            "enabletraining",
            "EnableTraining",
            "installVolcanoo",
            "nodeselector.agentpool",
            "sslCName",
            "enableInferance",
            "installPromop",
            "allowInsecureConnection",
            "inferenceRouterServicetype",
            "logAnalyticsWs",
            "volumePluginDirs");
    private static final List<String> SECRET_KEYS = List.of(
            "relayConnectionString",
            "serviceBusConnectionString",
            "scoringFe.sslKey",
            "storage.accountKey",
            "proxy.password",
            "registryToken",
            "identity.clientSecret",
            "sslKeyPemFile");
    private static final List<String> BAD_RESOURCE_IDS = List.of(
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
            "/subscriptions//resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c",
            "c",
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/",
            "subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c",
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c/extra");

    private static String instanceTypeJson(String body) {
        return "{\"defaultInstanceType\": \"a\", \"instanceTypes\": {\"a\": {" + body + "}}}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Builds an ARM control plane whose credential fails the test if a token is asked for (as for any request). */
    private static Action arm(UnaryOperator<ArmControlPlaneBuilder> settings) {
        return ws -> settings.apply(ArmControlPlane.builder()
                        .workspace(new WorkspaceId("sub", "rg", "ws"))
                        .credential(request -> Mono.error(new AssertionError("a token was asked for"))))
                .build();
    }

    private static Configuration environment(String name, String value) {
        ConfigurationSource none = path -> Map.of();
        return new ConfigurationBuilder(none, none, path -> Map.of(name, value)).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedBeforeAnyRequestWithFieldValueAndFix(Case bad) {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder().instant().build();
        Throwable thrown = catchThrowable(() -> bad.action().run(Workspace.on(local)));

        assertThat(thrown).as(bad.description()).isInstanceOf(ValidationException.class);
        ValidationException e = (ValidationException) thrown;
        assertThat(e.field()).as("field of " + bad.description()).isEqualTo(bad.field());
        assertThat(e.getMessage())
                .as("message of " + bad.description())
                .startsWith(bad.field() + ": ")
                .contains(e.value() == null ? "missing" : "'" + e.value() + "'")
                .matches("(?s).+\\. \\S.+"); // problem, then the fix
        assertThat(local.requestCount())
                .as("requests sent for " + bad.description())
                .isZero();
    }

    @Test
    void theSuiteCoversAtLeastSixtyBadInputs() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(60);
        assertThat(Map.of()).isEmpty();
    }

    @Test
    void theSuiteCoversHundredsOfBadInputs() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(400);
    }
}
