package io.arcml.samples.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * Jupyter). The classpath goes in through setup cells put in front of the notebook's own: the
 * test's stand-in for the {@code %maven} line a user runs first.
 *
 * @param process what nbconvert did
 * @param executed the executed notebook, when nbconvert wrote one
 * @param setupCells how many setup cells precede the notebook's own
 */
record NotebookRun(ExternalProcess process, JsonNode executed, int setupCells) {
    static final String KERNEL_NAME = "arcml-java";
    /** What the kernel prints when its start-up race killed its shell channel. */
    private static final String KERNEL_STARTUP_RACE = "\"this.handlers\" is null";
    /** What nbconvert says when the kernel never answered its first request. */
    private static final String KERNEL_NO_ANSWER = "Kernel didn't respond in";
    private static final int KERNEL_START_ATTEMPTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code notebook} with {@code classpath} on the kernel, in {@code workDir}. */
    static NotebookRun execute(NotebookTools tools, Path notebook, List<Path> classpath, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path kernelDir = workDir.resolve("jupyter/kernels/" + KERNEL_NAME);
        Files.createDirectories(kernelDir);
        ObjectNode kernel = JSON.createObjectNode();
        kernel.putArray("argv").add(tools.kernelJava().toString()).add("-jar").add(tools.kernelJar().toString()).add("{connection_file}");
        kernel.put("display_name", "Java (arcml test)").put("language", "java").put("interrupt_mode", "message");
        JSON.writerWithDefaultPrettyPrinter().writeValue(kernelDir.resolve("kernel.json").toFile(), kernel);

        ObjectNode input = (ObjectNode) JSON.readTree(notebook.toFile());
        List<String> setup = setupCells(classpath);
        ArrayNode cells = JSON.createArrayNode();
        for (String source : setup) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code").putObject("metadata");
            cell.putNull("execution_count");
            cell.putArray("outputs");
            cell.put("source", source);
        }
        input.withArray("cells").forEach(cells::add);
        input.set("cells", cells);
        Path in = workDir.resolve("input.ipynb");
        JSON.writeValue(in.toFile(), input);

        Path out = workDir.resolve("executed.ipynb");
        ExternalProcess process = nbconvert(tools, in, out, workDir);
        for (int attempt = 2; kernelFailedToStart(process) && attempt <= KERNEL_START_ATTEMPTS; attempt++) {
            // The kernel's shell channel starts serving before its message handlers are set, and can die
            // on, or never answer, a request that arrives in between (the client sends one at once).
            // That is the kernel's start-up, not the notebook: start it again.
            System.err.println("The Java kernel did not start; starting it again (attempt " + attempt + ")");
            process = nbconvert(tools, in, out, workDir);
        }
        return new NotebookRun(process, Files.exists(out) ? JSON.readTree(out.toFile()) : null, setup.size());
    }

    private static boolean kernelFailedToStart(ExternalProcess process) {
        return process.exitCode() == ExternalProcess.ABORTED || (process.exitCode() != 0 && process.stderr().contains(KERNEL_NO_ANSWER));
    }

    private static ExternalProcess nbconvert(NotebookTools tools, Path in, Path out, Path workDir) throws IOException, InterruptedException {
        Files.deleteIfExists(out);
        String jupyterDir = workDir.resolve("jupyter").toAbsolutePath().toString();
        return ExternalProcess.run(List.of(tools.nbconvert().toString(), "--to", "notebook", "--execute",
                        "--ExecutePreprocessor.kernel_name=" + KERNEL_NAME, "--ExecutePreprocessor.timeout=180",
                        "--ExecutePreprocessor.startup_timeout=30",
                        "--output-dir", workDir.toAbsolutePath().toString(), "--output", out.getFileName().toString(),
                        in.toAbsolutePath().toString()),
                workDir, Map.of("JUPYTER_PATH", jupyterDir, "JUPYTER_DATA_DIR", jupyterDir,
                        "JUPYTER_RUNTIME_DIR", workDir.resolve("runtime").toAbsolutePath().toString(),
                        "JUPYTER_CONFIG_DIR", workDir.resolve("config").toAbsolutePath().toString(),
                        "PYDEVD_DISABLE_FILE_VALIDATION", "1"),
                Duration.ofMinutes(6), KERNEL_STARTUP_RACE);
    }

    /** The kernel's magics: {@code %%jars} for the jars, {@code %classpath} for each class directory. */
    private static List<String> setupCells(List<Path> classpath) {
        List<String> cells = new ArrayList<>();
        StringBuilder jars = new StringBuilder("%%jars");
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                cells.add("%classpath " + entry.toAbsolutePath());
            } else if (entry.toString().endsWith(".jar")) {
                jars.append('\n').append(entry.toAbsolutePath());
            }
        }
        cells.add(0, jars.toString());
        return cells;
    }

    /** The notebook's own code cells, as executed (setup cells left out). */
    List<JsonNode> codeCells() {
        List<JsonNode> out = new ArrayList<>();
        JsonNode cells = executed.get("cells");
        for (int i = setupCells; i < cells.size(); i++) {
            if ("code".equals(cells.get(i).path("cell_type").asText())) {
                out.add(cells.get(i));
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
                sb.append(output.path("ename").asText()).append(": ").append(output.path("evalue").asText());
            }
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
