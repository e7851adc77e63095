package io.arcml.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.arcml.ValidationException;
import io.arcml.internal.AssetReference;
import io.arcml.internal.Json;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.DockerBuild;
import io.arcml.job.JobLabels;
import io.arcml.sweep.SearchSpace;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a command job in Azure ML's YAML, shared by command jobs, sweep trials and pipeline
 * steps: {@code command}, {@code code}, {@code environment}, {@code environment_variables},
 * {@code resources}, {@code distribution}, {@code limits}. Each part that has a problem is
 * recorded and the others are still read, so that a file's problems are reported together.
 */
final class CommandYaml {
    /** The keys of a command body arcml honours. */
    static final Set<String> BODY =
            Set.of("command", "code", "environment", "environment_variables", "resources", "distribution");
    /** The keys a command job file may have, all honoured. */
    static final Set<String> FILE_KEYS = JobKeys.union(JobKeys.COMMON, BODY, Set.of("limits", "inputs", "outputs"));

    static final String REFUSED_SERVICES =
            "arcml opens no interactive services (Jupyter, SSH, TensorBoard) on a job: remove them";
    static final String REFUSED_QUEUE = "arcml does not set Azure ML's job tiers or priorities: remove queue_settings";

    private static final ObjectMapper CONDA_YAML = Json.yamlMapper();
    private static final Pattern LITERAL_INPUT = Pattern.compile("\\$\\{\\{\\s*inputs\\.([A-Za-z0-9_]+)\\s*}}");
    /** {@code resources}: the instance type and how many instances run the job. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Resources(@ScalarText String instanceType, Integer instanceCount) {}

    /** An inline {@code environment}, or the environment's own file. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Environment(
            @JsonProperty("$schema") @ScalarText String schema,
            @ScalarText String name,
            @ScalarText String version,
            @ScalarText String image,
            @ScalarText String osType,
            JsonNode build,
            JsonNode condaFile) {}

    /** An environment's {@code build}: the Docker context and the Dockerfile in it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Build(
            @Required("Give the Docker context's folder, e.g. path: docker-context") @ScalarText
            String path,

            @ScalarText String dockerfilePath) {}

    /** A command's {@code limits}. */
    record Limits(Integer timeout) {}

    /** A {@code distribution} of {@code type: pytorch} or {@code mpi}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProcessesPerInstance(@ScalarText String type, Integer processCountPerInstance) {}

    /** A {@code distribution} of {@code type: tensorflow}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TensorflowWorkers(@ScalarText String type, Integer workerCount, Integer parameterServerCount) {}

    /** The keys of {@code resources} arcml honours. */
    static final Set<String> RESOURCE_KEYS = YamlBinding.keys(Resources.class);
    /** The keys of an inline {@code environment} arcml honours. */
    static final Set<String> ENVIRONMENT_KEYS = YamlBinding.keys(Environment.class);

    static final Map<String, String> REFUSED_RESOURCES = Map.of(
            "shm_size", "arcml sizes /dev/shm from the instance type's memory: remove it",
            "docker_args", "arcml starts containers with the instance type's settings only: remove docker_args",
            "properties", "arcml passes no resource properties: remove them",
            "locations", "arcml runs on the compute's cluster, in its location: remove locations",
            "max_instance_count", "arcml runs a fixed instance_count: remove max_instance_count");
    static final Map<String, String> REFUSED_ENVIRONMENT = Map.of(
            "inference_config", "an inference configuration is for online endpoints, not jobs: remove it",
            "description", "arcml registers an inline environment with its image only: remove the description",
            "tags", "arcml registers an inline environment with its image only: remove the tags",
            "properties", "arcml registers an inline environment with its image only: remove the properties");

    private CommandYaml() {}

    /** The file {@code root} as a command job. */
    static CommandJob commandJob(YamlNode root) {
        YamlProblems problems = root.problems();
        root.onlyKeys(FILE_KEYS, JobKeys.REFUSED_JOB);
        int since = problems.count();
        CommandJob.Builder b =
                body(root, InputsYaml.read(root), declaredInputs(root)).name(root.text("name"));
        problems.check(() -> b.experimentName(root.text("experiment_name"))
                .labels(labels(root))
                .identity(IdentityYaml.identity(root)));
        if (root.has("outputs")) {
            problems.check(() -> OutputsYaml.outputs(root.child("outputs"), Set.of("rw_mount"), b));
        }
        CommandJob job = build(root, b, since);
        problems.throwIfAny();
        return job;
    }

