package io.arcml.samples.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * kube-apiserver of the real control plane that {@code .ci/kube-control-plane.sh start} runs on
 * loopback (TLS, client-certificate identity, RBAC, etcd behind it), found through the admin
 * kubeconfig the script's {@code env} command exports. Requests are counted on the client side:
 * the server's own counters add up the controllers', the scheduler's and kwok's requests too.
 */
final class RealApiServer implements ApiServerUnderTest {
    /** The variable {@code .ci/kube-control-plane.sh env} exports with the admin kubeconfig's path. */
    static final String ADMIN_KUBECONFIG = "ARCML_KUBE_ADMIN_KUBECONFIG";
    /** The variable {@code .ci/kube-control-plane.sh env} exports with the plane's state directory. */
    static final String STATE = "ARCML_KUBE_STATE";
    /** The {@code User-Agent} of the benchmarks' fabric8 clients, by which the audit log tells their requests from kwok's. */
    static final String USER_AGENT = "arcml-benchmarks";
    /** What to do when no plane is found. */
    static final String HOW_TO_START =
            "start it with `bash .ci/kube-control-plane.sh start` and run the benchmarks in a shell "
                    + "where `eval \"$(bash .ci/kube-control-plane.sh env)\"` has run";

    private final Path kubeconfig;
    private final Config config;
    private final RequestCounter counter = new RequestCounter();
    private final KubernetesClient client;

    private RealApiServer(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
        this.config = configOf(kubeconfig);
        this.client = clientOf(kubeconfig, counter);
    }

    /**
     * The plane named by {@value #ADMIN_KUBECONFIG} when it answers; empty, with the reason
     * printed, when the variable is unset or the server does not answer.
     */
    static Optional<RealApiServer> find() {
        String path = System.getenv(ADMIN_KUBECONFIG);
        if (path == null || path.isBlank() || !Files.isRegularFile(Path.of(path))) {
            System.out.println(
                    "No real control plane: " + ADMIN_KUBECONFIG + " names no kubeconfig file; " + HOW_TO_START + ".");
            return Optional.empty();
        }
        RealApiServer server = new RealApiServer(Path.of(path));
        try {
            server.client.getKubernetesVersion();
            return Optional.of(server);
        } catch (KubernetesClientException e) {
            server.close();
            // fabric8 says "An error has occurred."; the innermost cause says what (connection refused, certificate
            // unknown).
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.out.println("No real control plane: kube-apiserver at " + server.url() + " (from " + path
                    + ") does not answer (" + cause + "); " + HOW_TO_START + ".");
            return Optional.empty();
        }
    }

    /** A fabric8 client of the kubeconfig's server over HTTP/1.1, counting its requests with {@code counter} when given. */
    static KubernetesClient clientOf(Path kubeconfig, RequestCounter counter) {
        return ApiServerUnderTest.clientOf(configOf(kubeconfig), counter);
    }

    private static Config configOf(Path kubeconfig) {
        try {
            return new ConfigBuilder(Config.fromKubeconfig(Files.readString(kubeconfig)))
                    .withHttp2Disable(true)
                    .withUserAgent(USER_AGENT)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the kubeconfig " + kubeconfig, e);
        }
    }

    @Override
    public String name() {
        return "kube-apiserver";
    }

    @Override
    public String url() {
        String master = config.getMasterUrl();
        return master.endsWith("/") ? master : master + "/";
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    /** The JDK's client with the kubeconfig's client certificate and key, trusting its certificate authority (both PEM files). */
    @Override
    public HttpClient rawHttp() {
        try {
            return HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(SSLUtils.sslContext(config))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot build a TLS context from the kubeconfig " + kubeconfig + "'s certificate files", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the certificate files of the kubeconfig " + kubeconfig, e);
        }
    }

    @Override
    public long requestCount() {
        return counter.sent();
    }

    @Override
    public RequestCounter clientRequests() {
        return counter;
    }

    /** Every process of the plane (kube-apiserver, etcd, controllers, scheduler, kwok), from the script's state directory. */
    @Override
    public ServerCpu serverCpu() {
        return ServerCpu.ofPlane(System.getenv(STATE));
    }

    /** kube-apiserver's audit log, where the plane keeps one ({@value AuditLog#VARIABLE}). */
    @Override
    public Optional<AuditLog> auditLog() {
        return AuditLog.fromEnvironment(USER_AGENT);
    }

    @Override
    public String trackingTarget() {
        return kubeconfig.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
