package io.arcml.yaml;

import io.arcml.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The problems found in one job file, gathered so that all of them are reported together. */
final class YamlProblems {
    private final List<ValidationException> problems = new ArrayList<>();

    void add(ValidationException problem) {
        problems.add(problem);
    }

    /** Reads one part of the file; a problem in it is recorded and the part is {@code null}. */
    <T> T attempt(Supplier<T> part) {
        try {
            return part.get();
        } catch (JobYamlException e) {
            problems.addAll(e.problems());
        } catch (ValidationException e) {
            problems.add(e);
        }
        return null;
    }

    /** Runs one check; a problem in it is recorded. */
    void check(Runnable part) {
        attempt(() -> {
            part.run();
            return null;
        });
    }

    /** Whether a problem was recorded for {@code key} or for something inside it ({@code key.x}, {@code key[0]}). */
    boolean reportedUnder(String key) {
        return problems.stream()
                .map(ValidationException::field)
                .anyMatch(f -> f != null && (f.equals(key) || f.startsWith(key + ".") || f.startsWith(key + "[")));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** How many problems are recorded so far; {@link #noneSince(int)} tells whether a part added any. */
    int count() {
        return problems.size();
    }

    boolean noneSince(int count) {
        return problems.size() == count;
    }

    /** Throws the problems: one as it is, several as a {@link JobYamlException}. */
    void throwIfAny() {
        if (problems.size() == 1) {
            throw problems.get(0);
        }
        if (!problems.isEmpty()) {
            throw new JobYamlException(problems);
        }
    }
}