    /**
     * Reads a command body.
     *
     * @param node the mapping (a job file, a sweep's {@code trial} or a pipeline step)
     * @param inputs the inputs: literals go into its {@code ${{inputs.<name>}}} placeholders, data inputs are declared on the job
     * @param declared every input name declared (also those that did not load, or are bound to other steps' outputs), whose
     *     placeholders stay in the command for Azure ML or the pipeline to resolve
     * @return the builder with every part that could be read; the problems are in the node's {@link YamlProblems}
     */
    static CommandJob.Builder body(YamlNode node, InputsYaml inputs, Set<String> declared) {
        YamlProblems problems = node.problems();
        CommandJob.Builder b = CommandJob.builder();
        problems.check(() -> b.command(command(node, inputs.literals(), declared)));
        inputs.addDataInputs(b);
        problems.check(() -> environment(node, b));
        if (node.has("code")) {
            problems.check(() -> code(node, b));
        }
        if (node.has("resources")) {
            problems.check(() -> resources(node.child("resources"), b));
        }
        if (node.has("distribution")) {
            problems.check(() -> b.distribution(distribution(node.child("distribution"))));
        }
        problems.check(() -> node.stringMap("environment_variables").forEach(b::environmentVariable));
        if (node.has("limits")) {
            problems.check(() -> limits(node.child("limits"), b));
        }
        return b;
    }

    /** The {@code display_name}, {@code description}, {@code tags} and {@code properties} of a job. */
    static JobLabels labels(YamlNode node) {
        JobLabels labels =
                JobLabels.none().displayName(node.text("display_name")).description(node.text("description"));
        for (Map.Entry<String, String> tag : node.stringMap("tags").entrySet()) {
            labels = labels.tag(tag.getKey(), tag.getValue());
        }
        for (Map.Entry<String, String> property : node.stringMap("properties").entrySet()) {
            labels = labels.property(property.getKey(), property.getValue());
        }
        return labels;
    }

    /**
     * Builds the job when reading its parts found no problem (else the builder would report the
     * same ones again), recording a problem (and answering {@code null}) when the parts do not fit.
     *
     * @param since {@link YamlProblems#count()} before the parts were read
     */
    static CommandJob build(YamlNode node, CommandJob.Builder b, int since) {
        return node.problems().noneSince(since) ? node.problems().attempt(b::build) : null;
    }

