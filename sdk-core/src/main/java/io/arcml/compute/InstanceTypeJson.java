package io.arcml.compute;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Azure ML's JSON of an instance type, bound with Jackson: {@code {"nodeSelector": {...},
 * "resources": {"requests": {...}, "limits": {...}}}}. The one reader and writer of the shape,
 * used by the how-to's attach file, the ARM transport (which adds Azure's nulls on top, see
 * {@link #withAzureNulls()}), the cluster transport's records and {@link InstanceType#serialize()}.
 * Reading skips the {@code null}s Azure writes for absent GPUs and selectors.
 *
 * @param nodeSelector node labels, or {@code null} when any node will do
 * @param resources requests and limits, or {@code null} when none are set
 */
@JsonPropertyOrder({"nodeSelector", "resources"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceTypeJson(Map<String, String> nodeSelector, Resources resources) {

    /**
     * Requests and limits by resource name, quantities as strings (a number is read as written).
     *
     * @param requests resource requests, or {@code null}
     * @param limits resource limits, or {@code null}
     */
    @JsonPropertyOrder({"requests", "limits"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resources(
            @JsonDeserialize(contentUsing = QuantityText.class)
            Map<String, String> requests,

            @JsonDeserialize(contentUsing = QuantityText.class)
            Map<String, String> limits) {}

    /** The JSON of {@code type}; empty parts are left out. */
    public static InstanceTypeJson of(InstanceType type) {
        Arguments.nonNull(type, "type");
        Map<String, String> requests = asStrings(type.requests());
        Map<String, String> limits = asStrings(type.limits());
        return new InstanceTypeJson(
                type.nodeSelector().isEmpty() ? null : type.nodeSelector(),
                requests == null && limits == null ? null : new Resources(requests, limits));
    }

    private static Map<String, String> asStrings(Map<String, Quantity> quantities) {
        if (quantities.isEmpty()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        quantities.forEach((name, q) -> out.put(name, q.toString()));
        return out;
    }

    /**
     * The shape as Azure ML itself writes it in a compute's {@code instanceTypes}: {@code nodeSelector}
     * {@code null} when empty, and when there are resources both {@code requests} and {@code limits},
     * each with {@code nvidia.com/gpu: null} when no GPU is asked.
     */
    public Map<String, Object> withAzureNulls() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodeSelector", nodeSelector);
        if (resources != null) {
            Map<String, Object> both = new LinkedHashMap<>();
            both.put("requests", withGpuNull(resources.requests()));
            both.put("limits", withGpuNull(resources.limits()));
            out.put("resources", both);
        }
        return out;
    }

    private static Map<String, String> withGpuNull(Map<String, String> quantities) {
        Map<String, String> out = quantities == null ? new LinkedHashMap<>() : new LinkedHashMap<>(quantities);
        if (!out.isEmpty()) {
            out.putIfAbsent(InstanceType.NVIDIA_GPU, null);
        }
        return out;
    }

    /** This JSON as a plain map, for the {@code serialize()} of models. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return Json.mapper().convertValue(this, LinkedHashMap.class);
    }

    /** Reads an instance type from any JSON value of this shape (a tree or maps and lists), leniently about extra keys. */
    public static InstanceTypeJson from(Object json) {
        Arguments.nonNull(json, "json");
        return Json.mapper().convertValue(json, InstanceTypeJson.class);
    }

    /**
     * Checks this JSON by {@link InstanceType}'s rules.
     *
     * @param path the instance type's path in its document, for example {@code instanceTypes.gpu}
     * @throws ValidationException naming the field under {@code path}, the value and the fix
     */
    public InstanceType toInstanceType(String path) {
        Arguments.nonNull(path, "path");
        InstanceType.Builder b = InstanceType.builder();
        putAll(nodeSelector, b::nodeSelector);
        if (resources != null) {
            putAll(resources.requests(), b::request);
            putAll(resources.limits(), b::limit);
        }
        return b.build(path);
    }

    private interface Sink {
        void put(String name, String value);
    }

    /** Skips the {@code null}s Azure writes for what is not set. */
    private static void putAll(Map<String, String> values, Sink sink) {
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null) {
                    sink.put(name, value);
                }
            });
        }
    }

    /** A quantity: a string, or a number as written; anything else is not a quantity. */
    static final class QuantityText extends StdDeserializer<String> {
        private static final long serialVersionUID = 1L;

        QuantityText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING || p.currentToken().isNumeric()) {
                return p.getText();
            }
            return (String) ctxt.reportInputMismatch(Quantity.class, "Write it as a string such as \"2\" or \"16Gi\"");
        }
    }
}
