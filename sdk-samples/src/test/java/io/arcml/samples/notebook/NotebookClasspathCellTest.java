package io.arcml.samples.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.junit.jupiter.api.Test;

/**
 * The notebook's first cell loads arcml and its charts from what the README's Jupyter command builds,
 * in a form both Java kernels take: {@code %jars <jar>}, relative to the notebook. The jar holds the
 * charts and names arcml and every runtime dependency in its manifest's {@code Class-Path}.
 * rapaio-jupyter-kernel runs the whole notebook in {@link QuickstartNotebookTest}; JJava's kernel is
 * not available to the build, so its own Jupyter library checks here that it reads the cell as a
 * {@code jars} magic on the built jar.
 */
class NotebookClasspathCellTest {
    /** The prefixes JJava's kernel gives its magic parser. */
    private static final String JJAVA_LINE_MAGIC_PREFIX = "(?<=(?:^|=))\\s*%";

    private static final String JJAVA_CELL_MAGIC_PREFIX = "%%";
    private static final Pattern ENCODED_ARGUMENT = Pattern.compile("decode\\(\"([A-Za-z0-9+/=]*)\"\\)");
    static final String COMMAND = "mvn -q -pl sdk-charts -am package -DskipTests";
    private static final String JAR = "../../sdk-charts/target/arcml-charts-notebook.jar";

    private static String firstCodeCell() throws IOException {
        JsonNode notebook = new ObjectMapper().readTree(QuickstartNotebookTest.NOTEBOOK.toFile());
        return NotebookRun.source(NotebookRun.codeCells(notebook).get(0));
    }

    private static Path notebookFolder() {
        return QuickstartNotebookTest.NOTEBOOK.toAbsolutePath().getParent();
    }

    private static Path builtJar() {
        Path jar = notebookFolder().resolve(JAR).normalize();
        assertThat(jar).as("%s is built by: %s", jar, COMMAND).isRegularFile();
        return jar;
    }

    /** The manifest's Class-Path of {@code jar}, resolved against the jar's folder. */
    private static List<Path> manifestClassPath(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String classPath = file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            assertThat(classPath).as("Class-Path of %s", jar).isNotBlank();
            return Arrays.stream(classPath.trim().split("\\s+"))
                    .map(entry -> jar.getParent().resolve(entry).normalize())
                    .toList();
        }
    }

    @Test
    void theFirstCellLoadsOneJarThatBringsArcmlTheChartsAndTheirDependencies()
            throws IOException, ClassNotFoundException {
        assertThat(firstCodeCell().lines().toList()).containsExactly("%jars " + JAR);
        Path jar = builtJar();
        List<Path> classPath = manifestClassPath(jar);

        assertThat(classPath).allSatisfy(entry -> assertThat(entry).isRegularFile());
        assertThat(classPath)
                .extracting(p -> p.getFileName().toString())
                .anyMatch(name -> name.startsWith("arcml-core-"))
                .anyMatch(name -> name.startsWith("jfreechart-"))
                .anyMatch(name -> name.startsWith("org.jfree.svg-"))
                .noneMatch(name -> name.startsWith("rapaio-jupyter-kernel") || name.startsWith("jjava"));
        URL[] urls = {jar.toUri().toURL()};
        // Only the JDK behind it: every class comes from the jar or from the jars its manifest names.
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            for (String type : List.of(
                    "io.arcml.Workspace",
                    "io.arcml.charts.SweepCharts",
                    "org.jfree.chart.JFreeChart",
                    "org.jfree.svg.SVGGraphics2D",
                    "com.fasterxml.jackson.databind.ObjectMapper")) {
                assertThat(Class.forName(type, false, loader).getClassLoader())
                        .as(type)
                        .isSameAs(loader);
            }
            // How each kernel finds how to show a chart inline.
            assertThat(loader.getResource("META-INF/services/org.rapaio.jupyter.kernel.display.spi.DisplayProvider"))
                    .isNotNull();
            assertThat(loader.getResource("META-INF/services/org.dflib.jjava.jupyter.Extension"))
                    .isNotNull();
        }
    }

    @Test
    void theReadmeAndTheNotebookGiveTheCommandThatBuildsTheJar() throws IOException {
        assertThat(Files.readString(Path.of("../README.md"))).contains(COMMAND);
        assertThat(Files.readString(QuickstartNotebookTest.NOTEBOOK)).contains(COMMAND);
    }

    @Test
    void jjavaReadsTheFirstCellAsAJarsMagicOnTheBuiltJar() throws IOException {
        MagicParser parser = new MagicParser(JJAVA_LINE_MAGIC_PREFIX, JJAVA_CELL_MAGIC_PREFIX, new MagicTranspiler());

        String java = parser.resolveMagics(firstCodeCell());

        assertThat(java).doesNotContain("%").doesNotContain("cellMagic");
        assertThat(decodedArguments(java)).containsExactly("jars", JAR);
        // JJava's %jars resolves its argument as a glob, from the kernel's folder: the notebook's.
        List<Path> resolved = PathsHandler.resolveGlobs(notebookFolder() + "/" + JAR);
        assertThat(resolved)
                .singleElement()
                .satisfies(p -> assertThat(p.normalize()).isEqualTo(builtJar()));
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
