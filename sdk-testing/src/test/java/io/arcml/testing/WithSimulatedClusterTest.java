package io.arcml.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.ComputeTargetException;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.job.CommandJob;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.k8s.internal.ComputeRecords;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small test classes through the JUnit engine and checks what {@link WithSimulatedCluster}
 * gave them: the fleet the annotation describes, a workspace on the direct cluster transport over
 * it, the attached compute, and one cluster per test stopped after the test.
 */
class WithSimulatedClusterTest {
    /** The environments the fixtures saw, in the order they saw them. */
    static final List<SimulatedClusterEnvironment> SEEN = new CopyOnWriteArrayList<>();
    /** What the fixtures read from their cluster: node name to "gpus labels taints". */
    static final Map<String, String> NODES = new ConcurrentHashMap<>();
    /** What else the fixtures observed, by key. */
    static final Map<String, Object> OBSERVED = new ConcurrentHashMap<>();
    /** The fixtures run only inside these tests, not on their own. */
    static volatile boolean runningFixtures;

    private static final String FIXTURES_RUNNING = "io.arcml.testing.WithSimulatedClusterTest#fixturesRunning";
    private static final String GPU_MODEL = "accelerator=nvidia-tesla-v100";

    static boolean fixturesRunning() {
        return runningFixtures;
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        SEEN.clear();
        NODES.clear();
        OBSERVED.clear();
        runningFixtures = true;
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(fixture))
                    .execute();
        } finally {
            runningFixtures = false;
        }
    }

    /** Records the cluster's nodes as "gpus labels taints", read back from its API server (without the kubernetes.io/ labels every node has). */
    private static void recordNodes(SimulatedCluster cluster) {
        for (Node node : cluster.client().nodes().list().getItems()) {
            Quantity gpus = node.getStatus().getAllocatable().get("nvidia.com/gpu");
            Map<String, String> labels = new TreeMap<>(node.getMetadata().getLabels());
            labels.keySet().removeIf(key -> key.startsWith("kubernetes.io/"));
            NODES.put(
                    node.getMetadata().getName(),
                    (gpus == null ? "0" : gpus.toString()) + " " + labels + " "
                            + node.getSpec().getTaints().stream()
                                    .map(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect())
                                    .toList());
        }
    }

    /** The live threads of simulated clusters: none once every cluster is closed. */
    private static List<Thread> simulationThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("arcml-simulated-cluster") && t.isAlive())
                .toList();
    }

    private static boolean accepts(String masterUrl) {
        URI uri = URI.create(masterUrl);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theClusterHasTheAnnotatedFleetAndTheWorkspaceAttachesAndRunsOnIt() {
        Events events = run(FleetFixture.class).testEvents();

        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(NODES)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "v100-1", "4 {accelerator=nvidia-tesla-v100, agentpool=gpu} [sku=gpu:NoSchedule]",
                        "small-1", "0 {agentpool=cpu} []"));
        assertThat(OBSERVED)
                .containsEntry("namespace", "team-a")
                .containsEntry("compute state", ProvisioningState.SUCCEEDED)
                .containsEntry("instance types", List.of("cpu_small", "v100_instance"))
                .containsEntry("default instance type", "v100_instance")
                .containsEntry("compute record", true)
                .containsEntry("job", JobState.COMPLETED)
                .containsEntry("job's node", "v100-1");
    }

    @Test
    void withoutAttributesTheFleetIsACpuNodeAndATaintedGpuNodeWithTheExtensionAndNoCompute() {
        Events events = run(DefaultFleetFixture.class).testEvents();

        events.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertThat(NODES)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "cpu-1", "0 {agentpool=cpu} []",
                        "gpu-1", "2 {accelerator=nvidia-tesla-k80} [sku=gpu:NoSchedule]"));
        assertThat(OBSERVED).containsEntry("extension pods", 7).containsEntry("computes", 0);
        events.assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                cause(
                                        instanceOf(IllegalStateException.class),
                                        message(m -> m.contains("names none") && m.contains("compute = \""))))));
    }

    @Test
    void everyTestGetsItsOwnClusterAndItIsStoppedAfterTheTestPassedOrFailed() {
        Events events = run(IsolationFixture.class).testEvents();

        events.assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        assertThat(SEEN).hasSize(3).doesNotHaveDuplicates();
        assertThat(SEEN)
                .allSatisfy(env -> assertThat(env.isClosed()).as(env.toString()).isTrue());
        assertThat(OBSERVED.values())
                .as("the clusters' API servers")
                .hasSize(3)
                .doesNotHaveDuplicates()
                .allSatisfy(url -> assertThat(accepts((String) url))
                        .as(url + " accepts connections")
                        .isFalse());
        assertThat(simulationThreads()).as("simulation threads left running").isEmpty();
        assertThatThrownBy(SEEN.get(0)::workspace)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was closed when that test ended");
    }

    @Test
    void aMethodAnnotationReplacesTheClassAnnotation() {
        Events events = run(MethodOverrideFixture.class).testEvents();

        events.assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(NODES).containsOnlyKeys("solo");
    }

    @Test
    void aMalformedTaintFailsTheTestNamingTheAttributeAndStartsNoCluster() {
        Events events = run(BadTaintFixture.class).testEvents();

        events.assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                message(m -> m.contains("@FleetNode(name = \"gpu-1\") taints = \"sku=gpu\"")
                                        && m.contains("key=value:Effect")))));
        assertThat(simulationThreads()).as("simulation threads left running").isEmpty();
    }

    @Test
    void anAttachThatFailsStopsTheClusterItStarted() {
        Events events = run(UnfitInstanceTypeFixture.class).testEvents();

        events.assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                cause(instanceOf(ComputeTargetException.class)))));
        assertThat(simulationThreads()).as("simulation threads left running").isEmpty();
    }

    @WithSimulatedCluster(
            nodes = {
                @FleetNode(
                        name = "v100-1",
                        cpu = "16",
                        memory = "112Gi",
                        gpus = 4,
                        labels = {GPU_MODEL, "agentpool=gpu"},
                        taints = "sku=gpu:NoSchedule"),
                @FleetNode(name = "small-1", cpu = "4", memory = "16Gi", labels = "agentpool=cpu")
            },
            namespace = "team-a",
            compute = "gpu-compute",
            defaultInstanceType = "v100_instance",
            instanceTypes = {
                @FleetInstanceType(
                        name = "v100_instance",
                        nodeSelector = GPU_MODEL,
                        cpu = "4",
                        memory = "32Gi",
                        gpus = 1),
                @FleetInstanceType(name = "cpu_small", cpu = "1", memory = "2Gi", cpuLimit = "2", memoryLimit = "4Gi")
            })
    @EnabledIf(FIXTURES_RUNNING)
    static class FleetFixture {
        @Test
        void trains(SimulatedCluster cluster, Workspace ws, KubernetesCompute compute) {
            recordNodes(cluster);
            OBSERVED.put("namespace", compute.namespace());
            OBSERVED.put("compute state", compute.provisioningState());
            OBSERVED.put(
                    "instance types",
                    compute.instanceTypes().keySet().stream().sorted().toList());
            OBSERVED.put("default instance type", compute.defaultInstanceType());
            OBSERVED.put(
                    "compute record",
                    cluster.client()
                                    .configMaps()
                                    .inNamespace("default")
                                    .withName(ComputeRecords.recordName("gpu-compute"))
                                    .get()
                            != null);
            assertThat(ComputeTarget.list(ws)).containsOnlyKeys("gpu-compute");
            JobRun run = compute.submit(CommandJob.builder()
                    .name("train")
                    .image("python:3.11")
                    .command("python train.py")
                    .build());
            run.waitForCompletion(false);
            OBSERVED.put("job", run.getStatus().state());
            List<Pod> pods = cluster.client()
                    .pods()
                    .inNamespace("team-a")
                    .withLabel("arcml.io/run-id", run.runId())
                    .list()
                    .getItems();
            OBSERVED.put("job's node", pods.get(0).getSpec().getNodeName());
        }
    }

    @ExtendWith(SimulatedClusterExtension.class)
    @EnabledIf(FIXTURES_RUNNING)
    static class DefaultFleetFixture {
        @Test
        void readsTheFleet(SimulatedCluster cluster, Workspace ws) {
            recordNodes(cluster);
            OBSERVED.put(
                    "extension pods",
                    cluster.client()
                            .pods()
                            .inNamespace("azureml")
                            .list()
                            .getItems()
                            .size());
            OBSERVED.put("computes", ComputeTarget.list(ws).size());
        }

        @Test
        void asksForACompute(KubernetesCompute compute) {
            throw new AssertionError("never reached: " + compute);
        }
    }

    @WithSimulatedCluster
    @EnabledIf(FIXTURES_RUNNING)
    static class IsolationFixture {
        @Test
        void first(SimulatedClusterEnvironment env) {
            useAlone(env, "first");
        }

        @Test
        void second(SimulatedClusterEnvironment env) {
            useAlone(env, "second");
        }

        @Test
        void fails(SimulatedClusterEnvironment env) {
            useAlone(env, "fails");
            throw new AssertionError("this fixture test fails on purpose");
        }

        /** Fails when another test's node is visible: that would be a shared cluster. */
        private static void useAlone(SimulatedClusterEnvironment env, String test) {
            SEEN.add(env);
            OBSERVED.put(test, env.cluster().masterUrl());
            assertThat(env.cluster().client().nodes().withName("extra").get()).isNull();
            env.cluster().addNode(SimulatedNode.named("extra"));
        }
    }

    @WithSimulatedCluster(nodes = {@FleetNode(name = "a"), @FleetNode(name = "b")})
    @EnabledIf(FIXTURES_RUNNING)
    static class MethodOverrideFixture {
        @Test
        @WithSimulatedCluster(nodes = @FleetNode(name = "solo"))
        void overrides(SimulatedCluster cluster) {
            recordNodes(cluster);
        }
    }

    @WithSimulatedCluster(nodes = @FleetNode(name = "gpu-1", gpus = 2, taints = "sku=gpu"))
    @EnabledIf(FIXTURES_RUNNING)
    static class BadTaintFixture {
        @Test
        void test(SimulatedCluster cluster) {
            throw new AssertionError("never reached: " + cluster);
        }
    }

    @WithSimulatedCluster(
            nodes = @FleetNode(name = "gpu-1", gpus = 2, labels = GPU_MODEL),
            compute = "gpu-compute",
            defaultInstanceType = "eight_gpus",
            instanceTypes = @FleetInstanceType(name = "eight_gpus", nodeSelector = GPU_MODEL, gpus = 8))
    @EnabledIf(FIXTURES_RUNNING)
    static class UnfitInstanceTypeFixture {
        @Test
        void test(KubernetesCompute compute) {
            throw new AssertionError("never reached: " + compute);
        }
    }
}
