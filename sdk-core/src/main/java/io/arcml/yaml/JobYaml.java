package io.arcml.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.Json;
import io.arcml.job.CommandJob;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.sweep.SweepJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Loads the Azure ML CLI v2 job YAML users already have ({@code type: command}, {@code sweep},
 * {@code pipeline}) into arcml's job objects, so an existing {@code job.yml} runs from Java:
 *
 * <pre>{@code
 * JobYaml file = JobYaml.read(Path.of("job.yml"));
 * JobRun run = compute.submit(file.commandJob());   // compute: the KubernetesCompute named by file.compute()
 * }</pre>
 *
 * Every key of Azure ML's command, sweep and pipeline job schemas is either honoured or refused
 * with the reason and the fix; a file's problems are all reported at once, in a
 * {@link JobYamlException} when there are several. No key is dropped silently. Each kind has a
 * reader of its own ({@code CommandYaml}, {@code SweepYaml}, {@code PipelineYaml}), sharing the
 * command body, the inputs ({@code InputsYaml}) and the outputs ({@code OutputsYaml}).
 */
public final class JobYaml {
    private static final ObjectMapper YAML = Json.yamlMapper();
    /** The parser's excerpt of the source under each position it names ({@code in 'reader', line 2, column 10:}, the line, a caret). */
    private static final Pattern SOURCE_EXCERPT =
            Pattern.compile("\n in '[^']*', line \\d+, column \\d+:\n[^\n]*\n[^\n]*\\^");

    private static final NfsMount CHECK_STORAGE = new NfsMount("storage.check", "/", "/mnt/arcml-check", false);

    /** The kind of job a file holds. */
    public enum Kind {
        /** {@code type: command} (the default). */
        COMMAND,
        /** {@code type: sweep}. */
        SWEEP,
        /** {@code type: pipeline}. */
        PIPELINE
    }

    private final Kind kind;
    private final String compute;
    private final JsonNode tree;
    private final Path directory;

    private JobYaml(Kind kind, String compute, JsonNode tree, Path directory) {
        this.kind = kind;
        this.compute = compute;
        this.tree = tree;
        this.directory = directory;
    }

    /**
     * Reads a job YAML file and checks all of it. The files it names by relative path (an
     * environment's {@code conda_file}) are read from the file's directory.
     *
     * @throws ValidationException when the file is not there or not YAML (the message starts with
     *     the file), its one problem, or a {@link JobYamlException} with all of them
     */
    public static JobYaml read(Path file) {
        Arguments.nonNull(file, "file");
        return parse(
                readText(file, "job"), file.toString(), file.toAbsolutePath().getParent());
    }

