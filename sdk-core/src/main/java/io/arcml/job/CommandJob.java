package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.compute.ComputeNames;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
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
            "MASTER_ADDR", "MASTER_PORT", "WORLD_SIZE", "NODE_RANK", "RANK", "TF_CONFIG",
            "PET_NNODES", "PET_NPROC_PER_NODE", "PET_NODE_RANK", "PET_MASTER_ADDR", "PET_MASTER_PORT",
            "AZUREML_NODE_COUNT", "OMPI_MCA_orte_default_hostfile");

    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,254}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final SecureRandom RANDOM = new SecureRandom();

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
        return b;
    }

    /**
     * The job's {@code properties} in Azure ML's REST shape ({@code jobType: Command}): command,
     * resources (instance count and type), distribution, environment variables and limits. The
     * image travels as an inline environment the ARM transport registers.
     */
    public Map<String, Object> serialize() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobType", "Command");
        out.put("displayName", name);
        out.put("experimentName", experimentName());
        out.put("command", command);
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("instanceCount", instanceCount);
        if (instanceType != null) {
            resources.put("instanceType", instanceType);
        }
        out.put("resources", resources);
        if (distribution != null) {
            out.put("distribution", distribution.serialize());
        }
        if (!environmentVariables.isEmpty()) {
            out.put("environmentVariables", environmentVariables);
        }
        if (timeout != null) {
            out.put("limits", Map.of("jobLimitsType", "Command", "timeout", timeout.toString()));
        }
        return out;
    }

    /** One readable line; environment values are left out, as they may hold tokens. */
    @Override
    public String toString() {
        return "CommandJob{name=" + name + ", image=" + image + ", command=" + command
                + ", instanceType=" + (instanceType == null ? "<compute default>" : instanceType)
                + ", instanceCount=" + instanceCount + (distribution == null ? "" : ", distribution=" + distribution)
                + (environmentVariables.isEmpty() ? "" : ", environmentVariables=" + environmentVariables.keySet())
                + (nfsMounts.isEmpty() ? "" : ", nfsMounts=" + nfsMounts)
                + (timeout == null ? "" : ", timeout=" + timeout) + "}";
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

        private Builder() {
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
            environmentVariables.put(name, value);
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
            String jobName = name != null ? name : "job-" + HexFormat.of().formatHex(RANDOM.generateSeed(5));
            if (!JOB_NAME.matcher(jobName).matches()) {
                throw new ValidationException("name", name, "is not a valid job name",
                        "Use 1 to 255 letters, digits, '_' and '-', starting with a letter or digit, e.g. mnist-ddp");
            }
            if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
                throw new ValidationException("image", image, image == null ? "is required" : "is not an image reference",
                        "Give a container image such as mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest");
            }
            if (command == null || command.isBlank()) {
                throw new ValidationException("command", command, "is required", "Give the shell command to run, e.g. python train.py");
            }
            if (instanceType != null) {
                ComputeNames.requireInstanceTypeName(instanceType, "instanceType");
            }
            int count = resolveInstanceCount();
            environmentVariables.forEach((k, v) -> {
                if (k == null || !ENV_NAME.matcher(k).matches()) {
                    throw new ValidationException("environmentVariables", k, "is not a valid variable name",
                            "Use letters, digits and '_', not starting with a digit, e.g. NCCL_DEBUG");
                }
                if (RESERVED_ENVIRONMENT_VARIABLES.contains(k)) {
                    throw new ValidationException("environmentVariables." + k, k, "is set by arcml from the distribution",
                            "Remove it: every instance gets it from the distribution (" + (distribution == null ? "none" : distribution) + ")");
                }
                if (v == null) {
                    throw new ValidationException("environmentVariables." + k, null, "has no value", "Give a value, \"\" for an empty one");
                }
            });
            Set<String> mountPaths = new HashSet<>();
            for (NfsMount m : nfsMounts) {
                if (!mountPaths.add(m.mountPath())) {
                    throw new ValidationException("nfsMounts.mountPath", m.mountPath(), "is used by two NFS mounts",
                            "Give every mount its own path");
                }
            }
            if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.toMillis() < 1000)) {
                throw new ValidationException("timeout", timeout.toString(), "is shorter than a second",
                        "Give a positive timeout of at least a second, e.g. Duration.ofHours(2), or leave it out");
            }
            return new CommandJob(this, jobName, count);
        }

        private int resolveInstanceCount() {
            if (distribution instanceof TensorFlowDistribution tf) {
                if (instanceCount != null && instanceCount != tf.instances()) {
                    throw new ValidationException("instanceCount", instanceCount.toString(),
                            "differs from the TensorFlow workers plus parameter servers (" + tf.instances() + ")",
                            "Leave instanceCount out or set it to " + tf.instances() + ": each worker and parameter server is one instance");
                }
                return tf.instances();
            }
            int count = instanceCount == null ? 1 : instanceCount;
            if (count < 1) {
                throw new ValidationException("instanceCount", Integer.toString(count), "is less than 1", "Run on at least one instance");
            }
            return count;
        }
    }
}
