package io.arcml.testing.sim;

import io.arcml.compute.Quantity;
import io.arcml.internal.Arguments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node of a {@link SimulatedCluster}: labels, taints and allocatable resources.
 *
 * <pre>{@code
 * SimulatedNode.named("gpu-1").cpu("8").memory("64Gi").gpus(4)
 *     .label("accelerator", "nvidia-tesla-k80").taint("sku", "gpu", "NoSchedule")
 * }</pre>
 */
public final class SimulatedNode {
    /**
     * A node taint.
     *
     * @param key the key
     * @param value the value, may be empty
     * @param effect {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}
     */
    public record Taint(String key, String value, String effect) {
        /** Checks that the key and the effect are given; the value may be {@code null}, as Kubernetes allows. */
        public Taint {
            Arguments.nonNull(key, "key");
            Arguments.nonNull(effect, "effect");
        }
    }

    private final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<Taint> taints = new ArrayList<>();
    private final Map<String, String> allocatable = new LinkedHashMap<>();

    private SimulatedNode(String name) {
        this.name = Objects.requireNonNull(name, "name");
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        allocatable.put("cpu", "4");
        allocatable.put("memory", "16Gi");
        allocatable.put("pods", "110");
    }

    /** A node with 4 CPUs and 16Gi of memory, no GPUs, until told otherwise. */
    public static SimulatedNode named(String name) {
        return new SimulatedNode(name);
    }

    /** Allocatable CPU, e.g. {@code "8"} or {@code "7800m"}. */
    public SimulatedNode cpu(String cpu) {
        return resource("cpu", Arguments.nonNull(cpu, "cpu"));
    }

    /** Allocatable memory, e.g. {@code "64Gi"}. */
    public SimulatedNode memory(String memory) {
        return resource("memory", Arguments.nonNull(memory, "memory"));
    }

    /** Allocatable NVIDIA GPUs, as the device plugin advertises them. */
    public SimulatedNode gpus(int gpus) {
        return resource("nvidia.com/gpu", Integer.toString(gpus));
    }

    /** Any allocatable resource, e.g. {@code resource("nvidia.com/mig-1g.5gb", "7")}. */
    public SimulatedNode resource(String name, String quantity) {
        Arguments.nonNull(name, "name");
        Quantity.parse(Arguments.nonNull(quantity, "quantity"));
        allocatable.put(name, quantity);
        return this;
    }

    /** Adds a label. */
    public SimulatedNode label(String key, String value) {
        labels.put(Arguments.nonNull(key, "key"), Arguments.nonNull(value, "value"));
        return this;
    }

    /** Adds a taint; {@code value} may be {@code null} for a taint with a key only. */
    public SimulatedNode taint(String key, String value, String effect) {
        taints.add(new Taint(key, value, effect));
        return this;
    }

    /** The node's name. */
    public String name() {
        return name;
    }

    /** Its labels. */
    public Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    /** Its taints. */
    public List<Taint> taints() {
        return List.copyOf(taints);
    }

    /** Its allocatable resources. */
    public Map<String, String> allocatable() {
        return Map.copyOf(allocatable);
    }

    @Override
    public String toString() {
        return "SimulatedNode{" + name + ", labels=" + labels + ", taints=" + taints + ", allocatable=" + allocatable
                + "}";
    }
}
