package io.arcml.samples.bench;

import io.arcml.compute.InstanceType;
import io.arcml.internal.RandomSuffix;
import io.arcml.k8s.internal.ArcmlLabels;
import io.arcml.k8s.internal.PodSpecFactory;
import io.arcml.k8s.internal.RunEngine;
import io.arcml.k8s.internal.RunRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The same Jobs arcml renders for a sweep's trials, created without arcml: through fabric8's
 * typed API (the client arcml is built on) or by plain concurrent POSTs with the JDK's client.
 */
final class TrialJobs {
    private final String namespace;
    private final String compute;
    private final HttpClient http;
    private final URI jobs;
    private final RunRenderer renderer = new RunRenderer(new PodSpecFactory(null, null));

    /**
     * @param namespace where the Jobs go
     * @param compute the compute the trials name
     * @param http the raw creates' client
     * @param serverUrl the API server's base URL, ending in {@code /}
     */
    TrialJobs(String namespace, String compute, HttpClient http, String serverUrl) {
        this.namespace = namespace;
        this.compute = compute;
        this.http = http;
        this.jobs = URI.create(serverUrl + "apis/batch/v1/namespaces/" + namespace + "/jobs");
    }

    /**
     * Trial {@code i} of the sweep {@code prefix} as arcml submits it: rendered by arcml's renderer,
     * with a submission token of its own (arcml marks every object it creates with one, to know a
     * retried create of its own), so that every arm sends Jobs of the same size and shape.
     */
    private HasMetadata job(String prefix, int i) {
        HasMetadata job = renderer.render(
                        prefix + "-t" + i + "-raw",
                        namespace,
                        compute,
                        SweepFanOut.trial(prefix, i).toSpec(),
                        InstanceType.builder()
                                .requests("1", "4Gi")
                                .limits("1", "4Gi")
                                .build(),
                        RunEngine.INDEXED_JOB)
                .objects()
                .get(0);
        Map<String, String> annotations = new HashMap<>(job.getMetadata().getAnnotations());
        annotations.put(ArcmlLabels.SUBMISSION_ANNOTATION, RandomSuffix.hex(16));
        job.getMetadata().setAnnotations(annotations);
        return job;
    }

    /** Creates trial {@code i} of the sweep {@code prefix} through {@code client}'s typed API. */
    IntConsumer creatingWith(KubernetesClient client, String prefix) {
        return i -> client.resource(job(prefix, i)).create();
    }

    /** Creates trial {@code i} of the sweep {@code prefix} by a plain POST. */
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
