package io.arcml.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import java.util.Map;
import java.util.Set;

/** The {@code outputs} of a command job or a pipeline step in Azure ML's YAML: folders, with the modes the caller allows. */
final class OutputsYaml {
    private OutputsYaml() {}

    /** A command job's outputs: folders Azure ML stores. */
    static void outputs(YamlNode outputs, Set<String> modes, CommandJob.Builder b) {
        for (String output : outputs.keys()) {
            outputs.problems().check(() -> {
                check(outputs, output, modes);
                b.output(output);
            });
        }
    }

    /** An output is a folder: empty, or {@code type: uri_folder} with one of {@code modes}. */
    static void check(YamlNode outputs, String output, Set<String> modes) {
        JsonNode v = outputs.raw(output);
        if (v == null || v.isNull()) {
            return;
        }
        YamlNode o = outputs.child(output);
        o.onlyKeys(
                Set.of("type", "mode"),
                Map.of(
                        "path",
                                "arcml chooses where outputs live (Azure ML's default datastore, or a pipeline's shared storage): remove path",
                        "name", "arcml registers no data assets from outputs: remove name",
                        "version", "arcml registers no data assets from outputs: remove version"));
        String type = o.text("type");
        if (type != null && !"uri_folder".equals(type)) {
            throw new ValidationException(
                    o.field("type"),
                    type,
                    "is not an output type arcml declares",
                    "Outputs are folders: use uri_folder (write a model into the folder)");
        }
        String mode = o.text("mode");
        if (mode != null && !modes.contains(mode)) {
            throw new ValidationException(
                    o.field("mode"),
                    mode,
                    "is not supported here",
                    "Use " + String.join(" or ", modes) + ", or leave mode out");
        }
    }
}
