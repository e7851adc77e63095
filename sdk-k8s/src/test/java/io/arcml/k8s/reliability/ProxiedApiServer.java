package io.arcml.k8s.reliability;

import io.arcml.Workspace;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
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
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * fabric8's mock API server (CRUD) with a namespace and a node, a client straight to it for the
 * test's own reads and writes, and a workspace whose client goes through a {@link DroppingProxy}.
 */
final class ProxiedApiServer implements AutoCloseable {
    static final String NS = "amlarc-testing";
    static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

    private final KubernetesMockServer server;
    /** A client straight to the server. */
    final KubernetesClient direct;
    /** The relay the workspace's client goes through. */
    final DroppingProxy proxy;

    private final KubernetesClient throughProxy;
    /** A workspace on a {@link KubernetesControlPlane} whose client goes through {@link #proxy}. */
    final Workspace ws;

    /**
     * @param clientConfig adjusts the proxied client's configuration (retries, protocol)
     * @param plane adjusts the control plane
     */
    ProxiedApiServer(UnaryOperator<ConfigBuilder> clientConfig, UnaryOperator<KubernetesControlPlane.Builder> plane)
            throws Exception {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        direct = server.createClient(new JdkHttpClientFactory());
        direct.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        direct.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName("node-1")
                        .endMetadata()
                        .withNewStatus()
                        .withAllocatable(Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi")))
                        .endStatus()
                        .build())
                .create();
        proxy = new DroppingProxy(server.getPort());
        Config config = clientConfig
                .apply(new ConfigBuilder(Config.empty())
                        .withMasterUrl(proxy.url())
                        .withNamespace("default")
                        .withTrustCerts(true))
                .build();
        throughProxy = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
        ws = Workspace.on(
                plane.apply(KubernetesControlPlane.builder(throughProxy).expectExtension(false))
                        .build());
    }

    @Override
    public void close() throws Exception {
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
}
