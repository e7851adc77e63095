package io.arcml.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's reading of kube-apiserver's audit log: one client's requests per time window, by kind. */
class AuditLogTest {
    private static final String AGENT = "arcml-benchmarks";

    @TempDir
    Path dir;

    private static String event(String id, String stage, String agent, String verb, String resource, String at) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + id
                + "\",\"stage\":\"" + stage + "\",\"verb\":\"" + verb + "\",\"userAgent\":\"" + agent
                + "\",\"objectRef\":{\"resource\":\"" + resource + "\",\"namespace\":\"ns\"}"
                + ",\"requestReceivedTimestamp\":\"" + at + "\",\"stageTimestamp\":\"" + at + "\"}\n";
    }

    private static String timed(String id, String agent, String verb, String received, String completed) {
        return event(id, "ResponseComplete", agent, verb, "jobs", received)
                .replace("\"stageTimestamp\":\"" + received + "\"", "\"stageTimestamp\":\"" + completed + "\"");
    }

    @Test
    void theServersMedianTimeIsOverItsUserAgentsRequestsOfThatKindInTheWindows() throws Exception {
        Path file = dir.resolve("audit.log");
        AuditLog log = new AuditLog(file, AGENT);
        Files.writeString(
                file,
                timed("a", AGENT, "create", "2026-01-01T10:00:01.000Z", "2026-01-01T10:00:01.004Z")
                        + timed("b", AGENT, "create", "2026-01-01T10:00:01.100Z", "2026-01-01T10:00:01.107500Z")
                        + timed("c", AGENT, "create", "2026-01-01T10:00:03.000Z", "2026-01-01T10:00:03.009Z")
                        // not the benchmark's, not a create, outside the windows: none counts
                        + timed("d", "kwok/v0.7.0", "create", "2026-01-01T10:00:01.2Z", "2026-01-01T10:00:02Z")
                        + timed("e", AGENT, "get", "2026-01-01T10:00:01.3Z", "2026-01-01T10:00:02Z")
                        + timed("f", AGENT, "create", "2026-01-01T10:00:02.5Z", "2026-01-01T10:00:04Z"),
                StandardCharsets.UTF_8);
        List<AuditLog.Window> windows = List.of(
                new AuditLog.Window(Instant.parse("2026-01-01T10:00:00.5Z"), Instant.parse("2026-01-01T10:00:02Z")),
                new AuditLog.Window(Instant.parse("2026-01-01T10:00:02.9Z"), Instant.parse("2026-01-01T10:00:04Z")));

        assertThat(log.medianMillis(0, windows, "create jobs")).hasValue(7.5);
        assertThat(log.medianMillis(0, windows.subList(0, 1), "create jobs")).hasValue(7.5);
        assertThat(log.medianMillis(0, windows, "delete jobs")).isEmpty();
    }

    @Test
    void countsEachRequestOfItsUserAgentOnceInTheWindowItWasReceivedIn() throws Exception {
        Path file = dir.resolve("audit.log");
        // Logged before the reader took its position: not counted, though it falls in a window.
        Files.writeString(file, event("old", "ResponseComplete", AGENT, "create", "jobs", "2026-01-01T10:00:01.2Z"));
        AuditLog log = new AuditLog(file, AGENT);
        long from = log.end();
        Files.writeString(
                file,
                event("a", "ResponseComplete", AGENT, "create", "jobs", "2026-01-01T10:00:01.000001Z")
                        + event("b", "ResponseComplete", AGENT, "create", "jobs", "2026-01-01T10:00:01.500000Z")
                        + event("c", "ResponseComplete", AGENT, "get", "configmaps", "2026-01-01T10:00:01.600000Z")
                        // kwok's request in the same window is not the benchmark's
                        + event("d", "ResponseComplete", "kwok/v0.7.0", "create", "jobs", "2026-01-01T10:00:01.7Z")
                        // a watch logs when its response starts and again when it ends
                        + event("e", "ResponseStarted", AGENT, "watch", "jobs", "2026-01-01T10:00:03Z")
                        + event("e", "ResponseComplete", AGENT, "watch", "jobs", "2026-01-01T10:00:03Z")
                        // between the windows
                        + event("f", "ResponseComplete", AGENT, "create", "jobs", "2026-01-01T10:00:02.5Z"),
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        List<Map<String, Integer>> counts = log.count(
                from,
                List.of(
                        new AuditLog.Window(
                                Instant.parse("2026-01-01T10:00:00.5Z"), Instant.parse("2026-01-01T10:00:02Z")),
                        new AuditLog.Window(
                                Instant.parse("2026-01-01T10:00:02.9Z"), Instant.parse("2026-01-01T10:00:04Z"))));

        assertThat(counts).containsExactly(Map.of("create jobs", 2, "get configmaps", 1), Map.of("watch jobs", 1));
    }
}
