package io.arcml.samples.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.samples.jshell.ExternalProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes a notebook headless, as {@code jupyter nbconvert --execute} does for a user, in a Java
 * kernel whose kernelspec lives in the run's own directory (nothing is installed in the user's
 * Jupyter). The notebook file is executed as it is, with no cell added: the kernel starts in the
 * notebook's folder, so the paths of its first cell resolve as they do for a user.
 *
 * @param process what nbconvert did
 * @param executed the executed notebook, when nbconvert wrote one
 */
record NotebookRun(ExternalProcess process, JsonNode executed) {
    static final String KERNEL_NAME = "arcml-java";
    /** What the kernel prints when its start-up race killed its shell channel. */
    private static final String KERNEL_STARTUP_RACE = "\"this.handlers\" is null";
    /** What nbconvert says when the kernel never answered its first request. */
    private static final String KERNEL_NO_ANSWER = "Kernel didn't respond in";
    /** What nbconvert says when the kernel process ended before answering its first request (seen under load). */
    private static final String KERNEL_DIED_AT_START = "Kernel died before replying to kernel_info";

    private static final int KERNEL_START_ATTEMPTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code notebook} as it is on disk, writing the executed copy to {@code workDir}. */
    static NotebookRun execute(NotebookTools tools, Path notebook, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path kernelDir = workDir.resolve("jupyter/kernels/" + KERNEL_NAME);
        Files.createDirectories(kernelDir);
        ObjectNode kernel = JSON.createObjectNode();
        kernel.putArray("argv")
                .add(tools.kernelJava().toString())
                .add("-jar")
                .add(tools.kernelJar().toString())
                .add("{connection_file}");
        kernel.put("display_name", "Java (arcml test)").put("language", "java").put("interrupt_mode", "message");
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(kernelDir.resolve("kernel.json").toFile(), kernel);

        Path out = workDir.resolve("executed.ipynb");
        ExternalProcess process = nbconvert(tools, notebook, out, workDir);
        for (int attempt = 2; kernelFailedToStart(process) && attempt <= KERNEL_START_ATTEMPTS; attempt++) {
            // The kernel's shell channel starts serving before its message handlers are set, and can die
            // on, or never answer, a request that arrives in between (the client sends one at once).
            // That is the kernel's start-up, not the notebook: start it again.
            System.err.println("The Java kernel did not start; starting it again (attempt " + attempt + ")");
            process = nbconvert(tools, notebook, out, workDir);
        }
        return new NotebookRun(process, Files.exists(out) ? JSON.readTree(out.toFile()) : null);
    }

    private static boolean kernelFailedToStart(ExternalProcess process) {
        return process.exitCode() == ExternalProcess.ABORTED
                || (process.exitCode() != 0
                        && (process.stderr().contains(KERNEL_NO_ANSWER)
                                || process.stderr().contains(KERNEL_DIED_AT_START)));
    }

    private static ExternalProcess nbconvert(NotebookTools tools, Path in, Path out, Path workDir)
            throws IOException, InterruptedException {
        Files.deleteIfExists(out);
        String jupyterDir = workDir.resolve("jupyter").toAbsolutePath().toString();
        return ExternalProcess.run(
                List.of(
                        tools.nbconvert().toString(),
                        "--to",
                        "notebook",
                        "--execute",
                        "--ExecutePreprocessor.kernel_name=" + KERNEL_NAME,
                        "--ExecutePreprocessor.timeout=180",
                        "--ExecutePreprocessor.startup_timeout=30",
                        "--output-dir",
                        workDir.toAbsolutePath().toString(),
                        "--output",
                        out.getFileName().toString(),
                        in.toAbsolutePath().toString()),
                workDir,
                Map.of(
                        "JUPYTER_PATH",
                        jupyterDir,
                        "JUPYTER_DATA_DIR",
                        jupyterDir,
                        "JUPYTER_RUNTIME_DIR",
                        workDir.resolve("runtime").toAbsolutePath().toString(),
                        "JUPYTER_CONFIG_DIR",
                        workDir.resolve("config").toAbsolutePath().toString(),
                        "PYDEVD_DISABLE_FILE_VALIDATION",
                        "1"),
                Duration.ofMinutes(6),
                KERNEL_STARTUP_RACE);
    }

    /** The notebook's code cells, as executed. */
    List<JsonNode> codeCells() {
        return codeCells(executed);
    }

    /** The code cells of {@code notebook}, in order. */
    static List<JsonNode> codeCells(JsonNode notebook) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode cell : notebook.path("cells")) {
            if ("code".equals(cell.path("cell_type").asText())) {
                out.add(cell);
            }
        }
        return out;
    }

    /** Everything a code cell showed: streams, results and errors, as text. */
    static String text(JsonNode cell) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode output : cell.path("outputs")) {
            appendText(sb, output.path("text"));
            appendText(sb, output.path("data").path("text/plain"));
            appendText(sb, output.path("data").path("text/html"));
            if (output.has("ename")) {
                sb.append(output.path("ename").asText())
                        .append(": ")
                        .append(output.path("evalue").asText());
            }
        }
        return sb.toString();
    }

    /** A cell's source, whether the file keeps it as one string or as lines. */
    static String source(JsonNode cell) {
        StringBuilder sb = new StringBuilder();
        appendText(sb, cell.path("source"));
        return sb.toString();
    }

    /** What a code cell's outputs hold for {@code mimeType}, joined; empty when it showed no such data. */
    static String data(JsonNode cell, String mimeType) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode output : cell.path("outputs")) {
            appendText(sb, output.path("data").path(mimeType));
        }
        return sb.toString();
    }

    private static void appendText(StringBuilder sb, JsonNode text) {
        if (text.isArray()) {
            text.forEach(line -> sb.append(line.asText()));
        } else if (text.isTextual()) {
            sb.append(text.asText());
        }
    }
}
