package io.arcml.samples.bench;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.transport.arm.ArmControlPlane;
import java.io.IOException;
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
 * every answer while it runs says {@code Retry-After: 1}. Three clients attach in the
 * same run, each several times with the completion spread over the second so that the medians are
 * not an artefact of one phase: arcml ({@code attach(..).waitForCompletion()}), Azure's own Java
 * management poller ({@link AzureManagementPollerClient}: azure-core-management's
 * {@code SyncPollerFactory} with the generated clients' defaults), and a client polling every
 * 5 seconds whatever the server says (the Python SDK's cadence).
 */
final class ArmAttachEconomy {
    /** Status reads that see the operation run before the one that sees it done, plus that one. */
    static final int POLLS = 3;

    private static final int RUNS = 9;
    private static final Duration FIXED_POLL = Duration.ofSeconds(5);
    private static final String CLUSTER = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
            + "/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";
    private static final String BODY = "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"Kubernetes\","
            + "\"resourceId\":\"" + CLUSTER + "\",\"properties\":{\"namespace\":\"amlarc-testing\"}}}";

    /** What one client's attaches measured: medians over the runs. */
    record Outcome(int requestsPerAttach, long latencyMillis) {}

    /** The three clients' outcomes, and the workspace and cluster reads arcml sent (each once per control plane). */
    record Comparison(
            Outcome arcml, Outcome azurePoller, Outcome fixedPoller, int arcmlWorkspaceReads, int arcmlClusterReads) {}

    /** One client's attach of the compute of that name, returning when the client has seen it done. */
    private interface AttachClient {
        void attach(String name) throws Exception;
    }

    private ArmAttachEconomy() {}

    /**
     * Runs the three clients against one emulator: arcml and Azure's poller take turns (run i of
     * one, then run i of the other), so that both see the same load; the 5 s poller runs beside them.
     */
    static Comparison measure() throws Exception {
        TokenCredential fake = request -> Mono.just(
                new AccessToken("benchmark-token", OffsetDateTime.now().plusHours(1)));
        try (ArmLroEmulator arm = new ArmLroEmulator(Duration.ofSeconds(1));
                Workspace ws = Workspace.on(ArmControlPlane.builder()
                        .workspace(ArmLroEmulator.WORKSPACE)
                        .credential(fake)
                        .endpoint(arm.endpoint())
                        .build())) {
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<List<Outcome>> fixed = CompletableFuture.supplyAsync(
                    () -> inTurns(arm, List.of("fixed-"), List.of(name -> fixedPoller(arm, http, name))));
            AzureManagementPollerClient azure = new AzureManagementPollerClient();
            List<Outcome> turns = inTurns(
                    arm,
                    List.of("arcml-", "azure-"),
                    List.of(name -> arcml(ws, name), name -> azure.attach(arm.computeUrl(name), BODY)));
            return new Comparison(
                    turns.get(0),
                    turns.get(1),
                    fixed.get(5, TimeUnit.MINUTES).get(0),
                    arm.workspaceReads(),
                    arm.clusterReads());
        }
    }

    /** The operation of run {@code i} completes at (N-1) s plus a fraction spread over the second. */
    private static Duration completion(int run) {
        return Duration.ofMillis((POLLS - 1) * 1000L + 100 + 800L * run / (RUNS - 1));
    }

    /**
     * Attaches {@link #RUNS} computes with each client, the clients taking turns; client {@code k}'s
     * computes are named {@code prefixes[k]<i>}. The outcomes are in the clients' order: medians
     * of requests and of latency.
     */
    private static List<Outcome> inTurns(ArmLroEmulator arm, List<String> prefixes, List<AttachClient> clients) {
        List<List<Integer>> requests = new ArrayList<>();
        List<List<Long>> latencies = new ArrayList<>();
        clients.forEach(c -> {
            requests.add(new ArrayList<>());
            latencies.add(new ArrayList<>());
        });
        for (int i = 0; i < RUNS; i++) {
            for (int k = 0; k < clients.size(); k++) {
                String name = prefixes.get(k) + i;
                arm.expectAttach(name, completion(i));
                try {
                    clients.get(k).attach(name);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (Exception e) {
                    throw new IllegalStateException("Attach of " + name + " failed", e);
                }
                latencies.get(k).add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arm.completedAtNanos(name)));
                requests.get(k).add(arm.requests(name));
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (int k = 0; k < clients.size(); k++) {
            out.add(new Outcome(median(requests.get(k)), median(latencies.get(k))));
        }
        return out;
    }

    /** arcml's attach: {@code ComputeTarget.attach(..).waitForCompletion()}. */
    private static void arcml(Workspace ws, String name) {
        KubernetesCompute compute = ComputeTarget.attach(
                        ws, name, KubernetesCompute.attachConfiguration(CLUSTER).namespace("amlarc-testing"))
                .waitForCompletion(false);
        if (!compute.provisioningState().isTerminal()) {
            throw new IllegalStateException("Attach of " + name + " returned in state " + compute.provisioningState());
        }
    }

    /**
     * A client that reads the compute, PUTs, then reads the operation every 5 seconds until it is
     * done and reads the compute back: the same requests as arcml's, at the Python SDK's cadence.
     */
    private static void fixedPoller(ArmLroEmulator arm, HttpClient http, String name)
            throws IOException, InterruptedException {
        String url = arm.computeUrl(name);
        send(http, HttpRequest.newBuilder(URI.create(url)).GET());
        HttpResponse<String> put = send(
                http,
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(BODY)));
        URI status = URI.create(put.headers().firstValue("Azure-AsyncOperation").orElseThrow());
        String body;
        do {
            Thread.sleep(FIXED_POLL.toMillis());
            body = send(http, HttpRequest.newBuilder(status).GET()).body();
        } while (body.contains("InProgress"));
        send(http, HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return http.send(
                request.header("Authorization", "Bearer benchmark-token").build(),
                HttpResponse.BodyHandlers.ofString());
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
        Outcome arcml = c.arcml();
        Outcome azure = c.azurePoller();
        List<Benchmarks.Figure> out = new ArrayList<>();
        out.add(new Benchmarks.Figure(
                "ARM attach, requests per attach (N=" + POLLS + " polls, Retry-After: 1)",
                arcml.requestsPerAttach() + " + " + c.arcmlWorkspaceReads() + " workspace GET + "
                        + c.arcmlClusterReads() + " cluster GET",
                "1 GET+1 PUT+N+1 = " + goal + " (+1 cluster GET per plane)",
                arcml.requestsPerAttach() <= goal && c.arcmlWorkspaceReads() == 1 && c.arcmlClusterReads() == 1));
        out.add(new Benchmarks.Figure(
                "ARM attach, server completion -> waitForCompletion returns",
                arcml.latencyMillis() + " ms",
                "<= 1000 ms",
                arcml.latencyMillis() <= 1000));
        out.add(new Benchmarks.Figure(
                "  Azure SyncPollerFactory (defaults), same emulator, requests per attach",
                azure.requestsPerAttach() + " (arcml/Azure "
                        + ratio(arcml.requestsPerAttach(), azure.requestsPerAttach()) + ")",
                "arcml <= Azure",
                arcml.requestsPerAttach() <= azure.requestsPerAttach()));
        out.add(new Benchmarks.Figure(
                "  Azure SyncPollerFactory, server completion -> getFinalResult returns",
                azure.latencyMillis() + " ms (arcml/Azure " + ratio(arcml.latencyMillis(), azure.latencyMillis()) + ")",
                "arcml <= Azure",
                arcml.latencyMillis() <= azure.latencyMillis()));
        out.add(new Benchmarks.Figure(
                "  fixed 5 s poller (Python SDK cadence), same emulator, requests",
                String.valueOf(c.fixedPoller().requestsPerAttach()),
                "(reference)",
                true));
        out.add(new Benchmarks.Figure(
                "  fixed 5 s poller, server completion -> done",
                c.fixedPoller().latencyMillis() + " ms",
                "(reference)",
                true));
        return out;
    }

    private static String ratio(long arcml, long azure) {
        return azure == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) arcml / azure);
    }
}
