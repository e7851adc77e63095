package io.arcml.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.arcml.ValidationException;
import io.arcml.internal.Json;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a mapping of a YAML file with a fixed set of keys (a leaf such as {@code resources} or a
 * search-space entry) to a record on arcml's one YAML mapper, and turns what Jackson refuses into
 * the problems the readers report, each naming its key where it stands in the file:
 *
 * <ul>
 *   <li>a key the record lacks: recorded with the node's problems, the keys arcml refuses with
 *       their reason and fix, the others with the record's keys, and binding goes on;
 *   <li>a value of the wrong type ({@code instance_count: two}) or a {@link Required} key left out or
 *       empty: thrown, the field joined from the node's path and Jackson's reference chain
 *       ({@code jobs.train.resources.instance_count}), with the value and the fix.
 * </ul>
 *
 * A file still reports all its problems at once: each leaf is bound on its own, inside the
 * reader's {@link YamlProblems#check}. A leaf's records are flat (scalars, lists, maps of
 * scalars, or {@link JsonNode} for a part read on its own), so that a key's place is the node's
 * path and its name. The records name their components in Java's camel case, with
 * {@code @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)} for the YAML's snake case.
 */
final class YamlBinding {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    /** A float where a whole number is expected is refused, not cut to its integer part. */
    private static final ObjectReader READER =
            Json.yamlMapper().reader().without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private YamlBinding() {}

    /**
     * The leaf {@code node} as a {@code type}; its keys outside the record are recorded in the
     * node's problems ({@code refused}: the ones arcml knows and refuses, with the reason and fix).
     *
     * @throws ValidationException naming the field, the value and the fix when a value has the wrong type or a
     *     required key is missing
     */
    static <T extends Record> T bind(YamlNode node, Class<T> type, Map<String, String> refused) {
        Set<String> keys = keys(type);
        try {
            T bound = READER.forType(type)
                    .withHandler(new OtherKeys(node, keys, refused))
                    .readValue(node.rawTree());
            requireNotBlank(node, bound);
            return bound;
        } catch (InvalidDefinitionException e) {
            throw new IllegalStateException(
                    "The record " + type.getSimpleName() + " cannot be bound: " + e.getMessage(), e);
        } catch (JsonMappingException e) {
            // Jackson stops at the first problem, before it meets the keys it does not know: name those too.
            node.keys().stream().filter(k -> !keys.contains(k)).forEach(k -> node.otherKey(k, keys, refused));
            throw problem(node, e);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "A YAML tree in memory could not be bound to " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A {@link Required} text key written as {@code ""} or blanks is as missing as one left out. */
    private static void requireNotBlank(YamlNode node, Record bound) {
        for (RecordComponent c : bound.getClass().getRecordComponents()) {
            Required required = c.getAccessor().getAnnotation(Required.class);
            if (required != null
                    && value(c, bound) instanceof CharSequence text
                    && text.toString().isBlank()) {
                throw new ValidationException(node.field(key(c)), null, "is required", required.value());
            }
        }
    }

    private static Object value(RecordComponent c, Record bound) {
        try {
            return c.getAccessor().invoke(bound);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "Cannot read " + c.getName() + " of " + bound.getClass().getSimpleName(), e);
        }
    }

    /** The YAML keys of a leaf record: its components' names in snake case, or as their {@link JsonProperty} gives. */
    static Set<String> keys(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(YamlBinding::key).collect(Collectors.toUnmodifiableSet());
    }

    private static String key(RecordComponent c) {
        JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
        return named != null && !named.value().isEmpty() ? named.value() : SNAKE_CASE.translate(c.getName());
    }

    /** What Jackson refused, as a problem of the field its reference chain names under {@code node}. */
    private static ValidationException problem(YamlNode node, JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String field = path.isEmpty() ? node.path() : node.field(relative(path));
        JsonNode value = node.rawTree().at(Json.pointer(path));
        if (value.isMissingNode() || value.isNull()) {
            return new ValidationException(field, null, "is required", fix(path));
        }
        Expected expected = Expected.of(target(e));
        return new ValidationException(
                field, value.isTextual() ? value.asText() : value.toString(), expected.problem, expected.fix);
    }

    /** {@code limits.timeout}, {@code values[2]}: fields joined with dots, list items in brackets. */
    static String relative(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The fix a {@link Required} key names, found on the record the last reference is in. */
    private static String fix(List<JsonMappingException.Reference> path) {
        JsonMappingException.Reference last = path.isEmpty() ? null : path.get(path.size() - 1);
        if (last != null && last.getFrom() instanceof Class<?> record && record.isRecord()) {
            for (RecordComponent c : record.getRecordComponents()) {
                Required required = c.getAccessor().getAnnotation(Required.class);
                if (required != null && key(c).equals(last.getFieldName())) {
                    return required.value();
                }
            }
        }
        return "Give a value";
    }

    private static Class<?> target(JsonMappingException e) {
        if (e instanceof MismatchedInputException m) {
            return m.getTargetType();
        }
        return e.getCause() instanceof InputCoercionException c ? c.getTargetType() : null;
    }

    /** What a value of the wrong type should have been, and how to write it. */
    private record Expected(String problem, String fix) {
        static Expected of(Class<?> target) {
            if (target == null) {
                return new Expected("is not a valid value", "Write it as the Azure ML schema gives it");
            }
            if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
                return new Expected("is not a whole number", "Write a number such as 4");
            }
            if (target == Double.class || target == double.class) {
                return new Expected("is not a number", "Write a number such as 0.1");
            }
            if (target == Boolean.class || target == boolean.class) {
                return new Expected("is not true or false", "Write true or false");
            }
            if (target == String.class) {
                return new Expected("is not a scalar", "Write a single value");
            }
            if (Collection.class.isAssignableFrom(target)) {
                return new Expected("is not a list", "Write it as a list, e.g. [a, b]");
            }
            return new Expected("is not a YAML mapping", "Write it as key: value lines");
        }
    }

    /** Records each key the record does not have (Jackson's unknown property) and lets binding go on. */
    private static final class OtherKeys extends DeserializationProblemHandler {
        private final YamlNode node;
        private final Set<String> keys;
        private final Map<String, String> refused;

        OtherKeys(YamlNode node, Set<String> keys, Map<String, String> refused) {
            this.node = node;
            this.keys = keys;
            this.refused = refused;
        }

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser p,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            node.otherKey(propertyName, keys, refused);
            p.skipChildren();
            return true;
        }
    }
}
