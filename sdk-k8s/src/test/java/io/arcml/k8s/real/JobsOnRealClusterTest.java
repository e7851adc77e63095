package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.compute.KubernetesCompute;
import io.arcml.job.Distribution;
import io.arcml.job.JobFailedException;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs on the real control plane: the Job controller makes the pods, kube-scheduler places them
 * on kwok's nodes, and arcml follows them through its informers.
 */
class JobsOnRealClusterTest extends RealClusterTestBase {

    /** Reads the status until the run ends, keeping every state it passed through. */
    private static List<JobState> statesUntilEnd(JobRun run) {
        List<JobState> seen = new ArrayList<>();
        Eventually.until("run " + run.runId() + " to end", RUN_TIMEOUT, () -> {
            JobState state = run.getStatus().state();
            if (seen.isEmpty() || seen.get(seen.size() - 1) != state) {
                seen.add(state);
            }
            return state.isTerminal();
        });
        return seen;
    }

    @Test
    void aDistributedGpuJobRunsToCompletionOnGpuNodesOnlyAsTheRealJobControllerReports() {
        KubernetesCompute compute = attach("gpu-compute", gpuConfig());

        JobRun run = compute.submit(job("ddp", "3s")
                .instanceCount(2)
                .distribution(Distribution.pytorch(1))
                .build());
        List<JobState> states = statesUntilEnd(run);

        assertThat(states).contains(JobState.RUNNING).last().isEqualTo(JobState.COMPLETED);
        String id = run.runId();
        List<Pod> pods = pods(id);
        assertThat(pods).hasSize(2).allSatisfy(p -> {
            assertThat(p.getSpec().getNodeName()).isIn(RealFleet.GPU_NODES);
            assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(p.getSpec().getSubdomain()).isEqualTo(id);
        });
        assertThat(pods).extracting(p -> p.getSpec().getHostname()).containsExactly(id + "-0", id + "-1");
        Service headless = client.services().inNamespace(ns).withName(id).get();
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(id).get();
        assertThat(job.getStatus().getSucceeded()).isEqualTo(2);
        assertThat(job.getStatus().getCompletedIndexes()).isEqualTo("0,1");
        assertThat(job.getStatus().getConditions())
                .extracting(JobCondition::getType)
                .contains("Complete");
        assertThat(pods)
                .allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences())
                        .extracting(OwnerReference::getUid)
                        .containsExactly(job.getMetadata().getUid()));
    }

    @Test
    void anInstanceThatExitsNonZeroFailsTheRunWithItsExitCode() {
        KubernetesCompute compute = attach("gpu-compute", gpuConfig());

        JobRun run = compute.submit(job("crash", "1s")
                .instanceType("cpu_small")
                .environmentVariable(EXIT_CODE, "3")
                .build());

        assertThatThrownBy(() -> run.waitForCompletion(false, RUN_TIMEOUT))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("failed with exit code 3");
        assertThat(run.getStatus().state()).isEqualTo(JobState.FAILED);
    }

    @Test
    void deletingTheRunsJobLetsTheGarbageCollectorRemoveItsPodsAndHeadlessService() {
        KubernetesCompute compute = attach("gpu-compute", gpuConfig());
        JobRun run = compute.submit(job("orphaned", "10m")
                .instanceCount(2)
                .distribution(Distribution.pytorch(1))
                .build());
        Eventually.until(
                "both instances to run", RUN_TIMEOUT, () -> run.getStatus().state() == JobState.RUNNING);
        Service headless =
                client.services().inNamespace(ns).withName(run.runId()).get();
        String jobUid = client.batch()
                .v1()
                .jobs()
                .inNamespace(ns)
                .withName(run.runId())
                .get()
                .getMetadata()
                .getUid();
        assertThat(headless.getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getUid)
                .containsExactly(jobUid);

        // As kubectl delete job does: the Job alone, its dependents left to the garbage collector.
        client.batch().v1().jobs().inNamespace(ns).withName(run.runId()).delete();

        Eventually.until(
                "the garbage collector to remove the run's pods and Service",
                RUN_TIMEOUT,
                () -> pods(run.runId()).isEmpty()
                        && client.services()
                                        .inNamespace(ns)
                                        .withName(run.runId())
                                        .get()
                                == null);
    }

    @Test
    void logsOfPodsWhoseKubeletCannotBeReachedSayWhyAtOnce() {
        KubernetesCompute compute = attach("gpu-compute", gpuConfig());
        JobRun run = compute.submit(
                        job("no-kubelet", "1s").instanceType("cpu_small").build())
                .waitForCompletion(false, RUN_TIMEOUT);

        // kwok's nodes have no kubelet to serve logs: the API server answers 500, which the client would retry for
        // minutes.
        long started = System.nanoTime();
        String logs = run.logs();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(logs).contains("=== " + run.runId() + "-0-", "(no log yet: ");
    }

    @Test
    void cancelRemovesEverythingTheRunAndTheRealControllersCreated() {
        KubernetesCompute compute = attach("gpu-compute", gpuConfig());
        JobRun run = compute.submit(job("held", "10m")
                .instanceCount(2)
                .distribution(Distribution.pytorch(1))
                .build());
        Eventually.until(
                "both instances to run",
                RUN_TIMEOUT,
                () -> run.getStatus().state() == JobState.RUNNING
                        && pods(run.runId()).stream()
                                .allMatch(p -> "Running".equals(p.getStatus().getPhase())));
        String jobUid = client.batch()
                .v1()
                .jobs()
                .inNamespace(ns)
                .withName(run.runId())
                .get()
                .getMetadata()
                .getUid();
        assertThat(pods(run.runId()))
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences())
                        .extracting(OwnerReference::getUid)
                        .containsExactly(jobUid));

        run.cancel();

        assertThat(run.getStatus().state()).isEqualTo(JobState.CANCELED);
        assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.configMaps()
                        .inNamespace(ns)
                        .withLabel("arcml.io/run-id", run.runId())
                        .list()
                        .getItems())
                .isEmpty();
    }
}
