package io.arcml.samples.bench;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.transport.arm.ArmControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * Request economy and completion latency of an ARM attach against {@link ArmLroEmulator}: the
 * operation completes between the {@code (N-1)}th and the {@code N}th second after the PUT, and
 * every answer while it runs says {@code Retry-After: 1}. arcml (which sleeps what Retry-After
 * asks) and a client polling every 5 seconds whatever the server says (the Python SDK's cadence)
 * attach side by side in the same run, each several times with the completion spread over the
 * second so that the medians are not an artefact of one phase.
 */
final class ArmAttachEconomy {
    /** Status reads that see the operation run before the one that sees it done, plus that one. */
    static final int POLLS = 3;
    private static final int RUNS = 5;
    private static final Duration FIXED_POLL = Duration.ofSeconds(5);
    private static final String CLUSTER = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
            + "/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";

    /** What one client's attaches measured: medians over the runs. */
    record Outcome(int requestsPerAttach, long latencyMillis, int workspaceReads, int clusterReads) {
    }

    /** Both clients' outcomes. */
    record Comparison(Outcome arcml, Outcome fixedPoller) {
    }

    private ArmAttachEconomy() {
    }

    /** Runs both clients side by side against one emulator. */
    static Comparison measure() throws Exception {
        try (ArmLroEmulator arm = new ArmLroEmulator(Duration.ofSeconds(1))) {
            CompletableFuture<Outcome> fixed = CompletableFuture.supplyAsync(() -> fixedPoller(arm));
            Outcome arcml = arcml(arm);
            Outcome fixedPoller = fixed.get(5, TimeUnit.MINUTES);
            int arcmlWorkspaceReads = arm.workspaceReads() - fixedPoller.workspaceReads();
            return new Comparison(new Outcome(arcml.requestsPerAttach(), arcml.latencyMillis(), arcmlWorkspaceReads, arm.clusterReads()),
                    fixedPoller);
        }
    }

    /** The operation of run {@code i} completes at (N-1) s plus a fraction spread over the second. */
    private static Duration completion(int run) {
        return Duration.ofMillis((POLLS - 1) * 1000L + 100 + 800L * run / (RUNS - 1));
    }

    private static Outcome arcml(ArmLroEmulator arm) {
        TokenCredential fake = request -> Mono.just(new AccessToken("benchmark-token", OffsetDateTime.now().plusHours(1)));
        ArmControlPlane plane = ArmControlPlane.builder().workspace(ArmLroEmulator.WORKSPACE).credential(fake)
                .endpoint(arm.endpoint()).build();
        List<Integer> requests = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        try (Workspace ws = Workspace.on(plane)) {
            for (int i = 0; i < RUNS; i++) {
                String name = "arcml-" + i;
                arm.expectAttach(name, completion(i));
                KubernetesCompute compute = ComputeTarget.attach(ws, name, KubernetesCompute.attachConfiguration(CLUSTER)
                        .namespace("amlarc-testing")).waitForCompletion(false);
                long returned = System.nanoTime();
                if (!compute.provisioningState().isTerminal()) {
                    throw new IllegalStateException("Attach of " + name + " returned in state " + compute.provisioningState());
                }
                latencies.add(TimeUnit.NANOSECONDS.toMillis(returned - arm.completedAtNanos(name)));
                requests.add(arm.requests(name));
            }
        }
        return new Outcome(median(requests), median(latencies), -1, -1);
    }

    /**
     * A client that reads the compute, reads the workspace once, PUTs, then reads the operation
     * every 5 seconds until it is done and reads the compute back: the same requests as arcml's,
     * at the Python SDK's cadence.
     */
    private static Outcome fixedPoller(ArmLroEmulator arm) {
        HttpClient http = HttpClient.newHttpClient();
        List<Integer> requests = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        int workspaceReads = 0;
        try {
            for (int i = 0; i < RUNS; i++) {
                String name = "fixed-" + i;
                arm.expectAttach(name, completion(i));
                String url = arm.computeUrl(name);
                send(http, HttpRequest.newBuilder(URI.create(url)).GET());
                if (i == 0) {
                    send(http, HttpRequest.newBuilder(URI.create(arm.endpoint() + ArmLroEmulator.WORKSPACE.resourceId()
                            + "?api-version=2024-10-01")).GET());
                    workspaceReads++;
                }
                HttpResponse<String> put = send(http, HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"location\":\"eastus\",\"properties\":{\"computeType\":\"Kubernetes\","
                                + "\"resourceId\":\"" + CLUSTER + "\",\"properties\":{\"namespace\":\"amlarc-testing\"}}}")));
                URI status = URI.create(put.headers().firstValue("Azure-AsyncOperation").orElseThrow());
                String body;
                do {
                    Thread.sleep(FIXED_POLL.toMillis());
                    body = send(http, HttpRequest.newBuilder(status).GET()).body();
                } while (body.contains("InProgress"));
                send(http, HttpRequest.newBuilder(URI.create(url)).GET());
                latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arm.completedAtNanos(name)));
                requests.add(arm.requests(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Outcome(median(requests), median(latencies), workspaceReads, 0);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer benchmark-token").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T extends Number & Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** The figures, each beside its goal. */
    static List<Benchmarks.Figure> figures() throws Exception {
        Comparison c = measure();
        int goal = 1 + 1 + POLLS + 1;
        List<Benchmarks.Figure> out = new ArrayList<>();
        out.add(new Benchmarks.Figure("ARM attach, requests per attach (N=" + POLLS + " polls, Retry-After: 1)",
                c.arcml().requestsPerAttach() + " + " + c.arcml().workspaceReads() + " workspace GET + " + c.arcml().clusterReads() + " cluster GET",
                "1 GET+1 PUT+N+1 = " + goal + " (+1 cluster GET per plane)",
                c.arcml().requestsPerAttach() <= goal && c.arcml().workspaceReads() == 1 && c.arcml().clusterReads() == 1));
        out.add(new Benchmarks.Figure("ARM attach, server completion -> waitForCompletion returns",
                c.arcml().latencyMillis() + " ms", "<= 1000 ms", c.arcml().latencyMillis() <= 1000));
        out.add(new Benchmarks.Figure("  fixed 5 s poller (Python SDK cadence), same emulator, requests",
                c.fixedPoller().requestsPerAttach() + " + " + c.fixedPoller().workspaceReads() + " workspace GET",
                "(reference)", true));
        out.add(new Benchmarks.Figure("  fixed 5 s poller, server completion -> done",
                c.fixedPoller().latencyMillis() + " ms", "(reference)", true));
        return out;
    }
}
