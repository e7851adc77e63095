package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.k8s.internal.ArcmlLabels;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.sweep.SweepRun;
import io.arcml.sweep.TrialResult;
import io.arcml.testing.sim.PodBehavior;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ten users of one workspace start a sweep each at the same moment, on one compute of the
 * simulated cluster: every trial of every grid runs exactly once, as exactly one Kubernetes Job,
 * reports its own metric, and closing the workspace leaves no thread of its behind.
 */
class ConcurrentSweepsOnClusterTest {
    private static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
    private static final String NS = "amlarc-training";
    private static final int SWEEPS = 10;
    private static final int A_VALUES = 4;
    private static final int B_VALUES = 3;
    private static final int TRIALS_PER_SWEEP = A_VALUES * B_VALUES;
    private static final String WARM_UP_NS = "warm-up";
    private static final int WARM_UP_TRIALS = 2;
    private static final Pattern ARGS = Pattern.compile("--a (\\d+) --b (\\d+)");
    /** A worker of a thread pool: the pool's name, then the worker's number. */
    private static final Pattern POOL_WORKER =
            Pattern.compile("(.+-pool-\\d+-thread-|ForkJoinPool\\.commonPool-worker-)\\d+");

    private SimulatedCluster cluster;
    private Workspace warmUp;

    /** The score a trial's parameters earn: distinct for every (a, b), so a trial reporting another's log shows. */
    private static int score(int a, int b) {
        return a * 10 + b;
    }

    /** A trial's log: its score on arcml's final-metric channel, computed from the arguments it was started with. */
    private static String trialLog(Pod pod) {
        String command = String.join(" ", pod.getSpec().getContainers().get(0).getCommand());
        Matcher m = ARGS.matcher(command);
        if (!m.find()) {
            return "no arguments in " + command + "\n";
        }
        return "training\n##arcml[final] {\"score\": "
                + score(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) + "}\n";
    }

    /** Sweep {@code i}'s values of a: {100i+1 .. 100i+4}, so no two sweeps share a parameter set. */
    private static List<Integer> aValues(int i) {
        return IntStream.rangeClosed(1, A_VALUES).map(k -> 100 * i + k).boxed().toList();
    }

    /** Every sweep's values of b: {1 .. 3}. */
    private static List<Integer> bValues() {
        return IntStream.rangeClosed(1, B_VALUES).boxed().toList();
    }

    /** Sweep {@code i}'s grid: every (a, b) pair. */
    private static Set<Map<String, Object>> grid(int i) {
        Set<Map<String, Object>> grid = new HashSet<>();
        for (int a : aValues(i)) {
            for (int b : bValues()) {
                grid.add(Map.of("a", a, "b", b));
            }
        }
        return grid;
    }

