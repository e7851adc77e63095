package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.JobRun;
import io.arcml.k8s.internal.ArcmlLabels;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API server stores a run's Job but its response is lost (a connection reset after the server
 * acted); the client sends the create again and is told the Job exists. That Job is the run's
 * own: the run goes on, once.
 */
class LostResponseTest {
    private static final String NS = ProxiedApiServer.NS;

    private ProxiedApiServer api;

    @BeforeEach
    void start() throws Exception {
        // Retries after a lost connection are the client's default; HTTP/1.1 so that the relay sees request lines.
        api = new ProxiedApiServer(
                c -> c.withHttp2Disable(true).withRequestRetryBackoffLimit(3).withRequestRetryBackoffInterval(10),
                p -> p);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void aCreateRepeatedAfterItsResponseWasLostIsRecognisedAsTheRunsOwn() {
        KubernetesCompute compute = ComputeTarget.attach(
                api.ws,
                "cpu-compute",
                KubernetesCompute.attachConfiguration(ProxiedApiServer.AKS).namespace(NS));
        compute.waitForCompletion(false);
        api.proxy.loseResponseToNext("POST /apis/batch/v1/namespaces/" + NS + "/jobs");

        JobRun run = compute.submit(CommandJob.builder()
                .name("train")
                .image("python:3.11")
                .command("python train.py")
                .build());

        assertThat(api.proxy.responsesLost).hasValue(1);
        List<Job> jobs = api.direct.batch().v1().jobs().inNamespace(NS).list().getItems();
        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(j.getMetadata().getName()).isEqualTo(run.runId());
            assertThat(j.getMetadata().getAnnotations()).containsKey(ArcmlLabels.SUBMISSION_ANNOTATION);
        });
        assertThat(run.getStatus().state().isTerminal()).isFalse();
    }
}
