package io.arcml.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.arcml.ErrorDetail;
import io.arcml.extension.ExtensionPod;
import io.arcml.extension.ExtensionStatus;
import io.arcml.extension.ExtensionVerification;
import io.arcml.job.JobLabels;
import io.arcml.job.JobStatus;
import io.arcml.compute.KubernetesComputeStatus;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.Accepted;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.sweep.TrialProgress;
import io.arcml.sweep.TrialResult;
import io.arcml.sweep.MetricLog;
import io.arcml.sweep.SweepResults;
import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeIdentity;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.compute.KubernetesComputeSpec;
import io.arcml.compute.Quantity;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.extension.ExtensionSpec;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.JobRun;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineRun;
import io.arcml.pipeline.PipelineStep;
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
import io.arcml.transport.local.LocalControlPlane;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Calls every public constructor and method of the public API packages with {@code null} in each
 * reference parameter in turn, the other arguments valid, and checks that the call is refused at
 * once with a message that names the parameter, unless the parameter is documented as optional.
 */
class NullArgumentsTest {
    private static final String ARC = "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";
    private static final List<String> PACKAGES = List.of("io.arcml", "io.arcml.compute", "io.arcml.extension", "io.arcml.job",
            "io.arcml.pipeline", "io.arcml.sweep", "io.arcml.transport", "io.arcml.transport.local", "io.arcml.transport.arm",
            "io.arcml.yaml");

    /** Values the SDK reads back from a service or a cluster: their optional components are null when the answer leaves them out. */
    private static final Set<Class<?>> RESULTS = Set.of(ErrorDetail.class, ExtensionStatus.class, ExtensionStatus.Message.class,
            ExtensionPod.class, ExtensionSpec.class, ExtensionVerification.class, JobStatus.class, KubernetesComputeStatus.class,
            KubernetesComputeSpec.class, OperationStatus.class, Accepted.class, ComputeResource.class, JobResource.class, TrialResult.class,
            PipelineRun.StepStatus.class, MetricLog.class, SweepResults.class, TrialProgress.class, LongRunningOperation.class, ComputeIdentity.class);

    /**
     * Methods arcml itself calls with arguments its public methods have checked: the transport SPI,
     * the sweep loop's sampling and early-termination steps, and the runs' start points behind
     * {@code KubernetesCompute.submit}.
     */
    private static final Set<String> INTERNAL = Set.of("sample", "check", "newSampler", "size", "trialsToCancel", "SweepRun#start",
            "SweepRun#resume", "PipelineRun#start", "JobStatus#toOperationStatus", "failsAt", "cancellations");

    /** Parameters where null is documented: it leaves a setting unset (its default), means "none", or (faults) matches any target. */
    private static final Set<String> NULL_MEANS_DEFAULT_OR_NONE = Set.of(
            "Secret#of.value", "ProvisioningState#parse.value", "JobState#parse.value",
            "Workspace$Builder#credential.credential", "Workspace$Builder#httpClient.httpClient", "Workspace$Builder#endpoint.endpoint",
            "KubernetesComputeAttachConfiguration#description.description", "KubernetesComputeAttachConfiguration#identity.identity",
            "KubernetesComputeAttachConfiguration#identity.identityIds",
            "KubernetesComputeAttachConfiguration#relayConnectionString.connectionString",
            "KubernetesComputeAttachConfiguration#serviceBusConnectionString.connectionString",
            "AzureMLExtensionConfiguration$Builder#setting.value",
            "CommandJob$Builder#name.name", "CommandJob$Builder#codeId.codeId", "CommandJob$Builder#environmentId.environmentId", "CommandJob$Builder#distribution.distribution",
            "CommandJob$Builder#experimentName.experimentName", "CommandJob$Builder#instanceType.instanceType",
            "CommandJob$Builder#timeout.timeout", "CommandJob#withInstanceType.instanceTypeName",
            "PipelineJob$Builder#sharedStorage.storage", "SweepJob$Builder#earlyTermination.policy", "SweepJob$Builder#limits.limits",
            "SweepLimits#withTimeout.sweepTimeout", "SweepLimits#<init>.timeout", "SweepLimits#<init>.trialTimeout",
            "JobYaml#pipelineJob.sharedStorage", "Fault#failJob.lastLogLine", "Fault#failJob.jobName", "Fault#serverErrorPolls.retryAfter", "SweepLimits#withTrialTimeout.perTrial",
            "KubernetesCompute#waitForCompletion.timeout", "JobRun#waitForCompletion.timeout", "SweepRun#waitForCompletion.timeout",
            "PipelineRun#waitForCompletion.timeout", "AzureMLExtension#waitForCompletion.timeout", "Waitable#waitForCompletion.timeout",
            "KubernetesCompute#waitForCompletion.out", "JobRun#waitForCompletion.out", "SweepRun#waitForCompletion.out",
            "PipelineRun#waitForCompletion.out", "AzureMLExtension#waitForCompletion.out", "Waitable#waitForCompletion.out",
            "JobLabels#<init>.displayName", "JobLabels#<init>.description", "JobLabels#<init>.tags", "JobLabels#<init>.properties",
            "JobLabels#displayName.name", "JobLabels#description.text", "JobLabels#tag.value", "JobLabels#property.value", "CommandJob$Builder#labels.labels",
            "ParentJobBuilder#experimentName.experimentName", "ParentJobBuilder#labels.labels", "PipelineStep#compute.computeName",
            "LocalControlPlane#seed.spec", "Fault#failAttach.computeName", "Fault#failAttach.message", "Fault#failExtensionInstall.message", "Fault#pendingJob.jobName");

