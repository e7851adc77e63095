package io.arcml.samples.jshell;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads what went wrong in a non-interactive {@code jshell} run. JShell keeps going after a
 * failed snippet and exits 0 at the end of its input, so its exit code alone proves nothing:
 * a rejected snippet prints {@code Error:}, an uncaught exception {@code Exception ...}, both on
 * standard error, and a script that did not reach {@code /exit} leaves the interactive prompt.
 */
final class JShellErrors {

    private JShellErrors() {}

    /** One entry per problem (the first line of each, with the line after it); empty when clean. */
    static List<String> in(ExternalProcess run) {
        List<String> problems = new ArrayList<>();
        String[] lines = run.stderr().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Error:")
                    || lines[i].startsWith("Exception ")
                    || lines[i].startsWith("Caused by:")) {
                problems.add(lines[i] + (i + 1 < lines.length ? " " + lines[i + 1].trim() : ""));
            }
        }
        if (run.stdout().contains("jshell>")) {
            problems.add("the script did not reach its /exit: jshell went on to its interactive prompt");
        }
        return problems;
    }
}
