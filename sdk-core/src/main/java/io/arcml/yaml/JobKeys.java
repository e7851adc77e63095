package io.arcml.yaml;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The keys every kind of job file shares, and how the kinds put their key sets together. */
final class JobKeys {
    /** Azure ML's labels of a job, which arcml carries to Azure ML ({@link io.arcml.job.JobLabels}). */
    static final Set<String> LABELS = Set.of("display_name", "description", "tags", "properties");
    /** Keys of every job: the schema's, its type, its name, its compute, its experiment, its identity and its labels. */
    static final Set<String> COMMON =
            union(Set.of("$schema", "type", "name", "experiment_name", "compute", "identity"), LABELS);
    /** Keys of every job arcml refuses, with the reason and the fix. */
    static final Map<String, String> REFUSED_JOB = Map.of(
            "services", CommandYaml.REFUSED_SERVICES,
            "queue_settings", CommandYaml.REFUSED_QUEUE,
            "parent_job_name", "arcml submits top-level jobs only: remove parent_job_name");

    private JobKeys() {}

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> out = new HashSet<>();
        for (Set<String> s : sets) {
            out.addAll(s);
        }
        return Set.copyOf(out);
    }

    static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        out.putAll(b);
        return Map.copyOf(out);
    }
}
