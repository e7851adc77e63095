package io.arcml.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An informer's store that keeps only what reading a run's status needs. A watched object is
 * trimmed as it is stored: what arcml itself rendered (commands, environment, mounts, a Job's pod
 * template) and the API server's {@code managedFields} are dropped, so that following thousands
 * of runs costs a few KB each instead of the whole objects.
 *
 * <p>The objects the informer hands over are its own fresh copies from the wire and arcml
 * registers no event handler, so trimming them in place changes nothing anybody else holds.
 *
 * @param <T> the kind of object
 */
final class TrimmedItemStore<T extends HasMetadata> implements ItemStore<T> {
    private final BasicItemStore<T> items = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
    private final UnaryOperator<T> trim;

    private TrimmedItemStore(UnaryOperator<T> trim) {
        this.trim = trim;
    }

    /** A store of Jobs without their pod templates: the status reader looks at their conditions only. */
    static TrimmedItemStore<Job> forJobs() {
        return new TrimmedItemStore<>(job -> {
            trimMetadata(job);
            if (job.getSpec() != null) {
                job.getSpec().setTemplate(null);
            }
            return job;
        });
    }

    /**
     * A store of pods that keeps what a diagnosis reads: the node, node selector, tolerations (to
     * name the taints a scheduler message does not), runtime class, NFS volumes and each
     * container's name, image and resources; and the whole status.
     */
    static TrimmedItemStore<Pod> forPods() {
        return new TrimmedItemStore<>(pod -> {
            trimMetadata(pod);
            PodSpec spec = pod.getSpec();
            if (spec != null) {
                if (spec.getVolumes() != null) {
                    spec.setVolumes(spec.getVolumes().stream()
                            .filter(v -> v.getNfs() != null)
                            .toList());
                }
                if (spec.getContainers() != null) {
                    spec.getContainers().forEach(c -> {
                        c.setCommand(null);
                        c.setArgs(null);
                        c.setEnv(null);
                        c.setEnvFrom(null);
                        c.setVolumeMounts(null);
                        c.setPorts(null);
                    });
                }
                spec.setInitContainers(null);
                spec.setAffinity(null);
            }
            return pod;
        });
    }

    private static void trimMetadata(HasMetadata object) {
        if (object.getMetadata() != null) {
            object.getMetadata().setManagedFields(null);
        }
    }

    @Override
    public String getKey(T object) {
        return items.getKey(object);
    }

    @Override
    public T put(String key, T object) {
        return items.put(key, trim.apply(object));
    }

    @Override
    public T remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet();
    }

    @Override
    public Stream<T> values() {
        return items.values();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public T get(String key) {
        return items.get(key);
    }
}