    private static SweepJob gridSweep(String name, List<Integer> a, List<Integer> b, int maxTotal, int maxConcurrent) {
        return SweepJob.builder()
                .name(name)
                .trial(CommandJob.builder()
                        .image("python:3.11")
                        .command("python train.py --a ${{search_space.a}} --b ${{search_space.b}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("a", Parameter.choice(a.toArray()))
                        .parameter("b", Parameter.choice(b.toArray()))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(Objective.maximize("score"))
                .limits(SweepLimits.of(maxTotal, maxConcurrent))
                .build();
    }

    /**
     * A workspace on the cluster's client. Waits re-read every 200 ms (the default is 1 s): often
     * enough to keep a trial's slot busy, rare enough that ten waiting users leave the two cores to
     * the simulated cluster.
     */
    private static Workspace workspaceOn(SimulatedCluster cluster) {
        return Workspace.on(KubernetesControlPlane.builder(cluster.client())
                .pollInterval(Duration.ofMillis(200))
                .build());
    }

    private static KubernetesCompute attach(Workspace ws, String name, String namespace) {
        KubernetesCompute compute = ComputeTarget.attach(
                ws, name, KubernetesCompute.attachConfiguration(AKS).namespace(namespace));
        compute.waitForCompletion(false);
        return compute;
    }

    @BeforeEach
    void startClusterAndWarmUp() {
        cluster = SimulatedCluster.builder()
                .node(SimulatedNode.named("cpu-1").cpu("64").memory("256Gi"))
                .namespace(NS)
                .namespace(WARM_UP_NS)
                .defaultBehavior(PodBehavior.succeeds()
                        .runFor(Duration.ofMillis(50))
                        .logs(ConcurrentSweepsOnClusterTest::trialLog))
                .build();
        // The client's executors, the HTTP client's pools and the informer machinery start threads lazily:
        // one small sweep through a workspace of its own starts them before threads are counted. That
        // workspace stays open until the end: when a client closes a watch, the mock API server's event loop
        // waits for that watch's sender to stop (up to a minute), holding every other request meanwhile.
        warmUp = workspaceOn(cluster);
        attach(warmUp, "warm-up", WARM_UP_NS)
                .submit(gridSweep("warm-up", List.of(1), List.of(1, 2), WARM_UP_TRIALS, WARM_UP_TRIALS))
                .waitForCompletion(false, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopCluster() {
        warmUp.close();
        cluster.close();
    }

    @Test
    void tenConcurrentSweepsOnOneComputeRunEveryTrialOnceAndLeaveNoThread() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        List<SweepRun> runs;
        try (Workspace ws = workspaceOn(cluster)) {
            runs = runAtOnce(attach(ws, "shared", NS));
        }

        Set<String> trialIds = new HashSet<>();
        for (int i = 0; i < SWEEPS; i++) {
            SweepRun run = runs.get(i);
            List<TrialResult> trials = run.results().trials();
            assertThat(run.state()).isEqualTo(SweepRun.State.COMPLETED);
            assertThat(trials).as("trials of sweep-%d", i).hasSize(TRIALS_PER_SWEEP);
            assertThat(trials)
                    .extracting(TrialResult::parameters)
                    .as("parameter sets of sweep-%d", i)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(grid(i));
            for (TrialResult t : trials) {
                assertThat(t.state()).as("%s", t).isEqualTo(TrialResult.State.COMPLETED);
                assertThat(t.primaryMetric()).as("%s", t).isEqualTo((double)
                        score((Integer) t.parameters().get("a"), (Integer)
                                t.parameters().get("b")));
                assertThat(t.trialId()).startsWith("sweep-" + i + "-t");
                trialIds.add(t.trialId());
            }
        }
        assertThat(trialIds).hasSize(SWEEPS * TRIALS_PER_SWEEP);

        // The cluster's view: one batch Job per trial, none lost, none twice, each with its own run id.
        List<Job> jobs = cluster.client()
                .batch()
                .v1()
                .jobs()
                .inAnyNamespace()
                .withLabel(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML)
                .list()
                .getItems();
        Map<String, List<Job>> jobsOfShared = jobs.stream()
                .filter(j -> NS.equals(j.getMetadata().getNamespace()))
                .collect(Collectors.groupingBy(
                        j -> j.getMetadata().getAnnotations().get(ArcmlLabels.JOB_NAME_ANNOTATION)));
        assertThat(jobs).hasSize(SWEEPS * TRIALS_PER_SWEEP + WARM_UP_TRIALS);
        assertThat(jobsOfShared.keySet()).isEqualTo(trialIds);
        assertThat(jobsOfShared.values())
                .allSatisfy(ofTrial -> assertThat(ofTrial).hasSize(1));
        assertThat(jobs)
                .extracting(j -> j.getMetadata().getLabels().get(ArcmlLabels.RUN))
                .doesNotHaveDuplicates()
                .doesNotContainNull();
        // And no trial ran twice: one pod per run.
        Map<String, Long> podsPerRun = cluster
                .client()
                .pods()
                .inNamespace(NS)
                .withLabel(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML)
                .list()
                .getItems()
                .stream()
                .collect(Collectors.groupingBy(
                        p -> p.getMetadata().getLabels().get(ArcmlLabels.RUN), Collectors.counting()));
        assertThat(podsPerRun)
                .hasSize(SWEEPS * TRIALS_PER_SWEEP)
                .allSatisfy((run, pods) -> assertThat(pods).as(run).isEqualTo(1));

        assertThat(threadsLeftSince(before))
                .as("threads the closed workspace left running")
                .isEmpty();
    }

    /** Starts sweep {@code i} from user thread {@code i}, all released at once, and waits for every one to end. */
    private static List<SweepRun> runAtOnce(KubernetesCompute compute) throws Exception {
        ExecutorService users = Executors.newFixedThreadPool(SWEEPS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SweepRun>> sweeps = new ArrayList<>();
            for (int i = 0; i < SWEEPS; i++) {
                SweepJob sweep = gridSweep("sweep-" + i, aValues(i), bValues(), TRIALS_PER_SWEEP, 3 + i % 2);
                sweeps.add(users.submit(() -> {
                    go.await();
                    return compute.submit(sweep).waitForCompletion(false, Duration.ofSeconds(50));
                }));
            }
            go.countDown();
            List<SweepRun> runs = new ArrayList<>();
            for (Future<SweepRun> f : sweeps) {
                runs.add(f.get(55, TimeUnit.SECONDS));
            }
            return runs;
        } finally {
            users.shutdownNow();
            assertThat(users.awaitTermination(10, TimeUnit.SECONDS))
                    .as("the users' threads end")
                    .isTrue();
        }
    }

    /**
     * Threads started since {@code before} that outlive a few seconds' grace (informers and pools
     * stop asynchronously), leaving out new workers of pools that were running already: those
     * belong to the client the test still holds open, not to the closed workspace.
     */
    private static List<String> threadsLeftSince(Set<Thread> before) throws InterruptedException {
        Set<String> poolsBefore = new HashSet<>();
        for (Thread t : before) {
            Matcher m = POOL_WORKER.matcher(t.getName());
            if (m.matches()) {
                poolsBefore.add(m.group(1));
            }
        }
        List<Thread> started = new ArrayList<>(Thread.getAllStackTraces().keySet());
        started.removeAll(before);
        started.removeIf(t -> {
            Matcher m = POOL_WORKER.matcher(t.getName());
            return m.matches() && poolsBefore.contains(m.group(1));
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (Thread t : started) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return started.stream()
                .filter(Thread::isAlive)
                .map(ConcurrentSweepsOnClusterTest::describe)
                .toList();
    }

    /** A thread's name, id and the frame it waits in, e.g. {@code pool-10-thread-1 (id 267) at ScheduledThreadPoolExecutor$DelayedWorkQueue.take}. */
    private static String describe(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        String where = "";
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            // The parking machinery says nothing; the frame that parks (a queue's take, a selector) does.
            if (!type.startsWith("jdk.internal.")
                    && !type.startsWith("java.util.concurrent.locks.")
                    && !type.equals("java.util.concurrent.ForkJoinPool")) {
                where = " at " + type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName();
                break;
            }
        }
        return t.getName() + " (id " + t.getId() + ")" + where;
    }
}
