package io.arcml.samples.bench;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.k8s.DistributedEngine;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.k8s.internal.PodSpecFactory;
import io.arcml.k8s.internal.RunRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sweep's fan-out on fabric8's mock API server in CRUD mode (loopback): trial Jobs submitted
 * through {@link KubernetesControlPlane#submitJob} against raw concurrent HTTP creates of the same
 * batch/v1 Jobs, the API requests arcml makes to submit and track the trials (counted at the
 * server), and the heap of a client process tracking 10,000 of them ({@link TrackingProcess}).
 */
final class SweepFanOut {
    static final int TRIALS = 1_000;
    /** Jobs tracked while the heap is weighed. */
    static final int TRACKED = 10_000;
    /** The heap the tracking process may use: the goal, so that exceeding it fails the process. */
    private static final String TRACKING_HEAP = "-Xmx256m";
    static final int THREADS = 8;
    /** Rounds of each kind, alternating; the figures are their medians. */
    private static final int ROUNDS = 7;
    /** Untimed rounds of each kind first. */
    private static final int WARM_UP_ROUNDS = 10;
    /** The instance type arcml attaches when none is given; trials name it, as compute.submit would. */
    private static final String DEFAULT_TYPE = io.arcml.compute.InstanceType.DEFAULT_NAME;
    private static final String NS = "amlarc-testing";
    private static final String CLUSTER = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
            + "/providers/Microsoft.ContainerService/managedClusters/aks";

    /** What one run measured. */
    record Result(double arcmlPerSecond, double rawPerSecond, double watchedRawPerSecond, double typedPerSecond, double[] roundRatios,
                  int requestsForTrials, Tracking idle, Tracking tracking) {
    }

    private SweepFanOut() {
    }

    static Result measure() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (ApiServerProcess.Handle server = new ApiServerProcess.Handle();
             KubernetesClient client = clientOf(server.url())) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewStatus()
                    .withAllocatable(Map.of("cpu", new Quantity("64"), "memory", new Quantity("256Gi"))).endStatus().build()).create();
            String compute = "sweep-compute";
            try (Workspace ws = Workspace.on(KubernetesControlPlane.builder(client).expectExtension(false).build())) {
                ComputeTarget.attach(ws, compute, KubernetesCompute.attachConfiguration(CLUSTER).namespace(NS)).waitForCompletion(false);
            }
            RawCreates raw = new RawCreates(server.url() + "apis/batch/v1/namespaces/" + NS + "/jobs");

            // Warm both paths and both JITs: throughput still climbs over the first ten thousand creates.
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                rawRound(pool, raw.creating("warm" + i), "warm" + i, client, compute, false);
                rawRound(pool, raw.creatingWith(client, "typedwarm" + i), "typedwarm" + i, client, compute, false);
                arcmlRound(pool, client, compute, "warm" + i, server);
            }

            // Alternate the kinds, in turns which goes first, each round on an emptied store; take medians.
            double[] rawRates = new double[ROUNDS];
            double[] watchedRawRates = new double[ROUNDS];
            double[] typedRates = new double[ROUNDS];
            double[] arcmlRates = new double[ROUNDS];
            int[] requests = new int[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                boolean rawFirst = round % 2 == 0;
                if (rawFirst) {
                    rawRates[round] = rawRound(pool, raw.creating("raw" + round), "raw" + round, client, compute, false);
                }
                ArcmlRound arcml = arcmlRound(pool, client, compute, "sweep" + round, server);
                arcmlRates[round] = arcml.perSecond();
                requests[round] = arcml.requests();
                watchedRawRates[round] = rawRound(pool, raw.creating("watched" + round), "watched" + round, client, compute, true);
                typedRates[round] = rawRound(pool, raw.creatingWith(client, "typed" + round), "typed" + round, client, compute, false);
                if (!rawFirst) {
                    rawRates[round] = rawRound(pool, raw.creating("raw" + round), "raw" + round, client, compute, false);
                }
            }

            Tracking idle = Tracking.run(server.url(), compute, 0);
            Tracking tracking = Tracking.run(server.url(), compute, TRACKED);
            double[] ratios = new double[ROUNDS];
            Arrays.setAll(ratios, i -> arcmlRates[i] / rawRates[i]);
            return new Result(median(arcmlRates), median(rawRates), median(watchedRawRates), median(typedRates), ratios,
                    (int) median(Arrays.stream(requests).asDoubleStream().toArray()), idle, tracking);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A fabric8 client of the API server over HTTP/1.1, as the raw creates are, so that the two
     * are compared on the same protocol.
     */
    static KubernetesClient clientOf(String url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default").withHttp2Disable(true).build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    /**
     * Creates {@link #TRIALS} Jobs (by plain HTTP, or through fabric8) and returns their rate per
     * second; leaves the store empty. With {@code watched}, a control plane watches the namespace meanwhile, as it
     * does while a sweep submits: the server then sends every created Job to the watch too.
     */
    private static double rawRound(ExecutorService pool, IntConsumer creates, String prefix, KubernetesClient client, String compute,
                                   boolean watched) throws Exception {
        double rate;
        if (watched) {
            try (KubernetesControlPlane plane = KubernetesControlPlane.builder(client).expectExtension(false).build()) {
                // Reading a first run starts the plane's watches.
                plane.getJob(compute, plane.submitJob(compute, trial("watching-" + prefix, 0)).runId());
                rate = TRIALS / run(pool, TRIALS, creates);
                // Let the watch take the last events before it closes (see clear()).
                Thread.sleep(1_000);
            }
        } else {
            rate = TRIALS / run(pool, TRIALS, creates);
        }
        clear(client);
        return rate;
    }

    /** One sweep's submissions and its tracking loop, and the API requests both made. */
    private record ArcmlRound(double perSecond, int requests) {
    }

    /**
     * Submits {@link #TRIALS} trials through a fresh control plane (so that the request count
     * includes starting its informers), reads every trial's status three times over, as a
     * sweep's tracking loop does, and leaves the store empty.
     */
    private static ArcmlRound arcmlRound(ExecutorService pool, KubernetesClient client, String compute, String sweep,
                                         ApiServerProcess.Handle server) throws Exception {
        int before = server.requestCount();
        double rate;
        int requests;
        try (KubernetesControlPlane plane = KubernetesControlPlane.builder(client).expectExtension(false).build()) {
            List<String> runIds = Collections.synchronizedList(new ArrayList<>());
            rate = TRIALS / run(pool, TRIALS, i -> runIds.add(plane.submitJob(compute, trial(sweep, i)).runId()));
            for (int pass = 0; pass < 3; pass++) {
                for (String runId : runIds) {
                    plane.getJob(compute, runId).orElseThrow(() -> new IllegalStateException("Run " + runId + " is not tracked"));
                }
            }
            requests = server.requestCount() - before;
            // Let the watch take the last events before it closes (see clear()).
            Thread.sleep(1_000);
        }
        clear(client);
        return new ArcmlRound(rate, requests);
    }

    /** What a {@link TrackingProcess} weighed, and how long it ran. */
    record Tracking(long usedHeapBytes, double seconds) {
        /** Runs a {@link TrackingProcess} in a JVM of its own, limited to {@link #TRACKING_HEAP}. */
        static Tracking run(String serverUrl, String compute, int trials) throws IOException, InterruptedException {
            long start = System.nanoTime();
            Process p = Benchmarks.javaProcess(List.of(TRACKING_HEAP), TrackingProcess.class, serverUrl, compute, String.valueOf(trials))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            Matcher m = Pattern.compile("used-heap-bytes (\\d+)").matcher(out);
            if (exit != 0 || !m.find()) {
                throw new IllegalStateException("Tracking " + trials + " trials with " + TRACKING_HEAP + " failed (exit " + exit + "):\n" + out);
            }
            return new Tracking(Long.parseLong(m.group(1)), seconds);
        }
    }

    static CommandJob trial(String sweep, int index) {
        return CommandJob.builder().name(sweep + "-t" + index).image("python:3.11")
                .command("python train.py --lr 0.01 --trial " + index).instanceType(DEFAULT_TYPE).build();
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
     * for it; a round must not be timed across such a stall.
     */
    private static void clear(KubernetesClient client) throws InterruptedException {
        client.batch().v1().jobs().inNamespace(NS).delete();
        while (true) {
            Thread.sleep(300);
            long start = System.nanoTime();
            int left = client.batch().v1().jobs().inNamespace(NS).list().getItems().size();
            if (left == 0 && System.nanoTime() - start < 200_000_000L) {
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
    private static final class RawCreates {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI jobs;
        private final RunRenderer renderer = new RunRenderer(new PodSpecFactory(null, null));

        RawCreates(String jobsUrl) {
            this.jobs = URI.create(jobsUrl);
        }

        private HasMetadata job(String prefix, int i) {
            return renderer.render(prefix + "-t" + i + "-raw", NS, "sweep-compute", trial(prefix, i),
                    io.arcml.compute.InstanceType.builder().requests("1", "4Gi").limits("1", "4Gi").build(),
                    DistributedEngine.INDEXED_JOB).objects().get(0);
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
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(jobs).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Serialization.asJson(job))).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("Creating " + runId + " answered " + response.statusCode());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            };
        }
    }

    /** The figures, each beside its goal. */
    static List<Benchmarks.Figure> figures() throws Exception {
        Result r = measure();
        double ratio = r.arcmlPerSecond() / r.rawPerSecond();
        int requestGoal = (int) (1.2 * TRIALS) + 20;
        List<Benchmarks.Figure> out = new ArrayList<>();
        out.add(new Benchmarks.Figure("sweep fan-out: " + TRIALS + " trials via submitJob / raw creates",
                String.format(Locale.ROOT, "%.0f%% (%.0f vs %.0f/s)", 100 * ratio, r.arcmlPerSecond(), r.rawPerSecond()), ">= 70%", ratio >= 0.7));
        out.add(new Benchmarks.Figure("  each of " + ROUNDS + " alternating rounds (medians above)", Arrays.stream(r.roundRatios())
                .mapToObj(x -> String.format(Locale.ROOT, "%.0f", 100 * x)).collect(java.util.stream.Collectors.joining(" ", "", " %")),
                "(reference)", true));
        out.add(new Benchmarks.Figure("  raw creates while a watch is open", String.format(Locale.ROOT,
                "%.0f/s (%.0f%% of raw)", r.watchedRawPerSecond(), 100 * r.watchedRawPerSecond() / r.rawPerSecond()), "(reference)", true));
        out.add(new Benchmarks.Figure("  fabric8 typed creates (arcml's client)", String.format(Locale.ROOT,
                "%.0f/s (%.0f%% of raw); arcml %.0f%% of it", r.typedPerSecond(), 100 * r.typedPerSecond() / r.rawPerSecond(),
                100 * r.arcmlPerSecond() / r.typedPerSecond()), "(reference)", true));
        out.add(new Benchmarks.Figure("sweep: API requests to submit + track " + TRIALS + " trials",
                r.requestsForTrials() + " requests", "<= 1.2 x trials + 20 = " + requestGoal, r.requestsForTrials() <= requestGoal));
        long usedMb = r.tracking().usedHeapBytes() >> 20;
        out.add(new Benchmarks.Figure("sweep: client heap after GC tracking " + String.format(Locale.ROOT, "%,d", TRACKED) + " jobs",
                usedMb + " MB (" + TRACKING_HEAP + ")", "< 256 MB", usedMb < 256));
        out.add(new Benchmarks.Figure("  the same client process tracking none",
                (r.idle().usedHeapBytes() >> 20) + " MB", "(reference)", true));
        out.add(new Benchmarks.Figure("  per tracked job; submit + track " + String.format(Locale.ROOT, "%,d", TRACKED),
                String.format(Locale.ROOT, "%.1f KB; %.0f s", (r.tracking().usedHeapBytes() - r.idle().usedHeapBytes()) / 1024.0 / TRACKED,
                        r.tracking().seconds()), "(reference)", true));
        return out;
    }
}
