package io.arcml.samples.bench;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.internal.RandomSuffix;
import io.arcml.job.CommandJob;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A sweep's fan-out on an API server in a process of its own ({@link ApiServerUnderTest}: fabric8's
 * mock in CRUD mode, or kube-apiserver of the real control plane): trial Jobs submitted through
 * {@link KubernetesControlPlane#submitJob} against fabric8's typed creates and raw concurrent HTTP
 * creates of the same batch/v1 Jobs, the API requests arcml makes to submit and track the trials,
 * and the heap of a client process tracking 10,000 of them ({@link TrackingProcess}).
 *
 * <p>The three arms compared do the same work: one create of the same Job per trial from the same
 * pool of {@value #THREADS} threads on the same client; arcml adds one read of the compute's
 * record per sweep. The third arm, fabric8's typed creates again (Jobs of their own names), is
 * an A/A control: its ratio to the first typed creates, batch by batch, shows how far the
 * ratios stray when both sides do the same work, the noise floor of the fan-out figure. Where
 * the server keeps an audit log (kube-apiserver of the real control plane), the requests it
 * received from each arm are counted there and shown.
 *
 * <p>Where each arm's time goes is shown beside its rate ({@link SubmitPool}): the requests its
 * client sent per trial and how many were in flight at once, its threads' time in requests, in the
 * rest of a submission, blocked on monitors and idle, the client's and the server's CPU time,
 * garbage collection and allocation per trial.
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
    static final Rounds MOCK_ROUNDS = new Rounds(1_000, 200, 10, 7, Duration.ZERO);
    /**
     * The rounds on kube-apiserver: 1,000 trials per arm in batches of 200 taking turns, so that
     * an arm's batch and the other arm's next one meet the same load on the two shared cores; 26
     * timed rounds, 130 turns (about ten minutes on a quiet machine): two identical arms differ by up
     * to 13% over 45 turns, and 130 turns narrow the median's 95% interval to a few percent.
     * Each round starts 5 s after the previous round's Jobs are gone, once the Job controller and
     * the garbage collector have worked off that round, so that no round pays for the one before.
     */
    static final Rounds REAL_ROUNDS = new Rounds(1_000, 200, 1, 26, Duration.ofSeconds(5));
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
     * @param trials Jobs each arm creates per round
     * @param batch Jobs an arm creates before the next arm takes its turn; divides {@code trials}
     * @param warmUps untimed rounds first
     * @param rounds timed rounds; the figures are their medians
     * @param settle the pause after a round's Jobs are deleted, before the next round
     */
    record Rounds(int trials, int batch, int warmUps, int rounds, Duration settle) {
        /** These sizes with that many timed rounds instead, when {@code rounds} is given. */
        Rounds withRounds(Integer rounds) {
            return rounds == null ? this : new Rounds(trials, batch, warmUps, rounds, settle);
        }

        /** The turns each arm takes per round. */
        int turns() {
            return trials / batch;
        }
    }

    /**
     * What one run measured.
     *
     * @param rounds the timed rounds, each with its three arms
     * @param loadsBefore the machine's one-minute load average before each timed round
     * @param loadsAfter the same after each timed round
     * @param serverRequests the requests the server logged per arm, where it keeps a log
     */
    record Result(
            List<Round> rounds,
            double[] loadsBefore,
            double[] loadsAfter,
            int requestsForTrials,
            Optional<ServerRequests> serverRequests,
            Tracking idle,
            Tracking tracking) {
        /** Each round's submitJob rate over the typed creates' rate, the two arms run back to back in that round. */
        double[] roundRatios() {
            return rounds.stream()
                    .mapToDouble(r -> r.arcml().perSecond() / r.typed().perSecond())
                    .toArray();
        }

        /**
         * Each turn's submitJob rate over the typed creates' rate: the arms' batches of a turn run
         * back to back, the first of the two changing from turn to turn, so that each ratio compares
         * two batches that met the same load within a second or two.
         */
        double[] turnRatios() {
            return perTurn(t -> t.arcml() / t.typed());
        }

        /**
         * Each turn's rate of the typed creates again over the typed creates' rate: two arms doing the
         * same work, so that their ratios show how far a turn's ratio strays by the machine alone.
         */
        double[] aaRatios() {
            return perTurn(t -> t.typedAgain() / t.typed());
        }

        /** Each turn's submitJob rate over the mean of the two typed arms' rates. */
        double[] typedMeanRatios() {
            return perTurn(t -> 2 * t.arcml() / (t.typed() + t.typedAgain()));
        }

        private double[] perTurn(ToDoubleFunction<TurnRates> figure) {
            return rounds.stream()
                    .flatMap(r -> {
                        double[] arcml = r.arcml().batchRates();
                        double[] typed = r.typed().batchRates();
                        double[] again = r.typedAgain().batchRates();
                        return IntStream.range(0, arcml.length)
                                .mapToObj(i -> new TurnRates(arcml[i], typed[i], again[i]));
                    })
                    .mapToDouble(figure)
                    .toArray();
        }

        /** The median over the rounds of a figure of one arm. */
        double median(Function<Round, FanOutArm> arm, ToDoubleFunction<FanOutArm> figure) {
            return SweepFanOut.median(rounds.stream()
                    .mapToDouble(r -> figure.applyAsDouble(arm.apply(r)))
                    .toArray());
        }
    }

    /** The trials per second of the three compared arms' batches in one turn. */
    private record TurnRates(double arcml, double typed, double typedAgain) {}

    /**
     * The requests the server received from the benchmark's client while the timed rounds of
     * each compared arm ran, by {@code verb resource} and summed over the rounds.
     *
     * @param trials the trials each arm created in those rounds
     * @param createMillis the server's median time per Job create of each arm (submitJob, typed
     *     creates, typed again), from receiving it to completing the response
     */
    record ServerRequests(
            Map<String, Integer> arcml,
            Map<String, Integer> typed,
            Map<String, Integer> typedAgain,
            int trials,
            List<OptionalDouble> createMillis) {
        /**
         * One arm's requests of all kinds per trial, then each kind per round: {@code 1.001 (per
         * round: 1000 create jobs, 1 get configmaps)}.
         */
        String summary(Map<String, Integer> arm, int rounds) {
            double perTrial = arm.values().stream().mapToInt(Integer::intValue).sum() / (double) trials;
            return String.format(
                    Locale.ROOT,
                    "%.3f (per round: %s)",
                    perTrial,
                    arm.entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%.0f %s", e.getValue() / (double) rounds, e.getKey()))
                            .collect(Collectors.joining(", ")));
        }
    }

    /** How the audit log names a Job's create. */
    private static final String CREATE_JOBS = "create jobs";

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
        SubmitPool pool = new SubmitPool(THREADS, server.clientRequests(), server.serverCpu());
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
            TrialJobs jobs = new TrialJobs(ns, COMPUTE, server.rawHttp(), server.url());
            return measure(pool, new FanOutTurns(pool, client, jobs, COMPUTE, sizes));
        } finally {
            pool.close();
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

    private Result measure(SubmitPool pool, FanOutTurns turns) throws Exception {
        // Warm every path and both JITs.
        for (int i = 0; i < sizes.warmUps(); i++) {
            round(turns, "warm" + i, i);
        }

        // In each round the arms take turns batch by batch: arcml, fabric8's typed creates and the typed creates
        // again back to back, in an order that changes at every turn (TurnOrder), then the raw creates; so that the
        // ratio of a turn compares batches that met the same load on the machine. The namespace is emptied between
        // rounds. The fan-out figure is the median of the turns' ratios arcml/typed (the rounds' are printed too);
        // the typed creates again against the typed creates, the same work twice, show the ratios' noise floor. The
        // others are medians over the rounds.
        Optional<AuditLog> audit = server.auditLog();
        long auditFrom = audit.map(AuditLog::end).orElse(0L);
        int rounds = sizes.rounds();
        List<Round> timed = new ArrayList<>();
        double[] loadsBefore = new double[rounds];
        double[] loadsAfter = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            loadsBefore[round] = loadAverage();
            timed.add(round(turns, "r" + round, round));
            loadsAfter[round] = loadAverage();
        }

        int requests = arcmlRequests(pool);
        Tracking idle = Tracking.run(server.trackingTarget(), ns, COMPUTE, 0);
        Tracking tracking = Tracking.run(server.trackingTarget(), ns, COMPUTE, TRACKED);
        // Read after the tracking runs: the server writes its audit log in batches up to a second late.
        Optional<ServerRequests> serverRequests = audit.map(log -> new ServerRequests(
                sum(log.count(auditFrom, windows(timed, Round::arcml))),
                sum(log.count(auditFrom, windows(timed, Round::typed))),
                sum(log.count(auditFrom, windows(timed, Round::typedAgain))),
                rounds * sizes.trials(),
                Stream.<Function<Round, FanOutArm>>of(Round::arcml, Round::typed, Round::typedAgain)
                        .map(arm -> log.medianMillis(auditFrom, windows(timed, arm), CREATE_JOBS))
                        .toList()));
        return new Result(timed, loadsBefore, loadsAfter, requests, serverRequests, idle, tracking);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static List<AuditLog.Window> windows(List<Round> rounds, Function<Round, FanOutArm> arm) {
        return rounds.stream().flatMap(r -> arm.apply(r).windows().stream()).toList();
    }

    private static Map<String, Integer> sum(List<Map<String, Integer>> counts) {
        Map<String, Integer> total = new TreeMap<>();
        counts.forEach(c -> c.forEach((kind, n) -> total.merge(kind, n, Integer::sum)));
        return total;
    }

    /** One round's arms: the three compared turn by turn, and the raw creates. */
    record Round(FanOutArm arcml, FanOutArm typed, FanOutArm typedAgain, FanOutArm raw) {}

    /** One round ({@link FanOutTurns}), then the namespace is emptied. */
    private Round round(FanOutTurns turns, String name, int n) throws InterruptedException {
        Round r;
        try (KubernetesControlPlane plane = plane()) {
            r = turns.run(plane, name, n);
        }
        clear();
        return r;
    }

    /**
     * The API requests of a sweep of {@link Rounds#trials()} trials submitted through a fresh
     * control plane (so that the count includes starting its informers), each trial's status
     * then read three times over, as a sweep's tracking loop does; leaves the namespace empty.
     */
    private int arcmlRequests(SubmitPool pool) throws Exception {
        long before = server.requestCount();
        int requests;
        try (KubernetesControlPlane plane = plane()) {
            List<String> runIds = Collections.synchronizedList(new ArrayList<>());
            pool.run(
                    sizes.trials(),
                    i -> runIds.add(plane.submitJob(COMPUTE, trial("counted", i).toSpec())
                            .runId()));
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
        return requests;
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

    /**
     * {@code 97% (median of 45 turns ...; 95% interval 93-101%; spread 71-130%, middle half 90-104%)}: the
     * median of ratios, the interval it lies in ({@link MedianInterval}) and how the ratios spread.
     */
    private static String spread(double[] ratios, String of) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        MedianInterval m = MedianInterval.of(ratios);
        return String.format(
                Locale.ROOT,
                "%.0f%% (median of %d %s; 95%% interval %.0f-%.0f%%; spread %.0f-%.0f%%, middle half %.0f-%.0f%%)",
                100 * m.median(),
                sorted.length,
                of,
                100 * m.low(),
                100 * m.high(),
                100 * sorted[0],
                100 * sorted[sorted.length - 1],
                100 * quartile(sorted, 1),
                100 * quartile(sorted, 3));
    }

    /** The first or third quartile of sorted values, by the nearest rank. */
    private static double quartile(double[] sorted, int which) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(which * sorted.length / 4.0) - 1)];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Where an arm's submitting threads spent their time per trial (medians over the rounds): waiting
     * for a request's answer, in the rest of a submission, blocked on a monitor, idle at a batch's end.
     */
    private static Benchmarks.Figure threadTime(String name, Result r, Function<Round, FanOutArm> arm) {
        return new Benchmarks.Figure(
                "  per trial, " + THREADS + " threads' time: " + name,
                String.format(
                        Locale.ROOT,
                        "in request %.0f us, outside %.0f us (blocked %.0f us), idle %.0f us; GC %.0f us, %.0f KB allocated",
                        r.median(arm, FanOutArm::inRequestMicrosPerTrial),
                        r.median(arm, FanOutArm::outsideRequestMicrosPerTrial),
                        r.median(arm, FanOutArm::blockedMicrosPerTrial),
                        r.median(arm, a -> a.idleMicrosPerTrial(THREADS)),
                        r.median(arm, FanOutArm::gcMicrosPerTrial),
                        r.median(arm, FanOutArm::allocatedBytesPerTrial) / 1024),
                "(reference)",
                true);
    }

    /**
     * Figures of the three compared arms, medians over the rounds: {@code name: submitJob, typed
     * creates, typed again}, then each arm's in {@code format}.
     */
    @SafeVarargs
    private static Benchmarks.Figure comparedArms(
            String name, String format, Result r, ToDoubleFunction<FanOutArm>... figures) {
        Function<Function<Round, FanOutArm>, String> arm = which -> String.format(
                Locale.ROOT,
                format,
                Arrays.stream(figures)
                        .map(figure -> (Object) r.median(which, figure))
                        .toArray());
        return new Benchmarks.Figure(
                name + ": submitJob, typed creates, typed again",
                Arrays.stream(TurnOrder.Arm.values())
                        .map(which -> arm.apply(which::in))
                        .collect(Collectors.joining(", ")),
                "(reference)",
                true);
    }

    /** The figures on that server, each beside its goal, named after the server. */
    static List<Benchmarks.Figure> figures(ApiServerUnderTest server, Rounds sizes) throws Exception {
        Result r = measure(server, sizes);
        String on = " (" + server.name() + ")";
        double ofTyped = median(r.turnRatios());
        double arcmlRate = r.median(Round::arcml, FanOutArm::perSecond);
        double typedRate = r.median(Round::typed, FanOutArm::perSecond);
        double rawRate = r.median(Round::raw, FanOutArm::perSecond);
        double ofRaw = arcmlRate / rawRate;
        int requestGoal = (int) (1.2 * sizes.trials()) + 20;
        List<Benchmarks.Figure> out = new ArrayList<>();
        out.add(new Benchmarks.Figure(
                "sweep fan-out" + on + ": " + sizes.trials() + " trials via submitJob / fabric8 typed creates",
                spread(r.turnRatios(), "turns of " + sizes.batch() + " per arm back to back"),
                ">= 95%",
                ofTyped >= 0.95));
        out.add(new Benchmarks.Figure(
                "  the same by rounds of " + sizes.trials() + " trials per arm",
                spread(r.roundRatios(), "rounds"),
                "(reference)",
                true));
        out.add(new Benchmarks.Figure(
                "  each round",
                Arrays.stream(r.roundRatios())
                        .mapToObj(x -> String.format(Locale.ROOT, "%.0f", 100 * x))
                        .collect(Collectors.joining(" ", "", " %")),
                "(reference)",
                true));
        out.add(new Benchmarks.Figure(
                "  A/A control: typed creates again / typed creates",
                spread(r.aaRatios(), "turns, the same work twice"),
                "(reference)",
                true));
        out.add(new Benchmarks.Figure(
                "  submitJob / mean of the two typed arms", spread(r.typedMeanRatios(), "turns"), "(reference)", true));
        out.add(new Benchmarks.Figure(
                "  median rates: submitJob, typed creates, typed again",
                String.format(
                        Locale.ROOT,
                        "%.0f/s, %.0f/s, %.0f/s",
                        arcmlRate,
                        typedRate,
                        r.median(Round::typedAgain, FanOutArm::perSecond)),
                "(reference)",
                true));
        out.add(new Benchmarks.Figure(
                "  machine load average (1 min) before/after each round",
                IntStream.range(0, r.loadsBefore().length)
                        .mapToObj(i -> String.format(Locale.ROOT, "%.1f/%.1f", r.loadsBefore()[i], r.loadsAfter()[i]))
                        .collect(Collectors.joining(" ")),
                "(reference)",
                true));
        out.add(comparedArms(
                "  CPU time per trial (medians), client/server",
                "%.0f/%.0f us",
                r,
                FanOutArm::cpuMicrosPerTrial,
                FanOutArm::serverCpuMicrosPerTrial));
        out.add(comparedArms("  client-side requests per trial", "%.3f", r, FanOutArm::requestsPerTrial));
        out.add(comparedArms(
                "  requests in flight, mean (most)", "%.2f (%.0f)", r, FanOutArm::meanInFlight, a -> a.mostInFlight()));
        out.add(threadTime("submitJob", r, Round::arcml));
        out.add(threadTime("typed creates", r, Round::typed));
        out.add(threadTime("typed again", r, Round::typedAgain));
        r.serverRequests().ifPresent(counted -> {
            int rounds = sizes.rounds();
            out.add(new Benchmarks.Figure(
                    "  server-side requests per trial (audit log): submitJob",
                    counted.summary(counted.arcml(), rounds),
                    "= typed's creates",
                    counted.arcml()
                            .getOrDefault(CREATE_JOBS, 0)
                            .equals(counted.typed().get(CREATE_JOBS))));
            out.add(new Benchmarks.Figure(
                    "  server-side requests per trial (audit log): typed creates",
                    counted.summary(counted.typed(), rounds),
                    "(reference)",
                    true));
            out.add(new Benchmarks.Figure(
                    "  server-side requests per trial (audit log): typed again",
                    counted.summary(counted.typedAgain(), rounds),
                    "(reference)",
                    true));
            out.add(new Benchmarks.Figure(
                    "  server's time per create (audit log, median): submitJob, typed creates, typed again",
                    counted.createMillis().stream()
                            .map(m -> m.isPresent() ? String.format(Locale.ROOT, "%.2f", m.getAsDouble()) : "-")
                            .collect(Collectors.joining(", ", "", " ms")),
                    "(reference)",
                    true));
        });
        out.add(new Benchmarks.Figure(
                "  submitJob / raw HTTP creates",
                String.format(
                        Locale.ROOT,
                        "%.0f%% (raw %.0f/s); typed %.0f%% of raw",
                        100 * ofRaw,
                        rawRate,
                        100 * typedRate / rawRate),
                ">= 70%",
                ofRaw >= 0.7));
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
