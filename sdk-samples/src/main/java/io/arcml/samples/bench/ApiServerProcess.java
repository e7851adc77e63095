package io.arcml.samples.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's mock API server in CRUD mode, on loopback, in a process of its own, as a real API
 * server is: the clients measured do not share its CPU time with its garbage collector, nor it
 * theirs.
 *
 * <p>Prints {@code url <url>}; then answers each {@code requests} line on standard input with
 * {@code requests <n>} (the requests it has served); stops at the end of standard input.
 */
final class ApiServerProcess {
    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private ApiServerProcess() {}

    public static void main(String[] args) throws IOException {
        // A line per request would cost the server more than the request.
        SERVER_LOG.setLevel(Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        PrintStream out = System.out;
        out.println("url " + server.url("/"));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if ("requests".equals(line.strip())) {
                out.println("requests " + server.getRequestCount());
                out.flush();
            }
        }
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // Connections the clients pooled are dropped with the process.
        }
    }

    /** A running {@link ApiServerProcess}, started on this JVM's class path; it counts every request it serves. */
    static final class Handle implements ApiServerUnderTest {
        private final Process process;
        private final BufferedReader out;
        private final PrintStream in;
        private final String url;
        private final RequestCounter counter = new RequestCounter();
        private final KubernetesClient client;

        Handle() throws IOException {
            process = Benchmarks.javaProcess(List.of(), ApiServerProcess.class)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            url = value("url");
            client = clientOf(url, counter);
        }

        /** A fabric8 client of the mock server at {@code url} over HTTP/1.1. */
        static KubernetesClient clientOf(String url) {
            return clientOf(url, null);
        }

        /** A fabric8 client of the mock server at {@code url} over HTTP/1.1, counting its requests with {@code counter} when given. */
        static KubernetesClient clientOf(String url, RequestCounter counter) {
            Config config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(url)
                    .withNamespace("default")
                    .withHttp2Disable(true)
                    .build();
            return ApiServerUnderTest.clientOf(config, counter);
        }

        @Override
        public String name() {
            return "mock API server";
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public KubernetesClient client() {
            return client;
        }

        @Override
        public HttpClient rawHttp() {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        }

        /** How many requests the server has served so far, from any client. */
        @Override
        public long requestCount() {
            in.println("requests");
            try {
                return Long.parseLong(value("requests"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public RequestCounter clientRequests() {
            return counter;
        }

        @Override
        public ServerCpu serverCpu() {
            return new ServerCpu(List.of(process.pid()));
        }

        @Override
        public String trackingTarget() {
            return url;
        }

        /** None: fabric8's mock server keeps no audit log. */
        @Override
        public Optional<AuditLog> auditLog() {
            return Optional.empty();
        }

        /** The value of the next line {@code <key> <value>}; lines the JVM itself prints (JFR, agents) are skipped. */
        private String value(String key) throws IOException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(key + " ")) {
                    return line.substring(key.length() + 1);
                }
            }
            throw new IOException("The API server process ended before it answered '" + key + " ...'");
        }

        @Override
        public void close() {
            client.close();
            in.close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
