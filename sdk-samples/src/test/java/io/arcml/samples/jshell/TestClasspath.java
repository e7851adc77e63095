package io.arcml.samples.jshell;

import io.arcml.Workspace;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of this test JVM, which the build assembled from the reactor: arcml's modules
 * ({@code target/classes} or their jars) and every dependency. Scripts and notebooks run
 * against exactly what the build just compiled, on a clean clone, with no extra build step.
 */
public final class TestClasspath {

    private TestClasspath() {}

    /** The entries that exist on disk, arcml-core's among them. */
    public static List<Path> entries() {
        List<Path> entries = new ArrayList<>();
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .filter(Files::exists)
                .forEach(entries::add);
        Path core = locationOf(Workspace.class);
        if (!entries.contains(core)) {
            throw new IllegalStateException("arcml-core (" + core + ") is not on java.class.path " + entries
                    + "; run the tests through Maven (mvn verify) so that the classpath is the reactor's");
        }
        return entries;
    }

    /** The entries joined with the platform's path separator, for {@code --class-path}. */
    public static String asPath() {
        return String.join(
                File.pathSeparator, entries().stream().map(Path::toString).toList());
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate " + type, e);
        }
    }
}
