package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * arcml follows runs through watches; when every connection to the API server drops (an API
 * server restart, a load balancer's idle timeout), tracking resumes and sees what changed meanwhile.
 */
class WatchDisconnectTest {
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
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(proxy.url()).withNamespace("default")
                .withTrustCerts(true).withRequestRetryBackoffLimit(3).build();
        throughProxy = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
        ws = Workspace.on(KubernetesControlPlane.builder(throughProxy).expectExtension(false).pollInterval(Duration.ofMillis(20)).build());
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
    void trackingResumesAfterEveryConnectionDropsAndSeesWhatChangedMeanwhile() throws Exception {
        KubernetesCompute compute = ComputeTarget.attach(ws, "cpu-compute", KubernetesCompute.attachConfiguration(AKS).namespace(NS));
        compute.waitForCompletion(false);
        JobRun run = compute.submit(CommandJob.builder().name("train").image("python:3.11").command("python train.py").build());
        assertThat(run.getStatus().state()).isEqualTo(JobState.QUEUED);
        int before = proxy.connections.get();

        proxy.dropAll();
        Job job = direct.batch().v1().jobs().inNamespace(NS).withName(run.runId()).get();
        job.setStatus(new JobStatusBuilder().addToConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit").build()).build());
        direct.batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JobStatus status = run.getStatus();
        while (status.state() != JobState.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = run.getStatus();
        }
        assertThat(status.state()).as("status %s", status).isEqualTo(JobState.FAILED);
        assertThat(status.message()).contains("BackoffLimitExceeded");
        assertThat(proxy.connections.get()).as("the watches reconnected").isGreaterThan(before);
    }
}
