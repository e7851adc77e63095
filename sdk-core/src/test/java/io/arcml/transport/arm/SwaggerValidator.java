package io.arcml.transport.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.arcml.transport.arm.SwaggerSpec.Definition;
import io.arcml.transport.arm.SwaggerSpec.Schema;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a request body against a swagger 2.0 schema the way Azure's own validator
 * ({@code oav}) reads Azure's specifications:
 * <ul>
 *   <li>a property that is not {@code required} may be {@code null} unless it says {@code x-nullable: false};
 *       a required one only with {@code x-nullable: true}; values of an {@code additionalProperties} map may be null;</li>
 *   <li>a {@code readOnly} property must not be sent at all, also where {@code readOnly} stands beside a
 *       {@code $ref} (as {@code JobBase.status} does), which {@code oav} 4.0.3 lets through;</li>
 *   <li>a definition that declares a {@code discriminator} is polymorphic: the body's discriminator value
 *       picks the definition deriving from it (through {@code allOf}) whose {@code x-ms-discriminator-value}
 *       (or name) it is, and the body is checked against that subtype;</li>
 *   <li>{@code allOf} merges properties and {@code required}; an object schema that declares properties
 *       accepts no others unless {@code additionalProperties} gives a schema for them;</li>
 *   <li>an enum value that matches only when case is ignored is its own violation ({@code ENUM_CASE_MISMATCH});
 *       an enum with {@code x-ms-enum.modelAsString: true} is extensible and accepts values it does not list;</li>
 *   <li>the value of an {@code x-ms-secret} property never appears in a violation's message;</li>
 *   <li>{@code format} is checked for {@code int32}, {@code int64}, {@code float}, {@code double}, {@code date-time},
 *       {@code uuid} and {@code duration}; {@code pattern} is searched in the string, as JSON Schema does;
 *       {@code minLength}, {@code maxLength}, {@code minimum} and {@code maximum} apply.</li>
 * </ul>
 */
final class SwaggerValidator {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DURATION = Pattern.compile(
            "P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");

    private final SwaggerSpec spec;

    SwaggerValidator(SwaggerSpec spec) {
        this.spec = spec;
    }

    /** Every violation of {@code schema} by {@code body}; empty when the body is valid. */
    List<ContractViolation> validate(Schema schema, JsonNode body) {
        List<ContractViolation> out = new ArrayList<>();
        value(schema, body, "", out);
        return out;
    }

    /** The polymorphic definition {@code base} with the body's discriminator resolved, as {@link #validate} would check it. */
    List<ContractViolation> validate(Definition base, JsonNode body) {
        return validate(new Schema(refTo(base), base.file()), body);
    }

    private static JsonNode refTo(Definition d) {
        return JsonNodeFactory.instance.objectNode().put("$ref", "#/definitions/" + d.name());
    }

    private void value(Schema schema, JsonNode v, String path, List<ContractViolation> out) {
        Definition definition = spec.definitionOf(schema);
        Schema resolved = spec.resolve(schema);
        if (definition != null && definition.node().has("discriminator")) {
            Definition chosen = subtype(definition, v, path, out);
            if (chosen == null) {
                return;
            }
            resolved = chosen.schema();
        }
        checkAgainst(resolved, v, path, out);
    }

    /** The subtype the body's discriminator names, or {@code null} (with a violation) when it names none. */
    private Definition subtype(Definition base, JsonNode v, String path, List<ContractViolation> out) {
        if (!v.isObject()) {
            return base;
        }
        String property = base.node().get("discriminator").asText();
        JsonNode given = v.get(property);
        if (given == null || given.isNull() || !given.isTextual()) {
            return base; // the base's required discriminator property reports it
        }
        List<Definition> candidates = new ArrayList<>();
        candidates.add(base);
        candidates.addAll(spec.subtypes(base));
        List<String> values = new ArrayList<>();
        for (Definition d : candidates) {
            String value = discriminatorValue(d);
            if (value.equals(given.asText())) {
                return d;
            }
            values.add(value);
        }
        String near = values.stream()
                .filter(x -> x.equalsIgnoreCase(given.asText()))
                .findFirst()
                .map(x -> " (case differs from '" + x + "')")
                .orElse("");
        out.add(new ContractViolation(
                "DISCRIMINATOR_VALUE_NOT_FOUND",
                join(path, property),
                "'" + given.asText() + "' names no subtype of " + base.name() + near + "; one of " + values));
        return null;
    }

    private static String discriminatorValue(Definition d) {
        return d.node().path("x-ms-discriminator-value").asText(d.name());
    }

