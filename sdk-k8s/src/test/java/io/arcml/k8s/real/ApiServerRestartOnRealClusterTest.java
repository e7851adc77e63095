package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.KubernetesCompute;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.transport.ControlPlane;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver restarts in the middle of runs (and etcd's history is compacted meanwhile, so
 * every watch resumed from before the restart is answered 410 Gone): arcml's tracking comes back
 * by itself, every run ends as it did on the cluster, and nothing is created twice.
 */
class ApiServerRestartOnRealClusterTest extends RealClusterTestBase {

    @Test
    void trackingSurvivesAnApiServerRestartWithNothingLostAndNothingDuplicated() throws Exception {
        KubernetesCompute compute = attach("cpu-compute", gpuConfig());
        List<JobRun> runs = List.of(
                compute.submit(job("short-a", "4s").instanceType("cpu_small").build()),
                compute.submit(job("short-b", "4s").instanceType("cpu_small").build()),
                compute.submit(job("long-a", "30s").instanceType("cpu_small").build()),
                compute.submit(job("failing", "4s")
                        .instanceType("cpu_small")
                        .environmentVariable(EXIT_CODE, "2")
                        .build()));
        Eventually.until(
                "every run to be running",
                RUN_TIMEOUT,
                () -> runs.stream().allMatch(r -> r.getStatus().state() == JobState.RUNNING));
        String before = client.pods().inNamespace(ns).list().getMetadata().getResourceVersion();

        plane.restartApiServer();

        // The watches arcml had open resume from before the restart; the API server has forgotten that far back.
        assertThat(watchFrom(before))
                .as("a watch resumed from before the restart")
                .isEqualTo(410);
        Eventually.until(
                "every run to end",
                RUN_TIMEOUT,
                () -> runs.stream().allMatch(r -> r.getStatus().state().isTerminal()));
        assertThat(runs)
                .extracting(r -> r.getStatus().state())
                .containsExactly(JobState.COMPLETED, JobState.COMPLETED, JobState.COMPLETED, JobState.FAILED);
        assertThat(runs.get(3).getStatus().message()).contains("exit code 2");
        for (JobRun run : runs) {
            assertThat(pods(run.runId())).as("pods of %s", run.runId()).hasSize(1);
            assertThat(ControlPlane.of(compute.workspace().controlPlane())
                            .jobs()
                            .orElseThrow()
                            .findJobs(compute.name(), run.job().name()))
                    .hasSize(1);
        }
        // Runs submitted after the restart are followed too.
        JobRun after =
                compute.submit(job("after", "1s").instanceType("cpu_small").build());
        assertThat(after.waitForCompletion(false, RUN_TIMEOUT).getStatus().state())
                .isEqualTo(JobState.COMPLETED);
    }

    /** Opens a watch of the namespace's pods from a resource version; the HTTP code it is closed with, 0 when it stays open. */
    private int watchFrom(String resourceVersion) throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        try (Watch ignored = client.pods()
                .inNamespace(ns)
                .withResourceVersion(resourceVersion)
                .watch(new Watcher<Pod>() {
                    @Override
                    public void eventReceived(Action action, Pod resource) {}

                    @Override
                    public void onClose(WatcherException cause) {
                        closed.complete(cause.asClientException().getCode());
                    }
                })) {
            return closed.completeOnTimeout(0, 10, TimeUnit.SECONDS).get();
        } catch (KubernetesClientException refusedAtOnce) {
            return refusedAtOnce.getCode();
        }
    }
}
