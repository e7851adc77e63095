package io.arcml.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Indented JSON for the {@code toJson()} of models, the way notebook users know it from the Python SDK. */
public final class Json {
    /** Loaded on the first toJson() only. */
    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private Json() {
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
