package io.arcml.samples.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Executes {@code notebooks/arc-ml-quickstart.ipynb} headless in a real Jupyter Java kernel
 * (Debian's {@code jupyter-nbconvert} driving rapaio-jupyter-kernel, a JShell-based kernel from
 * Maven Central) and fails when any cell errors, or when a chart cell shows no PNG or the sweep's
 * results no HTML table. Without the tools the kernel tests are skipped,
 * unless {@code -Darcml.notebook.required=true} (CI) makes that a failure.
 */
class QuickstartNotebookTest {
    static final Path NOTEBOOK = Path.of("notebooks/arc-ml-quickstart.ipynb");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static NotebookTools tools() {
        List<String> missing = new ArrayList<>();
        return NotebookTools.find(missing).orElseGet(() -> {
            String why = "The notebook test needs tools that are not installed:\n  " + String.join("\n  ", missing)
                    + "\nInstall them with .ci/install-notebook-tools.sh";
            if (NotebookTools.required()) {
                fail(why + "\n(" + NotebookTools.REQUIRED_PROPERTY + "=true: missing tools fail the build)");
            }
            Assumptions.abort(why);
            return null;
        });
    }

    @Test
    void theCommittedNotebookIsCleanAndNamesAJavaKernel() throws IOException {
        JsonNode notebook = JSON.readTree(NOTEBOOK.toFile());

        assertThat(notebook.path("metadata").path("kernelspec").path("language").asText())
                .isEqualTo("java");
        assertThat(notebook.path("cells")).allSatisfy(cell -> {
            assertThat(cell.path("outputs")).as("outputs are not committed").isEmpty();
            assertThat(cell.path("execution_count").isMissingNode()
                            || cell.path("execution_count").isNull())
                    .isTrue();
        });
    }

    @Test
    void everyCellRunsWithoutErrorInAJavaKernel() throws Exception {
        NotebookRun run = NotebookRun.execute(tools(), NOTEBOOK, Path.of("target/notebook-runs/quickstart"));

        assertThat(run.process().exitCode())
                .as("nbconvert --execute%n%s", run.process().report())
                .isZero();
        List<JsonNode> cells = run.codeCells();
        assertThat(cells)
                .hasSize(NotebookRun.codeCells(JSON.readTree(NOTEBOOK.toFile())).size());
        assertThat(cells).allSatisfy(cell -> {
            assertThat(cell.path("execution_count").isInt())
                    .as("executed: %s", cell.path("source"))
                    .isTrue();
            assertThat(cell.path("outputs").findValues("output_type"))
                    .extracting(JsonNode::asText)
                    .doesNotContain("error");
        });
        String shown = String.join("\n", cells.stream().map(NotebookRun::text).toList());
        assertThat(shown)
                .contains("Workspace{local-workspace")
                .contains("AzureMLExtension{name=azureml-extension, cluster=amlarc-cluster (ARC), state=Succeeded")
                .contains("- healthy")
                .contains("KubernetesCompute{name=amlarc-compute, state=Succeeded")
                .contains("KubernetesCompute{name=amlarc-gpu, state=Succeeded")
                .contains("Creating")
                .contains("Run mnist-train finished: Completed")
                .contains("Sweep: maximize accuracy, 4 trials")
                .contains("4/4 trials, 0 running, best accuracy=1 (trial 2)")
                .contains("Timed out after PT2S")
                .contains("Deleting");
        for (String chart :
                List.of("charts.metricByStep()", "charts.bestSoFar()", "charts.bestSoFarOverTime()", ".timeline()")) {
            assertThat(NotebookRun.data(cellEndingWith(cells, chart), "image/png"))
                    .as("the PNG shown by %s", chart)
                    .satisfies(png ->
                            assertThat(Base64.getMimeDecoder().decode(png)).startsWith(PNG_SIGNATURE));
        }
        assertThat(NotebookRun.data(cellEndingWith(cells, "chartSweep.results()"), "text/html"))
                .startsWith("<table");
    }

    /** The executed code cell whose source ends with {@code lastLine}: the expression whose value it shows. */
    private static JsonNode cellEndingWith(List<JsonNode> cells, String lastLine) {
        return cells.stream()
                .filter(cell -> NotebookRun.source(cell).strip().endsWith(lastLine))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no code cell ends with " + lastLine));
    }

    @Test
    void aCellThatThrowsFailsTheRun() throws Exception {
        NotebookTools tools = tools();
        ObjectNode notebook = (ObjectNode) JSON.readTree(NOTEBOOK.toFile());
        ArrayNode cells = notebook.withArray("cells");
        ObjectNode broken = JSON.createObjectNode().put("cell_type", "code");
        broken.putObject("metadata");
        broken.putNull("execution_count");
        broken.putArray("outputs");
        broken.put("source", "ComputeTarget.get(ws, \"no-such-compute\")");
        cells.insert(5, broken);
        // Two folders below the repository's root, as the notebook is, so that its first cell's paths resolve.
        Path copy = Path.of("../target/notebook-runs/broken.ipynb");
        Files.createDirectories(copy.getParent());
        JSON.writeValue(copy.toFile(), notebook);

        NotebookRun run = NotebookRun.execute(tools, copy, Path.of("target/notebook-runs/broken"));

        assertThat(run.process().exitCode()).as(run.process().report()).isNotZero();
        assertThat(run.process().stderr()).contains("CellExecutionError").contains("ComputeTargetNotFound");
    }
}
