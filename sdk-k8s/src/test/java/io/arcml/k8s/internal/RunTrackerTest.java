package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunTrackerTest {
    private static final String NS = "amlarc-testing";

    private KubernetesMockServer server;
    private KubernetesClient client;
    private RunTracker tracker;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient(new JdkHttpClientFactory());
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        tracker = new RunTracker(client);
    }

    @AfterEach
    void stop() {
        tracker.close();
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // the JDK client keeps pooled connections the server then drops
        }
    }

    private static Map<String, String> labels(String runId) {
        return Map.of(ArcmlLabels.MANAGED_BY, ArcmlLabels.ARCML, ArcmlLabels.RUN, runId);
    }

    private Job job(String runId) {
        return new JobBuilder()
                .withNewMetadata()
                .withName(runId)
                .withNamespace(NS)
                .withLabels(labels(runId))
                .withManagedFields(new ManagedFieldsEntryBuilder()
                        .withManager("kube-controller-manager")
                        .withOperation("Update")
                        .build())
                .endMetadata()
                .withNewSpec()
                .withCompletions(1)
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("trainer")
                .withImage("python:3.11")
                .withCommand("python", "train.py")
                .endContainer()
                .withRestartPolicy("Never")
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private Pod pod(String runId) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(runId + "-0")
                .withNamespace(NS)
                .withLabels(labels(runId))
                .endMetadata()
                .withNewSpec()
                .withNodeName("gpu-1")
                .withNodeSelector(Map.of("accelerator", "nvidia-tesla-k80"))
                .addNewContainer()
                .withName("trainer")
                .withImage("python:3.11")
                .withCommand("python", "train.py")
                .addNewEnv()
                .withName("AZUREML_RUN_ID")
                .withValue(runId)
                .endEnv()
                .addNewVolumeMount()
                .withName("data")
                .withMountPath("/data")
                .endVolumeMount()
                .withNewResources()
                .withRequests(Map.of("nvidia.com/gpu", new Quantity("1")))
                .endResources()
                .endContainer()
                .addNewVolume()
                .withName("data")
                .withNewNfs()
                .withServer("10.0.0.4")
                .withPath("/exports/data")
                .endNfs()
                .endVolume()
                .addNewVolume()
                .withName("scratch")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .withNewStatus()
                .withPhase("Pending")
                .endStatus()
                .build();
    }

    private static <T> T eventually(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = read.get();
        }
        return value;
    }

    @Test
    void cachedJobsKeepTheirLabelsAndStatusButNotThePodTemplateNorManagedFields() throws Exception {
        client.resource(job("run-a")).create();
        List<Job> cached = eventually(() -> tracker.jobs(NS, "run-a"), l -> !l.isEmpty());

        assertThat(cached).hasSize(1);
        Job job = cached.get(0);
        assertThat(job.getMetadata().getLabels()).containsEntry(ArcmlLabels.RUN, "run-a");
        assertThat(job.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(job.getSpec().getTemplate()).isNull();
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
        // The API server still holds the whole Job: only the cache is trimmed.
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(NS)
                        .withName("run-a")
                        .get()
                        .getSpec()
                        .getTemplate())
                .isNotNull();
    }

    @Test
    void cachedPodsKeepWhatADiagnosisReads() throws Exception {
        client.resource(pod("run-b")).create();
        List<Pod> cached = eventually(() -> tracker.pods(NS, "run-b"), l -> !l.isEmpty());

        Pod pod = cached.get(0);
        assertThat(pod.getSpec().getNodeName()).isEqualTo("gpu-1");
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("accelerator", "nvidia-tesla-k80");
        assertThat(pod.getSpec().getVolumes())
                .singleElement()
                .satisfies(v -> assertThat(v.getNfs().getServer()).isEqualTo("10.0.0.4"));
        var container = pod.getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("python:3.11");
        assertThat(container.getResources().getRequests()).containsKey("nvidia.com/gpu");
        assertThat(container.getCommand()).isNullOrEmpty();
        assertThat(container.getEnv()).isNullOrEmpty();
        assertThat(container.getVolumeMounts()).isNullOrEmpty();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void aRunReadsOnlyItsOwnObjectsAndSeesUpdates() throws Exception {
        for (int i = 0; i < 20; i++) {
            client.resource(job("run-" + i)).create();
        }
        List<Job> seventh = eventually(() -> tracker.jobs(NS, "run-7"), l -> !l.isEmpty());
        assertThat(seventh).extracting(j -> j.getMetadata().getName()).containsExactly("run-7");
        assertThat(tracker.jobs(NS, "run-unknown")).isEmpty();

        client.batch().v1().jobs().inNamespace(NS).withName("run-7").delete();
        assertThat(eventually(() -> tracker.jobs(NS, "run-7"), List::isEmpty)).isEmpty();
        assertThat(tracker.jobs(NS, "run-8")).hasSize(1);
    }

    @Test
    void aNamespacesFirstListsAreReadInPagesSoThatThousandsOfRunsNeedNotFitInOneResponse() throws Exception {
        tracker.watch(NS);

        List<String> lists = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
                r != null;
                r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            if ("GET".equals(r.getMethod()) && !r.getPath().contains("watch=true")) {
                lists.add(r.getPath());
            }
        }
        assertThat(lists)
                .filteredOn(p -> p.contains("/pods?") || p.contains("/jobs?"))
                .hasSize(2)
                .allMatch(
                        p -> p.contains("limit=" + RunTracker.LIST_PAGE), "asks for pages of " + RunTracker.LIST_PAGE);
    }
}