    /**
     * Builder settings a user must give, checked together by {@code build()}, whose error names
     * the setting (the bad-input suite shows each); null there reads as "not given yet".
     */
    private static final Set<String> CHECKED_BY_BUILD = Set.of(
            "Workspace$Builder#subscriptionId.subscriptionId", "Workspace$Builder#resourceGroup.resourceGroup",
            "Workspace$Builder#workspaceName.workspaceName",
            "InstanceType$Builder#nodeSelector.key", "InstanceType$Builder#nodeSelector.value",
            "InstanceType$Builder#request.resourceName", "InstanceType$Builder#request.quantity",
            "InstanceType$Builder#limit.resourceName", "InstanceType$Builder#limit.quantity",
            "InstanceType$Builder#requests.cpu", "InstanceType$Builder#requests.memory",
            "InstanceType$Builder#limits.cpu", "InstanceType$Builder#limits.memory",
            "CommandJob$Builder#image.image", "CommandJob$Builder#command.command", "PipelineJob$Builder#name.name", "SweepJob$Builder#name.name", "SweepJob$Builder#objective.objective",
            "SweepJob$Builder#samplingAlgorithm.algorithm", "SweepJob$Builder#searchSpace.searchSpace", "SweepJob$Builder#trial.trial");

    private static boolean exempt(Class<?> type, Executable e, java.lang.reflect.Parameter p) {
        String method = type.getName().substring(type.getPackageName().length() + 1) + "#"
                + (e instanceof Constructor ? "<init>" : e.getName());
        String key = method + "." + p.getName();
        return Throwable.class.isAssignableFrom(type) || RESULTS.contains(type) || type.getEnclosingClass() != null && RESULTS.contains(type.getEnclosingClass())
                || (type.isEnum() && e.getName().equals("valueOf"))
                || (ControlPlane.class.isAssignableFrom(type) && isControlPlaneMethod(e))
                || INTERNAL.contains(e.getName()) && type.getPackageName().equals("io.arcml.sweep") || INTERNAL.contains(method)
                || NULL_MEANS_DEFAULT_OR_NONE.contains(key) || CHECKED_BY_BUILD.contains(key)
                || type == ArmControlPlaneBuilder.class;   // every setting may be reset to its default; build() checks the required ones
    }

    private static boolean isControlPlaneMethod(Executable e) {
        return Stream.of(ControlPlane.class.getMethods()).anyMatch(m -> m.getName().equals(e.getName()));
    }

