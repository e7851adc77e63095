package io.arcml.samples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * kube-apiserver's audit log of the real control plane ({@code .ci/kube-control-plane.sh} logs
 * every request of its admin identity, one JSON event per line): the requests one client sent in
 * given time windows, counted by the server rather than by the client.
 */
final class AuditLog {
    /** The variable {@code .ci/kube-control-plane.sh env} exports with the audit log's path. */
    static final String VARIABLE = "ARCML_KUBE_AUDIT_LOG";

    private static final ObjectMapper JSON = Json.mapper();

    private final Path file;
    private final String userAgent;

    /** The requests in {@code file} sent with that {@code User-Agent} header. */
    AuditLog(Path file, String userAgent) {
        this.file = file;
        this.userAgent = userAgent;
    }

    /**
     * The requests sent with that user agent in the log named by {@value #VARIABLE}; empty when
     * it is unset or names no file (a plane started before the script kept one).
     */
    static Optional<AuditLog> fromEnvironment(String userAgent) {
        String path = System.getenv(VARIABLE);
        return path == null || path.isBlank() || !Files.isRegularFile(Path.of(path))
                ? Optional.empty()
                : Optional.of(new AuditLog(Path.of(path), userAgent));
    }

    /** Where the log ends now: what {@link #count} reads from. */
    long end() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the size of the audit log " + file, e);
        }
    }

    /** A stretch of time in which one kind of client work ran. */
    record Window(Instant from, Instant to) {
        boolean holds(Instant t) {
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }

    /**
     * The requests of this log's user agent the server received in each window, by {@code verb
     * resource[/subresource]} ({@code create jobs}, {@code get configmaps}); one event per request
     * (the log omits the RequestReceived stage; a watch's ResponseStarted and ResponseComplete
     * events share its audit id and count once).
     *
     * @param from a position {@link #end()} returned before the first window
     */
    List<Map<String, Integer>> count(long from, List<Window> windows) {
        List<Map<String, Integer>> counts = windows.stream()
                .map(w -> (Map<String, Integer>) new TreeMap<String, Integer>())
                .toList();
        Set<String> seen = new HashSet<>();
        read(from, event -> {
            if (!seen.add(event.path("auditID").asText())) {
                return;
            }
            Instant received =
                    Instant.parse(event.path("requestReceivedTimestamp").asText());
            for (int i = 0; i < windows.size(); i++) {
                if (windows.get(i).holds(received)) {
                    counts.get(i).merge(kind(event), 1, Integer::sum);
                }
            }
        });
        return counts;
    }

    /**
     * The median time the server took, from receiving a request to completing its response, over
     * the requests of this log's user agent and of that kind ({@code create jobs}) received in any
     * of the windows; empty when there is none. It tells the server's share of an arm's time from
     * the client's, for requests the arms send alike.
     *
     * @param from a position {@link #end()} returned before the first window
     */
    OptionalDouble medianMillis(long from, List<Window> windows, String kind) {
        List<Double> millis = new ArrayList<>();
        read(from, event -> {
            Instant received =
                    Instant.parse(event.path("requestReceivedTimestamp").asText());
            if ("ResponseComplete".equals(event.path("stage").asText())
                    && kind.equals(kind(event))
                    && windows.stream().anyMatch(w -> w.holds(received))) {
                Instant completed = Instant.parse(event.path("stageTimestamp").asText());
                millis.add(Duration.between(received, completed).toNanos() / 1e6);
            }
        });
        if (millis.isEmpty()) {
            return OptionalDouble.empty();
        }
        Collections.sort(millis);
        return OptionalDouble.of(millis.get(millis.size() / 2));
    }

    /** Hands each event of this log's user agent after {@code from} to the reader. */
    private void read(long from, Consumer<JsonNode> reader) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                BufferedReader lines = new BufferedReader(new InputStreamReader(
                        Channels.newInputStream(channel.position(from)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode event = JSON.readTree(line);
                if (userAgent.equals(event.path("userAgent").asText())) {
                    reader.accept(event);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit log " + file, e);
        }
    }

    private static String kind(JsonNode event) {
        JsonNode ref = event.path("objectRef");
        String resource = ref.path("resource").asText(event.path("requestURI").asText());
        String sub = ref.path("subresource").asText("");
        return event.path("verb").asText() + " " + resource + (sub.isEmpty() ? "" : "/" + sub);
    }
}