    private void checkAgainst(Schema schema, JsonNode v, String path, List<ContractViolation> out) {
        JsonNode s = schema.node();
        Model model = new Model();
        collect(schema, model, 0);
        String type = s.path("type").asText(model.isObject ? "object" : "");
        if (!model.enumValues.isEmpty()) {
            checkEnum(model.enumValues, model.extensibleEnum, v, path, out);
        }
        switch (type) {
            case "object" -> checkObject(model, v, path, out);
            case "array" -> checkArray(schema, v, path, out);
            case "string" -> checkString(s, v, path, out);
            case "integer" -> checkInteger(s, v, path, out);
            case "number" -> checkNumber(s, v, path, out);
            case "boolean" -> {
                if (!v.isBoolean()) {
                    out.add(typeViolation(path, "boolean", v));
                }
            }
            default -> {
                // No type: anything goes.
            }
        }
    }

    /** What an object schema allows, merged over its {@code allOf} chain. */
    private static final class Model {
        final Map<String, Schema> properties = new LinkedHashMap<>();
        final Set<String> required = new LinkedHashSet<>();
        final List<JsonNode> enumValues = new ArrayList<>();
        Schema additional;
        boolean additionalAllowed;
        boolean isObject;
        boolean extensibleEnum;
        boolean secret;
    }

