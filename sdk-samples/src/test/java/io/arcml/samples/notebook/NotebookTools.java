package io.arcml.samples.notebook;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the tools of the notebook test are: Debian's {@code jupyter-nbconvert}, the JDK the Java
 * kernel runs on (Temurin 25 where installed, else the JDK running the tests), and the kernel's jar. {@code .ci/install-notebook-tools.sh} installs all three
 * at the default places; each can be pointed elsewhere with a system property or variable.
 *
 * @param nbconvert the {@code jupyter-nbconvert} command
 * @param kernelJava the {@code java} launcher of the kernel's JDK
 * @param kernelJar the rapaio-jupyter-kernel jar
 */
record NotebookTools(Path nbconvert, Path kernelJava, Path kernelJar) {
    /** Set to {@code true} (as CI does) to fail, not skip, when a tool is missing. */
    static final String REQUIRED_PROPERTY = "arcml.notebook.required";

    static final String JAVA_PROPERTY = "arcml.notebook.java";
    static final String KERNEL_JAR_PROPERTY = "arcml.notebook.kernelJar";
    static final String DEFAULT_JAVA = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    static final String DEFAULT_KERNEL_JAR =
            System.getProperty("user.home") + "/.cache/arcml-notebook/rapaio-jupyter-kernel.jar";

    /** Whether CI asked for the notebook test to run for sure. */
    static boolean required() {
        return Boolean.parseBoolean(System.getProperty(
                REQUIRED_PROPERTY, System.getenv().getOrDefault("ARCML_NOTEBOOK_REQUIRED", "false")));
    }

    /**
     * Finds the tools.
     *
     * @param missing receives one line per missing tool, saying how to get it
     * @return the tools, or empty when one is missing
     */
    static Optional<NotebookTools> find(List<String> missing) {
        int missingBefore = missing.size();
        Optional<Path> nbconvert = onPath("jupyter-nbconvert");
        if (nbconvert.isEmpty()) {
            missing.add(
                    "jupyter-nbconvert is not on PATH (Debian: apt-get install jupyter-nbconvert python3-nbclient jupyter-client)");
        }
        Path java = Path.of(setting(JAVA_PROPERTY, "ARCML_NOTEBOOK_JAVA", DEFAULT_JAVA));
        if (!Files.isExecutable(java) && DEFAULT_JAVA.equals(java.toString())) {
            // rapaio-jupyter-kernel 3.0.1 also runs on the JDK 17 the build uses.
            java = Path.of(System.getProperty("java.home"), "bin", "java");
        }
        if (!Files.isExecutable(java)) {
            missing.add("the kernel's JDK " + java + " is not there (set -D" + JAVA_PROPERTY
                    + " to a java launcher of JDK 17 or newer)");
        }
        Path jar = Path.of(setting(KERNEL_JAR_PROPERTY, "ARCML_NOTEBOOK_KERNEL_JAR", DEFAULT_KERNEL_JAR));
        if (!Files.isRegularFile(jar)) {
            missing.add("the Java kernel " + jar + " is not there (run .ci/install-notebook-tools.sh, or set -D"
                    + KERNEL_JAR_PROPERTY + ")");
        }
        return missing.size() == missingBefore
                ? Optional.of(new NotebookTools(nbconvert.get(), java, jar))
                : Optional.empty();
    }

    private static String setting(String property, String variable, String fallback) {
        return System.getProperty(property, System.getenv().getOrDefault(variable, fallback));
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
