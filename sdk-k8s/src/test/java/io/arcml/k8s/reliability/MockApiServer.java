package io.arcml.k8s.reliability;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server with the namespace {@value #NS} and an 8-CPU node, and a client to
 * it: it answers from the test's expectations first ({@code server.expect()}), then as a CRUD
 * store.
 */
final class MockApiServer implements AutoCloseable {
    static final String NS = "amlarc-testing";
    static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

    final KubernetesMockServer server;
    final KubernetesClient client;

    MockApiServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient(new JdkHttpClientFactory());
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName("node-1")
                        .endMetadata()
                        .withNewStatus()
                        .withAllocatable(Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi")))
                        .endStatus()
                        .build())
                .create();
    }

    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // the JDK client keeps pooled connections the server then drops
        }
    }
}