    private void collect(Schema schema, Model model, int depth) {
        Schema r = spec.resolve(schema);
        JsonNode s = r.node();
        if (depth > 30) {
            throw new IllegalStateException("allOf chain too deep at " + r.file());
        }
        for (JsonNode parent : s.path("allOf")) {
            collect(new Schema(parent, r.file()), model, depth + 1);
        }
        if (s.has("properties")
                || s.has("allOf")
                || s.has("additionalProperties")
                || "object".equals(s.path("type").asText())) {
            model.isObject = true;
        }
        s.path("properties")
                .properties()
                .forEach(e -> model.properties.put(e.getKey(), new Schema(e.getValue(), r.file())));
        s.path("required").forEach(x -> model.required.add(x.asText()));
        s.path("enum").forEach(model.enumValues::add);
        model.extensibleEnum |= s.path("x-ms-enum").path("modelAsString").asBoolean(false);
        model.secret |= s.path("x-ms-secret").asBoolean(false);
        JsonNode additional = s.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            model.additional = new Schema(additional, r.file());
        } else if (additional != null && additional.asBoolean(false)) {
            model.additionalAllowed = true;
        }
    }

    private void checkObject(Model model, JsonNode v, String path, List<ContractViolation> out) {
        if (!v.isObject()) {
            out.add(typeViolation(path, "object", v));
            return;
        }
        for (String r : model.required) {
            if (!v.has(r)) {
                out.add(new ContractViolation(
                        "OBJECT_MISSING_REQUIRED_PROPERTY", join(path, r), "'" + r + "' is required"));
            }
        }
        boolean freeForm = model.properties.isEmpty() && model.additional == null;
        v.properties().forEach(e -> {
            String key = e.getKey();
            String at = join(path, key);
            Schema property = model.properties.get(key);
            if (property != null) {
                if (flag(property, "readOnly")) {
                    out.add(new ContractViolation(
                            "READONLY_PROPERTY_NOT_ALLOWED_IN_REQUEST",
                            at,
                            "'" + key + "' is read-only and must not be sent"));
                    return;
                }
                List<ContractViolation> found = new ArrayList<>();
                member(property, e.getValue(), at, !model.required.contains(key), found);
                addMasked(found, model.secret || flag(property, "x-ms-secret") ? e.getValue() : null, out);
            } else if (model.additional != null) {
                List<ContractViolation> found = new ArrayList<>();
                member(model.additional, e.getValue(), at, true, found);
                addMasked(found, model.secret ? e.getValue() : null, out);
            } else if (!freeForm && !model.additionalAllowed) {
                out.add(new ContractViolation(
                        "OBJECT_ADDITIONAL_PROPERTIES",
                        at,
                        "'" + key + "' is not a property of this object; it has " + model.properties.keySet()));
            }
        });
    }

    /** Adds the violations; with {@code secret} (an {@code x-ms-secret} value) its text never appears in a message. */
    private static void addMasked(List<ContractViolation> found, JsonNode secret, List<ContractViolation> out) {
        for (ContractViolation v : found) {
            String text =
                    secret == null || secret.isNull() ? "" : secret.isTextual() ? secret.asText() : secret.toString();
            out.add(
                    text.isEmpty()
                            ? v
                            : new ContractViolation(
                                    v.code(), v.path(), v.message().replace(text, "***")));
        }
    }

    /** A property or map value: {@code null} where the nullable reading allows it, else checked against its schema. */
    private void member(Schema schema, JsonNode v, String path, boolean optional, List<ContractViolation> out) {
        if (v.isNull()) {
            Boolean declared = nullableFlag(schema);
            if (!(declared != null ? declared : optional)) {
                out.add(new ContractViolation(
                        "INVALID_TYPE", path, "null is not allowed here: the property is required and not x-nullable"));
            }
            return;
        }
        value(schema, v, path, out);
    }

    private Boolean nullableFlag(Schema schema) {
        JsonNode own = schema.node().get("x-nullable");
        if (own != null) {
            return own.asBoolean();
        }
        JsonNode target = spec.resolve(schema).node().get("x-nullable");
        return target == null ? null : target.asBoolean();
    }

    private boolean flag(Schema schema, String name) {
        return schema.node().path(name).asBoolean(false)
                || spec.resolve(schema).node().path(name).asBoolean(false);
    }

    private void checkArray(Schema schema, JsonNode v, String path, List<ContractViolation> out) {
        if (!v.isArray()) {
            out.add(typeViolation(path, "array", v));
            return;
        }
        JsonNode items = schema.node().get("items");
        if (items != null) {
            for (int i = 0; i < v.size(); i++) {
                member(new Schema(items, schema.file()), v.get(i), path + "[" + i + "]", false, out);
            }
        }
    }

    private void checkString(JsonNode s, JsonNode v, String path, List<ContractViolation> out) {
        if (!v.isTextual()) {
            out.add(typeViolation(path, "string", v));
            return;
        }
        String text = v.asText();
        int length = text.codePointCount(0, text.length());
        if (s.has("minLength") && length < s.get("minLength").asInt()) {
            out.add(new ContractViolation(
                    "MIN_LENGTH",
                    path,
                    "'" + text + "' is shorter than " + s.get("minLength").asInt() + " characters"));
        }
        if (s.has("maxLength") && length > s.get("maxLength").asInt()) {
            out.add(new ContractViolation(
                    "MAX_LENGTH",
                    path,
                    "a value of " + length + " characters is longer than "
                            + s.get("maxLength").asInt()));
        }
        if (s.has("pattern")
                && !Pattern.compile(s.get("pattern").asText()).matcher(text).find()) {
            out.add(new ContractViolation(
                    "PATTERN",
                    path,
                    "'" + text + "' does not match the pattern "
                            + s.get("pattern").asText()));
        }
        String format = s.path("format").asText("");
        if (!format.isEmpty() && !validFormat(format, text)) {
            out.add(new ContractViolation("INVALID_FORMAT", path, "'" + text + "' is not a valid " + format));
        }
    }

    private static boolean validFormat(String format, String text) {
        return switch (format) {
            case "uuid" -> UUID.matcher(text).matches();
            case "duration" -> DURATION.matcher(text).matches();
            case "date-time" -> isDateTime(text);
            default -> true;
        };
    }

    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void checkInteger(JsonNode s, JsonNode v, String path, List<ContractViolation> out) {
        if (!v.isIntegralNumber()) {
            out.add(typeViolation(path, "integer", v));
            return;
        }
        String format = s.path("format").asText("");
        if ("int32".equals(format) && !v.canConvertToInt() || "int64".equals(format) && !v.canConvertToLong()) {
            out.add(new ContractViolation("INVALID_FORMAT", path, v + " is out of the range of " + format));
        }
        checkBounds(s, v, path, out);
    }

    private void checkNumber(JsonNode s, JsonNode v, String path, List<ContractViolation> out) {
        if (!v.isNumber()) {
            out.add(typeViolation(path, "number", v));
            return;
        }
        String format = s.path("format").asText("");
        double d = v.doubleValue();
        if ("float".equals(format) && (Double.isInfinite(d) || Math.abs(d) > Float.MAX_VALUE) || Double.isInfinite(d)) {
            out.add(new ContractViolation(
                    "INVALID_FORMAT", path, v + " is out of the range of " + (format.isEmpty() ? "a number" : format)));
        }
        checkBounds(s, v, path, out);
    }

    private static void checkBounds(JsonNode s, JsonNode v, String path, List<ContractViolation> out) {
        if (s.has("minimum") && v.decimalValue().compareTo(s.get("minimum").decimalValue()) < 0) {
            out.add(new ContractViolation("MINIMUM", path, v + " is below the minimum " + s.get("minimum")));
        }
        if (s.has("maximum") && v.decimalValue().compareTo(s.get("maximum").decimalValue()) > 0) {
            out.add(new ContractViolation("MAXIMUM", path, v + " is above the maximum " + s.get("maximum")));
        }
    }

    private static void checkEnum(
            List<JsonNode> allowed, boolean extensible, JsonNode v, String path, List<ContractViolation> out) {
        if (allowed.contains(v)) {
            return;
        }
        String given = v.asText();
        boolean caseOnly = v.isTextual()
                && allowed.stream()
                        .anyMatch(a -> a.asText().toLowerCase(Locale.ROOT).equals(given.toLowerCase(Locale.ROOT)));
        if (extensible && !caseOnly) {
            return; // modelAsString: the service may add values, so an unknown one is not a violation
        }
        out.add(new ContractViolation(
                caseOnly ? "ENUM_CASE_MISMATCH" : "ENUM_MISMATCH",
                path,
                v + (caseOnly ? " differs only in case from one of " : " is not one of ") + allowed));
    }

    private static ContractViolation typeViolation(String path, String expected, JsonNode v) {
        return new ContractViolation(
                "INVALID_TYPE",
                path,
                "expected " + expected + ", found " + v.getNodeType().name().toLowerCase(Locale.ROOT) + " " + v);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
