package io.arcml.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.JobInput;
import io.arcml.job.OutputMode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code outputs} of a command job or a pipeline step in Azure ML's YAML: folders (for a
 * command job also models written into a folder), with the modes the caller allows.
 */
final class OutputsYaml {
    /** The types of a command job's outputs: a folder, or a model Azure ML registers from one. */
    private static final Set<JobInput.Type> COMMAND_TYPES = Set.of(
            JobInput.Type.URI_FOLDER,
            JobInput.Type.CUSTOM_MODEL,
            JobInput.Type.MLFLOW_MODEL,
            JobInput.Type.TRITON_MODEL);

    /** An output written as a mapping: its type and mode. */
    record Output(@ScalarText String type, @ScalarText String mode) {}

    /** An output's keys arcml refuses, with the reason and the fix. */
    private static final Map<String, String> REFUSED_OUTPUT = Map.of(
            "path",
                    "arcml chooses where outputs live (Azure ML's default datastore, or a pipeline's shared storage): remove path",
            "name", "arcml registers no data assets from outputs: remove name",
            "version", "arcml registers no data assets from outputs: remove version");

    private OutputsYaml() {}

    /** A command job's outputs: folders and models Azure ML stores. */
    static void outputs(YamlNode outputs, Set<String> modes, CommandJob.Builder b) {
        for (String output : outputs.keys()) {
            outputs.problems().check(() -> b.output(output, type(check(outputs, output, modes, COMMAND_TYPES))));
        }
    }

    /** A pipeline step's output is a folder on the pipeline's storage: empty, or {@code type: uri_folder} with one of {@code modes}. */
    static Output check(YamlNode outputs, String output, Set<String> modes) {
        return check(outputs, output, modes, Set.of(JobInput.Type.URI_FOLDER));
    }

    /**
     * A pipeline's output: a folder Azure ML stores, empty or {@code type: uri_folder}, its mode
     * {@code rw_mount} (the default), {@code upload} or {@code direct}.
     */
    static OutputMode pipelineOutputMode(YamlNode outputs, String output) {
        String mode =
                check(outputs, output, Set.of("rw_mount", "upload", "direct")).mode();
        return mode == null ? OutputMode.RW_MOUNT : OutputMode.valueOf(mode.toUpperCase(Locale.ROOT));
    }

    private static JobInput.Type type(Output output) {
        return output.type() == null ? JobInput.Type.URI_FOLDER : JobInput.Type.of(output.type());
    }

    /** An output: empty (a folder), or one of {@code types} with one of {@code modes}. */
    private static Output check(YamlNode outputs, String output, Set<String> modes, Set<JobInput.Type> types) {
        JsonNode v = outputs.raw(output);
        if (!YamlNode.given(v)) {
            return new Output(null, null);
        }
        YamlNode o = outputs.child(output);
        Output bound = o.bind(Output.class, REFUSED_OUTPUT);
        String type = bound.type();
        JobInput.Type kind = type(bound);
        if (kind == null || !types.contains(kind)) {
            throw new ValidationException(
                    o.field("type"),
                    type,
                    "is not an output type arcml declares here",
                    "Use "
                            + types.stream()
                                    .map(JobInput.Type::wireName)
                                    .sorted()
                                    .toList() + (types.size() == 1 ? " (write a model into the folder)" : ""));
        }
        String mode = bound.mode();
        if (mode != null && !modes.contains(mode)) {
            throw new ValidationException(
                    o.field("mode"),
                    mode,
                    "is not supported here",
                    "Use " + String.join(" or ", modes) + ", or leave mode out");
        }
        return bound;
    }
}
