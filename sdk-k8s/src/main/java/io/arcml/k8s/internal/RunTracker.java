package io.arcml.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every run through two informers per compute namespace (arcml's pods and Jobs), so that
 * reading a run's status is a look-up in a local cache, not a request per run and poll.
 */
public final class RunTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);

    private final KubernetesClient client;
    private final Map<String, SharedIndexInformer<Pod>> pods = new ConcurrentHashMap<>();
    private final Map<String, SharedIndexInformer<Job>> jobs = new ConcurrentHashMap<>();
    /** When each namespace's caches were last checked against the API server. */
    private final Map<String, Long> checkedAt = new ConcurrentHashMap<>();
    /** Changes the API server held that a namespace's cache lacked, at the last check. */
    private final Map<String, java.util.Set<String>> missingAtLastCheck = new ConcurrentHashMap<>();
    private static final java.time.Duration FRESHNESS_CHECK = java.time.Duration.ofSeconds(2);

    /** @param client the cluster */
    public RunTracker(KubernetesClient client) {
        this.client = client;
    }

    /** Starts watching a namespace, once. */
    public void watch(String namespace) {
        pods.computeIfAbsent(namespace, ns -> {
            LOG.debug("Watching arcml's pods and Jobs in namespace {}", ns);
            return client.pods().inNamespace(ns).withLabel(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML).inform();
        });
        jobs.computeIfAbsent(namespace, ns -> client.batch().v1().jobs().inNamespace(ns)
                .withLabel(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML).inform());
    }

    /** The run's pods, from the cache. */
    public List<Pod> pods(String namespace, String runId) {
        watch(namespace);
        return ofRun(healthy(pods, namespace, "pods").getStore().list(), runId);
    }

    /** The run's batch Jobs, from the cache. */
    public List<Job> jobs(String namespace, String runId) {
        watch(namespace);
        return ofRun(healthy(jobs, namespace, "Jobs").getStore().list(), runId);
    }

    /**
     * The namespace's informer, after a check at most every {@link #FRESHNESS_CHECK} that its cache
     * still matches the API server (one list request): after every connection to the API server
     * drops, an informer may keep reporting a watch that no longer delivers anything. A cache that
     * is behind gets both informers of the namespace started afresh (a new list, then a new watch).
     */
    private <T extends HasMetadata> SharedIndexInformer<T> healthy(Map<String, SharedIndexInformer<T>> informers, String namespace,
                                                                   String kind) {
        long now = System.nanoTime();
        Long last = checkedAt.get(namespace);
        if (last == null || now - last >= FRESHNESS_CHECK.toNanos()) {
            checkedAt.put(namespace, now);
            if (isStale(namespace)) {
                missingAtLastCheck.remove(namespace);
                LOG.info("arcml's watches in namespace {} stopped delivering changes; starting them afresh", namespace);
                SharedIndexInformer<Pod> p = pods.remove(namespace);
                SharedIndexInformer<Job> j = jobs.remove(namespace);
                if (p != null) {
                    p.close();
                }
                if (j != null) {
                    j.close();
                }
                watch(namespace);
            }
        }
        return informers.get(namespace);
    }

    /**
     * True when a change the API server holds was already missing from the cache at the previous
     * check: a watch may lag a moment, but not a whole period.
     */
    private boolean isStale(String namespace) {
        Map<String, String> cached = new HashMap<>();
        jobs.get(namespace).getStore().list().forEach(j -> cached.put(j.getMetadata().getName(), j.getMetadata().getResourceVersion()));
        java.util.Set<String> missing = new java.util.HashSet<>();
        for (Job live : client.batch().v1().jobs().inNamespace(namespace).withLabel(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML).list().getItems()) {
            if (!live.getMetadata().getResourceVersion().equals(cached.get(live.getMetadata().getName()))) {
                missing.add(live.getMetadata().getName() + "@" + live.getMetadata().getResourceVersion());
            }
        }
        java.util.Set<String> before = missingAtLastCheck.put(namespace, missing);
        return before != null && missing.stream().anyMatch(before::contains);
    }

    private static <T extends HasMetadata> List<T> ofRun(List<T> all, String runId) {
        List<T> out = new ArrayList<>();
        for (T o : all) {
            Map<String, String> labels = o.getMetadata().getLabels();
            if (labels != null && runId.equals(labels.get(ArcmlLabels.RUN))) {
                out.add(o);
            }
        }
        return out;
    }

    /** Stops every informer. */
    @Override
    public void close() {
        pods.values().forEach(SharedIndexInformer::close);
        jobs.values().forEach(SharedIndexInformer::close);
        pods.clear();
        jobs.clear();
        checkedAt.clear();
        missingAtLastCheck.clear();
    }
}
