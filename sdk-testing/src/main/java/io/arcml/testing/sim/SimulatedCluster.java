package io.arcml.testing.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.Json;
import io.arcml.internal.RandomSuffix;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes cluster in the JVM for tests, samples and harnesses: fabric8's mock API server in
 * CRUD mode, plus simulated nodes, a scheduler that binds pods only where they fit (else
 * {@code FailedScheduling}, worded like the real scheduler), a Job controller, Volcano's job
 * controller, Kubeflow's PyTorchJob operator, and a kubelet that moves bound pods through Running to Succeeded or Failed.
 *
 * <pre>{@code
 * try (SimulatedCluster cluster = SimulatedCluster.builder()
 *         .node(SimulatedNode.named("gpu-1").cpu("8").memory("64Gi").gpus(4).label("accelerator", "nvidia"))
 *         .namespace("amlarc-testing")
 *         .azureMLExtension()
 *         .build();
 *      Workspace ws = Workspace.on(KubernetesControlPlane.connect(cluster.client()))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>It ships in arcml-testing (which brings {@code io.fabric8:kubernetes-server-mock}), not in the
 * cluster transport's jar. In a JUnit 5 test, {@link io.arcml.testing.WithSimulatedCluster} starts one
 * per test, with a workspace on it, and stops it after the test.
 */
public final class SimulatedCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCluster.class);
    private static final ObjectMapper JSON = Json.mapper();
    /** The mock server logs every request at INFO through java.util.logging; kept quiet unless asked (held so it is not collected). */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    /** The Azure ML extension's pods in {@code azureml}, as the how-to's {@code kubectl get pods -n azureml} shows them. */
    static final List<String> EXTENSION_PODS = List.of(
            "aml-operator",
            "gateway",
            "metrics-controller-manager",
            "relayserver",
            "volcano-admission",
            "volcano-controllers",
            "volcano-scheduler");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final KubernetesClient controllersClient;
    private final ScheduledExecutorService loop;
    private final List<Map.Entry<Predicate<Pod>, PodBehavior>> workloads = new CopyOnWriteArrayList<>();
    private final PodBehavior defaultBehavior;

    private SimulatedCluster(Builder b) {
        if (MOCK_SERVER_LOG.getLevel() == null) {
            MOCK_SERVER_LOG.setLevel(Level.WARNING);
        }
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient(new JdkHttpClientFactory());
        controllersClient = server.createClient(new JdkHttpClientFactory());
        defaultBehavior = b.defaultBehavior;
        createNamespace("default");
        createNamespace("kube-system");
        b.namespaces.forEach(this::createNamespace);
        b.nodes.forEach(this::addNode);
        if (b.instanceTypeCrd) {
            installInstanceTypeCrd();
        }
        if (b.extension) {
            installAzureMLExtension();
        }
        if (b.volcano) {
            installVolcano();
        }
        if (b.kubeflow) {
            installKubeflowTrainingOperator();
        }
        SimulatedEvents events = new SimulatedEvents(controllersClient);
        SimulatedJobController jobs = new SimulatedJobController(controllersClient);
        SimulatedVolcanoController volcano = new SimulatedVolcanoController(controllersClient);
        SimulatedKubeflowController kubeflow = new SimulatedKubeflowController(controllersClient);
        SimulatedScheduler scheduler = new SimulatedScheduler(controllersClient, events);
        SimulatedKubelet kubelet = new SimulatedKubelet(controllersClient, events, this::behaviorOf, this::serveLog);
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "arcml-simulated-cluster");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(
                () -> {
                    for (Runnable step : List.<Runnable>of(
                            jobs::reconcile,
                            volcano::reconcile,
                            kubeflow::reconcile,
                            scheduler::reconcile,
                            kubelet::reconcile)) {
                        try {
                            step.run();
                        } catch (RuntimeException e) {
                            // Races with the SDK deleting objects are normal; the next tick sees the new state.
                            LOG.debug("Simulated cluster step failed: {}", e.toString());
                        }
                    }
                },
                0,
                b.tick.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A client of the cluster; closed with the cluster. */
    public KubernetesClient client() {
        return client;
    }

    /** The API server's URL, e.g. for a kubeconfig. */
    public String masterUrl() {
        return client.getMasterUrl().toString();
    }

    /** Adds (or replaces) a node. */
    public SimulatedCluster addNode(SimulatedNode node) {
        Map<String, Quantity> allocatable = new LinkedHashMap<>();
        node.allocatable().forEach((k, v) -> allocatable.put(k, new Quantity(v)));
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(node.name())
                        .withLabels(node.labels())
                        .endMetadata()
                        .withNewSpec()
                        .withTaints(node.taints().stream()
                                .map(t -> new TaintBuilder()
                                        .withKey(t.key())
                                        .withValue(t.value())
                                        .withEffect(t.effect())
                                        .build())
                                .toList())
                        .endSpec()
                        .withNewStatus()
                        .withAllocatable(allocatable)
                        .withCapacity(allocatable)
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build())
                .createOr(n -> n.update());
        return this;
    }

    /** Removes a node. */
    public SimulatedCluster removeNode(String name) {
        Arguments.nonNull(name, "name");
        client.nodes().withName(name).delete();
        return this;
    }

    /** Creates a namespace (no-op when it exists). */
    public SimulatedCluster createNamespace(String name) {
        Arguments.nonNull(name, "name");
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .build())
                    .create();
        }
        return this;
    }

    /**
     * Installs what the Azure ML extension leaves in a cluster: Running pods in {@code azureml}
     * and the {@code InstanceType} CRD.
     */
    public SimulatedCluster installAzureMLExtension() {
        createNamespace("azureml");
        installInstanceTypeCrd();
        for (String name : EXTENSION_PODS) {
            String now = Instant.now().toString();
            String image = "mcr.microsoft.com/azureml/amlarc/" + name;
            client.pods()
                    .inNamespace("azureml")
                    .resource(new PodBuilder()
                            .withNewMetadata()
                            .withName(name + "-" + suffix())
                            .addToLabels("app.kubernetes.io/managed-by", "Helm")
                            .addToLabels("app", name)
                            .endMetadata()
                            .withNewSpec()
                            .addNewContainer()
                            .withName(name)
                            .withImage(image)
                            .endContainer()
                            .endSpec()
                            .withNewStatus()
                            .withPhase("Running")
                            .withStartTime(now)
                            .withContainerStatuses(SimulatedKubelet.running(name, image, now))
                            .endStatus()
                            .build())
                    .create();
        }
        return this;
    }

    /** Puts an extension pod (by its prefix, e.g. {@code aml-operator}) in CrashLoopBackOff. */
    public SimulatedCluster crashExtensionPod(String prefix) {
        Arguments.nonNull(prefix, "prefix");
        client.pods().inNamespace("azureml").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith(prefix + "-"))
                .forEach(p -> updatePod(
                        client,
                        p,
                        pod -> pod.getStatus()
                                .setContainerStatuses(List.of(new ContainerStatusBuilder()
                                        .withName(prefix)
                                        .withReady(false)
                                        .withRestartCount(5)
                                        .withNewState()
                                        .withNewWaiting()
                                        .withReason("CrashLoopBackOff")
                                        .endWaiting()
                                        .endState()
                                        .build()))));
        return this;
    }

    /** Installs the Azure ML {@code InstanceType} CRD ({@code instancetypes.amlarc.azureml.com}, cluster-scoped). */
    public SimulatedCluster installInstanceTypeCrd() {
        return crd("amlarc.azureml.com", "v1alpha1", "InstanceType", "instancetypes", "Cluster");
    }

    /** Installs Volcano's Job CRD, so that API discovery finds {@code batch.volcano.sh}. */
    public SimulatedCluster installVolcano() {
        return crd("batch.volcano.sh", "v1alpha1", "Job", "jobs", "Namespaced");
    }

    /**
     * Installs Katib's Experiment API. Katib's controller is not simulated: a test plays it by
     * writing the Experiment's {@code status}.
     */
    public SimulatedCluster installKatib() {
        return crd("kubeflow.org", "v1beta1", "Experiment", "experiments", "Namespaced");
    }

    /** Installs Kubeflow's PyTorchJob API (its operator is simulated). */
    public SimulatedCluster installKubeflowTrainingOperator() {
        return crd("kubeflow.org", "v1", "PyTorchJob", "pytorchjobs", "Namespaced");
    }

    private SimulatedCluster crd(String group, String version, String kind, String plural, String scope) {
        String name = plural + "." + group;
        if (client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(name)
                        .get()
                == null) {
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .resource(new CustomResourceDefinitionBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .endMetadata()
                            .withNewSpec()
                            .withGroup(group)
                            .withScope(scope)
                            .withNewNames()
                            .withKind(kind)
                            .withPlural(plural)
                            .withSingular(kind.toLowerCase(Locale.ROOT))
                            .endNames()
                            .addNewVersion()
                            .withName(version)
                            .withServed(true)
                            .withStorage(true)
                            .endVersion()
                            .endSpec()
                            .build())
                    .create();
        }
        return this;
    }

    /**
     * Makes pods that match behave as told; the rule added last wins over earlier ones.
     *
     * @param matches which pods, e.g. {@code pod -> pod.getMetadata().getName().startsWith("train")}
     * @param behavior what they do
     */
    public SimulatedCluster workload(Predicate<Pod> matches, PodBehavior behavior) {
        workloads.add(0, Map.entry(Arguments.nonNull(matches, "matches"), Arguments.nonNull(behavior, "behavior")));
        return this;
    }

    /** Makes pods of an arcml job (by the job's name) behave as told. */
    public SimulatedCluster workloadOfJob(String jobName, PodBehavior behavior) {
        Arguments.nonNull(jobName, "jobName");
        return workload(
                pod -> pod.getMetadata().getAnnotations() != null
                        && jobName.equals(pod.getMetadata().getAnnotations().get("arcml.io/job-name")),
                behavior);
    }

    PodBehavior behaviorOf(Pod pod) {
        return workloads.stream()
                .filter(w -> w.getKey().test(pod))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(defaultBehavior);
    }

    private void serveLog(Pod pod, String text) {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/"
                        + pod.getMetadata().getName() + "/log?pretty=false")
                .andReturn(200, text)
                .always();
    }

    /** The events of a namespace, oldest first. */
    public List<Event> events(String namespace) {
        return new ArrayList<>(client.v1()
                .events()
                .inNamespace(Arguments.nonNull(namespace, "namespace"))
                .list()
                .getItems());
    }

    /** Stops the controllers, the clients and the API server. */
    @Override
    public void close() {
        // Let the tick under way finish: interrupting it mid-request leaves a connection the server then waits for.
        loop.shutdown();
        try {
            if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            Thread.currentThread().interrupt();
        }
        controllersClient.close();
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // JDK HTTP clients (before Java 21) cannot close their pooled connections; the server drops them on its
            // own.
            LOG.debug("The simulated API server stopped with connections still open: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SimulatedCluster{" + masterUrl() + "}";
    }

    static <T> T copy(Object source, Class<T> type) {
        return JSON.convertValue(source, type);
    }

    static String suffix() {
        return RandomSuffix.hex(3).substring(0, 5);
    }

    /** Changes a pod and writes it back; a conflict or a deleted pod is left for the next tick. */
    static void updatePod(KubernetesClient client, Pod pod, Consumer<Pod> change) {
        if (pod.getStatus() == null) {
            pod.setStatus(new PodStatus());
        }
        change.accept(pod);
        try {
            client.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .resource(pod)
                    .update();
        } catch (KubernetesClientException e) {
            LOG.debug(
                    "Pod {} changed meanwhile ({}); retrying next tick",
                    pod.getMetadata().getName(),
                    e.getCode());
        }
    }

    /** Settings of a {@link SimulatedCluster}. */
    public static final class Builder {
        private final List<SimulatedNode> nodes = new ArrayList<>();
        private final List<String> namespaces = new ArrayList<>();
        private boolean extension;
        private boolean instanceTypeCrd;
        private boolean volcano;
        private boolean kubeflow;
        private Duration tick = Duration.ofMillis(20);
        private PodBehavior defaultBehavior = PodBehavior.succeeds();

        private Builder() {}

        /** Adds a node. */
        public Builder node(SimulatedNode node) {
            nodes.add(Arguments.nonNull(node, "node"));
            return this;
        }

        /** Creates a namespace. */
        public Builder namespace(String namespace) {
            namespaces.add(Arguments.nonNull(namespace, "namespace"));
            return this;
        }

        /** Installs the Azure ML extension's pods and the InstanceType CRD. */
        public Builder azureMLExtension() {
            extension = true;
            return this;
        }

        /** Installs the InstanceType CRD only. */
        public Builder instanceTypeCrd() {
            instanceTypeCrd = true;
            return this;
        }

        /** Installs Volcano's Job API (its controller is simulated). */
        public Builder volcano() {
            volcano = true;
            return this;
        }

        /** Installs Kubeflow's PyTorchJob API (its operator is simulated). */
        public Builder kubeflow() {
            kubeflow = true;
            return this;
        }

        /** How often the controllers, scheduler and kubelet act. Default 20 ms. */
        public Builder tick(Duration tick) {
            if (tick == null || tick.isNegative() || tick.isZero()) {
                throw new ValidationException(
                        "tick", String.valueOf(tick), "is not positive", "Use e.g. Duration.ofMillis(20)");
            }
            this.tick = tick;
            return this;
        }

        /** What pods no workload rule matches do. Default {@link PodBehavior#succeeds()}. */
        public Builder defaultBehavior(PodBehavior behavior) {
            this.defaultBehavior = Arguments.nonNull(behavior, "behavior");
            return this;
        }

        /** Starts the API server and the simulation. */
        public SimulatedCluster build() {
            return new SimulatedCluster(this);
        }
    }
}