    /**
     * The text of a {@code kind} YAML file ({@code job}, {@code compute}).
     *
     * @throws ValidationException whose message starts with the file when it is not there
     */
    static String readText(Path file, String kind) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new JobFileException(
                    file.toString(),
                    "no such file (a relative path is read from " + Path.of("").toAbsolutePath() + ")",
                    "Give the path of an existing " + kind + " YAML file");
        } catch (IOException e) {
            throw new ArcmlException("Cannot read " + kind + " file '" + file + "': " + e.getMessage(), e);
        }
    }

    /**
     * Parses job YAML text and checks all of it. Its local paths ({@code code: ./src},
     * {@code path: ./data}, an environment's {@code conda_file}) are read relative to the working directory.
     *
     * @throws ValidationException the one problem of the file, or a {@link JobYamlException} with all of them
     */
    public static JobYaml parse(String yaml) {
        Arguments.nonNull(yaml, "yaml");
        return parse(yaml, "job YAML", Path.of("").toAbsolutePath());
    }

    private static JobYaml parse(String yaml, String source, Path directory) {
        JsonNode tree = readMapping(
                yaml,
                source,
                "not a YAML mapping of job keys",
                "Write the job as key: value lines, starting with type: command, sweep or pipeline");
        YamlNode root = YamlNode.root(tree, directory);
        String type = root.text("type") == null ? "command" : root.text("type").toLowerCase(Locale.ROOT);
        Kind kind = switch (type) {
            case "command" -> Kind.COMMAND;
            case "sweep" -> Kind.SWEEP;
            case "pipeline" -> Kind.PIPELINE;
            case "kubernetes" ->
                throw new ValidationException(
                        "type",
                        root.text("type"),
                        "is a compute, not a job",
                        "Read it with ComputeYaml.read(path) and attach it with ComputeTarget.attach(ws, file.name(), file.attachConfiguration())");
            default ->
                throw new ValidationException(
                        "type", root.text("type"), "is not a job type arcml runs", "Use command, sweep or pipeline");
        };
        JobYaml file = new JobYaml(kind, compute(root), tree, directory);
        // Check the whole file now, so that errors surface on read, not on submit.
        switch (kind) {
            case COMMAND -> file.commandJob();
            case SWEEP -> file.sweepJob();
            case PIPELINE -> file.pipelineJob(CHECK_STORAGE);
        }
        return file;
    }

    /**
     * The top mapping of YAML text.
     *
     * @throws ValidationException whose message starts with {@code source} when it is not YAML, empty or not a mapping
     */
    static JsonNode readMapping(String yaml, String source, String notAMapping, String fix) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new JobFileException(
                    source,
                    "not valid YAML at line " + e.getLocation().getLineNr() + ": "
                            + SOURCE_EXCERPT
                                    .matcher(e.getOriginalMessage())
                                    .replaceAll("")
                                    .trim()
                                    .replace("\n", ", "),
                    "Fix the YAML syntax there");
        }
        if (tree == null || !tree.isObject()) {
            throw new JobFileException(source, tree == null || tree.isMissingNode() ? "empty" : notAMapping, fix);
        }
        return tree;
    }

    /** The kind of job. */
    public Kind kind() {
        return kind;
    }

    /**
     * The compute the file names ({@code azureml:} prefix removed), or {@code null}: {@code compute},
     * or for a pipeline {@code settings.default_compute}, where the steps without a compute of their own run.
     */
    public String compute() {
        return compute;
    }

    /** The file as a command job. */
    public CommandJob commandJob() {
        require(Kind.COMMAND);
        return CommandYaml.commandJob(root());
    }

    /** The file as a sweep job. */
    public SweepJob sweepJob() {
        require(Kind.SWEEP);
        return SweepYaml.sweepJob(root());
    }

    /** The file as a pipeline whose steps have no outputs. */
    public PipelineJob pipelineJob() {
        return pipelineJob(null);
    }

    /** The file as a pipeline whose outputs live on {@code sharedStorage} (an NFS export every step mounts). */
    public PipelineJob pipelineJob(NfsMount sharedStorage) {
        require(Kind.PIPELINE);
        return PipelineYaml.pipelineJob(root(), sharedStorage);
    }

    /** {@code compute}, or a pipeline's {@code settings.default_compute}; both naming different computes is a problem. */
    private static String compute(YamlNode root) {
        String compute = stripAzureml(root.text("compute"));
        if (!root.has("settings") || !root.raw("settings").isObject()) {
            return compute;
        }
        String defaultCompute = stripAzureml(root.child("settings").text("default_compute"));
        if (compute != null && defaultCompute != null && !compute.equals(defaultCompute)) {
            throw new ValidationException(
                    "settings.default_compute",
                    defaultCompute,
                    "differs from compute (" + compute + ")",
                    "Name the pipeline's compute once: keep compute or settings.default_compute");
        }
        return compute != null ? compute : defaultCompute;
    }

    /** A compute's name as the YAML gives it, without the {@code azureml:} prefix. */
    static String stripAzureml(String compute) {
        return compute != null && compute.startsWith("azureml:") ? compute.substring("azureml:".length()) : compute;
    }

    private YamlNode root() {
        return YamlNode.root(tree, directory);
    }

    private void require(Kind wanted) {
        if (kind != wanted) {
            throw new ArcmlException("The file holds a " + kind.name().toLowerCase(Locale.ROOT) + " job, not a "
                    + wanted.name().toLowerCase(Locale.ROOT) + " job: read it with "
                    + kind.name().toLowerCase(Locale.ROOT) + "Job()");
        }
    }

    @Override
    public String toString() {
        return "JobYaml{kind=" + kind + (compute == null ? "" : ", compute=" + compute) + "}";
    }
}
