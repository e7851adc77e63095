package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.AssetReference;
import io.arcml.internal.AzureMlText;
import io.arcml.internal.ComputeNames;
import io.arcml.internal.KubernetesNames;
import io.arcml.internal.RandomSuffix;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.InputSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command job: a container image and a shell command, run on one or more instances of a compute
 * target, as Azure ML's {@code command} job. Immutable; build one with {@link #builder()} and
 * submit it with {@code compute.submit(job)}:
 *
 * <pre>{@code
 * CommandJob job = CommandJob.builder()
 *     .name("mnist-ddp")
 *     .image("mcr.microsoft.com/azureml/openmpi4.1.0-cuda11.8-cudnn8-ubuntu22.04")
 *     .command("python train.py --epochs 10")
 *     .instanceType("gpu_instance").instanceCount(2)
 *     .distribution(Distribution.pytorch(4))
 *     .environmentVariable("NCCL_DEBUG", "INFO")
 *     .nfsMount("10.0.0.4", "/export/data", "/mnt/data", true)
 *     .build();
 * }</pre>
 *
 * The job itself is transport-neutral: the same object is sent to Azure ML's REST API
 * ({@link #serialize()}) or turned into pods by the direct cluster transport.
 */
public final class CommandJob {
    /**
     * Variables the transports set from the distribution; a job may not set them itself, so that
     * every instance agrees on who the master is and how many ranks there are.
     */
    public static final Set<String> RESERVED_ENVIRONMENT_VARIABLES = Set.of(
            "MASTER_ADDR",
            "MASTER_PORT",
            "WORLD_SIZE",
            "NODE_RANK",
            "RANK",
            "TF_CONFIG",
            "PET_NNODES",
            "PET_NPROC_PER_NODE",
            "PET_NODE_RANK",
            "PET_MASTER_ADDR",
            "PET_MASTER_PORT",
            "AZUREML_NODE_COUNT",
            "OMPI_MCA_orte_default_hostfile");

    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,254}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final String experimentName;
    private final String image;
    private final String command;
    private final String instanceType;
    private final int instanceCount;
    private final Distribution distribution;
    private final Map<String, String> environmentVariables;
    private final List<NfsMount> nfsMounts;
    private final Duration timeout;
    private final String environmentId;
    private final String condaFile;
    private final String codeId;
    private final Path localCode;
    private final DockerBuild dockerBuild;
    private final JobIdentity identity;
    private final Map<String, String> inputs;
    private final Map<String, JobInput> dataInputs;
    private final List<String> outputs;
    private final Map<String, JobInput.Type> outputTypes;
    private final JobLabels labels;

    private CommandJob(Builder b, String name, int instanceCount) {
        this.name = name;
        this.experimentName = b.experimentName;
        this.image = b.image;
        this.command = b.command;
        this.instanceType = b.instanceType;
        this.instanceCount = instanceCount;
        this.distribution = b.distribution;
        this.environmentVariables = Collections.unmodifiableMap(new LinkedHashMap<>(b.environmentVariables));
        this.nfsMounts = List.copyOf(b.nfsMounts);
        this.timeout = b.timeout;
        this.environmentId = b.environmentId;
        this.condaFile = b.condaFile;
        this.codeId = b.codeId;
        this.localCode = b.localCode;
        this.dockerBuild = b.dockerBuild;
        this.identity = b.identity;
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
        this.dataInputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.dataInputs));
        this.outputs = List.copyOf(b.outputs);
        this.outputTypes = Map.copyOf(b.outputTypes);
        this.labels = b.labels;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The job's name, unique in the workspace; generated ({@code job-<hex>}) when none was given. */
    public String name() {
        return name;
    }

    /** The experiment the job is filed under; defaults to the job's name. */
    public String experimentName() {
        return experimentName == null ? name : experimentName;
    }

    /** The container image. */
    public String image() {
        return image;
    }

    /** The shell command every instance runs. */
    public String command() {
        return command;
    }

    /** The instance type's name, or {@code null} for the compute's default instance type. */
    public String instanceType() {
        return instanceType;
    }

    /** How many instances (nodes, pods) the job runs on. */
    public int instanceCount() {
        return instanceCount;
    }

    /** The distribution, or {@code null} for a job whose instances do not talk to each other. */
    public Distribution distribution() {
        return distribution;
    }

    /** The environment variables, in the order given. */
    public Map<String, String> environmentVariables() {
        return environmentVariables;
    }

    /** The NFS exports mounted into every instance. */
    public List<NfsMount> nfsMounts() {
        return nfsMounts;
    }

    /** The longest the job may run, or {@code null} for no limit. */
    public Duration timeout() {
        return timeout;
    }

    /** An Azure ML environment to run in ({@code azureml:name:version} or its resource ID), or {@code null}: then {@link #image()}. */
    public String environmentId() {
        return environmentId;
    }

    /**
     * The conda file (its YAML text) Azure ML builds into {@link #image()} to make the job's
     * environment, or {@code null} for the image as it is.
     */
    public String condaFile() {
        return condaFile;
    }

    /** An Azure ML code asset uploaded beforehand ({@code azureml:name:version} or its resource ID), or {@code null}. */
    public String codeId() {
        return codeId;
    }

    /**
     * The folder (or file) on this machine the command runs in, or {@code null}: the ARM transport
     * uploads it on submit as the job's code asset; other transports refuse it.
     */
    public Path localCode() {
        return localCode;
    }

    /** The Docker build context Azure ML builds the job's image from, or {@code null}: then {@link #image()}. */
    public DockerBuild dockerBuild() {
        return dockerBuild;
    }

    /** The identity the job reaches Azure resources with, or {@code null} for Azure ML's default. */
    public JobIdentity identity() {
        return identity;
    }

    /** The display name, description, tags and properties shown in Azure ML studio. */
    public JobLabels labels() {
        return labels;
    }

    /** Literal inputs by name; the command refers to them as {@code ${{inputs.<name>}}}. */
    public Map<String, String> inputs() {
        return inputs;
    }

    /**
     * Data and model inputs by name, which Azure ML delivers to the containers; the command refers
     * to them as {@code ${{inputs.<name>}}}, and Azure ML replaces that with where the data is.
     */
    public Map<String, JobInput> dataInputs() {
        return dataInputs;
    }

    /** Output folders by name (Azure ML stores them); the command refers to them as {@code ${{outputs.<name>}}}. */
    public List<String> outputs() {
        return outputs;
    }

    /** What Azure ML makes of an output: a folder ({@link JobInput.Type#URI_FOLDER}, the default) or a model of a kind. */
    public JobInput.Type outputType(String name) {
        Arguments.nonNull(name, "name");
        return outputTypes.getOrDefault(name, JobInput.Type.URI_FOLDER);
    }

    /**
     * The command with every declared {@code ${{inputs.<name>}}} replaced by its literal value, as a
     * cluster runs it; references to undeclared inputs are left as they are.
     */
    public String commandWithInputs() {
        return toSpec().commandWithInputs();
    }

    /** The first {@code ${{inputs.<name>}}} or {@code ${{outputs.<name>}}} the job does not declare, or {@code null}. */
    public String undeclaredReference() {
        return toSpec().undeclaredReference();
    }

    /**
     * Refuses the job when it has data inputs, on a transport that cannot deliver them: only Azure
     * ML resolves assets, datastore paths and remote URIs to files in the containers.
     *
     * @param field where the job's inputs are, as the message names them: {@code inputs}, {@code jobs.train.inputs}
     * @param transport the transport as the message names it, e.g. {@code the direct cluster transport}
     * @throws ValidationException naming the first data input, its location and what to do instead
     */
    public void requireNoDataInputs(String field, String transport) {
        toSpec().requireNoDataInputs(field, transport);
    }

    /**
     * Refuses the job when its code is a local folder, on a transport that cannot ship it: only the
     * ARM transport uploads code (to the workspace's storage, as Azure ML's code asset).
     *
     * @param field where the job's code is, as the message names it: {@code code}, {@code trial.code}, {@code jobs.train.code}
     * @param transport the transport as the message names it, e.g. {@code the direct cluster transport}
     * @throws ValidationException naming the field, the folder and what to do instead
     */
    public void requireNoLocalCode(String field, String transport) {
        toSpec().requireNoLocalCode(field, transport);
    }

    /**
     * Refuses what only Azure ML does for a job, on a transport where arcml runs it itself: an
     * identity ({@link JobIdentity}) and a conda file to build into the image.
     *
     * @param at where the job is, as the messages name it: {@code ""} for a job, {@code trial.}, {@code jobs.train.}
     * @param transport the transport as the message names it, e.g. {@code the direct cluster transport}
     * @throws ValidationException naming the first of them, its value and what to do instead
     */
    public void requireRunnableWithoutAzure(String at, String transport) {
        toSpec().requireRunnableWithoutAzure(at, transport);
    }

    /** A copy that runs on the named instance type; used to resolve the compute's default. */
    public CommandJob withInstanceType(String instanceTypeName) {
        Builder b = toBuilder();
        b.instanceType = instanceTypeName;
        return b.build();
    }

    /** A builder that starts from this job's settings, to derive a variant (a sweep's trials, another name). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.experimentName = experimentName;
        b.image = image;
        b.command = command;
        b.instanceType = instanceType;
        b.instanceCount = instanceCount;
        b.distribution = distribution;
        b.environmentVariables.putAll(environmentVariables);
        b.nfsMounts.addAll(nfsMounts);
        b.timeout = timeout;
        b.environmentId = environmentId;
        b.condaFile = condaFile;
        b.codeId = codeId;
        b.localCode = localCode;
        b.dockerBuild = dockerBuild;
        b.identity = identity;
        b.inputs.putAll(inputs);
        b.dataInputs.putAll(dataInputs);
        b.outputs.addAll(outputs);
        b.outputTypes.putAll(outputTypes);
        b.labels = labels;
        return b;
    }

    /**
     * The job's {@code properties} in Azure ML's REST shape ({@code jobType: Command}): command,
     * resources (instance count and type), distribution, environment variables, limits, inputs
     * (data inputs with their references as given) and outputs. The image travels as an inline environment the ARM transport registers.
     */
    public Map<String, Object> serialize() {
        return toSpec().serialize();
    }

    /**
     * The job as the transport SPI takes it: the one conversion from the user's job to what a
     * control plane submits.
     */
    public CommandSpec toSpec() {
        Map<String, InputSpec> data = new LinkedHashMap<>();
        dataInputs.forEach((k, v) -> data.put(k, v.toSpec()));
        Map<String, String> outputsWithTypes = new LinkedHashMap<>();
        outputs.forEach(k -> outputsWithTypes.put(k, outputType(k).wireName()));
        return new CommandSpec(
                name,
                experimentName(),
                image,
                command,
                instanceType,
                instanceCount,
                distribution == null ? null : distribution.toSpec(),
                environmentVariables,
                nfsMounts.stream().map(NfsMount::toSpec).toList(),
                timeout,
                environmentId,
                condaFile,
                codeId,
                localCode,
                dockerBuild == null ? null : dockerBuild.toSpec(),
                identity == null ? null : identity.toSpec(),
                inputs,
                data,
                outputsWithTypes,
                labels.toSpec());
    }

    /** One readable line; environment values are left out, as they may hold tokens. */
    @Override
    public String toString() {
        return "CommandJob{" + toSpec().describe() + "}";
    }

    /** Builds a {@link CommandJob}; {@link #build()} checks every field and names the one that is wrong. */
    public static final class Builder {
        private String name;
        private String experimentName;
        private String image;
        private String command;
        private String instanceType;
        private Integer instanceCount;
        private Distribution distribution;
        private final Map<String, String> environmentVariables = new LinkedHashMap<>();
        private final List<NfsMount> nfsMounts = new ArrayList<>();
        private Duration timeout;
        private String environmentId;
        private String condaFile;
        private String codeId;
        private Path localCode;
        private DockerBuild dockerBuild;
        private JobIdentity identity;
        private final Map<String, String> inputs = new LinkedHashMap<>();
        private final Map<String, JobInput> dataInputs = new LinkedHashMap<>();
        private final List<String> outputs = new ArrayList<>();
        private final Map<String, JobInput.Type> outputTypes = new LinkedHashMap<>();
        private JobLabels labels = JobLabels.none();

        private Builder() {}

        /** The display name, description, tags and properties Azure ML studio shows; none by default. */
        public Builder labels(JobLabels labels) {
            this.labels = labels == null ? JobLabels.none() : labels;
            return this;
        }

        /**
         * An Azure ML environment ({@code azureml:name:version}, {@code azureml:name@latest}, a registry
         * URI {@code azureml://registries/...} or its resource ID), used on Azure instead of registering
         * {@link #image(String)} under a generated name. With an image too, Azure gets that image as
         * this environment version (registered when missing); a cluster always needs the image.
         */
        public Builder environmentId(String environmentId) {
            this.environmentId = environmentId;
            return this;
        }

        /**
         * A conda file (its YAML text) for Azure ML to build into {@link #image(String)}: on Azure the
         * image and the conda file are registered as an environment version named after their
         * content, once, and the job runs in it. Azure only: the embedded control plane and the direct
         * cluster transport run images as they are and refuse it.
         *
         * <pre>{@code
         * .image("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04").condaFile(Files.readString(Path.of("conda.yml")))
         * }</pre>
         */
        public Builder condaFile(String condaFile) {
            this.condaFile = condaFile;
            return this;
        }

        /**
         * An Azure ML code asset uploaded beforehand ({@code azureml:name:version} or its resource ID);
         * Azure only. Replaces a local {@link #code(Path)}.
         */
        public Builder codeId(String codeId) {
            this.codeId = codeId;
            this.localCode = null;
            return this;
        }

        /**
         * A folder (or one file) on this machine the command runs in, as the CLI's {@code code: ./src}.
         * On submit the ARM transport uploads it as an anonymous code asset named by its content hash,
         * once: while the content is unchanged the asset is reused with no upload. Files named by its
         * {@code .amlignore}, else its {@code .gitignore}, are left out. Azure only: the embedded
         * control plane and the direct cluster transport refuse it. Replaces a {@link #codeId(String)}.
         *
         * <pre>{@code
         * .code(Path.of("src")).command("python train.py")
         * }</pre>
         */
        public Builder code(Path localFolder) {
            this.localCode = Arguments.nonNull(localFolder, "localFolder");
            this.codeId = null;
            return this;
        }

        /**
         * A Docker build context Azure ML builds the job's image from, instead of {@link #image(String)}
         * (the CLI's {@code environment: build:}). Azure only: the ARM transport uploads a local context
         * folder to the workspace's {@code workspaceblobstore} datastore, once per content, and registers it as an
         * anonymous environment version, or as the version {@link #environmentId(String)} names
         * ({@code azureml:<name>:<version>}); the embedded control plane and the direct cluster transport
         * run images as they are and refuse it.
         *
         * <pre>{@code
         * .dockerBuild(DockerBuild.local(Path.of("docker-context"))).command("python main.py")
         * }</pre>
         */
        public Builder dockerBuild(DockerBuild dockerBuild) {
            this.dockerBuild = dockerBuild;
            return this;
        }

        /** The identity the job reaches Azure resources with ({@link JobIdentity}); Azure only. */
        public Builder identity(JobIdentity identity) {
            this.identity = identity;
            return this;
        }

        /** A literal input, referred to in the command as {@code ${{inputs.<name>}}}; replaces an input of that name. */
        public Builder input(String name, String value) {
            inputs.put(Arguments.nonNull(name, "name"), Arguments.nonNull(value, "value"));
            dataInputs.remove(name);
            return this;
        }

        /**
         * A data or model input Azure ML delivers ({@link JobInput}), referred to in the command as
         * {@code ${{inputs.<name>}}}; replaces an input of that name. Azure only: the embedded control
         * plane and the direct cluster transport refuse it at submit.
         *
         * <pre>{@code
         * .input("training_data", JobInput.uriFolder("azureml:cifar-10@latest").mode(InputMode.DOWNLOAD))
         * }</pre>
         */
        public Builder input(String name, JobInput input) {
            dataInputs.put(Arguments.nonNull(name, "name"), Arguments.nonNull(input, "input"));
            inputs.remove(name);
            return this;
        }

        /** An output folder Azure ML stores, referred to in the command as {@code ${{outputs.<name>}}}; Azure only. */
        public Builder output(String name) {
            outputs.add(Arguments.nonNull(name, "name"));
            return this;
        }

        /**
         * An output Azure ML stores as a folder ({@link JobInput.Type#URI_FOLDER}) or registers as a
         * model of that kind ({@code CUSTOM_MODEL}, {@code MLFLOW_MODEL}, {@code TRITON_MODEL}): the
         * command writes the model into {@code ${{outputs.<name>}}}, a folder. Azure only.
         *
         * <pre>{@code
         * .command("python train.py --model-dir ${{outputs.model}}").output("model", JobInput.Type.MLFLOW_MODEL)
         * }</pre>
         */
        public Builder output(String name, JobInput.Type type) {
            Arguments.nonNull(name, "name");
            Arguments.nonNull(type, "type");
            if (type != JobInput.Type.URI_FOLDER && !type.assetKind().equals("models")) {
                throw new ValidationException(
                        "outputs." + name,
                        type.wireName(),
                        "is not an output type arcml declares",
                        "Outputs are folders: use URI_FOLDER, or CUSTOM_MODEL, MLFLOW_MODEL or TRITON_MODEL for a model written into the folder");
            }
            output(name);
            outputTypes.put(name, type);
            return this;
        }

        /** The job's name: letters, digits, '_' and '-', unique in the workspace. Generated when not given. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The experiment to file the job under; defaults to the job's name. */
        public Builder experimentName(String experimentName) {
            this.experimentName = experimentName;
            return this;
        }

        /** The container image, e.g. {@code mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04}. */
        public Builder image(String image) {
            this.image = image;
            return this;
        }

        /** The shell command every instance runs, e.g. {@code python train.py --epochs 10}. */
        public Builder command(String command) {
            this.command = command;
            return this;
        }

        /** The instance type to run on; leave it out for the compute's default instance type. */
        public Builder instanceType(String instanceType) {
            this.instanceType = instanceType;
            return this;
        }

        /** How many instances to run on; 1 when not given (for TensorFlow, workers plus parameter servers). */
        public Builder instanceCount(int instanceCount) {
            this.instanceCount = instanceCount;
            return this;
        }

        /** How the instances train together: {@link Distribution#pytorch}, {@link Distribution#mpi} or {@link Distribution#tensorflow}. */
        public Builder distribution(Distribution distribution) {
            this.distribution = distribution;
            return this;
        }

        /** Sets an environment variable in every instance. */
        public Builder environmentVariable(String name, String value) {
            environmentVariables.put(Arguments.nonNull(name, "name"), Arguments.nonNull(value, "value"));
            return this;
        }

        /** Mounts an NFS export into every instance. */
        public Builder nfsMount(String server, String path, String mountPath, boolean readOnly) {
            nfsMounts.add(new NfsMount(server, path, mountPath, readOnly));
            return this;
        }

        /** The longest the job may run before it is stopped. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Checks every field and builds the job.
         *
         * @throws ValidationException naming the field, the value and the fix
         */
        public CommandJob build() {
            String jobName = name != null ? name : "job-" + RandomSuffix.hex(5);
            if (!JOB_NAME.matcher(jobName).matches()) {
                throw new ValidationException(
                        "name",
                        name,
                        "is not a valid job name",
                        "Use 1 to 255 letters, digits, '_' and '-', starting with a letter or digit, e.g. mnist-ddp");
            }
            if (dockerBuild != null && (image != null || condaFile != null)) {
                throw new ValidationException(
                        image != null ? "image" : "condaFile",
                        image != null ? image : condaFile.lines().count() + " lines",
                        "is given with a Docker build context, which makes the image",
                        "Give either the image (with its conda file) or the build context, not both");
            }
            if (image == null && environmentId == null && dockerBuild == null) {
                throw new ValidationException(
                        "image",
                        null,
                        "is required",
                        "Give a container image such as mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest (or, on Azure only, environmentId(..))");
            }
            if (image != null) {
                KubernetesNames.requireImage("image", image);
            }
            if (condaFile != null && condaFile.isBlank()) {
                throw new ValidationException(
                        "condaFile", condaFile, "is blank", "Give the conda file's YAML text, or leave it out");
            }
            if (condaFile != null && image == null) {
                throw new ValidationException(
                        "image",
                        null,
                        "is required with a conda file, which Azure ML builds into it",
                        "Give the base image with image(..), e.g. mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04");
            }
            AssetReference.requireAsset("environmentId", environmentId, "environments");
            AssetReference.requireAsset("codeId", codeId, "codes");
            if (command == null || command.isBlank()) {
                throw new ValidationException(
                        "command", command, "is required", "Give the shell command to run, e.g. python train.py");
            }
            AzureMlText.requireWordCharacter("command", command, "Give the shell command to run, e.g. python train.py");
            if (instanceType != null) {
                ComputeNames.requireInstanceTypeName(instanceType, "instanceType");
            }
            int count = resolveInstanceCount();
            environmentVariables.forEach((k, v) -> {
                if (k == null || !ENV_NAME.matcher(k).matches()) {
                    throw new ValidationException(
                            "environmentVariables",
                            k,
                            "is not a valid variable name",
                            "Use letters, digits and '_', not starting with a digit, e.g. NCCL_DEBUG");
                }
                if (RESERVED_ENVIRONMENT_VARIABLES.contains(k)) {
                    throw new ValidationException(
                            "environmentVariables." + k,
                            k,
                            "is set by arcml from the distribution",
                            "Remove it: every instance gets it from the distribution ("
                                    + (distribution == null ? "none" : distribution) + ")");
                }
                if (v == null) {
                    throw new ValidationException(
                            "environmentVariables." + k, null, "has no value", "Give a value, \"\" for an empty one");
                }
            });
            inputs.forEach((k, v) -> {
                if (k == null || !ENV_NAME.matcher(k).matches()) {
                    throw new ValidationException(
                            "inputs",
                            k,
                            "is not a valid input name",
                            "Use letters, digits and '_', e.g. learning_rate");
                }
                if (v == null) {
                    throw new ValidationException("inputs." + k, null, "has no value", "Give the literal value");
                }
                AzureMlText.requireWordCharacter(
                        "inputs." + k,
                        v,
                        "Give a value with a letter, digit or '_' (write a path out, e.g. ./data), "
                                + "or drop the input and put the value in the command");
            });
            dataInputs.forEach((k, v) -> {
                if (!ENV_NAME.matcher(k).matches()) {
                    throw new ValidationException(
                            "inputs",
                            k,
                            "is not a valid input name",
                            "Use letters, digits and '_', e.g. training_data");
                }
                v.check("inputs." + k);
            });
            for (String o : outputs) {
                if (o == null || !ENV_NAME.matcher(o).matches()) {
                    throw new ValidationException(
                            "outputs", o, "is not a valid output name", "Use letters, digits and '_', e.g. model");
                }
            }
            Set<String> mountPaths = new HashSet<>();
            for (NfsMount m : nfsMounts) {
                if (!mountPaths.add(m.mountPath())) {
                    throw new ValidationException(
                            "nfsMounts.mountPath",
                            m.mountPath(),
                            "is used by two NFS mounts",
                            "Give every mount its own path");
                }
            }
            if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.toMillis() < 1000)) {
                throw new ValidationException(
                        "timeout",
                        timeout.toString(),
                        "is shorter than a second",
                        "Give a positive timeout of at least a second, e.g. Duration.ofHours(2), or leave it out");
            }
            return new CommandJob(this, jobName, count);
        }

        private int resolveInstanceCount() {
            if (distribution instanceof TensorFlowDistribution tf) {
                if (instanceCount != null && instanceCount != tf.instances()) {
                    throw new ValidationException(
                            "instanceCount",
                            instanceCount.toString(),
                            "differs from the TensorFlow workers plus parameter servers (" + tf.instances() + ")",
                            "Leave instanceCount out or set it to " + tf.instances()
                                    + ": each worker and parameter server is one instance");
                }
                return tf.instances();
            }
            int count = instanceCount == null ? 1 : instanceCount;
            if (count < 1) {
                throw new ValidationException(
                        "instanceCount", Integer.toString(count), "is less than 1", "Run on at least one instance");
            }
            return count;
        }
    }
}
