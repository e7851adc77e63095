package io.arcml.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.ValidationException;
import io.arcml.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mapping of an Azure ML YAML file with its path, so that every error names where it is
 * ({@code trial.resources.instance_type}) and every key is either read or reported.
 */
final class YamlNode {
    private static final ObjectMapper YAML = Json.yamlMapper();
    private final JsonNode node;
    private final String path;
    private final YamlProblems problems;
    private final Path directory;

    private YamlNode(JsonNode node, String path, YamlProblems problems, Path directory) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.directory = directory;
    }

    /** A file's top mapping; the files it names by relative path are read from {@code directory}. */
    static YamlNode root(JsonNode tree, Path directory) {
        return mapping(tree, "", new YamlProblems(), directory);
    }

    static YamlNode mapping(JsonNode node, String path, YamlProblems problems, Path directory) {
        if (node == null || !node.isObject()) {
            throw new ValidationException(
                    path.isEmpty() ? "file" : path,
                    node == null ? null : node.toString(),
                    "is not a YAML mapping",
                    "Write it as key: value lines");
        }
        return new YamlNode(node, path, problems, directory);
    }

    /** Where this file's problems are gathered. */
    YamlProblems problems() {
        return problems;
    }

    /**
     * A local path of the file ({@code ./src}, {@code file:./data}, {@code file:///data}), resolved
     * against the folder of the file this mapping is in (a component file's own folder) as the Azure ML CLI does.
     */
    Path localPath(String text) {
        String path = text.regionMatches(true, 0, "file://", 0, 7)
                ? text.substring(7)
                : text.regionMatches(true, 0, "file:", 0, 5) ? text.substring(5) : text;
        return directory.resolve(path).normalize();
    }

    /**
     * The text of the file {@code path} names, relative to the directory of the file this mapping is in.
     *
     * @throws ValidationException naming {@code key} and where the file was looked for, when it cannot be read
     */
    String readFile(String key, String path, String fix) {
        Path file = directory.resolve(path);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ValidationException(
                    field(key),
                    path,
                    "cannot be read (" + file + ": "
                            + (e instanceof NoSuchFileException ? "no such file" : e.getMessage())
                            + "); a relative path is read from the directory of the file that names it",
                    fix);
        }
    }

    /**
     * The mapping of the YAML file {@code ref} names ({@code ./train.yml} or {@code file:./train.yml},
     * relative to this file's folder), whose own relative paths are read from its folder; its
     * problems are named under {@code key} and gathered with this file's.
     *
     * @throws ValidationException naming {@code key} when the file cannot be read or is not YAML
     */
    YamlNode linkedFile(String key, String ref, String fix) {
        String path = ref.regionMatches(true, 0, "file:", 0, 5) ? ref.substring(5) : ref;
        String text = readFile(key, path, fix);
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ValidationException(
                    field(key),
                    ref,
                    "is not valid YAML ("
                            + e.getOriginalMessage().lines().findFirst().orElse("") + ")",
                    "Fix the YAML syntax of " + path);
        }
        return mapping(
                tree,
                field(key),
                problems,
                directory.resolve(path).toAbsolutePath().getParent());
    }

    /**
     * A problem a builder found in what this mapping holds, with its field named where it stands in
     * the file ({@code search_space.lr} of the step {@code jobs.tune} is {@code jobs.tune.search_space.lr}).
     */
    ValidationException located(ValidationException problem) {
        return path.isEmpty() || problem.field() == null ? problem : new LocatedProblem(path, problem);
    }

    /** The mapping itself. */
    JsonNode rawTree() {
        return node;
    }

    /** The directory of the file, which the paths in it are relative to. */
    Path directory() {
        return directory;
    }

    /** Where this mapping is in the file, e.g. {@code jobs.train.inputs.data}; empty for the file itself. */
    String path() {
        return path;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    JsonNode raw(String key) {
        return node.get(key);
    }

    YamlNode child(String key) {
        return mapping(node.get(key), field(key), problems, directory);
    }

    /** Item {@code index} of the list under {@code key}, a mapping: {@code user_assigned_identities[0]}. */
    YamlNode item(String key, int index, JsonNode item) {
        return mapping(item, field(key) + "[" + index + "]", problems, directory);
    }

    /**
     * Records a problem for every key outside {@code honoured}: the reason and fix for the keys
     * arcml knows and refuses, a list of the honoured ones for a key it does not know.
     */
    void onlyKeys(Set<String> honoured, Map<String, String> refused) {
        for (String k : keys()) {
            if (!honoured.contains(k)) {
                otherKey(k, honoured, refused);
            }
        }
    }

    /** Records the problem of key {@code k}, which is not among {@code honoured}: refused with its fix, or unknown. */
    void otherKey(String k, Set<String> honoured, Map<String, String> refused) {
        if (refused.containsKey(k)) {
            problems.add(new ValidationException(
                    field(k), node.get(k).toString(), "is not supported by arcml", refused.get(k)));
        } else {
            problems.add(new ValidationException(
                    field(k),
                    k,
                    "is not a known key here",
                    "Use only " + honoured.stream().sorted().toList() + "; keys are case-sensitive"));
        }
    }

    /**
     * This mapping bound to the record {@code type} ({@link YamlBinding}): its keys outside the record are
     * recorded with this file's problems ({@code refused}: those arcml refuses, with the reason and fix).
     *
     * @throws ValidationException naming the field, the value and the fix, for a value of the wrong type or a
     *     required key that is missing
     */
    <T extends Record> T bind(Class<T> type, Map<String, String> refused) {
        return YamlBinding.bind(this, type, refused);
    }

    /** {@link #bind(Class, Map)} for a mapping none of whose other keys arcml knows. */
    <T extends Record> T bind(Class<T> type) {
        return bind(type, Map.of());
    }

    String text(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode() || v.isBinary()) {
            throw new ValidationException(field(key), v.toString(), "is not a scalar", "Write a single value");
        }
        return v.asText();
    }

    String requireText(String key, String fix) {
        return required(key, text(key), fix);
    }

    /**
     * {@code value}, the text of {@code key} as it was read or bound.
     *
     * @throws ValidationException naming the key and the fix when it is missing or blank
     */
    String required(String key, String value, String fix) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field(key), null, "is required", fix);
        }
        return value;
    }

    /** Whether a part bound as a tree was given: present and not {@code null}. */
    static boolean given(JsonNode part) {
        return part != null && !part.isNull();
    }

    Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!has(key)) {
            return out;
        }
        YamlNode m = child(key);
        m.node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode()) {
                throw new ValidationException(
                        m.field(e.getKey()), e.getValue().toString(), "is not a scalar", "Write a single value");
            }
            out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        });
        return out;
    }

    List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A scalar as Java would hold it: Integer, Long, Double, Boolean or String. */
    static Object scalar(JsonNode v) {
        if (v.isInt()) {
            return v.asInt();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.asText();
    }
}
