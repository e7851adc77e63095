package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.JobRun;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.k8s.internal.ArcmlLabels;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API server stores a run's Job but its response is lost (a connection reset after the server
 * acted); the client sends the create again and is told the Job exists. That Job is the run's
 * own: the run goes on, once.
 */
class LostResponseTest {
    private static final String NS = "amlarc-testing";
    private static final String AKS = "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

    private KubernetesMockServer server;
    private KubernetesClient direct;
    private DroppingProxy proxy;
    private KubernetesClient throughProxy;
    private Workspace ws;

    @BeforeEach
    void start() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        direct = server.createClient(new JdkHttpClientFactory());
        direct.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        direct.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"))).endStatus().build()).create();
        proxy = new DroppingProxy(server.getPort());
        // Retries on a lost connection are the client's default behaviour; HTTP/1.1 so that the relay sees request lines.
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(proxy.url()).withNamespace("default")
                .withHttp2Disable(true).withRequestRetryBackoffLimit(3).withRequestRetryBackoffInterval(10).build();
        throughProxy = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
        ws = Workspace.on(KubernetesControlPlane.builder(throughProxy).expectExtension(false).build());
    }

    @AfterEach
    void stop() throws Exception {
        ws.close();
        throughProxy.close();
        proxy.close();
        direct.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // the JDK client keeps pooled connections the server then drops
        }
    }

    @Test
    void aCreateRepeatedAfterItsResponseWasLostIsRecognisedAsTheRunsOwn() {
        KubernetesCompute compute = ComputeTarget.attach(ws, "cpu-compute", KubernetesCompute.attachConfiguration(AKS).namespace(NS));
        compute.waitForCompletion(false);
        proxy.loseResponseToNext("POST /apis/batch/v1/namespaces/" + NS + "/jobs");

        JobRun run = compute.submit(CommandJob.builder().name("train").image("python:3.11").command("python train.py").build());

        assertThat(proxy.responsesLost).hasValue(1);
        List<Job> jobs = direct.batch().v1().jobs().inNamespace(NS).list().getItems();
        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(j.getMetadata().getName()).isEqualTo(run.runId());
            assertThat(j.getMetadata().getAnnotations()).containsKey(ArcmlLabels.SUBMISSION_ANNOTATION);
        });
        assertThat(run.getStatus().state().isTerminal()).isFalse();
    }
}
