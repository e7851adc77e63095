package io.arcml.samples.bench;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.internal.RandomSuffix;
import io.arcml.job.CommandJob;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.k8s.internal.PodSpecFactory;
import io.arcml.k8s.internal.RunEngine;
import io.arcml.k8s.internal.RunRenderer;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A sweep's fan-out on an API server in a process of its own ({@link ApiServerUnderTest}: fabric8's
 * mock in CRUD mode, or kube-apiserver of the real control plane): trial Jobs submitted through
 * {@link KubernetesControlPlane#submitJob} against fabric8's typed creates and raw concurrent HTTP
 * creates of the same batch/v1 Jobs, the API requests arcml makes to submit and track the trials,
 * and the heap of a client process tracking 10,000 of them ({@link TrackingProcess}).
 *
 * <p>The runs go to a namespace of their own whose ResourceQuota admits no pod: on a real plane
 * the Job controller would otherwise start a pod for each of the thousands of Jobs, and the
 * figures would weigh the scheduler and kwok rather than the clients.
 */
final class SweepFanOut {
    /** Jobs tracked while the heap is weighed. */
    static final int TRACKED = 10_000;
    /** The heap the tracking process may use: the goal, so that exceeding it fails the process. */
    private static final String TRACKING_HEAP = "-Xmx256m";

    static final int THREADS = 8;
    /** The rounds on fabric8's mock server: throughput still climbs over the first ten thousand creates. */
    static final Rounds MOCK_ROUNDS = new Rounds(1_000, 10, 7, Duration.ZERO);
    /**
     * The rounds on kube-apiserver: fewer, so that a run takes minutes on two shared cores; each
     * starts 5 s after the previous round's Jobs are gone, once the Job controller and the garbage
     * collector have worked off that round, so that no round pays for the one before it.
     */
    static final Rounds REAL_ROUNDS = new Rounds(1_000, 1, 5, Duration.ofSeconds(5));
    /** The instance type arcml attaches when none is given; trials name it, as compute.submit would. */
    private static final String DEFAULT_TYPE = InstanceType.DEFAULT_NAME;

    private static final String NODE = "arcml-bench-node";
    /** The annotation by which kwok takes a node as one of its fake nodes. */
    private static final String KWOK_NODE = "kwok.x-k8s.io/node";

    private static final String COMPUTE = "sweep-compute";
    private static final String CLUSTER = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
            + "/providers/Microsoft.ContainerService/managedClusters/aks";

    /**
     * How much is measured.
     *
     * @param trials Jobs created per round
     * @param warmUps untimed rounds of each kind first
     * @param rounds timed rounds of each kind, alternating; the figures are their medians
     * @param settle the pause after a round's Jobs are deleted, before the next round
     */
    record Rounds(int trials, int warmUps, int rounds, Duration settle) {}

    /** What one run measured. */
    record Result(
            double arcmlPerSecond,
            double rawPerSecond,
            double watchedRawPerSecond,
            double typedPerSecond,
            double[] roundRatios,
            int requestsForTrials,
            Tracking idle,
            Tracking tracking) {}

    private final ApiServerUnderTest server;
    private final KubernetesClient client;
    private final Rounds sizes;
    private final String ns = "arcml-bench-" + RandomSuffix.hex(3);

    private SweepFanOut(ApiServerUnderTest server, Rounds sizes) {
        this.server = server;
        this.client = server.client();
        this.sizes = sizes;
    }

    /** Measures on that server, in a namespace of its own that is deleted afterwards with the node and compute it needed. */
    static Result measure(ApiServerUnderTest server, Rounds sizes) throws Exception {
        return new SweepFanOut(server, sizes).measure();
    }

    private Result measure() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
            client.resourceQuotas()
                    .inNamespace(ns)
                    .resource(new ResourceQuotaBuilder()
                            .withNewMetadata()
                            .withName("no-pods")
                            .endMetadata()
                            .withNewSpec()
                            .withHard(Map.of("pods", new Quantity("0")))
                            .endSpec()
                            .build())
                    .create();
            addNode();
            try (Workspace ws = workspace()) {
                ComputeTarget.attach(
                                ws,
                                COMPUTE,
                                KubernetesCompute.attachConfiguration(CLUSTER).namespace(ns))
                        .waitForCompletion(false);
            }
            RawCreates raw =
                    new RawCreates(server.rawHttp(), server.url() + "apis/batch/v1/namespaces/" + ns + "/jobs");
            return measure(pool, raw);
        } finally {
            pool.shutdownNow();
            try (Workspace ws = workspace()) {
                ((KubernetesCompute) ComputeTarget.get(ws, COMPUTE)).detach();
            } finally {
                client.nodes().withName(NODE).delete();
                client.namespaces().withName(ns).delete();
            }
        }
    }

    /**
     * A node the trials' instance type fits, so that attach's preflight passes. On a real plane,
     * kwok keeps it Ready: the node lifecycle controller taints a node without heartbeats, and
     * preflight would then find no node that fits.
     */
    private void addNode() throws InterruptedException {
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(NODE)
                        .withAnnotations(Map.of(KWOK_NODE, "fake"))
                        .endMetadata()
                        .withNewStatus()
                        .withAllocatable(Map.of(
                                "cpu",
                                new Quantity("64"),
                                "memory",
                                new Quantity("256Gi"),
                                "pods",
                                new Quantity("110")))
                        .endStatus()
                        .build())
                .createOr(NonDeletingOperation::update);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!taints().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Node " + NODE + " is still tainted after 60 s: " + taints() + "; is kwok running?");
            }
            Thread.sleep(500);
        }
    }

    private List<Taint> taints() {
        return Optional.ofNullable(client.nodes().withName(NODE).get().getSpec())
                .map(NodeSpec::getTaints)
                .orElse(List.of());
    }

    private Workspace workspace() {
        return Workspace.on(plane());
    }

    private KubernetesControlPlane plane() {
        return KubernetesControlPlane.builder(client)
                .recordNamespace(ns)
                .expectExtension(false)
                .build();
    }

    private Result measure(ExecutorService pool, RawCreates raw) throws Exception {
        // Warm both paths and both JITs.
        for (int i = 0; i < sizes.warmUps(); i++) {
            rawRound(pool, raw.creating("warm" + i), "warm" + i, false);
            rawRound(pool, raw.creatingWith(client, "typedwarm" + i), "typedwarm" + i, false);
            arcmlRound(pool, "warm" + i);
        }

        // Alternate the kinds, in turns which goes first, each round on an emptied store; take medians.
        int rounds = sizes.rounds();
        double[] rawRates = new double[rounds];
        double[] watchedRawRates = new double[rounds];
        double[] typedRates = new double[rounds];
        double[] arcmlRates = new double[rounds];
        int[] requests = new int[rounds];
        for (int round = 0; round < rounds; round++) {
            boolean rawFirst = round % 2 == 0;
            if (rawFirst) {
                rawRates[round] = rawRound(pool, raw.creating("raw" + round), "raw" + round, false);
            }
            ArcmlRound arcml = arcmlRound(pool, "sweep" + round);
            arcmlRates[round] = arcml.perSecond();
            requests[round] = arcml.requests();
            watchedRawRates[round] = rawRound(pool, raw.creating("watched" + round), "watched" + round, true);
            typedRates[round] = rawRound(pool, raw.creatingWith(client, "typed" + round), "typed" + round, false);
            if (!rawFirst) {
                rawRates[round] = rawRound(pool, raw.creating("raw" + round), "raw" + round, false);
            }
        }

        Tracking idle = Tracking.run(server.trackingTarget(), ns, COMPUTE, 0);
        Tracking tracking = Tracking.run(server.trackingTarget(), ns, COMPUTE, TRACKED);
        double[] ratios = new double[rounds];
        Arrays.setAll(ratios, i -> arcmlRates[i] / typedRates[i]);
        return new Result(
                median(arcmlRates),
                median(rawRates),
                median(watchedRawRates),
                median(typedRates),
                ratios,
                (int) median(Arrays.stream(requests).asDoubleStream().toArray()),
                idle,
                tracking);
    }

    /**
     * Creates a round's Jobs (by plain HTTP, or through fabric8) and returns their rate per
     * second; leaves the namespace empty. With {@code watched}, a control plane watches the namespace meanwhile, as it
     * does while a sweep submits: the server then sends every created Job to the watch too.
     */
    private double rawRound(ExecutorService pool, IntConsumer creates, String prefix, boolean watched)
            throws Exception {
        double rate;
        if (watched) {
            try (KubernetesControlPlane plane = plane()) {
                // Reading a first run starts the plane's watches.
                plane.getJob(
                        COMPUTE,
                        plane.submitJob(COMPUTE, trial("watching-" + prefix, 0)).runId());
                rate = sizes.trials() / run(pool, sizes.trials(), creates);
                // Let the watch take the last events before it closes (see clear()).
                Thread.sleep(1_000);
            }
        } else {
            rate = sizes.trials() / run(pool, sizes.trials(), creates);
        }
        clear();
        return rate;
    }

    /** One sweep's submissions and its tracking loop, and the API requests both made. */
    private record ArcmlRound(double perSecond, int requests) {}

    /**
     * Submits a round's trials through a fresh control plane (so that the request count
     * includes starting its informers), reads every trial's status three times over, as a
     * sweep's tracking loop does, and leaves the namespace empty.
     */
    private ArcmlRound arcmlRound(ExecutorService pool, String sweep) throws Exception {
        long before = server.requestCount();
        double rate;
        int requests;
        try (KubernetesControlPlane plane = plane()) {
            List<String> runIds = Collections.synchronizedList(new ArrayList<>());
            rate = sizes.trials()
                    / run(
                            pool,
                            sizes.trials(),
                            i -> runIds.add(
                                    plane.submitJob(COMPUTE, trial(sweep, i)).runId()));
            for (int pass = 0; pass < 3; pass++) {
                for (String runId : runIds) {
                    plane.getJob(COMPUTE, runId)
                            .orElseThrow(() -> new IllegalStateException("Run " + runId + " is not tracked"));
                }
            }
            requests = (int) (server.requestCount() - before);
            // Let the watch take the last events before it closes (see clear()).
            Thread.sleep(1_000);
        }
        clear();
        return new ArcmlRound(rate, requests);
    }

    /** What a {@link TrackingProcess} weighed, and how long it ran. */
    record Tracking(long usedHeapBytes, double seconds) {
        /**
         * Runs a {@link TrackingProcess} in a JVM of its own, limited to {@link #TRACKING_HEAP}.
         *
         * @param target {@link ApiServerUnderTest#trackingTarget()}
         * @param namespace where the compute's record is kept
         */
        static Tracking run(String target, String namespace, String compute, int trials)
                throws IOException, InterruptedException {
            long start = System.nanoTime();
            Process p = Benchmarks.javaProcess(
                            List.of(TRACKING_HEAP),
                            TrackingProcess.class,
                            target,
                            namespace,
                            compute,
                            String.valueOf(trials))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            Matcher m = Pattern.compile("used-heap-bytes (\\d+)").matcher(out);
            if (exit != 0 || !m.find()) {
                throw new IllegalStateException("Tracking " + trials + " trials with " + TRACKING_HEAP
                        + " failed (exit " + exit + "):\n" + out);
            }
            return new Tracking(Long.parseLong(m.group(1)), seconds);
        }
    }

    static CommandJob trial(String sweep, int index) {
        return CommandJob.builder()
                .name(sweep + "-t" + index)
                .image("python:3.11")
                .command("python train.py --lr 0.01 --trial " + index)
                .instanceType(DEFAULT_TYPE)
                .build();
    }

    /** Runs {@code count} tasks on the pool and returns the wall time in seconds. */
    private static double run(ExecutorService pool, int count, IntConsumer task) throws Exception {
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> task.accept(index)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Deletes every trial Job, then waits until the server answers promptly again. fabric8's mock
     * server stalls its event loop for up to 30 s when a watch closes with events still queued
     * for it; a round must not be timed across such a stall. kube-apiserver removes the Jobs
     * with its garbage collector, a moment after the delete.
     */
    private void clear() throws InterruptedException {
        client.batch()
                .v1()
                .jobs()
                .inNamespace(ns)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete();
        while (true) {
            Thread.sleep(300);
            long start = System.nanoTime();
            int left =
                    client.batch().v1().jobs().inNamespace(ns).list().getItems().size();
            if (left == 0 && System.nanoTime() - start < 200_000_000L) {
                Thread.sleep(sizes.settle().toMillis());
                return;
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The same Jobs arcml renders for a trial, created by plain concurrent POSTs. */
    private final class RawCreates {
        private final HttpClient http;
        private final URI jobs;
        private final RunRenderer renderer = new RunRenderer(new PodSpecFactory(null, null));

        RawCreates(HttpClient http, String jobsUrl) {
            this.http = http;
            this.jobs = URI.create(jobsUrl);
        }

        private HasMetadata job(String prefix, int i) {
            return renderer.render(
                            prefix + "-t" + i + "-raw",
                            ns,
                            COMPUTE,
                            trial(prefix, i),
                            InstanceType.builder()
                                    .requests("1", "4Gi")
                                    .limits("1", "4Gi")
                                    .build(),
                            RunEngine.INDEXED_JOB)
                    .objects()
                    .get(0);
        }

        /** The same Jobs, created through fabric8's typed API: the client arcml is built on. */
        IntConsumer creatingWith(KubernetesClient client, String prefix) {
            return i -> client.resource(job(prefix, i)).create();
        }

        IntConsumer creating(String prefix) {
            return i -> {
                HasMetadata job = job(prefix, i);
                String runId = job.getMetadata().getName();
                try {
                    HttpResponse<Void> response = http.send(
                            HttpRequest.newBuilder(jobs)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(Serialization.asJson(job)))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("Creating " + runId + " answered " + response.statusCode());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            };
        }
    }

    /** The figures on that server, each beside its goal, named after the server. */
    static List<Benchmarks.Figure> figures(ApiServerUnderTest server, Rounds sizes) throws Exception {
        Result r = measure(server, sizes);
        String on = " (" + server.name() + ")";
        double ofRaw = r.arcmlPerSecond() / r.rawPerSecond();
        double ofTyped = r.arcmlPerSecond() / r.typedPerSecond();
        int requestGoal = (int) (1.2 * sizes.trials()) + 20;
        List<Benchmarks.Figure> out = new ArrayList<>();
        out.add(new Benchmarks.Figure(
                "sweep fan-out" + on + ": " + sizes.trials() + " trials via submitJob / fabric8 typed creates",
                String.format(
                        Locale.ROOT, "%.0f%% (%.0f vs %.0f/s)", 100 * ofTyped, r.arcmlPerSecond(), r.typedPerSecond()),
                ">= 95%",
                ofTyped >= 0.95));
        out.add(new Benchmarks.Figure(
                "  each of " + sizes.rounds() + " alternating rounds (medians above)",
                Arrays.stream(r.roundRatios())
                        .mapToObj(x -> String.format(Locale.ROOT, "%.0f", 100 * x))
                        .collect(Collectors.joining(" ", "", " %")),
                "(reference)",
                true));
        out.add(new Benchmarks.Figure(
                "  submitJob / raw HTTP creates",
                String.format(
                        Locale.ROOT,
                        "%.0f%% (raw %.0f/s); typed %.0f%% of raw",
                        100 * ofRaw,
                        r.rawPerSecond(),
                        100 * r.typedPerSecond() / r.rawPerSecond()),
                ">= 70%",
                ofRaw >= 0.7));
        out.add(new Benchmarks.Figure(
                "  raw creates while a watch is open",
                String.format(
                        Locale.ROOT,
                        "%.0f/s (%.0f%% of raw)",
                        r.watchedRawPerSecond(),
                        100 * r.watchedRawPerSecond() / r.rawPerSecond()),
                "(reference)",
                true));
        out.add(new Benchmarks.Figure(
                "sweep" + on + ": API requests to submit + track " + sizes.trials() + " trials",
                r.requestsForTrials() + " requests",
                "<= 1.2 x trials + 20 = " + requestGoal,
                r.requestsForTrials() <= requestGoal));
        long usedMb = r.tracking().usedHeapBytes() >> 20;
        out.add(new Benchmarks.Figure(
                "sweep" + on + ": client heap after GC tracking " + String.format(Locale.ROOT, "%,d", TRACKED)
                        + " jobs",
                usedMb + " MB (" + TRACKING_HEAP + ")",
                "< 256 MB",
                usedMb < 256));
        out.add(new Benchmarks.Figure(
                "  the same client process tracking none",
                (r.idle().usedHeapBytes() >> 20) + " MB",
                "(reference)",
                true));
        out.add(new Benchmarks.Figure(
                "  per tracked job; submit + track " + String.format(Locale.ROOT, "%,d", TRACKED),
                String.format(
                        Locale.ROOT,
                        "%.1f KB; %.0f s",
                        (r.tracking().usedHeapBytes() - r.idle().usedHeapBytes()) / 1024.0 / TRACKED,
                        r.tracking().seconds()),
                "(reference)",
                true));
        return out;
    }
}
