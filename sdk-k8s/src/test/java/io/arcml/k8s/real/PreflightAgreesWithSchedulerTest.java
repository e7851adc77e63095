package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.job.CommandJob;
import io.arcml.k8s.internal.PodSpecFactory;
import io.arcml.k8s.internal.RunEngine;
import io.arcml.k8s.internal.RunRenderer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The attach preflight says, for each instance type, whether it fits a node; kube-scheduler says
 * whether it binds a pod of that type. On a mixed fleet (CPU nodes, tainted GPU nodes, a node
 * dedicated by a taint) both must give the same verdict for every type.
 */
class PreflightAgreesWithSchedulerTest extends RealClusterTestBase {
    private static final String DEDICATED_NODE = "infer-1";

    /** A verdict pair, printed in the failure message. */
    private record Verdicts(
            String instanceType,
            boolean preflightFits,
            boolean schedulerBinds,
            String preflightSays,
            String schedulerSays) {
        @Override
        public String toString() {
            return instanceType + ": preflight " + (preflightFits ? "fits" : "fits no node") + " (" + preflightSays
                    + "), scheduler " + (schedulerBinds ? "binds" : "does not bind") + " (" + schedulerSays + ")";
        }
    }

    private static Map<String, InstanceType> fleetTypes() {
        Map<String, InstanceType> types = new LinkedHashMap<>();
        types.put(
                "cpu_small",
                InstanceType.builder().requests("1", "2Gi").limits("2", "4Gi").build());
        types.put(
                "cpu_whole_node",
                InstanceType.builder().requests("8", "16Gi").limits("8", "16Gi").build());
        types.put(
                "cpu_too_big",
                InstanceType.builder().requests("9", "16Gi").limits("9", "16Gi").build());
        types.put(
                "memory_too_big",
                InstanceType.builder()
                        .requests("2", "100Gi")
                        .limits("2", "100Gi")
                        .build());
        types.put(
                "gpu_one",
                InstanceType.builder()
                        .nodeSelector(RealFleet.GPU_LABEL, RealFleet.GPU_MODEL)
                        .requests("2", "16Gi", 1)
                        .limits("2", "16Gi", 1)
                        .build());
        types.put(
                "gpu_whole_node",
                InstanceType.builder()
                        .requests("4", "32Gi", 2)
                        .limits("4", "32Gi", 2)
                        .build());
        types.put(
                "gpu_four",
                InstanceType.builder()
                        .requests("4", "32Gi", 4)
                        .limits("4", "32Gi", 4)
                        .build());
        types.put(
                "gpu_a100",
                InstanceType.builder()
                        .nodeSelector(RealFleet.GPU_LABEL, "nvidia-a100")
                        .requests("2", "16Gi", 1)
                        .limits("2", "16Gi", 1)
                        .build());
        types.put(
                "inference_pool",
                InstanceType.builder()
                        .nodeSelector("agentpool", "infer")
                        .requests("1", "2Gi")
                        .limits("1", "2Gi")
                        .build());
        return types;
    }

    @AfterEach
    void removeDedicatedNode() {
        if (client != null) {
            client.nodes().withName(DEDICATED_NODE).delete();
        }
    }

