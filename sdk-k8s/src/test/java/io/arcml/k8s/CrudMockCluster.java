package io.arcml.k8s;

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
 * fabric8's mock API server keeping the objects it is sent (CRUD), except for the requests a test
 * answers itself ({@code server().expect()}), with a namespace and one node of 8 CPUs and 32Gi where
 * computes attach.
 */
public final class CrudMockCluster implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    /** Starts the server with {@code namespace} and the node. */
    public CrudMockCluster(String namespace) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient(new JdkHttpClientFactory());
        addNamespaceAndNode(client, namespace);
    }

    /**
     * Creates {@code namespace} and a node of 8 CPUs and 32Gi, where computes attach, through
     * {@code client}: two requests, on this cluster or any other API server.
     */
    public static void addNamespaceAndNode(KubernetesClient client, String namespace) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
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

    /** The server, for expectations and the requests it received. */
    public KubernetesMockServer server() {
        return server;
    }

    /** A client of the server. */
    public KubernetesClient client() {
        return client;
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
