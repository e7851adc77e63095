package io.arcml.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.arcml.ValidationException;
import io.arcml.internal.jackson.JacksonMappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON and YAML on the one Jackson configuration of arcml ({@link JacksonMappers}): a string field takes only a string
 * (a number or a boolean where a name is expected is reported, not turned into text); fields a
 * service adds are ignored when reading its responses, while files users write are read with
 * {@link #readDocument(String)} and {@link #strictReaderFor(Class)}, where a document is one value
 * (anything after it is an error, not silently dropped). Also the indented JSON of the
 * {@code toJson()} of models, the way notebook users know it from the Python SDK.
 */
public final class Json {
    private Json() {}

    /** The JSON mapper: service responses, request bodies, records kept in a cluster. */
    public static ObjectMapper mapper() {
        return JacksonMappers.json();
    }

    /** The same configuration on YAML, for the Azure ML CLI v2 files. */
    public static ObjectMapper yamlMapper() {
        return JacksonMappers.yaml();
    }

    /** A reader of {@code type} that reports keys it does not know, for the files users write. */
    public static ObjectReader strictReaderFor(Class<?> type) {
        return JacksonMappers.json()
                .readerFor(type)
                .with(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Reads a whole JSON document: anything after the first value (a second object pasted below
     * the first, a stray bracket) is an error, not silently dropped.
     */
    public static JsonNode readDocument(String text) throws JsonProcessingException {
        return JacksonMappers.documentReader().readTree(text);
    }

    /**
     * Binds a document users wrote to {@code type}, reporting a key {@code type} does not know or a
     * value of the wrong JSON type as a {@link ValidationException} that names the field by its
     * path ({@code instanceTypes.gpu.resources.limits.cpu}), the value and the fix. A deserializer
     * of a value type (such as a quantity) reports a mismatch naming that type, with the fix as
     * the message.
     *
     * @param documentName what the document is called when the problem is the document itself
     */
    public static <T> T bindStrictly(JsonNode document, Class<T> type, String documentName) {
        try {
            return strictReaderFor(type).readValue(document);
        } catch (UnrecognizedPropertyException e) {
            String parent = path(e.getPath().subList(0, e.getPath().size() - 1), "");
            List<String> others = new ArrayList<>();
            document.at(pointer(e.getPath().subList(0, e.getPath().size() - 1)))
                    .fieldNames()
                    .forEachRemaining(k -> {
                        if (!k.equals(e.getPropertyName())
                                && !e.getKnownPropertyIds().contains(k)) {
                            others.add(k);
                        }
                    });
            throw new ValidationException(
                    path(e.getPath(), documentName),
                    e.getPropertyName(),
                    "is not a known key" + (others.isEmpty() ? "" : " (nor are " + others + ")"),
                    "Use only "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .toList() + (parent.isEmpty() ? "" : " under " + parent)
                            + "; keys are case-sensitive");
        } catch (MismatchedInputException e) {
            JsonNode value = document.at(pointer(e.getPath()));
            Class<?> target = e.getTargetType();
            boolean object = target == null || Map.class.isAssignableFrom(target) || target.isRecord();
            throw new ValidationException(
                    path(e.getPath(), documentName),
                    value.isTextual() ? value.asText() : value.toString(),
                    object
                            ? "is not a JSON object"
                            : "is not a " + target.getSimpleName().toLowerCase(Locale.ROOT),
                    object
                            ? "Write it as {...}"
                            : target == String.class ? "Write it in double quotes" : e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "A JSON tree in memory could not be bound to " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** {@code instanceTypes.gpu.resources}, or {@code whole} for the document itself. */
    private static String path(List<JsonMappingException.Reference> path, String whole) {
        List<String> parts = new ArrayList<>();
        path.forEach(r -> parts.add(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex())));
        return parts.isEmpty() ? whole : String.join(".", parts);
    }

    /** Where Jackson's reference chain of a binding problem points in the document bound. */
    public static JsonPointer pointer(List<JsonMappingException.Reference> path) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference r : path) {
            pointer = r.getFieldName() != null
                    ? pointer.appendProperty(r.getFieldName())
                    : pointer.appendIndex(r.getIndex());
        }
        return pointer;
    }

    /** A map of strings, numbers, booleans, lists and maps (or a bound object) as indented JSON. */
    public static String pretty(Object value) {
        try {
            return JacksonMappers.json().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Models serialize to plain maps and lists: " + e.getMessage(), e);
        }
    }
}
