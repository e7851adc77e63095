package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Why a run waits, in plain words, from what the real kube-scheduler reports on its pods
 * ({@code FailedScheduling}: insufficient GPUs, a selector that matches no node, an untolerated
 * taint). Each test has a GPU node of its own that fits the compute at attach and is then used
 * up, relabelled or tainted.
 */
class PendingDiagnosisOnRealClusterTest extends RealClusterTestBase {
    private static final String POOL = "arcml-test-pool";
    private String node;
    private KubernetesCompute compute;

    @BeforeEach
    void nodeAndCompute() {
        node = "diag-" + ns.substring(ns.lastIndexOf('-') + 1);
        client.nodes()
                .resource(RealFleet.node(node, "4", "16Gi", 1, Map.of(POOL, ns), List.of()))
                .create();
        RealFleet.awaitReady(client, node);
        compute = attach(
                "diag-compute",
                KubernetesCompute.attachConfiguration(AKS)
                        .namespace(ns)
                        .defaultInstanceType("pool_gpu")
                        .instanceTypes(Map.of(
                                "pool_gpu",
                                InstanceType.builder()
                                        .nodeSelector(POOL, ns)
                                        .requests("1", "2Gi", 1)
                                        .limits("1", "2Gi", 1)
                                        .build())));
    }

    @AfterEach
    void removeNode() {
        if (node != null) {
            client.nodes().withName(node).delete();
        }
    }

    private static JobStatus awaitQueued(JobRun run) {
        return Eventually.value(
                "run " + run.runId() + " to be diagnosed",
                RUN_TIMEOUT,
                () -> {
                    JobStatus s = run.getStatus();
                    return s.state() == JobState.QUEUED && s.message().startsWith("Waiting for resources") ? s : null;
                },
                () -> run.lastStatus().toString());
    }

    @Test
    void aRunWaitingForABusyGpuSaysSo() {
        JobRun holder = compute.submit(job("holder", "10m").build());
        Eventually.until(
                "the first run to hold the GPU",
                RUN_TIMEOUT,
                () -> holder.getStatus().state() == JobState.RUNNING);

        JobStatus waiting = awaitQueued(compute.submit(job("second", "1s").build()));

        assertThat(waiting.message())
                .contains(
                        "instance type 'pool_gpu'",
                        "1 node lacks free nvidia.com/gpu (each instance needs 1)",
                        "GPUs are busy",
                        "Scheduler: 0/");
    }

    @Test
    void aRunWhoseNodeLostTheSelectedLabelSaysWhichLabelsAreMissing() {
        client.nodes().withName(node).edit(n -> {
            n.getMetadata().getLabels().put(POOL, "elsewhere");
            return n;
        });

        JobStatus waiting = awaitQueued(compute.submit(job("unlabelled", "1s").build()));

        assertThat(waiting.message())
                .contains(
                        "do not carry the labels the instance type selects (" + POOL + "=" + ns, "kubectl label node");
    }

    @Test
    void aRunWhoseNodeWasTaintedNamesTheTaint() {
        client.nodes().withName(node).edit(n -> {
            n.getSpec().setTaints(List.of(new Taint("NoSchedule", "dedicated", null, "team-a")));
            return n;
        });

        JobStatus waiting = awaitQueued(compute.submit(job("tainted", "1s").build()));

        assertThat(waiting.message())
                .contains("1 node has the taint dedicated=team-a that the job's pods do not tolerate");
    }
}
