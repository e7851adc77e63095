package io.arcml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.internal.jackson.JacksonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and reads a workspace's {@code config.json} the way the Python SDK's
 * {@code Workspace.from_config()} does: in {@code .azureml/}, then {@code ./}, in the starting
 * folder and each of its parents.
 */
public final class WorkspaceConfigFile {
    private WorkspaceConfigFile() {}

    /**
     * Reads the workspace ID from {@code path}: a {@code config.json} file, or a folder searched
     * (with its parents) for {@code .azureml/config.json} and {@code config.json}.
     *
     * @throws ArcmlException when no file is found or it lacks a key
     */
    public static WorkspaceId read(Path path) {
        return parse(find(path));
    }

    /** The config file {@link #read(Path)} would use. */
    public static Path find(Path path) {
        Path start = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(start)) {
            return start;
        }
        if (!Files.isDirectory(start)) {
            throw new ArcmlException("Workspace config '" + path
                    + "' does not exist. Give a config.json file or the folder that holds it");
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve(".azureml").resolve("config.json"), dir.resolve("config.json"))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                tried.add(candidate);
            }
        }
        throw new ArcmlException("No workspace config.json found in " + start
                + " or its parents (looked for .azureml/config.json and config.json, "
                + tried.size()
                + " places). Download config.json from the Azure ML studio (workspace menu, 'Download config file') "
                + "into .azureml/, or use Workspace.builder() to name the workspace directly");
    }

    static WorkspaceId parse(Path file) {
        JsonNode root;
        try {
            root = JacksonMappers.documentReader().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ValidationException(
                    "config.json",
                    file.toString(),
                    "is not valid JSON (" + e.getOriginalMessage() + ")",
                    "It should read {\"subscription_id\": ..., \"resource_group\": ..., \"workspace_name\": ...}");
        } catch (IOException e) {
            throw new ArcmlException("Cannot read workspace config '" + file + "': " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException(
                    "config.json",
                    file.toString(),
                    "is not a JSON object",
                    "It should read {\"subscription_id\": ..., \"resource_group\": ..., \"workspace_name\": ...}");
        }
        return new WorkspaceId(
                text(root, "subscription_id", file),
                text(root, "resource_group", file),
                text(root, "workspace_name", file));
    }

    private static String text(JsonNode root, String key, Path file) {
        JsonNode v = root.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ValidationException(
                    key,
                    v == null ? null : v.toString(),
                    "is missing or empty in " + file,
                    "Add \"" + key + "\" as in the config.json the Azure ML studio downloads");
        }
        return v.asText();
    }
}
