package io.arcml.transport.arm;

import io.arcml.ArcmlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files a local upload leaves out, read as the Azure ML CLI reads them: the folder's
 * {@code .amlignore}, else its {@code .gitignore}, in the folder itself only (not in subfolders),
 * each line a gitignore pattern matched against the path relative to the folder. Honoured: blank
 * lines and {@code #} comments, {@code !} to take a path back, a trailing {@code /} for folders
 * only, a leading or inner {@code /} to anchor at the folder, {@code *}, {@code ?}, {@code **} and
 * {@code [...]}. A pattern that matches a folder leaves out everything in it; the last pattern that
 * matches a path decides.
 */
final class IgnoreRules {
    private static final IgnoreRules NONE = new IgnoreRules(null, List.of());

    private record Rule(Pattern pattern, boolean include) {}

    private final String source;
    private final List<Rule> rules;

    private IgnoreRules(String source, List<Rule> rules) {
        this.source = source;
        this.rules = rules;
    }

    /** The rules of {@code folder}'s {@code .amlignore}, else of its {@code .gitignore}, else none. */
    static IgnoreRules of(Path folder) {
        for (String name : List.of(".amlignore", ".gitignore")) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return parse(name, Files.readAllLines(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new ArcmlException("Cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
        return NONE;
    }

    /** Rules from the lines of an ignore file called {@code source}. */
    static IgnoreRules parse(String source, List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = line.startsWith("!");
            if (negated) {
                line = line.substring(1);
            }
            if (line.startsWith("\\#") || line.startsWith("\\!")) {
                line = line.substring(1);
            }
            rules.add(new Rule(Pattern.compile(regex(line)), !negated));
        }
        return new IgnoreRules(source, List.copyOf(rules));
    }

    /** The ignore file the rules come from, or {@code null} for none. */
    String source() {
        return source;
    }

    /** Whether the file at {@code relativePath} ({@code /}-separated, relative to the folder) is left out. */
    boolean excludes(String relativePath) {
        boolean excluded = false;
        for (Rule rule : rules) {
            if (rule.pattern().matcher(relativePath).matches()) {
                excluded = rule.include();
            }
        }
        return excluded;
    }

    /**
     * A gitignore pattern as a regular expression over a file's relative path: the pattern names the
     * path itself or a folder the path is in.
     */
    private static String regex(String pattern) {
        boolean folderOnly = pattern.endsWith("/");
        String p = folderOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
        boolean anchored = p.contains("/");
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (p.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 2;
            } else if (p.startsWith("**", i)) {
                re.append(".*");
                i += 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[' && p.indexOf(']', i + 1) > i + 1) {
                int end = p.indexOf(']', i + 1);
                String set = p.substring(i + 1, end);
                re.append('[')
                        .append(set.startsWith("!") ? "^" + set.substring(1) : set.replace("\\", "\\\\"))
                        .append(']');
                i = end;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // A folder pattern matches what is inside the folder; a plain one also the path itself.
        re.append(folderOnly ? "/.*" : "(?:/.*)?");
        return re.toString();
    }

    @Override
    public String toString() {
        return source == null ? "no ignore file" : source + " (" + rules.size() + " patterns)";
    }
}
