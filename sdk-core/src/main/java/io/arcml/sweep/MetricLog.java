package io.arcml.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics a trial reports, read from its log: the channel every transport has ({@code kubectl
 * logs} on a cluster). A training script prints one line per report:
 *
 * <pre>
 * ##arcml[metric] {"accuracy": 0.91, "loss": 0.3}     an intermediate report: one step
 * ##arcml[final] {"accuracy": 0.93}                     the final metrics
 * </pre>
 *
 * In Python: {@code print("##arcml[metric]", json.dumps({"accuracy": acc}), flush=True)}. The
 * marker may follow a prefix (an instance name or a timestamp); lines that do not parse are
 * ignored, like any other output.
 *
 * @param steps the intermediate reports, in order
 * @param finalMetrics the final metrics (the last {@code final} line), empty when none
 */
public record MetricLog(List<Map<String, Double>> steps, Map<String, Double> finalMetrics) {
    /** The marker of an intermediate report. */
    public static final String METRIC_MARKER = "##arcml[metric]";
    /** The marker of the final metrics. */
    public static final String FINAL_MARKER = "##arcml[final]";

    private static final ObjectMapper JSON = Json.mapper();

    /** Canonical constructor: copies the reports. */
    public MetricLog {
        steps = List.copyOf(steps);
        finalMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(finalMetrics));
    }

    /** Reads the reports in a log. */
    public static MetricLog parse(String log) {
        List<Map<String, Double>> steps = new ArrayList<>();
        Map<String, Double> last = Map.of();
        for (String line : log.split("\\R")) {
            int m = line.indexOf(METRIC_MARKER);
            int f = line.indexOf(FINAL_MARKER);
            if (m >= 0) {
                Map<String, Double> values = values(line.substring(m + METRIC_MARKER.length()));
                if (!values.isEmpty()) {
                    steps.add(values);
                }
            } else if (f >= 0) {
                Map<String, Double> values = values(line.substring(f + FINAL_MARKER.length()));
                if (!values.isEmpty()) {
                    last = values;
                }
            }
        }
        return new MetricLog(steps, last);
    }

    private static Map<String, Double> values(String json) {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(json.trim());
            if (node != null && node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isNumber()) {
                        out.put(e.getKey(), e.getValue().asDouble());
                    }
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** The metric's value at each step that reported it. */
    public List<Double> series(String metric) {
        List<Double> out = new ArrayList<>();
        for (Map<String, Double> s : steps) {
            Double v = s.get(metric);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The metric's final value, else its last reported value, else {@code null}. */
    public Double value(String metric) {
        if (finalMetrics.containsKey(metric)) {
            return finalMetrics.get(metric);
        }
        List<Double> s = series(metric);
        return s.isEmpty() ? null : s.get(s.size() - 1);
    }

    /** Every metric's final value (or last reported one). */
    public Map<String, Double> latest() {
        Map<String, Double> out = new LinkedHashMap<>();
        steps.forEach(out::putAll);
        out.putAll(finalMetrics);
        return out;
    }
}
