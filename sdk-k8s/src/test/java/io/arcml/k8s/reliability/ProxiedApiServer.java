package io.arcml.k8s.reliability;

import io.arcml.Workspace;
import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.function.UnaryOperator;

/**
 * fabric8's mock API server ({@link MockApiServer}: a namespace and a node), a client straight
 * to it for the test's own reads and writes, and a workspace whose client goes through a
 * {@link DroppingProxy}.
 */
final class ProxiedApiServer implements AutoCloseable {
    static final String NS = MockApiServer.NS;
    static final String AKS = MockApiServer.AKS;

    private final MockApiServer mock;
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
        mock = new MockApiServer();
        direct = mock.client;
        proxy = new DroppingProxy(mock.server.getPort());
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
        mock.close();
    }
}
