package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.arcml.k8s.DistributedEngine;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.testing.sim.PodBehavior;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The same scenarios on {@link SimulatedCluster} and on the real control plane, whose outcomes
 * must agree: where each instance was scheduled (CPU or GPU pool) or why it was not (the
 * scheduler's reasons, word for word), the pods' phases, and the run's state and the words arcml
 * reads from them. Users' test harnesses run on the simulator: it must not tell them something
 * a cluster would not.
 */
class SimulatorAgreesWithRealClusterTest extends RealClusterTestBase {

    /** What a scenario must do alike on both: how the run ends (or waits), and where its pods went. */
    private record Outcome(
            JobState state, String says, List<String> podPhases, List<String> pools, List<String> schedulerReasons) {}

    /** A job, and whether it runs to its end or stays waiting. */
    private record Scenario(String name, CommandJob job, boolean ends) {}

    private static List<Scenario> scenarios() {
        return List.of(
                new Scenario(
                        "cpu job", job("cpu", "2s").instanceType("cpu_small").build(), true),
                new Scenario(
                        "gpu job", job("gpu", "2s").instanceType("gpu_instance").build(), true),
                new Scenario(
                        "distributed gpu job",
                        job("ddp", "2s")
                                .instanceType("gpu_instance")
                                .instanceCount(2)
                                .distribution(Distribution.pytorch(1))
                                .build(),
                        true),
                new Scenario(
                        "failing instance",
                        job("crash", "2s")
                                .instanceType("cpu_small")
                                .environmentVariable(EXIT_CODE, "3")
                                .build(),
                        true),
                new Scenario(
                        "more gpus than the fleet has",
                        job("greedy", "10m")
                                .instanceType("gpu_pair")
                                .instanceCount(3)
                                .distribution(Distribution.pytorch(2))
                                .build(),
                        false));
    }

    private KubernetesComputeAttachConfiguration config(String namespace) {
        return KubernetesCompute.attachConfiguration(AKS)
                .namespace(namespace)
                .defaultInstanceType("cpu_small")
                .instanceTypes(Map.of(
                        "cpu_small",
                                InstanceType.builder()
                                        .requests("1", "2Gi")
                                        .limits("2", "4Gi")
                                        .build(),
                        "gpu_instance",
                                InstanceType.builder()
                                        .nodeSelector(RealFleet.GPU_LABEL, RealFleet.GPU_MODEL)
                                        .requests("2", "16Gi", 1)
                                        .limits("2", "16Gi", 1)
                                        .build(),
                        "gpu_pair",
                                InstanceType.builder()
                                        .requests("4", "32Gi", 2)
                                        .limits("4", "32Gi", 2)
                                        .build()));
    }

    /** The simulated twin of the real fleet ({@link RealFleet}), each scenario's pods behaving as kwok's stages make them. */
    private static SimulatedCluster simulatedFleet(String namespace) {
        SimulatedCluster.Builder b = SimulatedCluster.builder().namespace(namespace);
        RealFleet.CPU_NODES.forEach(
                n -> b.node(SimulatedNode.named(n).cpu("8").memory("32Gi").label("agentpool", "cpu")));
        RealFleet.GPU_NODES.forEach(n -> b.node(SimulatedNode.named(n)
                .cpu("8")
                .memory("64Gi")
                .gpus(2)
                .label("agentpool", "gpu")
                .label(RealFleet.GPU_LABEL, RealFleet.GPU_MODEL)
                .taint("sku", "gpu", "NoSchedule")));
        SimulatedCluster cluster = b.build();
        scenarios().forEach(s -> cluster.workloadOfJob(s.job().name(), behaviorOf(s.job())));
        return cluster;
    }

    /** kwok's stages (kube/kwok/pod-stages.yaml) as a simulator behaviour: the same variables decide. */
    private static PodBehavior behaviorOf(CommandJob job) {
        Map<String, String> env = job.environmentVariables();
        PodBehavior behavior = PodBehavior.succeeds()
                .runFor(Duration.parse("PT" + env.get(RUN_FOR).toUpperCase(Locale.ROOT)));
        return env.containsKey(EXIT_CODE) ? behavior.exitCode(Integer.parseInt(env.get(EXIT_CODE))) : behavior;
    }

    @Test
    void everyScenarioEndsAlikeOnTheSimulatorAndOnTheRealControlPlane() {
        Map<String, Outcome> real = new LinkedHashMap<>();
        KubernetesCompute realCompute =
                ComputeTarget.attach(ws, "twin", config(ns)).waitForCompletion(false, Duration.ofSeconds(60));
        scenarios().forEach(s -> real.put(s.name(), play(realCompute, client, s)));

        Map<String, Outcome> simulated = new LinkedHashMap<>();
        try (SimulatedCluster cluster = simulatedFleet(ns);
                Workspace simWs = Workspace.on(KubernetesControlPlane.builder(cluster.client())
                        .recordNamespace(ns)
                        .expectExtension(false)
                        .distributedEngine(DistributedEngine.INDEXED_JOB)
                        .pollInterval(Duration.ofMillis(50))
                        .build())) {
            KubernetesCompute simCompute =
                    ComputeTarget.attach(simWs, "twin", config(ns)).waitForCompletion(false, Duration.ofSeconds(60));
            scenarios().forEach(s -> simulated.put(s.name(), play(simCompute, cluster.client(), s)));
        }

        assertThat(simulated)
                .as("simulator (left) and real control plane (right) disagree")
                .isEqualTo(real);
        // What they agree on is what a cluster does:
        assertThat(real.get("cpu job"))
                .isEqualTo(new Outcome(
                        JobState.COMPLETED,
                        "All 1 instance(s) succeeded",
                        List.of("Succeeded"),
                        List.of("cpu"),
                        List.of()));
        assertThat(real.get("distributed gpu job").pools()).containsExactly("gpu", "gpu");
        assertThat(real.get("failing instance").says()).isEqualTo("Instance <pod> failed with exit code 3 (Error)");
        Outcome waiting = real.get("more gpus than the fleet has");
        assertThat(waiting.podPhases()).containsExactly("Pending", "Running", "Running");
        assertThat(waiting.schedulerReasons()).containsExactly("4 Insufficient nvidia.com/gpu");
        assertThat(waiting.says()).contains("4 nodes lack free nvidia.com/gpu (each instance needs 2)");
    }

    /** Runs a scenario on a cluster: to its end, or, for one that waits, until arcml says why; then cancels it. */
    private Outcome play(KubernetesCompute compute, KubernetesClient cluster, Scenario scenario) {
        JobRun run = compute.submit(scenario.job());
        Predicate<JobStatus> settled = scenario.ends()
                ? s -> s.state().isTerminal()
                : s -> s.state() == JobState.QUEUED
                        && s.message().startsWith("2 of 3 instance(s) run; Waiting for resources");
        JobStatus status = Eventually.value(
                scenario.name() + " to settle",
                RUN_TIMEOUT,
                () -> Optional.of(run.getStatus()).filter(settled).orElse(null),
                () -> run.lastStatus().toString());
        List<Pod> pods = cluster.pods()
                .inNamespace(compute.namespace())
                .withLabel("arcml.io/run-id", run.runId())
                .list()
                .getItems();
        Outcome outcome = new Outcome(
                status.state(),
                says(status),
                sorted(pods.stream().map(p -> p.getStatus().getPhase()).toList()),
                sorted(pods.stream()
                        .filter(p -> p.getSpec().getNodeName() != null)
                        .map(p -> cluster.nodes()
                                .withName(p.getSpec().getNodeName())
                                .get()
                                .getMetadata()
                                .getLabels()
                                .get("agentpool"))
                        .toList()),
                pods.stream().flatMap(p -> schedulerReasons(p).stream()).toList());
        run.cancel();
        return outcome;
    }

    /** The part of arcml's message that does not name pods (their names are random). */
    private static String says(JobStatus status) {
        return status.message()
                .replaceAll("[a-z0-9-]+-[0-9a-f]{6}(-[0-9]+-[a-z0-9]{5})?", "<pod>")
                .replaceAll(" Scheduler: .*", "");
    }

    /** The scheduler's reasons on an unschedulable pod, e.g. {@code 4 Insufficient nvidia.com/gpu}. */
    private static List<String> schedulerReasons(Pod pod) {
        return pod.getStatus().getConditions() == null
                ? List.of()
                : pod.getStatus().getConditions().stream()
                        .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                        .map(PodCondition::getMessage)
                        .map(m ->
                                m.substring(m.indexOf("are available: ") + "are available: ".length(), m.indexOf(". ")))
                        .flatMap(m -> List.of(m.split(", ")).stream())
                        .toList();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
