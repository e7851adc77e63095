package io.arcml.samples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.arcml.WorkspaceId;
import io.arcml.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Azure Resource Manager for computes, on the JDK's HTTP server: a compute's attach
 * (PUT) answers 201 with an {@code Azure-AsyncOperation} URL and {@code Retry-After}, and the
 * operation completes a set time after the PUT arrived, a time the client cannot know. It counts
 * every request per compute (the reads of the compute, the PUT, the status reads) and the reads of
 * the workspace, and remembers when each operation completed.
 */
final class ArmLroEmulator implements AutoCloseable {
    static {
        // The JDK's server writes a response's headers and body apart; with Nagle's algorithm on, the
        // body then waits for the client's delayed ACK (about 40 ms on Linux), a delay no ARM front
        // door adds, that lands at random on either client. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    static final WorkspaceId WORKSPACE = new WorkspaceId("00000000-0000-0000-0000-000000000000", "rg", "ws");
    private static final ObjectMapper JSON = Json.mapper();
    private static final String COMPUTES = WORKSPACE.resourceId() + "/computes/";
    private static final String STATUSES = "/subscriptions/" + WORKSPACE.subscriptionId()
            + "/providers/Microsoft.MachineLearningServices/locations/eastus/computeOperationsStatus/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final long retryAfterSeconds;
    private final Map<String, Attach> attaches = new ConcurrentHashMap<>();
    private final AtomicInteger workspaceReads = new AtomicInteger();
    private final AtomicInteger clusterReads = new AtomicInteger();

    /**
     * When the server saw a client's requests for one attach, in {@link System#nanoTime()}: when it
     * answered the PUT, when each status read arrived and was answered, and when the last read of
     * the compute arrived and was answered (answered: when the server began to write the answer,
     * recorded before the client can act on it).
     *
     * @param statusReads per status read, {@code [arrived, answered]}
     */
    record Timeline(long putAnswered, List<long[]> statusReads, long lastReadArrived, long lastReadAnswered) {}

    /** One compute's attach as the server sees it. */
    private static final class Attach {
        final Duration completesAfter;
        final AtomicInteger requests = new AtomicInteger();
        final List<long[]> statusReads = new CopyOnWriteArrayList<>();
        volatile ObjectNode body;
        volatile long completesAtNanos = Long.MAX_VALUE;
        volatile long putAnswered;
        volatile long lastReadArrived;
        volatile long lastReadAnswered;

        Attach(Duration completesAfter) {
            this.completesAfter = completesAfter;
        }

        boolean done() {
            return System.nanoTime() >= completesAtNanos;
        }
    }

    /** @param retryAfter the {@code Retry-After} of every answer while an operation runs */
    ArmLroEmulator(Duration retryAfter) throws IOException {
        this.retryAfterSeconds = retryAfter.toSeconds();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Declares the attach of a compute that is to come: its operation completes this long after the PUT. */
    void expectAttach(String compute, Duration completesAfter) {
        attaches.put(compute, new Attach(completesAfter));
    }

    /** Requests that named the compute: reads of it, its PUT and the reads of its operation's status. */
    int requests(String compute) {
        return attaches.get(compute).requests.get();
    }

    /** When the compute's operation completed, in {@link System#nanoTime()}. */
    long completedAtNanos(String compute) {
        return attaches.get(compute).completesAtNanos;
    }

    /** When the server saw the requests of the compute's attach. */
    Timeline timeline(String compute) {
        Attach a = attaches.get(compute);
        return new Timeline(a.putAnswered, List.copyOf(a.statusReads), a.lastReadArrived, a.lastReadAnswered);
    }

    /** Reads of the workspace (its location), over every attach. */
    int workspaceReads() {
        return workspaceReads.get();
    }

    /** Reads of a cluster resource (arcml checks the cluster exists before its first attach to it). */
    int clusterReads() {
        return clusterReads.get();
    }

    /** The URL of a compute, for clients that speak ARM without arcml. */
    String computeUrl(String compute) {
        return endpoint() + COMPUTES + compute + "?api-version=2024-10-01";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(WORKSPACE.resourceId()) && method.equals("GET")) {
                workspaceReads.incrementAndGet();
                respond(
                        exchange,
                        200,
                        "{\"id\":\"" + path + "\",\"name\":\"ws\",\"location\":\"eastus\",\"properties\":{}}",
                        false);
            } else if (path.matches(
                            "/subscriptions/[^/]+/resource[Gg]roups/[^/]+/providers/Microsoft\\.(Kubernetes/connectedClusters"
                                    + "|ContainerService/managedClusters)/[^/]+")
                    && method.equals("GET")) {
                clusterReads.incrementAndGet();
                respond(exchange, 200, "{\"id\":\"" + path + "\",\"name\":\"cluster\",\"location\":\"eastus\"}", false);
            } else if (path.startsWith(COMPUTES)) {
                compute(exchange, attachOf(path.substring(COMPUTES.length())), method);
            } else if (path.startsWith(STATUSES) && method.equals("GET")) {
                long arrived = System.nanoTime();
                Attach attach = attachOf(path.substring(STATUSES.length()));
                attach.requests.incrementAndGet();
                boolean done = attach.done();
                attach.statusReads.add(new long[] {arrived, System.nanoTime()});
                respond(exchange, 200, "{\"status\":\"" + (done ? "Succeeded" : "InProgress") + "\"}", !done);
            } else {
                respond(
                        exchange,
                        404,
                        "{\"error\":{\"code\":\"NotFound\",\"message\":\"" + method + " " + path + "\"}}",
                        false);
            }
        }
    }

    private Attach attachOf(String name) {
        Attach attach = attaches.get(name);
        if (attach == null) {
            throw new IllegalStateException("No attach of compute '" + name + "' was expected");
        }
        return attach;
    }

    private void compute(HttpExchange exchange, Attach attach, String method) throws IOException {
        long arrived = System.nanoTime();
        attach.requests.incrementAndGet();
        String name = exchange.getRequestURI().getPath().substring(COMPUTES.length());
        if (method.equals("PUT")) {
            ObjectNode body = (ObjectNode) JSON.readTree(exchange.getRequestBody());
            body.put("id", WORKSPACE.resourceId() + "/computes/" + name)
                    .put("name", name)
                    .put("type", "Microsoft.MachineLearningServices/workspaces/computes");
            attach.body = body;
            attach.completesAtNanos = System.nanoTime() + attach.completesAfter.toNanos();
            exchange.getResponseHeaders()
                    .add("Azure-AsyncOperation", endpoint() + STATUSES + name + "?api-version=2024-10-01");
            attach.putAnswered = System.nanoTime();
            respond(exchange, 201, withState(body, "Creating"), true);
        } else if (attach.body == null) {
            respond(
                    exchange,
                    404,
                    "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"Compute " + name + " not found\"}}",
                    false);
        } else {
            attach.lastReadArrived = arrived;
            attach.lastReadAnswered = System.nanoTime();
            respond(exchange, 200, withState(attach.body, attach.done() ? "Succeeded" : "Creating"), false);
        }
    }

    private static String withState(ObjectNode body, String state) {
        ObjectNode copy = body.deepCopy();
        copy.withObjectProperty("properties").put("provisioningState", state);
        return copy.toString();
    }

    private void respond(HttpExchange exchange, int status, String body, boolean retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter) {
            exchange.getResponseHeaders().add("Retry-After", Long.toString(retryAfterSeconds));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
