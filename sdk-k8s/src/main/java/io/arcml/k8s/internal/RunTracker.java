package io.arcml.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
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
        return ofRun(pods.get(namespace).getStore().list(), runId);
    }

    /** The run's batch Jobs, from the cache. */
    public List<Job> jobs(String namespace, String runId) {
        watch(namespace);
        return ofRun(jobs.get(namespace).getStore().list(), runId);
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
    }
}
