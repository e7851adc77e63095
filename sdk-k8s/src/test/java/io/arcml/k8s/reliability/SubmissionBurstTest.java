package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sweep's fan-out: many threads submitting trials to one compute through a control plane that
 * has not read the compute's record yet send, between them, one read of the record and one create
 * per trial, the requests fabric8's own typed creates of the same Jobs would send, plus that read;
 * a control plane that has just read the compute (as a notebook does before a sweep) sends only the creates.
 */
class SubmissionBurstTest {
    private static final String NS = MockApiServer.NS;
    private static final int THREADS = 8;
    private static final int TRIALS_PER_THREAD = 5;

    private MockApiServer mock;
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void attach() {
        mock = new MockApiServer();
        server = mock.server;
        client = mock.client;
        try (Workspace ws = Workspace.on(
                KubernetesControlPlane.builder(client).expectExtension(false).build())) {
            ComputeTarget.attach(
                            ws,
                            "sweep-compute",
                            KubernetesCompute.attachConfiguration(MockApiServer.AKS)
                                    .namespace(NS))
                    .waitForCompletion(false);
        }
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    @Test
    void aBurstOfTrialsFromManyThreadsReadsTheComputeRecordOnceAndCreatesOneJobPerTrial() throws Exception {
        // The record answers slowly, as a loaded API server would: every thread asks for it before the first answer.
        ConfigMap record =
                client.configMaps().inNamespace("default").list().getItems().get(0);
        String recordPath =
                "/api/v1/namespaces/default/configmaps/" + record.getMetadata().getName();
        server.expect()
                .get()
                .delay(300, TimeUnit.MILLISECONDS)
                .withPath(recordPath)
                .andReturn(200, record)
                .always();
        drainRequests();

        try (KubernetesControlPlane plane =
                KubernetesControlPlane.builder(client).expectExtension(false).build()) {
            burst(plane);
        }

        List<String> requests = drainRequests();
        assertThat(requests)
                .as("the requests of the burst")
                .filteredOn(r -> r.equals("GET " + recordPath))
                .hasSize(1);
        assertThat(requests)
                .filteredOn(r -> r.equals("POST /apis/batch/v1/namespaces/" + NS + "/jobs"))
                .hasSize(THREADS * TRIALS_PER_THREAD);
        assertThat(requests).hasSize(THREADS * TRIALS_PER_THREAD + 1);
    }

    @Test
    void aSweepSubmittedRightAfterItsComputeIsReadSendsOnlyTheCreatesTypedCreatesWouldSend() throws Exception {
        try (KubernetesControlPlane plane = KubernetesControlPlane.builder(client)
                        .expectExtension(false)
                        .build();
                Workspace ws = Workspace.on(plane)) {
            // As a notebook does before a sweep: compute = ComputeTarget.get(ws, name); compute.submit(..).
            ComputeTarget.get(ws, "sweep-compute");
            drainRequests();

            burst(plane);
        }

        assertThat(drainRequests())
                .as("the requests of the burst: one create per trial, as fabric8's typed creates of the same Jobs")
                .hasSize(THREADS * TRIALS_PER_THREAD)
                .allMatch(r -> r.equals("POST /apis/batch/v1/namespaces/" + NS + "/jobs"));
    }

    /** {@value #TRIALS_PER_THREAD} trials submitted from each of {@value #THREADS} threads, all starting at once. */
    private static void burst(KubernetesControlPlane plane) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> submissions = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                submissions.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < TRIALS_PER_THREAD; i++) {
                        plane.submitJob(
                                "sweep-compute",
                                trial(thread * TRIALS_PER_THREAD + i).toSpec());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : submissions) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A trial as {@code compute.submit} hands it to the transport: with the compute's default instance type. */
    private static CommandJob trial(int index) {
        return CommandJob.builder()
                .name("sweep-t" + index)
                .image("python:3.11")
                .command("python train.py --trial " + index)
                .instanceType(InstanceType.DEFAULT_NAME)
                .build();
    }

    /** The requests the server received since the last call, as {@code METHOD path}. */
    private List<String> drainRequests() throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(100, TimeUnit.MILLISECONDS);
                r != null;
                r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }
}
