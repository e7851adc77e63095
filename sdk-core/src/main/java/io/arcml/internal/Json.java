package io.arcml.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Indented JSON for the {@code toJson()} of models, the way notebook users know it from the Python
 * SDK, and the one strict reader of the JSON files users hand to arcml.
 */
public final class Json {
    /** Loaded on the first toJson() only. */
    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Loaded on the first file read only. */
    private static final class Reader {
        static final ObjectReader STRICT = new ObjectMapper().readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private Json() {
    }

    /**
     * Reads a whole JSON document: anything after the first value (a second object pasted below
     * the first, a stray bracket) is an error, not silently dropped.
     */
    public static JsonNode readDocument(String text) throws JsonProcessingException {
        return Reader.STRICT.readTree(text);
    }

    /** A map of strings, numbers, booleans, lists and maps as indented JSON. */
    public static String pretty(Object value) {
        try {
            return Holder.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Models serialize to plain maps and lists: " + e.getMessage(), e);
        }
    }
}
