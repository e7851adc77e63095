package io.arcml.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.internal.RandomSuffix;
import io.arcml.k8s.CrudMockCluster;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The processes and clients the sweep benchmark measures with work as they should, on a small scale. */
class BenchmarkProcessesTest {
    private static final String NS = "amlarc-testing";
    private static final String CLUSTER =
            "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

    @Test
    void theApiServerProcessCountsRequestsAndATrackingProcessWeighsItsHeapWhileTrackingItsTrials() throws Exception {
        try (ApiServerProcess.Handle server = new ApiServerProcess.Handle()) {
            KubernetesClient client = server.client();
            long before = server.requestCount();
            CrudMockCluster.addNamespaceAndNode(client, NS);
            assertThat(server.requestCount() - before).isEqualTo(2);
            try (Workspace ws = Workspace.on(KubernetesControlPlane.builder(client)
                    .recordNamespace(NS)
                    .expectExtension(false)
                    .build())) {
                ComputeTarget.attach(
                                ws,
                                "bench-compute",
                                KubernetesCompute.attachConfiguration(CLUSTER).namespace(NS))
                        .waitForCompletion(false);
            }

            SweepFanOut.Tracking tracking = SweepFanOut.Tracking.run(server.trackingTarget(), NS, "bench-compute", 20);

            assertThat(tracking.usedHeapBytes()).isPositive().isLessThan(256L << 20);
            assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems())
                    .as("the trials the tracking process submitted")
                    .hasSize(20);
        }
    }

    @Test
    void theRequestCounterCountsEveryRequestItsClientSendsAsTheServerDoes() throws Exception {
        try (ApiServerProcess.Handle server = new ApiServerProcess.Handle()) {
            RequestCounter counter = new RequestCounter();
            try (KubernetesClient counted = ApiServerProcess.Handle.clientOf(server.url(), counter)) {
                long before = server.requestCount();
                counted.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(NS)
                                .endMetadata()
                                .build())
                        .create();
                counted.namespaces().withName(NS).get();
                counted.configMaps().inNamespace(NS).list();

                assertThat(counter.sent()).isEqualTo(3).isEqualTo(server.requestCount() - before);
                RequestCounter.Reading reading = counter.read();
                assertThat(reading.answered()).isEqualTo(3);
                assertThat(reading.mostInFlight())
                        .as("one request after the other")
                        .isEqualTo(1);
                assertThat(reading.waitedNanos()).isPositive();
            }
        }
    }

    @Test
    void aBatchOnTheSubmitPoolIsCountedRequestByRequestWithAtMostOneInFlightPerThread() throws Exception {
        try (ApiServerProcess.Handle server = new ApiServerProcess.Handle();
                SubmitPool pool = new SubmitPool(4, server.clientRequests(), server.serverCpu())) {
            KubernetesClient client = server.client();
            CrudMockCluster.addNamespaceAndNode(client, NS);

            SubmitPool.Batch batch = pool.run(
                    40,
                    i -> client.configMaps()
                            .inNamespace(NS)
                            .resource(new ConfigMapBuilder()
                                    .withNewMetadata()
                                    .withName("c" + i)
                                    .endMetadata()
                                    .build())
                            .create());

            assertThat(batch.trials()).isEqualTo(40);
            assertThat(batch.requests()).as("one create per trial").isEqualTo(40);
            assertThat(batch.mostInFlight()).isBetween(1, 4);
            assertThat(batch.inRequestNanos()).isPositive().isLessThanOrEqualTo(batch.inTaskNanos());
            assertThat(batch.inTaskNanos()).isLessThanOrEqualTo(4 * batch.wallNanos());
            assertThat(client.configMaps().inNamespace(NS).list().getItems()).hasSize(40);
        }
    }

    /** Runs where the real control plane's variables are exported (see README, "Real control plane"); skipped elsewhere. */
    @Test
    void onTheRealPlaneTheRawClientCreatesWithTheKubeconfigsCertificateAndTheFabric8ClientIsCounted() throws Exception {
        Optional<RealApiServer> found = RealApiServer.find();
        Assumptions.assumeTrue(found.isPresent(), "no real control plane: " + RealApiServer.HOW_TO_START);
        try (RealApiServer server = found.get()) {
            String ns = "arcml-bench-test-" + RandomSuffix.hex(3);
            long before = server.requestCount();
            server.client()
                    .namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
            try {
                assertThat(server.requestCount() - before).isEqualTo(1);
                HttpClient raw = server.rawHttp();
                HttpResponse<String> created = raw.send(
                        HttpRequest.newBuilder(URI.create(server.url() + "api/v1/namespaces/" + ns + "/configmaps"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"raw\"}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                assertThat(server.client()
                                .configMaps()
                                .inNamespace(ns)
                                .withName("raw")
                                .get())
                        .isNotNull();
            } finally {
                server.client().namespaces().withName(ns).delete();
            }
        }
    }
}
