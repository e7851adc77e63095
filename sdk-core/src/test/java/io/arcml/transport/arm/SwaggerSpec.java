package io.arcml.transport.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OpenAPI 2.0 files copied from Azure's REST specifications into {@code src/test/resources/arm/swagger},
 * loaded with their layout kept so that every relative {@code $ref} resolves across files.
 */
final class SwaggerSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "/arm/swagger/";

    /** A schema object and the file it sits in, against which its {@code $ref}s resolve. */
    record Schema(JsonNode node, URI file) {}

    /** A definition: its name, its schema and the file that declares it. */
    record Definition(String name, JsonNode node, URI file) {
        Schema schema() {
            return new Schema(node, file);
        }
    }

    /** An operation of a path: its method, path template, the file's api-version and its body parameter, if any. */
    record Operation(String method, String template, String apiVersion, Optional<Schema> body, boolean bodyRequired) {}

    private final Map<URI, JsonNode> files = new LinkedHashMap<>();
    private final Map<URI, Definition> definitions = new LinkedHashMap<>();
    private final Map<Definition, List<Definition>> subtypes = new ConcurrentHashMap<>();

    private SwaggerSpec() {}

    /** Every file under {@code src/test/resources/arm/swagger/specification}. */
    static SwaggerSpec load() {
        SwaggerSpec spec = new SwaggerSpec();
        try {
            Path root = Path.of(SwaggerSpec.class.getResource(ROOT).toURI());
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    URI uri = new URI(
                            "swagger", null, "/" + root.relativize(p).toString().replace('\\', '/'), null);
                    spec.files.put(uri, JSON.readTree(p.toFile()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        spec.files.forEach((uri, doc) -> doc.path("definitions")
                .properties()
                .forEach(e -> spec.definitions.put(
                        uri.resolve("#/definitions/" + e.getKey()), new Definition(e.getKey(), e.getValue(), uri))));
        return spec;
    }

    /** How many files were loaded. */
    int fileCount() {
        return files.size();
    }

    /** A definition by file (relative to {@code specification/..}, as in {@code machinelearningservices/.../mfe.json}) and name. */
    Definition definition(String fileEndsWith, String name) {
        return definitions.values().stream()
                .filter(d -> d.name().equals(name) && d.file().getPath().endsWith(fileEndsWith))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No definition " + name + " in " + fileEndsWith));
    }

    /** The definition a {@code $ref} names, or the object it points at inside a file. */
    Schema resolve(Schema from) {
        String ref = from.node().path("$ref").asText(null);
        if (ref == null) {
            return from;
        }
        URI target = from.file().resolve(ref);
        URI file = URI.create(target.getScheme() + ":" + target.getPath());
        JsonNode doc = files.get(file);
        if (doc == null) {
            throw new IllegalStateException(
                    "$ref " + ref + " in " + from.file() + " names a file that is not in the copied tree: " + file);
        }
        JsonNode node = doc.at(target.getFragment());
        if (node.isMissingNode()) {
            throw new IllegalStateException("$ref " + ref + " in " + from.file() + " does not resolve");
        }
        return new Schema(node, file);
    }

    /** The definition a {@code $ref} schema names, or {@code null} when the schema is inline or names no definition. */
    Definition definitionOf(Schema schema) {
        String ref = schema.node().path("$ref").asText(null);
        if (ref == null) {
            return null;
        }
        URI target = schema.file().resolve(ref);
        return definitions.get(target);
    }

    /**
     * The definitions that derive from {@code base} through {@code allOf}, directly or not: the
     * candidates of a polymorphic body whose discriminator {@code base} declares.
     */
    List<Definition> subtypes(Definition base) {
        return subtypes.computeIfAbsent(
                base,
                b -> definitions.values().stream()
                        .filter(d -> d != b && derivesFrom(d, b, 0))
                        .toList());
    }

    private boolean derivesFrom(Definition d, Definition base, int depth) {
        if (depth > 20) {
            return false;
        }
        for (JsonNode parent : d.node().path("allOf")) {
            Definition p = definitionOf(new Schema(parent, d.file()));
            if (p != null && (p.equals(base) || derivesFrom(p, base, depth + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The operation of {@code method} on a concrete request path (no query), looked up among
     * every file's {@code paths}; empty when the contract has no such operation.
     */
    Optional<Operation> operation(String method, String path) {
        for (Map.Entry<URI, JsonNode> file : files.entrySet()) {
            for (Map.Entry<String, JsonNode> p : file.getValue().path("paths").properties()) {
                JsonNode op = p.getValue().get(method.toLowerCase(Locale.ROOT));
                if (op != null && templatePattern(p.getKey()).matcher(path).matches()) {
                    return Optional.of(operation(method, p.getKey(), file.getKey(), file.getValue(), op));
                }
            }
        }
        return Optional.empty();
    }

    private Operation operation(String method, String template, URI file, JsonNode doc, JsonNode op) {
        for (JsonNode param : op.path("parameters")) {
            Schema resolved = resolve(new Schema(param, file));
            if ("body".equals(resolved.node().path("in").asText())) {
                return new Operation(
                        method,
                        template,
                        doc.path("info").path("version").asText(),
                        Optional.of(new Schema(resolved.node().get("schema"), resolved.file())),
                        resolved.node().path("required").asBoolean(false));
            }
        }
        return new Operation(method, template, doc.path("info").path("version").asText(), Optional.empty(), false);
    }

    /** {@code /a/{b}/c} as a regular expression: each {@code {name}} one path segment; ARM paths compare case-insensitively. */
    private static Pattern templatePattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
