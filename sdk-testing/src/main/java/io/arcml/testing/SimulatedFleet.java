package io.arcml.testing;

import static io.arcml.testing.PerTestEnvironments.millis;

import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Reads a {@link WithSimulatedCluster}: the cluster to start and the compute to attach, every
 * attribute checked before anything starts.
 */
final class SimulatedFleet {
    private final SimulatedCluster.Builder cluster;
    private final KubernetesComputeAttachConfiguration attachConfiguration;

    private SimulatedFleet(SimulatedCluster.Builder cluster, KubernetesComputeAttachConfiguration attachConfiguration) {
        this.cluster = cluster;
        this.attachConfiguration = attachConfiguration;
    }

    /**
     * The fleet an annotation describes.
     *
     * @throws ParameterResolutionException naming the attribute, its value and the fix when one is malformed
     */
    static SimulatedFleet of(WithSimulatedCluster settings) {
        SimulatedCluster.Builder cluster = SimulatedCluster.builder()
                .namespace(settings.namespace())
                .tick(millis(settings.tickMillis(), "tickMillis"));
        for (FleetNode node : settings.nodes()) {
            cluster.node(node(node));
        }
        if (settings.azureMLExtension()) {
            cluster.azureMLExtension();
        }
        if (settings.volcano()) {
            cluster.volcano();
        }
        if (settings.kubeflow()) {
            cluster.kubeflow();
        }
        return new SimulatedFleet(cluster, attachConfiguration(settings));
    }

    /** Starts the cluster, with Katib's API when asked; stops it again when that install fails. */
    SimulatedCluster startCluster(boolean katib) {
        SimulatedCluster started = cluster.build();
        try {
            return katib ? started.installKatib() : started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** The configuration of the compute to attach, when the annotation names one. */
    Optional<KubernetesComputeAttachConfiguration> attachConfiguration() {
        return Optional.ofNullable(attachConfiguration);
    }

    private static SimulatedNode node(FleetNode settings) {
        String where = "@FleetNode(name = \"" + settings.name() + "\")";
        SimulatedNode node =
                SimulatedNode.named(settings.name()).cpu(settings.cpu()).memory(settings.memory());
        if (settings.gpus() < 0) {
            throw new ParameterResolutionException("arcml test settings: " + where + " gpus = " + settings.gpus()
                    + " is negative. Give zero or more GPUs");
        }
        if (settings.gpus() > 0) {
            node.gpus(settings.gpus());
        }
        pairs(settings.labels(), where + " labels").forEach(node::label);
        for (String taint : settings.taints()) {
            int colon = taint.lastIndexOf(':');
            if (colon <= 0 || colon == taint.length() - 1) {
                throw new ParameterResolutionException("arcml test settings: " + where + " taints = \"" + taint
                        + "\" has no key or no effect. Write key=value:Effect or key:Effect, e.g. sku=gpu:NoSchedule");
            }
            String keyValue = taint.substring(0, colon);
            int equals = keyValue.indexOf('=');
            node.taint(
                    equals < 0 ? keyValue : keyValue.substring(0, equals),
                    equals < 0 ? null : keyValue.substring(equals + 1),
                    taint.substring(colon + 1));
        }
        return node;
    }

    private static KubernetesComputeAttachConfiguration attachConfiguration(WithSimulatedCluster settings) {
        if (settings.compute().isEmpty()) {
            if (settings.instanceTypes().length > 0
                    || !settings.defaultInstanceType().isEmpty()) {
                throw new ParameterResolutionException(
                        "arcml test settings: instanceTypes and defaultInstanceType describe the compute "
                                + "to attach, but compute is empty. Name it, e.g. compute = \"gpu-compute\"");
            }
            return null;
        }
        Map<String, InstanceType> instanceTypes = new LinkedHashMap<>();
        for (FleetInstanceType type : settings.instanceTypes()) {
            if (instanceTypes.put(type.name(), instanceType(type)) != null) {
                throw new ParameterResolutionException("arcml test settings: instanceTypes has two named \""
                        + type.name() + "\". Give each instance type its own name");
            }
        }
        KubernetesComputeAttachConfiguration configuration = KubernetesCompute.attachConfiguration(
                        settings.clusterResourceId())
                .namespace(settings.namespace())
                .instanceTypes(instanceTypes);
        if (!settings.defaultInstanceType().isEmpty()) {
            configuration.defaultInstanceType(settings.defaultInstanceType());
        }
        configuration.toSpec();
        return configuration;
    }

    private static InstanceType instanceType(FleetInstanceType settings) {
        InstanceType.Builder type = InstanceType.builder()
                .nodeSelector(pairs(
                        settings.nodeSelector(),
                        "@FleetInstanceType(name = \"" + settings.name() + "\") nodeSelector"));
        String cpuLimit = settings.cpuLimit().isEmpty() ? settings.cpu() : settings.cpuLimit();
        String memoryLimit = settings.memoryLimit().isEmpty() ? settings.memory() : settings.memoryLimit();
        if (settings.gpus() > 0) {
            type.requests(settings.cpu(), settings.memory(), settings.gpus())
                    .limits(cpuLimit, memoryLimit, settings.gpus());
        } else {
            type.requests(settings.cpu(), settings.memory()).limits(cpuLimit, memoryLimit);
        }
        return type.build();
    }

    /** {@code key=value} strings as a map, in their order. */
    private static Map<String, String> pairs(String[] values, String attribute) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String value : values) {
            int equals = value.indexOf('=');
            if (equals <= 0) {
                throw new ParameterResolutionException("arcml test settings: " + attribute + " = \"" + value
                        + "\" is not key=value. Write it as e.g. accelerator=nvidia-tesla-k80");
            }
            pairs.put(value.substring(0, equals), value.substring(equals + 1));
        }
        return pairs;
    }
}
