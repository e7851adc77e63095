package io.arcml.samples.jshell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool (jshell, jupyter-nbconvert) to its end with no input, its output kept in files
 * under {@code workDir}, and a time limit after which it is killed.
 *
 * @param command what ran
 * @param exitCode its exit code
 * @param stdout what it printed
 * @param stderr what it printed as errors
 */
public record ExternalProcess(List<String> command, int exitCode, String stdout, String stderr) {
    /** The exit code of a process ended early because its output showed a fatal failure. */
    public static final int ABORTED = -1;

    /** Runs {@code command} in {@code workDir} with extra environment variables. */
    public static ExternalProcess run(
            List<String> command, Path workDir, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        return run(command, workDir, environment, timeout, null);
    }

    /**
     * As {@link #run(List, Path, Map, Duration)}, but ends the process early, with exit code
     * {@link #ABORTED}, once its standard error shows {@code abortWhen}: a failure known to be fatal.
     */
    public static ExternalProcess run(
            List<String> command, Path workDir, Map<String, String> environment, Duration timeout, String abortWhen)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!process.waitFor(200, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            if (abortWhen != null
                    && Files.readString(err, StandardCharsets.UTF_8).contains(abortWhen)) {
                stop(process);
                return new ExternalProcess(
                        command,
                        ABORTED,
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            }
        }
        if (process.isAlive()) {
            stop(process);
            throw new AssertionError(String.join(" ", command.subList(0, Math.min(2, command.size())))
                    + " did not finish within "
                    + timeout + "; output so far:\n" + Files.readString(out, StandardCharsets.UTF_8)
                    + "\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new ExternalProcess(
                command,
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }

    /** Exit code and both outputs, for a failure message. */
    public String report() {
        return "exit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
}
