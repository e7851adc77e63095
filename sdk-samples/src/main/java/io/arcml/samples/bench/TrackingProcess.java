package io.arcml.samples.bench;

import io.arcml.job.CommandJob;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The client side of the tracking-heap figure, in a process of its own so that the API server's
 * store is not weighed with it: submits trials to an attached compute through a
 * {@link KubernetesControlPlane}, reads every run's status from its caches, and prints the used
 * heap after a full GC while it still tracks them all.
 *
 * <p>Arguments: the mock API server's URL or the real plane's kubeconfig file
 * ({@link ApiServerUnderTest#trackingTarget()}), the namespace holding the compute records, the
 * compute's name, how many trials. Prints one line {@code used-heap-bytes <n>}.
 */
final class TrackingProcess {
    private TrackingProcess() {}

    public static void main(String[] args) throws Exception {
        String target = args[0];
        String namespace = args[1];
        String compute = args[2];
        int trials = Integer.parseInt(args[3]);
        ExecutorService pool = Executors.newFixedThreadPool(SweepFanOut.THREADS);
        try (KubernetesClient client = target.startsWith("http")
                        ? ApiServerProcess.Handle.clientOf(target)
                        : RealApiServer.clientOf(Path.of(target), null);
                KubernetesControlPlane plane = KubernetesControlPlane.builder(client)
                        .recordNamespace(namespace)
                        .expectExtension(false)
                        .build()) {
            List<String> runIds = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> submissions = new ArrayList<>(trials);
            for (int i = 0; i < trials; i++) {
                CommandJob trial = SweepFanOut.trial("tracked", i);
                submissions.add(pool.submit(() ->
                        runIds.add(plane.submitJob(compute, trial.toSpec()).runId())));
            }
            for (Future<?> f : submissions) {
                f.get();
            }
            for (String runId : runIds) {
                plane.getJob(compute, runId)
                        .orElseThrow(() -> new IllegalStateException("Run " + runId + " is not tracked"));
            }
            System.out.println("used-heap-bytes " + usedHeapAfterGc());
        } finally {
            pool.shutdownNow();
        }
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
