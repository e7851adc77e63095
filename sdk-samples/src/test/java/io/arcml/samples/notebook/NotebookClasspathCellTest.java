package io.arcml.samples.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.junit.jupiter.api.Test;

/**
 * The notebook's first cell loads arcml from what the README's Jupyter command builds, in a form
 * both Java kernels take: {@code %classpath <folder>} lines, relative to the notebook. rapaio-jupyter-kernel
 * runs the whole notebook in {@link QuickstartNotebookTest}; JJava's kernel is not available to the
 * build, so its own Jupyter library checks here that it reads the cell as {@code classpath} magics
 * whose paths resolve to the built folders.
 */
class NotebookClasspathCellTest {
    /** The prefixes JJava's kernel gives its magic parser. */
    private static final String JJAVA_LINE_MAGIC_PREFIX = "(?<=(?:^|=))\\s*%";
    private static final String JJAVA_CELL_MAGIC_PREFIX = "%%";
    private static final Pattern ENCODED_ARGUMENT = Pattern.compile("decode\\(\"([A-Za-z0-9+/=]*)\"\\)");
    private static final List<String> FOLDERS = List.of("../../sdk-core/target/classes", "../../sdk-core/target/notebook-lib");

    private static String firstCodeCell() throws IOException {
        JsonNode notebook = new ObjectMapper().readTree(QuickstartNotebookTest.NOTEBOOK.toFile());
        JsonNode source = NotebookRun.codeCells(notebook).get(0).path("source");
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return source.isTextual() ? source.asText() : text.toString();
    }

    private static Path notebookFolder() {
        return QuickstartNotebookTest.NOTEBOOK.toAbsolutePath().getParent();
    }

    @Test
    void theFirstCellPutsArcmlAndItsDependenciesOnTheClasspath() throws IOException {
        List<String> lines = firstCodeCell().lines().toList();

        assertThat(lines).containsExactlyElementsOf(FOLDERS.stream().map(f -> "%classpath " + f).toList());
        Path classes = notebookFolder().resolve(FOLDERS.get(0)).normalize();
        Path dependencies = notebookFolder().resolve(FOLDERS.get(1)).normalize();
        assertThat(classes.resolve("io/arcml/Workspace.class")).isRegularFile();
        assertThat(dependencies.resolve("com/fasterxml/jackson/databind/ObjectMapper.class")).isRegularFile();
        assertThat(dependencies.resolve("com/azure/core/http/HttpClient.class")).isRegularFile();
        assertThat(dependencies.resolve("module-info.class")).doesNotExist();
    }

    @Test
    void theReadmeAndTheNotebookGiveTheCommandThatBuildsThoseFolders() throws IOException {
        String command = "mvn -q -pl sdk-core -am package -DskipTests";

        assertThat(Files.readString(Path.of("../README.md"))).contains(command);
        assertThat(Files.readString(QuickstartNotebookTest.NOTEBOOK)).contains(command);
    }

    @Test
    void jjavaReadsTheFirstCellAsClasspathMagicsOnFoldersThatExist() throws IOException {
        MagicParser parser = new MagicParser(JJAVA_LINE_MAGIC_PREFIX, JJAVA_CELL_MAGIC_PREFIX, new MagicTranspiler());

        String java = parser.resolveMagics(firstCodeCell());

        assertThat(java).doesNotContain("%").doesNotContain("cellMagic");
        List<String> calls = decodedArguments(java);
        assertThat(calls).containsExactly("classpath", FOLDERS.get(0), "classpath", FOLDERS.get(1));
        for (String folder : FOLDERS) {
            // JJava's %classpath resolves its argument as a glob, from the kernel's folder: the notebook's.
            assertThat(PathsHandler.resolveGlobs(notebookFolder() + "/" + folder)).singleElement()
                    .satisfies(p -> assertThat(p).isDirectory());
        }
    }

    /** The magic names and arguments JJava's transpiler wrote into the cell's Java code, in order. */
    private static List<String> decodedArguments(String java) {
        List<String> out = new ArrayList<>();
        Matcher m = ENCODED_ARGUMENT.matcher(java);
        while (m.find()) {
            out.add(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        }
        return out;
    }
}
