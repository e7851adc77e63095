package io.arcml.samples.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.Closeable;
import java.net.http.HttpClient;
import java.util.Optional;

/**
 * An API server the sweep fan-out is measured against, in a process of its own: fabric8's mock
 * ({@link ApiServerProcess}) or kube-apiserver of the real control plane ({@link RealApiServer}).
 * Every client it hands out speaks HTTP/1.1, so that arcml, fabric8's typed creates and the raw
 * creates are compared on the same protocol.
 */
interface ApiServerUnderTest extends Closeable {
    /** What the figures name: {@code mock API server}, {@code kube-apiserver}. */
    String name();

    /** The server's base URL, ending in {@code /}. */
    String url();

    /** The fabric8 client arcml and the typed creates use, with the rights to create namespaces and nodes. */
    KubernetesClient client();

    /** A plain JDK client that reaches the server as {@link #client()} does (same TLS identity, if any). */
    HttpClient rawHttp();

    /** The API requests the server has been sent by {@link #client()} (or by every client, where only the server counts). */
    long requestCount();

    /** The requests {@link #client()} sent, counted by the client, with how many were in flight at once. */
    RequestCounter clientRequests();

    /** The CPU time of the server's processes. */
    ServerCpu serverCpu();

    /** The server's own log of the requests {@link #client()} sent, where it keeps one. */
    Optional<AuditLog> auditLog();

    /** How a {@link TrackingProcess} reaches the server: its first argument. */
    String trackingTarget();

    @Override
    void close();

    /** A fabric8 client on the JDK's HTTP client with that configuration, counting its requests with {@code counter} when given. */
    static KubernetesClient clientOf(Config config, RequestCounter counter) {
        KubernetesClientBuilder builder =
                new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory());
        if (counter != null) {
            builder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(RequestCounter.NAME, counter));
        }
        return builder.build();
    }
}