    @Test
    void everyPublicMethodNamesTheParameterItIsGivenNullFor() throws Exception {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Class<?> type : publicClasses()) {
            for (Executable e : executables(type)) {
                for (int i = 0; i < e.getParameterCount(); i++) {
                    java.lang.reflect.Parameter p = e.getParameters()[i];
                    if (p.getType().isPrimitive() || exempt(type, e, p)) {
                        continue;
                    }
                    calls++;
                    String failure = callWithNull(type, e, i);
                    if (failure != null) {
                        failures.add(signature(e) + " with null " + p.getName() + ": " + failure);
                    }
                }
            }
        }
        assertThat(calls).as("calls with a null argument").isGreaterThan(100);
        assertThat(failures).as(failures.size() + " of " + calls + " calls").isEmpty();
    }

    private static String callWithNull(Class<?> type, Executable e, int nullIndex) {
        Object[] args = new Object[e.getParameterCount()];
        try {
            for (int j = 0; j < args.length; j++) {
                args[j] = j == nullIndex ? null : sample(e.getParameters()[j]);
            }
            Object receiver = e instanceof Method m && !Modifier.isStatic(m.getModifiers()) ? sample(type) : null;
            if (e instanceof Method m && !Modifier.isStatic(m.getModifiers()) && receiver == null) {
                return "no sample receiver of " + type.getName();
            }
            if (e instanceof Method m) {
                m.invoke(receiver, args);
            } else {
                ((Constructor<?>) e).newInstance(args);
            }
            return "accepted";
        } catch (InvocationTargetException ite) {
            Throwable t = ite.getCause();
            String name = e.getParameters()[nullIndex].getName();
            boolean named = t.getMessage() != null && (t.getMessage().contains(name)
                    || e.getParameterCount() == 1 && t.getMessage().startsWith(e.getName() + ":")
                    || t instanceof ValidationException v && v.field() != null && letters(v.field()).contains(letters(name)));
            boolean kind = t instanceof NullPointerException || t instanceof IllegalArgumentException || t instanceof ValidationException;
            return named && kind ? null : t.getClass().getSimpleName() + ": " + t.getMessage();
        } catch (ReflectiveOperationException | RuntimeException ex) {
            return "harness: " + ex;
        }
    }

    private static String letters(String s) {
        return s.replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String signature(Executable e) {
        return e.getDeclaringClass().getName().replace("io.arcml.", "") + "#" + (e instanceof Constructor ? "<init>" : e.getName())
                + Stream.of(e.getParameterTypes()).map(Class::getSimpleName).toList();
    }

    private static List<Executable> executables(Class<?> type) {
        List<Executable> out = new ArrayList<>();
        if (!Modifier.isAbstract(type.getModifiers())) {
            Stream.of(type.getConstructors()).forEach(out::add);
        }
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !m.getName().equals("equals")
                    && !Modifier.isAbstract(m.getModifiers())) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(NullArgumentsTest::signature));
        return out;
    }

    private static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(Workspace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : PACKAGES) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = pkg + "." + f.getFileName().toString().replace(".class", "");
                    Class<?> c = Class.forName(name);
                    if (Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass() && !c.isSynthetic()
                            && (c.getEnclosingClass() == null || Modifier.isPublic(c.getEnclosingClass().getModifiers()))) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    private static final Map<Class<?>, Supplier<Object>> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put(String.class, () -> "x");
        SAMPLES.put(Object.class, () -> "x");
        SAMPLES.put(Map.class, Map::of);
        SAMPLES.put(List.class, List::of);
        SAMPLES.put(JobLabels.class, JobLabels::none);
        SAMPLES.put(Set.class, Set::of);
        SAMPLES.put(Duration.class, () -> Duration.ofSeconds(1));
        SAMPLES.put(OffsetDateTime.class, OffsetDateTime::now);
        SAMPLES.put(Path.class, () -> Path.of("."));
        SAMPLES.put(Workspace.class, () -> Workspace.on(LocalControlPlane.builder().instant().build()));
        SAMPLES.put(ControlPlane.class, () -> LocalControlPlane.builder().instant().build());
        SAMPLES.put(LocalControlPlane.class, () -> LocalControlPlane.builder().instant().build());
        SAMPLES.put(LocalControlPlane.Builder.class, LocalControlPlane::builder);
        SAMPLES.put(Workspace.Builder.class, Workspace::builder);
        SAMPLES.put(WorkspaceId.class, () -> new WorkspaceId("sub", "rg", "ws"));
        SAMPLES.put(ClusterResourceId.class, () -> ClusterResourceId.parse(ARC));
        SAMPLES.put(ComputeIdentity.class, ComputeIdentity::systemAssigned);
        SAMPLES.put(InstanceType.class, InstanceType::defaultInstanceType);
        SAMPLES.put(InstanceType.Builder.class, InstanceType::builder);
        SAMPLES.put(Quantity.class, () -> Quantity.parse("1"));
        SAMPLES.put(KubernetesComputeAttachConfiguration.class, () -> KubernetesCompute.attachConfiguration(ARC));
        SAMPLES.put(KubernetesComputeSpec.class, () -> KubernetesCompute.attachConfiguration(ARC).toSpec());
        SAMPLES.put(KubernetesCompute.class, NullArgumentsTest::compute);
        SAMPLES.put(ComputeTarget.class, NullArgumentsTest::compute);
        SAMPLES.put(AzureMLExtensionConfiguration.class, () -> AzureMLExtensionConfiguration.builder().enableTraining(true).build());
        SAMPLES.put(AzureMLExtensionConfiguration.Builder.class, AzureMLExtensionConfiguration::builder);
        SAMPLES.put(ExtensionSpec.class, () -> AzureMLExtensionConfiguration.builder().enableTraining(true).build().spec());
        SAMPLES.put(CommandJob.class, NullArgumentsTest::job);
        SAMPLES.put(CommandJob.Builder.class, () -> CommandJob.builder().image("python:3.11").command("python t.py"));
        SAMPLES.put(Distribution.class, () -> Distribution.pytorch(1));
        SAMPLES.put(JobRun.class, () -> compute().submit(job()));
        SAMPLES.put(PipelineStep.class, () -> PipelineStep.of(job()));
        SAMPLES.put(PipelineJob.class, NullArgumentsTest::pipeline);
        SAMPLES.put(PipelineJob.Builder.class, PipelineJob::builder);
        SAMPLES.put(PipelineRun.class, () -> compute().submit(pipeline()));
        SAMPLES.put(SearchSpace.class, () -> SearchSpace.builder().parameter("x", Parameter.choice(1, 2)).build());
        SAMPLES.put(SearchSpace.Builder.class, SearchSpace::builder);
        SAMPLES.put(Parameter.class, () -> Parameter.choice(1, 2));
        SAMPLES.put(SamplingAlgorithm.class, SamplingAlgorithm::random);
        SAMPLES.put(Objective.class, () -> Objective.maximize("acc"));
        SAMPLES.put(SweepLimits.class, () -> SweepLimits.of(2, 1));
        SAMPLES.put(EarlyTerminationPolicy.class, () -> EarlyTerminationPolicy.medianStopping(1, 0));
        SAMPLES.put(SweepJob.class, NullArgumentsTest::sweep);
        SAMPLES.put(SweepJob.Builder.class, NullArgumentsTest::sweepBuilder);
        SAMPLES.put(SweepRun.class, () -> compute().submit(sweep()));
        SAMPLES.put(ArmControlPlaneBuilder.class, ArmControlPlane::builder);
        SAMPLES.put(TokenCredential.class, () -> (TokenCredential) request -> reactor.core.publisher.Mono.just(
                new AccessToken("t", OffsetDateTime.now().plusHours(1))));
    }

    private static CommandJob job() {
        return CommandJob.builder().image("python:3.11").command("python t.py").build();
    }

    private static PipelineJob pipeline() {
        return PipelineJob.builder().step("a", PipelineStep.of(job())).build();
    }

    private static SweepJob.Builder sweepBuilder() {
        return SweepJob.builder().trial(CommandJob.builder().image("python:3.11").command("t ${{search_space.x}}").build())
                .searchSpace(SearchSpace.builder().parameter("x", Parameter.choice(1, 2)).build())
                .samplingAlgorithm(SamplingAlgorithm.grid()).objective(Objective.maximize("acc"));
    }

    private static SweepJob sweep() {
        return sweepBuilder().build();
    }

    private static KubernetesCompute compute() {
        Workspace ws = Workspace.on(LocalControlPlane.builder().instant().build());
        return ComputeTarget.attach(ws, "gpu", KubernetesCompute.attachConfiguration(ARC)).waitForCompletion(false);
    }

    /** Valid values by parameter name, where "x" would not do. */
    private static final Map<String, Object> BY_NAME = Map.ofEntries(
            Map.entry("name", "gpu"), Map.entry("computeName", "gpu"), Map.entry("clusterResourceId", ARC),
            Map.entry("resourceId", ARC), Map.entry("identityType", "SystemAssigned"), Map.entry("image", "python:3.11"),
            Map.entry("command", "python t.py ${{search_space.x}}"), Map.entry("stepName", "a"), Map.entry("step", "a"),
            Map.entry("binding", "/data"), Map.entry("field", "f"), Map.entry("server", "10.0.0.4"), Map.entry("path", "/export"),
            Map.entry("mountPath", "/mnt/data"), Map.entry("subscriptionId", "sub"), Map.entry("resourceGroup", "rg"),
            Map.entry("clusterName", "c"), Map.entry("workspaceName", "ws"), Map.entry("endpoint", "https://management.azure.com"));

    private static Object sample(java.lang.reflect.Parameter p) {
        Object byName = BY_NAME.get(p.getName());
        return byName != null && p.getType().isInstance(byName) ? byName : sample(p.getType());
    }

    private static Object sample(Class<?> type) {
        if (type.isPrimitive()) {
            return defaultOf(type);
        }
        Supplier<Object> s = SAMPLES.get(type);
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
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, a) -> defaultOf(method.getReturnType()));
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
}
