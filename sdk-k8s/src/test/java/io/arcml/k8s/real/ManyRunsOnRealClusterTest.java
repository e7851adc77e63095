package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.KubernetesCompute;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A namespace holding more runs than one page of a list: kube-apiserver answers arcml's
 * informers page by page with continue tokens (the mock server ignores {@code limit}), and every
 * run is tracked. The namespace's ResourceQuota admits no pod, so that the Job controller starts
 * none for the thousand Jobs.
 */
class ManyRunsOnRealClusterTest extends RealClusterTestBase {
    private static final int RUNS = 1_001;

    @Test
    void aThousandRunsAreListedInPagesOfFiveHundredAndAFreshPlaneFindsEveryOne() throws Exception {
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
        KubernetesCompute compute = attach("cpu-compute", gpuConfig());
        List<String> runIds = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> submissions = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                submissions.add(pool.submit(() -> runIds.add(compute.submit(
                                job("many", "1s").instanceType("cpu_small").build())
                        .runId())));
            }
            for (Future<?> f : submissions) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        Interceptor recording = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                requests.add(request.uri().toString());
            }
        };
        try (KubernetesClient recorded = new KubernetesClientBuilder()
                        .withConfig(client.getConfiguration())
                        .withHttpClientFactory(new JdkHttpClientFactory())
                        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("recording", recording))
                        .build();
                KubernetesControlPlane fresh = KubernetesControlPlane.builder(recorded)
                        .recordNamespace(ns)
                        .expectExtension(false)
                        .build()) {
            for (String runId : runIds) {
                assertThat(fresh.getJob("cpu-compute", runId)).as(runId).isPresent();
            }
        }

        List<String> jobLists = requests.stream()
                .filter(u -> u.contains("/namespaces/" + ns + "/jobs?")
                        && !u.contains("watch=true")
                        && u.contains("labelSelector=app.kubernetes.io%2Fmanaged-by"))
                .toList();
        assertThat(jobLists).as("the Job informer's lists").hasSizeGreaterThanOrEqualTo(3);
        assertThat(jobLists.subList(0, 3)).as("the first list's pages").allMatch(u -> u.contains("limit=500"));
        assertThat(jobLists.subList(1, 3)).as("the pages after the first").allMatch(u -> u.contains("continue="));
    }
}
