package io.arcml.yaml;

import io.arcml.ValidationException;

/**
 * A job file that cannot be read as YAML at all, or is not there: the message starts with the
 * file, {@code "job.yml: not valid YAML at line 3: ..."}, and {@link #field()} is {@code file}.
 */
final class JobFileException extends ValidationException {
    private static final long serialVersionUID = 1L;

    JobFileException(String file, String problem, String fix) {
        super(file + ": " + problem + ". " + fix, "file", file);
    }
}