    private static String command(YamlNode node, Map<String, Object> literals, Set<String> bound) {
        String command = node.requireText("command", "Give the shell command to run, e.g. python train.py");
        Matcher m = LITERAL_INPUT.matcher(command);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object v = literals.get(m.group(1));
            if (v == null && bound.contains(m.group(1))) {
                // A pipeline input bound to another step's output: the pipeline resolves it to a path.
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                continue;
            }
            if (v == null) {
                throw new ValidationException(
                        node.field("command"),
                        m.group(),
                        "names no literal input " + literals.keySet() + " nor data input",
                        "Declare it under inputs with a value, or as a data input with type and path");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(SearchSpace.format(v)));
        }
        m.appendTail(sb);
        return sb.toString().trim();
    }

    /** {@code code}: a local folder (relative to the file) that the ARM transport uploads, or a code asset's reference. */
    private static void code(YamlNode node, CommandJob.Builder b) {
        String code = node.requireText(
                "code", "Give a local folder such as ./src, or azureml:<name>:<version> of an uploaded code asset");
        if (AssetReference.parse(code).form() == AssetReference.Form.LOCAL_PATH) {
            b.code(node.localPath(code));
        } else {
            b.codeId(code);
        }
    }

    /**
     * {@code environment}: an inline image (with {@code name} and {@code version}, registered on
     * Azure as that environment version), or a reference to an Azure ML environment (Azure only).
     */
    private static void environment(YamlNode node, CommandJob.Builder b) {
        JsonNode env = node.raw("environment");
        if (env == null || env.isNull()) {
            throw new ValidationException(
                    node.field("environment"), null, "is required", "Give environment: {image: <container image>}");
        }
        if (env.isTextual()) {
            String ref = env.asText().trim();
            if (AssetReference.parse(ref).form() != AssetReference.Form.LOCAL_PATH) {
                b.environmentId(ref);
                return;
            }
            inlineEnvironment(
                    node.linkedFile(
                            "environment",
                            ref,
                            "Put the environment's YAML file there (image: or build:, with name and version to register it), or write the environment inline"),
                    b);
            return;
        }
        inlineEnvironment(node.child("environment"), b);
    }

    /**
     * An environment written inline or in its own file ({@code environment: file:./env.yml}, whose
     * {@code build.path} and {@code conda_file} are relative to that file): its image or Docker build
     * context, conda file, and the name and version it is registered under on Azure.
     */
    private static void inlineEnvironment(YamlNode e, CommandJob.Builder b) {
        Environment env = e.bind(Environment.class, REFUSED_ENVIRONMENT);
        String osType = env.osType();
        if (osType != null && !"linux".equalsIgnoreCase(osType)) {
            throw new ValidationException(
                    e.field("os_type"),
                    osType,
                    "is not supported",
                    "arcml runs Linux containers: use a Linux image and os_type: linux");
        }
        if (YamlNode.given(env.build())) {
            b.dockerBuild(dockerBuild(e.child("build")));
        } else {
            b.image(e.required(
                    "image",
                    env.image(),
                    "Give the container image, e.g. python:3.11, or a Docker context as build.path"));
        }
        if (YamlNode.given(env.condaFile())) {
            b.condaFile(condaFile(e, env.condaFile()));
        }
        String name = env.name();
        String version = env.version();
        if (name != null || version != null) {
            if (name == null || version == null) {
                throw new ValidationException(
                        e.field(name == null ? "name" : "version"),
                        null,
                        "is required with " + (name == null ? "version" : "name"),
                        "Give both name and version to register the image as that environment version on Azure, or neither");
            }
            b.environmentId("azureml:" + name + ":" + version);
        }
    }

    /**
     * {@code build}: a Docker context Azure ML builds the image from, a local folder (relative to the
     * file, uploaded on Azure) or an {@code https://}/{@code azureml://} URI, and its {@code dockerfile_path}.
     */
    private static DockerBuild dockerBuild(YamlNode node) {
        Build build = node.bind(Build.class);
        String path = build.path();
        DockerBuild context = AssetReference.parse(path).form() == AssetReference.Form.LOCAL_PATH
                ? DockerBuild.local(node.localPath(path))
                : DockerBuild.remote(path);
        String dockerfile = build.dockerfilePath();
        return dockerfile == null ? context : context.dockerfilePath(dockerfile);
    }

    /**
     * {@code conda_file}: a path relative to the file (read as it is), or the conda file written
     * inline as a mapping (written out as YAML), as Azure ML registers it with the image.
     */
    private static String condaFile(YamlNode environment, JsonNode conda) {
        if (conda.isObject()) {
            try {
                return CONDA_YAML.writeValueAsString(conda);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A YAML mapping that was read can be written", e);
            }
        }
        return environment.readFile(
                "conda_file",
                environment.requireText("conda_file", "Give the path of the conda file, e.g. conda.yml"),
                "Put the conda file there, or write it inline under conda_file (channels:, dependencies:)");
    }

    private static void resources(YamlNode r, CommandJob.Builder b) {
        Resources resources = r.bind(Resources.class, REFUSED_RESOURCES);
        if (resources.instanceType() != null) {
            b.instanceType(resources.instanceType());
        }
        if (resources.instanceCount() != null) {
            b.instanceCount(resources.instanceCount());
        }
    }

    private static void limits(YamlNode l, CommandJob.Builder b) {
        Integer seconds = l.bind(Limits.class).timeout();
        if (seconds != null) {
            b.timeout(Duration.ofSeconds(seconds));
        }
    }

    private static Distribution distribution(YamlNode d) {
        String type = d.requireText("type", "Give pytorch, mpi or tensorflow");
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "pytorch" -> Distribution.pytorch(processesPerInstance(d));
            case "mpi" -> Distribution.mpi(processesPerInstance(d));
            case "tensorflow" -> {
                TensorflowWorkers tf = d.bind(TensorflowWorkers.class);
                yield Distribution.tensorflow(orDefault(tf.workerCount(), 1), orDefault(tf.parameterServerCount(), 0));
            }
            default ->
                throw new ValidationException(
                        d.field("type"), type, "is not a distribution arcml runs", "Use pytorch, mpi or tensorflow");
        };
    }

    private static int processesPerInstance(YamlNode d) {
        return orDefault(d.bind(ProcessesPerInstance.class).processCountPerInstance(), 1);
    }

    static int orDefault(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    /** The names of all inputs a node declares, also those that did not load. */
    static Set<String> declaredInputs(YamlNode node) {
        return node.has("inputs") ? Set.copyOf(node.child("inputs").keys()) : Set.of();
    }
}
