package io.arcml.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every run through two informers per compute namespace (arcml's pods and Jobs), so that
 * reading a run's status is a look-up in a local cache, not a request per run and poll. The caches
 * are indexed by run id and keep trimmed objects ({@link TrimmedItemStore}), so that a read costs
 * the same with ten runs as with ten thousand, and each run a few KB.
 */
public final class RunTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);
    private static final String BY_RUN = "arcml-run";
    private static final Duration FRESHNESS_CHECK = Duration.ofSeconds(2);
    /** Objects per page of an informer's list (an API server answers a page, and a continue token for the next). */
    static final long LIST_PAGE = 500;

    private final KubernetesClient client;
    private final Map<String, SharedIndexInformer<Pod>> pods = new ConcurrentHashMap<>();
    private final Map<String, SharedIndexInformer<Job>> jobs = new ConcurrentHashMap<>();
    /** When each namespace's caches were last checked against the API server. */
    private final Map<String, Long> checkedAt = new ConcurrentHashMap<>();
    /** Per namespace, the changes the API server held that the cache lacked at a check. */
    private final Map<String, Map<String, Lag>> lagging = new ConcurrentHashMap<>();

    /**
     * A change the cache lacked: the object's key in its informer's cache, its version there then
     * (null when absent), and when it was seen.
     */
    private record Lag(
            SharedIndexInformer<? extends HasMetadata> informer, String key, String cachedVersion, long seenAt) {
        /** True while the cache holds what it held when the change was seen missing. */
        boolean unchanged() {
            HasMetadata cached = informer.getStore().getByKey(key);
            return Objects.equals(
                    cachedVersion, cached == null ? null : cached.getMetadata().getResourceVersion());
        }
    }

    /** @param client the cluster */
    public RunTracker(KubernetesClient client) {
        this.client = client;
    }

    /** Starts watching a namespace, once; the first read of a run in it does. */
    public void watch(String namespace) {
        pods.computeIfAbsent(namespace, this::podInformer);
        jobs.computeIfAbsent(namespace, this::jobInformer);
    }

    private SharedIndexInformer<Pod> podInformer(String namespace) {
        LOG.debug("Watching arcml's pods and Jobs in namespace {}", namespace);
        return start(
                client.pods().inNamespace(namespace).withLabel(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML),
                TrimmedItemStore.forPods());
    }

    private SharedIndexInformer<Job> jobInformer(String namespace) {
        return start(
                client.batch().v1().jobs().inNamespace(namespace).withLabel(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML),
                TrimmedItemStore.forJobs());
    }

    private static <T extends HasMetadata> SharedIndexInformer<T> start(
            FilterWatchListDeletable<T, ?, ?> objects, ItemStore<T> store) {
        // The first list comes in pages: a namespace with 10,000 runs is not one response held whole in the heap.
        SharedIndexInformer<T> informer = objects.withLimit(LIST_PAGE).runnableInformer(0);
        informer.itemStore(store);
        informer.addIndexers(Map.of(BY_RUN, o -> {
            Map<String, String> labels = o.getMetadata().getLabels();
            String run = labels == null ? null : labels.get(ArcmlLabels.RUN);
            return run == null ? List.of() : List.of(run);
        }));
        // Blocks until the first list is in the cache, as inform() does.
        return informer.run();
    }

    /** The run's pods, from the cache. */
    public List<Pod> pods(String namespace, String runId) {
        watch(namespace);
        checkFreshness(namespace, runId);
        return pods.get(namespace).getIndexer().byIndex(BY_RUN, runId);
    }

    /** The run's batch Jobs, from the cache. */
    public List<Job> jobs(String namespace, String runId) {
        watch(namespace);
        checkFreshness(namespace, runId);
        return jobs.get(namespace).getIndexer().byIndex(BY_RUN, runId);
    }

    /**
     * At most every {@link #FRESHNESS_CHECK} per namespace, compares the cached objects of the run
     * being read with the API server's (two list requests by the run's label): after every
     * connection to the API server drops, an informer may keep reporting a watch that no longer
     * delivers anything. A change still missing from the cache a whole period after a check saw it
     * means the watches are dead; both informers of the namespace are then started afresh (a new
     * list, then a new watch).
     */
    private void checkFreshness(String namespace, String runId) {
        long now = System.nanoTime();
        Long last = checkedAt.get(namespace);
        if (last != null && now - last < FRESHNESS_CHECK.toNanos()) {
            return;
        }
        checkedAt.put(namespace, now);
        Map<String, Lag> lags = lagging.computeIfAbsent(namespace, ns -> new ConcurrentHashMap<>());
        if (stillLagging(lags, now)) {
            lags.clear();
            LOG.info("arcml's watches in namespace {} stopped delivering changes; starting them afresh", namespace);
            restart(namespace);
            return;
        }
        recordLags(
                lags,
                pods.get(namespace),
                client.pods()
                        .inNamespace(namespace)
                        .withLabel(ArcmlLabels.RUN, runId)
                        .list()
                        .getItems(),
                now);
        recordLags(
                lags,
                jobs.get(namespace),
                client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(namespace)
                        .withLabel(ArcmlLabels.RUN, runId)
                        .list()
                        .getItems(),
                now);
    }

    /** True when a change seen missing a whole period ago is missing still: the cache has not moved since. */
    private static boolean stillLagging(Map<String, Lag> lags, long now) {
        boolean stale = false;
        for (Map.Entry<String, Lag> e : lags.entrySet()) {
            Lag lag = e.getValue();
            if (now - lag.seenAt() >= FRESHNESS_CHECK.toNanos()) {
                stale |= lag.unchanged();
                lags.remove(e.getKey());
            }
        }
        return stale;
    }

    private static <T extends HasMetadata> void recordLags(
            Map<String, Lag> lags, SharedIndexInformer<T> informer, List<T> live, long now) {
        for (T o : live) {
            String key = informer.getStore().getKey(o);
            T cached = informer.getStore().getByKey(key);
            String cachedVersion = cached == null ? null : cached.getMetadata().getResourceVersion();
            if (!o.getMetadata().getResourceVersion().equals(cachedVersion)) {
                lags.putIfAbsent(
                        informer.getApiTypeClass().getSimpleName() + " " + key,
                        new Lag(informer, key, cachedVersion, now));
            }
        }
    }

    /** Replaces the namespace's informers (readers never find none), then stops the old ones. */
    private void restart(String namespace) {
        Optional.ofNullable(pods.put(namespace, podInformer(namespace))).ifPresent(SharedIndexInformer::close);
        Optional.ofNullable(jobs.put(namespace, jobInformer(namespace))).ifPresent(SharedIndexInformer::close);
    }

    /** Stops every informer. */
    @Override
    public void close() {
        pods.values().forEach(SharedIndexInformer::close);
        jobs.values().forEach(SharedIndexInformer::close);
        pods.clear();
        jobs.clear();
        checkedAt.clear();
        lagging.clear();
    }
}
