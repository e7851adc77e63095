package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import java.util.Arrays;

/**
 * How Azure ML delivers a data input to a job's containers; the CLI v2 word ({@code ro_mount}) and
 * the REST word ({@code ReadOnlyMount}) of each. Azure ML's default is {@link #RO_MOUNT}.
 */
public enum InputMode {
    /** Mounted read-only; the command gets the mount path. */
    RO_MOUNT("ro_mount", "ReadOnlyMount"),
    /** Mounted read-write (file and folder inputs only). */
    RW_MOUNT("rw_mount", "ReadWriteMount"),
    /** Downloaded before the command starts; the command gets the local path. */
    DOWNLOAD("download", "Download"),
    /** Not delivered: the command gets the storage URI and reads it itself, with credentials of its own. */
    DIRECT("direct", "Direct"),
    /** Mounted for evaluation ({@code mltable} inputs only). */
    EVAL_MOUNT("eval_mount", "EvalMount"),
    /** Downloaded for evaluation ({@code mltable} inputs only). */
    EVAL_DOWNLOAD("eval_download", "EvalDownload");

    private final String yamlName;
    private final String restName;

    InputMode(String yamlName, String restName) {
        this.yamlName = yamlName;
        this.restName = restName;
    }

    /** The word of Azure ML's CLI v2 YAML, e.g. {@code ro_mount}. */
    public String yamlName() {
        return yamlName;
    }

    /** The word of Azure ML's REST API, e.g. {@code ReadOnlyMount}. */
    public String restName() {
        return restName;
    }

    /**
     * The mode a CLI v2 word names ({@code ro_mount}, {@code download}, ...), case-insensitive.
     *
     * @param field the field to name when the word is unknown, e.g. {@code inputs.data.mode}
     * @throws ValidationException naming the field, the word and the modes there are
     */
    public static InputMode parse(String field, String word) {
        Arguments.nonNull(field, "field");
        Arguments.nonNull(word, "word");
        return Arrays.stream(values())
                .filter(m -> m.yamlName.equalsIgnoreCase(word) || m.restName.equalsIgnoreCase(word))
                .findFirst()
                .orElseThrow(() -> new ValidationException(
                        field,
                        word,
                        "is not an input mode",
                        "Use one of "
                                + Arrays.stream(values())
                                        .map(InputMode::yamlName)
                                        .toList() + ", or leave mode out for ro_mount"));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
