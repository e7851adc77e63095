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

    /** Rounds of arcml and Azure's poller, unless {@code -Darcml.arm.rounds} says otherwise. */
    private static final int ROUNDS = Integer.getInteger("arcml.arm.rounds", 21);
    /** Rounds of the 5 s reference poller (each takes about 15 s; it runs beside the others). */
    private static final int FIXED_ROUNDS = Math.min(ROUNDS, 5);

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration FIXED_POLL = Duration.ofSeconds(5);
    private static final String CLUSTER = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
            + "/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";
    private static final String BODY = "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"Kubernetes\","
            + "\"resourceId\":\"" + CLUSTER + "\",\"properties\":{\"namespace\":\"amlarc-testing\"}}}";

    /**
     * One attach by one client, as the server saw it and the client returned.
     *
     * @param requests the requests that named the compute
     * @param latencyMillis from the operation's completion on the server to the client's return
     * @param overshootMillis the waits before the status reads beyond {@code Retry-After}, summed:
     *     from each answer (the PUT's, then each status read's) to the next status read
     * @param actMillis from the answer that said {@code Succeeded} to the final read of the compute
     * @param returnMillis from the answer to the final read to the client's return
     */
    record Round(int requests, long latencyMillis, long overshootMillis, long actMillis, long returnMillis) {
        static Round of(int requests, long completedAt, long returnedAt, ArmLroEmulator.Timeline t) {
            long overshoot = 0;
            long answered = t.putAnswered();
            for (long[] read : t.statusReads()) {
                overshoot += read[0] - answered - RETRY_AFTER.toNanos();
                answered = read[1];
            }
            return new Round(
                    requests,
                    millis(returnedAt - completedAt),
                    millis(overshoot),
                    millis(t.lastReadArrived() - answered),
                    millis(returnedAt - t.lastReadAnswered()));
        }

        private static long millis(long nanos) {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }

    /** What one client's attaches measured: every round, and the medians over them. */
    record Outcome(List<Round> rounds) {
        int requestsPerAttach() {
            return median(rounds.stream().map(Round::requests).toList());
        }

        long latencyMillis() {
            return median(rounds.stream().map(Round::latencyMillis).toList());
        }

        long overshootMillis() {
            return median(rounds.stream().map(Round::overshootMillis).toList());
        }

        long actMillis() {
            return median(rounds.stream().map(Round::actMillis).toList());
        }

        long returnMillis() {
            return median(rounds.stream().map(Round::returnMillis).toList());
        }
    }

    /** The three clients' outcomes, and the workspace and cluster reads arcml sent (each once per control plane). */
    record Comparison(
            Outcome arcml, Outcome azurePoller, Outcome fixedPoller, int arcmlWorkspaceReads, int arcmlClusterReads) {
        /** The median over the rounds of arcml's latency over Azure's poller's in the same round. */
        double medianLatencyRatio() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < arcml.rounds().size(); i++) {
                ratios.add((double) arcml.rounds().get(i).latencyMillis()
                        / Math.max(1, azurePoller.rounds().get(i).latencyMillis()));
            }
            return median(ratios);
        }
    }

    /** One client's attach of the compute of that name, returning when the client has seen it done. */
    private interface AttachClient {
        void attach(String name) throws Exception;
    }

    private ArmAttachEconomy() {}

    /**
     * Runs the three clients against one emulator: arcml and Azure's poller take turns (round i of
     * one, then round i of the other, the first to go alternating), so that both see the same load
     * and the same completion times; the 5 s poller runs beside them.
     */
    static Comparison measure() throws Exception {
        TokenCredential fake = request -> Mono.just(
                new AccessToken("benchmark-token", OffsetDateTime.now().plusHours(1)));
        try (ArmLroEmulator arm = new ArmLroEmulator(RETRY_AFTER);
                Workspace ws = Workspace.on(ArmControlPlane.builder()
                        .workspace(ArmLroEmulator.WORKSPACE)
                        .credential(fake)
                        .endpoint(arm.endpoint())
                        .build())) {
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<List<Outcome>> fixed = CompletableFuture.supplyAsync(
                    () -> inTurns(arm, FIXED_ROUNDS, List.of("fixed-"), List.of(name -> fixedPoller(arm, http, name))));
            AzureManagementPollerClient azure = new AzureManagementPollerClient();
            List<Outcome> turns = inTurns(
                    arm,
                    ROUNDS,
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

    /** The operation of round {@code i} of {@code rounds} completes at (N-1) s plus a fraction spread over the second. */
    private static Duration completion(int round, int rounds) {
        return Duration.ofMillis((POLLS - 1) * 1000L + 100 + 800L * round / Math.max(1, rounds - 1));
    }

    /**
     * Attaches {@code rounds} computes with each client, the clients taking turns; client {@code k}'s
     * computes are named {@code prefixes[k]<i>}. The outcomes are in the clients' order.
     */
    private static List<Outcome> inTurns(
            ArmLroEmulator arm, int rounds, List<String> prefixes, List<AttachClient> clients) {
        List<List<Round>> measured = new ArrayList<>();
        clients.forEach(c -> measured.add(new ArrayList<>()));
        for (int i = 0; i < rounds; i++) {
            for (int turn = 0; turn < clients.size(); turn++) {
                int k = (turn + i) % clients.size();
                String name = prefixes.get(k) + i;
                arm.expectAttach(name, completion(i, rounds));
                try {
                    clients.get(k).attach(name);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (Exception e) {
                    throw new IllegalStateException("Attach of " + name + " failed", e);
                }
                long returned = System.nanoTime();
                measured.get(k)
                        .add(Round.of(arm.requests(name), arm.completedAtNanos(name), returned, arm.timeline(name)));
            }
        }
        return measured.stream().map(Outcome::new).toList();
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

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** The figures, each beside its goal; the rounds are printed first, one line each. */
    static List<Benchmarks.Figure> figures() throws Exception {
        Comparison c = measure();
        printRounds(c);
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
                arcml.latencyMillis() + " ms (median of " + arcml.rounds().size() + ")",
                "<= 1000 ms",
                arcml.latencyMillis() <= 1000));
        out.add(new Benchmarks.Figure(
                "  of which: waits beyond Retry-After, Succeeded -> final GET, final GET -> return",
                breakdown(arcml),
                "(where the time goes)",
                true));
        out.add(new Benchmarks.Figure(
                "  Azure SyncPollerFactory (defaults), same emulator, requests per attach",
                azure.requestsPerAttach() + " (arcml/Azure "
                        + ratio(arcml.requestsPerAttach(), azure.requestsPerAttach()) + ")",
                "arcml <= Azure",
                arcml.requestsPerAttach() <= azure.requestsPerAttach()));
        out.add(new Benchmarks.Figure(
                "  Azure SyncPollerFactory, server completion -> getFinalResult returns",
                azure.latencyMillis() + " ms (arcml/Azure, median of the rounds' ratios "
                        + String.format(Locale.ROOT, "%.2f", c.medianLatencyRatio()) + ")",
                "median ratio <= 1.00",
                c.medianLatencyRatio() <= 1));
        out.add(new Benchmarks.Figure("  of which (Azure, same three parts)", breakdown(azure), "(reference)", true));
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

    /** Each round of arcml beside the same round of Azure's poller: the rounds' completion time, requests, latency and its parts. */
    private static void printRounds(Comparison c) {
        System.out.println();
        System.out.println("ARM attach rounds (operation completes at; requests, latency ms = waits beyond Retry-After"
                + " + Succeeded->final GET + final GET->return + the rest)");
        System.out.printf(Locale.ROOT, "%5s %9s   %-32s %-32s %s%n", "round", "completes", "arcml", "Azure", "ratio");
        for (int i = 0; i < c.arcml().rounds().size(); i++) {
            Round a = c.arcml().rounds().get(i);
            Round z = c.azurePoller().rounds().get(i);
            System.out.printf(
                    Locale.ROOT,
                    "%5d %7d ms   %-32s %-32s %.2f%n",
                    i,
                    completion(i, c.arcml().rounds().size()).toMillis(),
                    describe(a),
                    describe(z),
                    (double) a.latencyMillis() / Math.max(1, z.latencyMillis()));
        }
    }

    private static String describe(Round r) {
        return r.requests() + " req, " + r.latencyMillis() + " ms (" + r.overshootMillis() + "+" + r.actMillis() + "+"
                + r.returnMillis() + ")";
    }

    private static String breakdown(Outcome o) {
        return o.overshootMillis() + " + " + o.actMillis() + " + " + o.returnMillis() + " ms";
    }

    private static String ratio(long arcml, long azure) {
        return azure == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) arcml / azure);
    }
}
