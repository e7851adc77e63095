package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * arcml follows runs through watches; when every connection to the API server drops (an API
 * server restart, a load balancer's idle timeout), tracking resumes and sees what changed meanwhile.
 */
class WatchDisconnectTest {
    private static final String NS = ProxiedApiServer.NS;

    private ProxiedApiServer api;
    private DroppingProxy proxy;
    private KubernetesClient direct;
    private Workspace ws;

    @BeforeEach
    void start() throws Exception {
        api = new ProxiedApiServer(c -> c.withRequestRetryBackoffLimit(3), p -> p.pollInterval(Duration.ofMillis(20)));
        proxy = api.proxy;
        direct = api.direct;
        ws = api.ws;
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void trackingResumesAfterEveryConnectionDropsAndSeesWhatChangedMeanwhile() throws Exception {
        KubernetesCompute compute = ComputeTarget.attach(
                ws,
                "cpu-compute",
                KubernetesCompute.attachConfiguration(ProxiedApiServer.AKS).namespace(NS));
        compute.waitForCompletion(false);
        JobRun run = compute.submit(CommandJob.builder()
                .name("train")
                .image("python:3.11")
                .command("python train.py")
                .build());
        assertThat(run.getStatus().state()).isEqualTo(JobState.QUEUED);
        int before = proxy.connections.get();

        proxy.dropAll();
        Job job =
                direct.batch().v1().jobs().inNamespace(NS).withName(run.runId()).get();
        job.setStatus(new JobStatusBuilder()
                .addToConditions(new JobConditionBuilder()
                        .withType("Failed")
                        .withStatus("True")
                        .withReason("BackoffLimitExceeded")
                        .withMessage("Job has reached the specified backoff limit")
                        .build())
                .build());
        direct.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JobStatus status = run.getStatus();
        while (status.state() != JobState.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = run.getStatus();
        }
        assertThat(status.state()).as("status %s", status).isEqualTo(JobState.FAILED);
        assertThat(status.message()).contains("BackoffLimitExceeded");
        assertThat(proxy.connections.get()).as("the watches reconnected").isGreaterThan(before);
    }
}
