package io.arcml.transport.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A conda file's text as the Azure ML CLI sends it in an environment's {@code condaFile}: the CLI
 * loads the file and sends PyYAML's dump of it, keys sorted, block style, lists at their key's
 * indent ({@code yaml.dump(conda, sort_keys=True)}); the anonymous environment's version is a hash of
 * that text. arcml writes the same text for the conda files PyYAML dumps without quoting or folding
 * (mappings and lists of names such as {@code python=3.10}, {@code conda-forge}, {@code pip}), so
 * that the CLI and arcml register one environment for one conda file. Any other file (comments
 * are the only loss) is sent as it was written: its version is then arcml's own.
 */
final class CondaFileText {
    /** A scalar PyYAML writes plain and reads back as the same string: starts with a letter, no space, no trailing ':'. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.=<>!~*,/+@:\\-]*(?<!:)");
    /** Words YAML 1.1 reads as booleans or null, which PyYAML would quote. */
    private static final Set<String> RESERVED = Set.of(
            "yes", "no", "true", "false", "on", "off", "null", "Yes", "No", "True", "False", "On", "Off", "Null", "YES",
            "NO", "TRUE", "FALSE", "ON", "OFF", "NULL");

    private CondaFileText() {}

    /** The text the CLI would send for the conda file {@code text}, or {@code text} itself when arcml cannot tell. */
    static String asCli(String text) {
        JsonNode conda;
        try {
            conda = Json.yamlMapper().readTree(text);
        } catch (JsonProcessingException e) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        return conda != null && conda.isObject() && mapping(conda, 0, false, out) ? out.toString() : text;
    }

    /** Writes a mapping at {@code indent}, its first key on the current line after a list's dash when {@code afterDash}. */
    private static boolean mapping(JsonNode map, int indent, boolean afterDash, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        map.fields().forEachRemaining(entries::add);
        if (entries.isEmpty()) {
            return false;
        }
        entries.sort(Map.Entry.comparingByKey());
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : entries) {
            if (!plain(e.getKey())) {
                return false;
            }
            out.append(first && afterDash ? "" : " ".repeat(indent))
                    .append(e.getKey())
                    .append(':');
            first = false;
            JsonNode value = e.getValue();
            if (value.isTextual() && plain(value.asText())) {
                out.append(' ').append(value.asText()).append('\n');
            } else if (value.isArray()) {
                out.append('\n');
                if (!list(value, indent, out)) {
                    return false;
                }
            } else if (value.isObject()) {
                out.append('\n');
                if (!mapping(value, indent + 2, false, out)) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    /** Writes a list at {@code indent}: PyYAML puts a mapping's list at the mapping's own indent. */
    private static boolean list(JsonNode items, int indent, StringBuilder out) {
        if (items.isEmpty()) {
            return false;
        }
        for (JsonNode item : items) {
            out.append(" ".repeat(indent)).append("- ");
            if (item.isTextual() && plain(item.asText())) {
                out.append(item.asText()).append('\n');
            } else if (!item.isObject() || !mapping(item, indent + 2, true, out)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(String s) {
        return PLAIN.matcher(s).matches() && !RESERVED.contains(s);
    }
}