    @Test
    void preflightVerdictEqualsTheSchedulersForEveryInstanceTypeOfAMixedFleet() {
        client.nodes()
                .resource(RealFleet.node(
                        DEDICATED_NODE,
                        "4",
                        "16Gi",
                        0,
                        Map.of("agentpool", "infer"),
                        List.of(new Taint("NoSchedule", "dedicated", null, "inference"))))
                .create();
        RealFleet.awaitReady(client, DEDICATED_NODE);

        List<Verdicts> verdicts = new ArrayList<>();
        fleetTypes().forEach((name, type) -> {
            KubernetesCompute compute = ComputeTarget.attach(
                    ws,
                    "pf-" + verdicts.size(),
                    KubernetesCompute.attachConfiguration(AKS)
                            .namespace(ns)
                            .defaultInstanceType(name)
                            .instanceTypes(Map.of(name, type)));
            try {
                compute.waitForCompletion(false, Duration.ofSeconds(30));
            } catch (RuntimeException failedAttach) {
                // A failed preflight ends the attach Failed; its errors are the verdict.
            }
            boolean fits = compute.provisioningState() == ProvisioningState.SUCCEEDED;
            String says = fits ? "" : compute.provisioningErrors().toString();
            Optional<String> unschedulable = schedule(name, type);
            verdicts.add(new Verdicts(name, fits, unschedulable.isEmpty(), says, unschedulable.orElse("bound")));
        });

        assertThat(verdicts).as("%s", verdicts).allMatch(v -> v.preflightFits() == v.schedulerBinds());
        // The fleet exercises both verdicts and each reason the scheduler gives.
        assertThat(verdicts)
                .filteredOn(Verdicts::schedulerBinds)
                .extracting(Verdicts::instanceType)
                .containsExactly("cpu_small", "cpu_whole_node", "gpu_one", "gpu_whole_node");
        assertThat(verdicts)
                .filteredOn(v -> !v.schedulerBinds())
                .extracting(Verdicts::schedulerSays)
                .anySatisfy(s -> assertThat(s).contains("Insufficient nvidia.com/gpu"))
                .anySatisfy(s -> assertThat(s).contains("Insufficient cpu"))
                .anySatisfy(s -> assertThat(s).contains("Insufficient memory"))
                .anySatisfy(s -> assertThat(s).contains("didn't match Pod's node affinity/selector"))
                .anySatisfy(s -> assertThat(s).contains("untolerated taint"));
    }

    /**
     * Creates a lone pod exactly as arcml renders a job of that instance type, and waits for the
     * scheduler's verdict; the pod is deleted before the next type is tried.
     *
     * @return empty when bound, else the scheduler's message
     */
    private Optional<String> schedule(String typeName, InstanceType type) {
        CommandJob job = CommandJob.builder()
                .name("probe")
                .image(IMAGE)
                .command("sleep infinity")
                .instanceType(typeName)
                .build();
        Job rendered = (Job) new RunRenderer(new PodSpecFactory(null, null))
                .render(
                        "probe-" + typeName.replace('_', '-'),
                        ns,
                        "preflight",
                        job.toSpec(),
                        type,
                        RunEngine.INDEXED_JOB)
                .objects()
                .get(0);
        Pod probe = new PodBuilder()
                .withMetadata(rendered.getSpec().getTemplate().getMetadata())
                .editMetadata()
                .withName("probe-" + typeName.replace('_', '-'))
                .withNamespace(ns)
                .endMetadata()
                .withSpec(rendered.getSpec().getTemplate().getSpec())
                .build();
        client.pods().inNamespace(ns).resource(probe).create();
        try {
            PodCondition scheduled = Eventually.value(
                    "the scheduler's verdict on " + typeName,
                    Duration.ofSeconds(30),
                    () -> {
                        Pod p = client.pods()
                                .inNamespace(ns)
                                .withName(probe.getMetadata().getName())
                                .get();
                        return p.getStatus() == null || p.getStatus().getConditions() == null
                                ? null
                                : p.getStatus().getConditions().stream()
                                        .filter(c -> "PodScheduled".equals(c.getType()))
                                        .findFirst()
                                        .orElse(null);
                    },
                    () -> "");
            return "True".equals(scheduled.getStatus()) ? Optional.empty() : Optional.of(scheduled.getMessage());
        } finally {
            client.pods()
                    .inNamespace(ns)
                    .withName(probe.getMetadata().getName())
                    .withGracePeriod(0)
                    .delete();
            Eventually.until(
                    "probe of " + typeName + " to be gone",
                    Duration.ofSeconds(30),
                    () -> client.pods()
                                    .inNamespace(ns)
                                    .withName(probe.getMetadata().getName())
                                    .get()
                            == null);
        }
    }
}
