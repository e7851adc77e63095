package io.arcml.internal.jackson;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one place arcml builds a Jackson mapper: one JSON mapper and one YAML mapper, configured
 * alike. Fields a service adds are ignored; a string field takes only a string (a number or a
 * boolean where a name is expected is reported, not turned into text); times are read as the text
 * they are on the wire and parsed by the codec that knows their form.
 *
 * <p>It depends on Jackson alone, so that every package of arcml, {@code io.arcml} itself
 * included, can use it without closing a package cycle. Everything else reaches it through
 * {@code io.arcml.internal.Json}.
 */
public final class JacksonMappers {
    /** Loaded on first use only, so that a notebook that never touches JSON pays nothing. */
    private static final class Holder {
        static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
        static final ObjectMapper YAML = configure(YAMLMapper.builder()).build();
        static final ObjectReader DOCUMENT =
                JSON.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private JacksonMappers() {}

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /** The JSON mapper: service responses, request bodies, records kept in a cluster. */
    public static ObjectMapper json() {
        return Holder.JSON;
    }

    /** The same configuration on YAML, for the Azure ML CLI v2 files. */
    public static ObjectMapper yaml() {
        return Holder.YAML;
    }

    /**
     * A tree reader of whole JSON documents: anything after the first value (a second object
     * pasted below the first, a stray bracket) is an error, not silently dropped.
     */
    public static ObjectReader documentReader() {
        return Holder.DOCUMENT;
    }
}
