package io.arcml.transport.arm;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * A small Azure Blob Storage on loopback for the upload tests: Put Blob, Put Block, Put Block
 * List, Get Blob Properties (HEAD) and Set Blob Metadata, kept in memory. It checks what the Blob
 * service checks and what arcml promises: a SAS on every request ({@link #requireSas}), no
 * {@code Authorization} header (the management token never comes here), {@code x-ms-version} and
 * {@code x-ms-date}, {@code x-ms-blob-type: BlockBlob} and a matching {@code Content-Length} on a Put
 * Blob, block IDs of one length, and a block list naming only blocks it received. A request that
 * breaks a rule is answered 400 and recorded in {@link #violations()}.
 */
final class BlobEmulator implements AutoCloseable {
    /** One request as received. */
    record Request(String method, String path, String query, Map<String, String> headers, int bodyLength) {}

    private static final Pattern BLOCK_ID = Pattern.compile("<Latest>([^<]*)</Latest>");

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> blocks = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private volatile String requiredSas = "sig=";

    BlobEmulator() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Every request must carry this text in its query (the SAS it was given); {@code sig=} by default. */
    void requireSas(String sas) {
        this.requiredSas = sas;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The committed blobs by path ({@code /<container>/<blob>}). */
    Map<String, byte[]> blobs() {
        return blobs;
    }

    Map<String, String> metadata(String path) {
        return metadata.getOrDefault(path, Map.of());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * An HTTP client for the pipelines under test: requests to {@code *.blob.core.windows.net} go to
     * this emulator (same path and query), everything else to {@code delegate}. It stands for the
     * user's own {@code HttpClient}, which arcml must use for blobs too.
     */
    HttpClient routing(HttpClient delegate) {
        return new HttpClient() {
            @Override
            public Mono<HttpResponse> send(HttpRequest request) {
                return delegate.send(route(request));
            }

            @Override
            public HttpResponse sendSync(HttpRequest request, Context context) {
                return delegate.sendSync(route(request), context);
            }
        };
    }

    private HttpRequest route(HttpRequest request) {
        URL url = request.getUrl();
        if (!url.getHost().endsWith(".blob.core.windows.net")) {
            return request;
        }
        try {
            String file = url.getFile();
            return request.copy().setUrl(new URL("http", "127.0.0.1", port(), file));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery() == null
                ? ""
                : exchange.getRequestURI().getRawQuery();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        requests.add(new Request(method, path, query, headers, body.length));
        String problem = problem(method, query, headers, body);
        if (problem != null) {
            violations.add(method + " " + path + ": " + problem);
            respond(exchange, 400, Map.of("x-ms-error-code", "InvalidInput"));
            return;
        }
        Map<String, String> params = params(query);
        String comp = params.getOrDefault("comp", "");
        switch (method + " " + comp) {
            case "PUT " -> {
                blobs.put(path, body);
                metadata.remove(path);
                respond(exchange, 201, Map.of());
            }
            case "PUT block" -> {
                blocks.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(params.get("blockid"), body);
                respond(exchange, 201, Map.of());
            }
            case "PUT blocklist" -> commit(exchange, path, new String(body, StandardCharsets.UTF_8));
            case "PUT metadata" -> {
                if (!blobs.containsKey(path)) {
                    respond(exchange, 404, Map.of("x-ms-error-code", "BlobNotFound"));
                    return;
                }
                Map<String, String> meta = new LinkedHashMap<>();
                headers.forEach((k, v) -> {
                    if (k.startsWith("x-ms-meta-")) {
                        meta.put(k.substring("x-ms-meta-".length()), v);
                    }
                });
                metadata.put(path, meta);
                respond(exchange, 200, Map.of());
            }
            case "HEAD " -> {
                if (!blobs.containsKey(path)) {
                    respond(exchange, 404, Map.of("x-ms-error-code", "BlobNotFound"));
                    return;
                }
                Map<String, String> out = new LinkedHashMap<>();
                metadata(path).forEach((k, v) -> out.put("x-ms-meta-" + k, v));
                respond(exchange, 200, out);
            }
            default -> {
                violations.add(method + " " + path + ": not an operation of this emulator (comp=" + comp + ")");
                respond(exchange, 400, Map.of());
            }
        }
    }

    private String problem(String method, String query, Map<String, String> headers, byte[] body) {
        if (headers.containsKey("authorization")) {
            return "an Authorization header reached the blob host";
        }
        if (!query.contains(requiredSas)) {
            return "no shared access signature";
        }
        if (!headers.containsKey("x-ms-version") || !headers.containsKey("x-ms-date")) {
            return "x-ms-version or x-ms-date is missing";
        }
        Map<String, String> params = params(query);
        if (method.equals("PUT") && !params.containsKey("comp")) {
            if (!"BlockBlob".equals(headers.get("x-ms-blob-type"))) {
                return "a Put Blob without x-ms-blob-type: BlockBlob";
            }
        }
        if (method.equals("PUT") && !Integer.toString(body.length).equals(headers.get("content-length"))) {
            return "Content-Length " + headers.get("content-length") + " for a body of " + body.length;
        }
        return null;
    }

    private void commit(HttpExchange exchange, String path, String list) throws IOException {
        Map<String, byte[]> received = blocks.getOrDefault(path, Map.of());
        Matcher m = BLOCK_ID.matcher(list);
        List<byte[]> parts = new ArrayList<>();
        int idLength = -1;
        while (m.find()) {
            String id = m.group(1);
            if (idLength >= 0 && id.length() != idLength) {
                violations.add("PUT " + path + ": block IDs of different lengths");
            }
            idLength = id.length();
            if (!received.containsKey(id)) {
                violations.add("PUT " + path + ": the block list names block " + id + ", never received");
                respond(exchange, 400, Map.of("x-ms-error-code", "InvalidBlockList"));
                return;
            }
            parts.add(received.get(id));
        }
        int size = parts.stream().mapToInt(p -> p.length).sum();
        byte[] blob = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, blob, at, p.length);
            at += p.length;
        }
        blobs.put(path, blob);
        blocks.remove(path);
        respond(exchange, 201, Map.of());
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
