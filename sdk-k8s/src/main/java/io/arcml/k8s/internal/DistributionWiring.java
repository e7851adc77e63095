package io.arcml.k8s.internal;

import io.arcml.resource.CommandSpec;
import io.arcml.resource.DistributionSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The variables and files that let a distributed run's instances find each other: the PyTorch
 * contract ({@code MASTER_ADDR}, {@code MASTER_PORT}, {@code WORLD_SIZE}, {@code NODE_RANK},
 * torchrun's {@code PET_*}), an MPI hostfile, or {@code TF_CONFIG}. Every instance also gets
 * {@code AZUREML_NODE_COUNT}, as on Azure ML.
 *
 * <p>The rank comes from a pod annotation the engine sets (the Job controller's completion index,
 * Volcano's task index), read through the downward API and placed first, so later variables can
 * refer to it as {@code $(NODE_RANK)}.
 */
public final class DistributionWiring {
    /** torch.distributed's conventional rendezvous port. */
    public static final int PYTORCH_PORT = 29500;
    /** TensorFlow's conventional gRPC port. */
    public static final int TENSORFLOW_PORT = 2222;
    /** SSH, which mpirun uses to start ranks on other instances. */
    public static final int MPI_PORT = 22;
    /** Where the MPI hostfile is mounted. */
    public static final String HOSTFILE_DIR = "/etc/mpi";

    private final CommandSpec job;
    private final BiFunction<String, Integer, String> hosts;
    private final String rankAnnotation;

    /**
     * @param job the job
     * @param hosts the DNS name of instance {@code i} of a role
     * @param rankAnnotation the pod annotation holding the instance's index in its role
     */
    public DistributionWiring(CommandSpec job, BiFunction<String, Integer, String> hosts, String rankAnnotation) {
        this.job = job;
        this.hosts = hosts;
        this.rankAnnotation = rankAnnotation;
    }

    /** The roles a job's instances play: workers, and parameter servers for TensorFlow. */
    public static List<RunRole> roles(CommandSpec job) {
        if (job.distribution() instanceof DistributionSpec.TensorFlow tf && tf.parameterServers() > 0) {
            return List.of(new RunRole("worker", tf.workers(), true), new RunRole("ps", tf.parameterServers(), false));
        }
        return List.of(new RunRole("worker", job.instanceCount(), true));
    }

    /** True when instances talk to each other and need a service to find each other by name. */
    public static boolean isDistributed(CommandSpec job) {
        return job.distribution() != null || job.instanceCount() > 1;
    }

    /** The port instances talk on. */
    public static int port(CommandSpec job) {
        if (job.distribution() instanceof DistributionSpec.TensorFlow) {
            return TENSORFLOW_PORT;
        }
        return job.distribution() instanceof DistributionSpec.Mpi ? MPI_PORT : PYTORCH_PORT;
    }

    /** The environment of one role's instances. */
    public List<EnvVar> environment(RunRole role) {
        int nodes = job.instanceCount();
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder()
                .withName("NODE_RANK")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.annotations['" + rankAnnotation + "']")
                .endFieldRef()
                .endValueFrom()
                .build());
        env.add(new EnvVar("AZUREML_NODE_COUNT", Integer.toString(nodes), null));
        if (job.distribution() instanceof DistributionSpec.PyTorch pt) {
            env.add(new EnvVar("MASTER_ADDR", hosts.apply("worker", 0), null));
            env.add(new EnvVar("MASTER_PORT", Integer.toString(PYTORCH_PORT), null));
            env.add(new EnvVar("WORLD_SIZE", Integer.toString(nodes * pt.processesPerInstance()), null));
            if (pt.processesPerInstance() == 1) {
                env.add(new EnvVar("RANK", "$(NODE_RANK)", null));
            }
            env.add(new EnvVar("PET_NNODES", Integer.toString(nodes), null));
            env.add(new EnvVar("PET_NPROC_PER_NODE", Integer.toString(pt.processesPerInstance()), null));
            env.add(new EnvVar("PET_NODE_RANK", "$(NODE_RANK)", null));
            env.add(new EnvVar("PET_MASTER_ADDR", "$(MASTER_ADDR)", null));
            env.add(new EnvVar("PET_MASTER_PORT", "$(MASTER_PORT)", null));
        } else if (job.distribution() instanceof DistributionSpec.Mpi mpi) {
            env.add(new EnvVar("WORLD_SIZE", Integer.toString(nodes * mpi.processesPerInstance()), null));
            env.add(new EnvVar("OMPI_MCA_orte_default_hostfile", HOSTFILE_DIR + "/hostfile", null));
        } else if (job.distribution() instanceof DistributionSpec.TensorFlow) {
            env.add(new EnvVar("TF_CONFIG", tfConfig(role), null));
        }
        return env;
    }

    private String tfConfig(RunRole role) {
        String cluster = roles(job).stream()
                .map(r -> "\"" + r.name() + "\":["
                        + IntStream.range(0, r.replicas())
                                .mapToObj(i -> "\"" + hosts.apply(r.name(), i) + ":" + TENSORFLOW_PORT + "\"")
                                .collect(Collectors.joining(","))
                        + "]")
                .collect(Collectors.joining(","));
        return "{\"cluster\":{" + cluster + "},\"task\":{\"type\":\"" + role.name() + "\",\"index\":$(NODE_RANK)}}";
    }

    /** The MPI hostfile: one line per instance with its slots; {@code null} for other distributions. */
    public ConfigMap hostfile(String name, String namespace, Map<String, String> labels) {
        if (!(job.distribution() instanceof DistributionSpec.Mpi mpi)) {
            return null;
        }
        String lines = IntStream.range(0, job.instanceCount())
                .mapToObj(i -> hosts.apply("worker", i) + " slots=" + mpi.processesPerInstance())
                .collect(Collectors.joining("\n", "", "\n"));
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .addToData("hostfile", lines)
                .build();
    }

    /** The volume that carries the hostfile. */
    public static Volume hostfileVolume(String configMapName) {
        return new VolumeBuilder()
                .withName("mpi-hostfile")
                .withNewConfigMap()
                .withName(configMapName)
                .endConfigMap()
                .build();
    }

    /** Where the hostfile is mounted. */
    public static VolumeMount hostfileMount() {
        return new VolumeMountBuilder()
                .withName("mpi-hostfile")
                .withMountPath(HOSTFILE_DIR)
                .withReadOnly(true)
                .build();
    }
}
