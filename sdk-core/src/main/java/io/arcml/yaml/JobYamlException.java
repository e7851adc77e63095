package io.arcml.yaml;

import io.arcml.ValidationException;
import java.util.List;

/**
 * Every problem of a job file at once: each names its key, the value, why arcml refuses it and
 * the fix, so that a file is mended in one round. {@link #field()} is the first problem's key.
 */
public final class JobYamlException extends ValidationException {
    private static final long serialVersionUID = 1L;

    private final transient List<ValidationException> problems;

    JobYamlException(List<ValidationException> problems) {
        super(message(problems), problems.get(0).field(), problems.get(0).value());
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order of the file. */
    public List<ValidationException> problems() {
        return problems;
    }

    private static String message(List<ValidationException> problems) {
        StringBuilder sb = new StringBuilder(problems.size() + " problems in the job file:");
        problems.forEach(p -> sb.append("\n  - ").append(p.getMessage()));
        return sb.toString();
    }
}
