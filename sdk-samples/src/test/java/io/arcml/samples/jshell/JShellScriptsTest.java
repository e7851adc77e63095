package io.arcml.samples.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every quickstart script in {@code src/main/jshell} with the command its header and the
 * README give, from the repository's root, in the JDK's real {@code jshell}, on the classpath file
 * the build writes, and fails when a script errs: a snippet rejected, an exception, a non-zero
 * {@code /exit}, or a script that never reached its {@code /exit}.
 */
class JShellScriptsTest {
    static final Path SCRIPTS = Path.of("src/main/jshell");
    /** The README's JShell command, which the build's {@code target/arcml-classpath.txt} serves. */
    static final String JSHELL_COMMAND = "jshell --class-path \"$(cat sdk-samples/target/arcml-classpath.txt)\"";

    static Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            return files.filter(f -> f.toString().endsWith(".jsh")).sorted().toList().stream();
        }
    }

    @Test
    void theQuickstartScriptsAreThere() throws IOException {
        assertThat(scripts().map(p -> p.getFileName().toString()))
                .contains("basic-attach.jsh", "advanced-attach.jsh", "extension.jsh");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void scriptRunsCleanlyWithTheCommandItsHeaderGives(Path script) throws Exception {
        ExternalProcess run = runAsDocumented(script);

        assertThat(JShellErrors.in(run))
                .as("errors of %s%n%s", script, run.report())
                .isEmpty();
        assertThat(run.exitCode())
                .as("exit code of %s%n%s", script, run.report())
                .isZero();
    }

    @Test
    void aScriptThatThrowsIsReportedAsFailed(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.jsh");
        Files.writeString(broken, """
                import io.arcml.compute.*;
                KubernetesCompute.attachConfiguration("not-a-resource-id");
                System.out.println("after the failure");
                /exit 0
                """);

        ExternalProcess run = runInJShell(broken);

        assertThat(run.exitCode()).isZero();
        assertThat(JShellErrors.in(run)).singleElement().asString().contains("ValidationException");
    }

    @Test
    void aScriptThatNeverReachesItsExitIsReportedAsFailed(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("unfinished.jsh");
        Files.writeString(broken, """
                int answer = 42;
                /exit undefinedVariable
                """);

        ExternalProcess run = runInJShell(broken);

        assertThat(JShellErrors.in(run))
                .anySatisfy(e -> assertThat(e).startsWith("Error:"))
                .anySatisfy(e -> assertThat(e).contains("did not reach its /exit"));
    }

    @Test
    void theReadmeGivesTheCommandTheScriptsDo() throws IOException {
        assertThat(Files.readString(Path.of("../README.md")))
                .contains(JSHELL_COMMAND)
                .contains("mvn -q -pl sdk-samples -am package -DskipTests && " + JSHELL_COMMAND);
    }

    /** Runs the script's own header line ({@code //   jshell ... <script>}) in bash, from the repository's root. */
    static ExternalProcess runAsDocumented(Path script) throws IOException, InterruptedException {
        String documented = JSHELL_COMMAND + " sdk-samples/" + SCRIPTS.resolve(script.getFileName());
        assertThat(Files.readAllLines(script)).as("header of %s", script).contains("//   " + documented);
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path workDir =
                Path.of("target", "jshell-runs", script.getFileName().toString().replace(".jsh", ""));
        // "jshell" is the JDK running the tests, as it is on a user's PATH.
        String path = Path.of(System.getProperty("java.home"), "bin") + ":"
                + System.getenv().getOrDefault("PATH", "");
        return ExternalProcess.run(
                List.of("bash", "-c", "cd \"$0\" && " + documented, root.toString()),
                workDir,
                Map.of("PATH", path),
                Duration.ofMinutes(2));
    }

    static ExternalProcess runInJShell(Path script) throws IOException, InterruptedException {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assertThat(jshell).as("jshell of the JDK running the tests").isExecutable();
        Path workDir =
                Path.of("target", "jshell-runs", script.getFileName().toString().replace(".jsh", ""));
        return ExternalProcess.run(
                List.of(
                        jshell.toString(),
                        "--class-path",
                        TestClasspath.asPath(),
                        script.toAbsolutePath().toString()),
                workDir,
                Map.of(),
                Duration.ofMinutes(2));
    }
}
