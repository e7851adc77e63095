package io.arcml.testsupport;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Context;
import io.arcml.TransportSettings;
import io.arcml.Workspace;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.InstanceTypeJson;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.compute.KubernetesComputeJson;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.compute.Quantity;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.DockerBuild;
import io.arcml.job.JobInput;
import io.arcml.job.JobLabels;
import io.arcml.job.JobRun;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineRun;
import io.arcml.pipeline.PipelineStep;
import io.arcml.resource.ExtensionSpec;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.sweep.SweepRun;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.arm.ArmControlPlane;
import io.arcml.transport.arm.ArmControlPlaneBuilder;
import io.arcml.transport.arm.ArmControlPlaneFactory;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.EmbeddedControlPlaneFactory;
import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Valid arguments and receivers for the null-argument walk, by type and, where any value of the
 * type would not do, by parameter name. {@link #core()} holds sdk-core's; other modules add theirs.
 */
public final class ApiSamples {
    /** An Arc-enabled cluster's resource ID. */
    public static final String ARC =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";

    private final Map<Class<?>, Supplier<?>> byType = new LinkedHashMap<>();
    private final Map<String, Object> byName = new HashMap<>();

    private ApiSamples() {}

    /** A value of {@code type} for every argument or receiver of that type. */
    public <T> ApiSamples put(Class<T> type, Supplier<? extends T> sample) {
        byType.put(type, sample);
        return this;
    }

    /** A value for every parameter called {@code parameter} whose type it fits, where "x" or a type's sample would not do. */
    public ApiSamples named(String parameter, Object value) {
        byName.put(parameter, value);
        return this;
    }

    /** A valid argument for {@code p}: by its name first, then by its type. */
    public Object sample(java.lang.reflect.Parameter p) {
        Object named = byName.get(p.getName());
        return named != null && p.getType().isInstance(named) ? named : sample(p.getType());
    }

    /**
     * A valid value of {@code type}: the registered sample, an enum's first constant, an empty
     * array, an interface proxy whose methods return defaults, or {@code null} when there is none.
     */
    public Object sample(Class<?> type) {
        if (type.isPrimitive()) {
            return defaultOf(type);
        }
        Supplier<?> s = byType.get(type);
        if (s != null) {
            return s.get();
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        if (type.isInterface()) {
            return Proxy.newProxyInstance(
                    type.getClassLoader(),
                    new Class<?>[] {type},
                    (proxy, method, a) -> defaultOf(method.getReturnType()));
        }
        return null;
    }

    private static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == double.class) {
            return 1.0;
        }
        if (type == int.class) {
            return 1;
        }
        return null;
    }

    /** The samples of sdk-core's API: workspaces on the embedded control plane, computes, jobs, sweeps, pipelines. */
    public static ApiSamples core() {
        ApiSamples s = new ApiSamples();
        s.put(String.class, () -> "x");
        s.put(Object.class, () -> "x");
        s.put(Map.class, Map::of);
        s.put(List.class, List::of);
        s.put(JobLabels.class, JobLabels::none);
        s.put(DockerBuild.class, () -> DockerBuild.remote("https://acct.blob.core.windows.net/ctx/"));
        s.put(Set.class, Set::of);
        s.put(Duration.class, () -> Duration.ofSeconds(1));
        s.put(OffsetDateTime.class, OffsetDateTime::now);
        s.put(Path.class, () -> Path.of("."));
        s.put(
                Workspace.class,
                () -> Workspace.on(EmbeddedControlPlane.builder().instant().build()));
        s.put(ControlPlane.class, () -> EmbeddedControlPlane.builder().instant().build());
        s.put(
                EmbeddedControlPlane.class,
                () -> EmbeddedControlPlane.builder().instant().build());
        s.put(EmbeddedControlPlane.Builder.class, EmbeddedControlPlane::builder);
        s.put(Workspace.Builder.class, Workspace::builder);
        s.put(WorkspaceId.class, () -> new WorkspaceId("sub", "rg", "ws"));
        // never reached: every call the walk makes with a null argument is refused before a request
        s.put(
                ArmControlPlane.class,
                () -> ArmControlPlane.builder()
                        .workspace(new WorkspaceId("sub", "rg", "ws"))
                        .credential(request -> Mono.empty())
                        .endpoint("http://127.0.0.1:9")
                        .build());
        s.put(Context.class, () -> Context.NONE);
        s.put(HttpPipeline.class, () -> new HttpPipelineBuilder().build());
        s.put(AzureProfile.class, () -> new AzureProfile(AzureEnvironment.AZURE));
        s.put(ClusterResourceId.class, () -> ClusterResourceId.parse(ARC));
        s.put(InstanceTypeJson.class, () -> InstanceTypeJson.of(InstanceType.defaultInstanceType()));
        s.put(KubernetesComputeJson.class, () -> new KubernetesComputeJson("default", null, Map.of()));
        s.put(ComputeIdentity.class, ComputeIdentity::systemAssigned);
        s.put(InstanceType.class, InstanceType::defaultInstanceType);
        s.put(InstanceType.Builder.class, InstanceType::builder);
        s.put(Quantity.class, () -> Quantity.parse("1"));
        s.put(KubernetesComputeAttachConfiguration.class, () -> KubernetesCompute.attachConfiguration(ARC));
        s.put(
                KubernetesComputeSpec.class,
                () -> KubernetesCompute.attachConfiguration(ARC).toSpec());
        s.put(KubernetesCompute.class, ApiSamples::compute);
        s.put(ComputeTarget.class, ApiSamples::compute);
        s.put(
                AzureMLExtensionConfiguration.class,
                () -> AzureMLExtensionConfiguration.builder()
                        .enableTraining(true)
                        .build());
        s.put(AzureMLExtensionConfiguration.Builder.class, AzureMLExtensionConfiguration::builder);
        s.put(
                ExtensionSpec.class,
                () -> AzureMLExtensionConfiguration.builder()
                        .enableTraining(true)
                        .build()
                        .spec());
        s.put(CommandJob.class, ApiSamples::job);
        s.put(
                CommandJob.Builder.class,
                () -> CommandJob.builder().image("python:3.11").command("python t.py"));
        s.put(Distribution.class, () -> Distribution.pytorch(1));
        s.put(JobInput.class, () -> JobInput.uriFolder("azureml:cifar:1"));
        s.put(JobRun.class, () -> compute().submit(job()));
        s.put(PipelineStep.class, () -> PipelineStep.of(job()));
        s.put(PipelineJob.class, ApiSamples::pipeline);
        s.put(PipelineJob.Builder.class, PipelineJob::builder);
        s.put(PipelineRun.class, () -> compute().submit(pipeline()));
        s.put(
                SearchSpace.class,
                () -> SearchSpace.builder()
                        .parameter("x", Parameter.choice(1, 2))
                        .build());
        s.put(SearchSpace.Builder.class, SearchSpace::builder);
        s.put(Parameter.class, () -> Parameter.choice(1, 2));
        s.put(SamplingAlgorithm.class, SamplingAlgorithm::random);
        s.put(Objective.class, () -> Objective.maximize("acc"));
        s.put(SweepLimits.class, () -> SweepLimits.of(2, 1));
        s.put(EarlyTerminationPolicy.class, () -> EarlyTerminationPolicy.medianStopping(1, 0));
        s.put(SweepJob.class, ApiSamples::sweep);
        s.put(SweepJob.Builder.class, ApiSamples::sweepBuilder);
        s.put(SweepRun.class, () -> compute().submit(sweep()));
        s.put(ArmControlPlaneBuilder.class, ArmControlPlane::builder);
        s.put(Class.class, () -> Object.class);
        s.put(TransportSettings.class, TransportSettings::new);
        s.put(ArmControlPlaneFactory.class, ArmControlPlaneFactory::new);
        s.put(EmbeddedControlPlaneFactory.class, EmbeddedControlPlaneFactory::new);
        s.put(
                TokenCredential.class,
                () -> request ->
                        Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1))));
        Map.ofEntries(
                        Map.entry("name", "gpu"),
                        Map.entry("computeName", "gpu"),
                        Map.entry("clusterResourceId", ARC),
                        Map.entry("resourceId", ARC),
                        Map.entry("identityType", "SystemAssigned"),
                        Map.entry("image", "python:3.11"),
                        Map.entry("command", "python t.py ${{search_space.x}}"),
                        Map.entry("stepName", "a"),
                        Map.entry("step", "a"),
                        Map.entry("binding", "/data"),
                        Map.entry("field", "f"),
                        Map.entry("server", "10.0.0.4"),
                        Map.entry("path", "/export"),
                        Map.entry("mountPath", "/mnt/data"),
                        Map.entry("subscriptionId", "sub"),
                        Map.entry("resourceGroup", "rg"),
                        Map.entry("clusterName", "c"),
                        Map.entry("workspaceName", "ws"),
                        Map.entry("endpoint", "https://management.azure.com"))
                .forEach(s::named);
        return s;
    }

    /** A command job any transport accepts. */
    public static CommandJob job() {
        return CommandJob.builder().image("python:3.11").command("python t.py").build();
    }

    private static PipelineJob pipeline() {
        return PipelineJob.builder().step("a", PipelineStep.of(job())).build();
    }

    /** A grid sweep over two values any transport accepts, to be named or given more settings. */
    public static SweepJob.Builder sweepBuilder() {
        return SweepJob.builder()
                .trial(CommandJob.builder()
                        .image("python:3.11")
                        .command("t ${{search_space.x}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("x", Parameter.choice(1, 2))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(Objective.maximize("acc"));
    }

    /** A grid sweep over two values any transport accepts. */
    public static SweepJob sweep() {
        return sweepBuilder().build();
    }

    private static KubernetesCompute compute() {
        Workspace ws = Workspace.on(EmbeddedControlPlane.builder().instant().build());
        return ComputeTarget.attach(ws, "gpu", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);
    }
}
