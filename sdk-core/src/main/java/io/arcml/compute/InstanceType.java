package io.arcml.compute;

import io.arcml.ValidationException;
import io.arcml.internal.KubernetesNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An Azure ML instance type: where a job's pods may run (a node selector) and what each may use
 * (resource requests and limits). Immutable; build one with {@link #builder()}:
 *
 * <pre>{@code
 * InstanceType gpu = InstanceType.builder()
 *     .nodeSelector("accelerator", "nvidia-tesla-k80")
 *     .requests("2", "16Gi", 1).limits("2", "16Gi", 1)
 *     .build();
 * }</pre>
 *
 * Extended resources such as {@code nvidia.com/gpu} or MIG slices ({@code nvidia.com/mig-1g.5gb})
 * are whole numbers with requests equal to limits, as Kubernetes requires.
 */
public final class InstanceType {
    /** The resource name of CPU. */
    public static final String CPU = "cpu";
    /** The resource name of memory. */
    public static final String MEMORY = "memory";
    /** The resource name of NVIDIA GPUs. */
    public static final String NVIDIA_GPU = "nvidia.com/gpu";
    /** The name Azure ML gives the instance type it uses when none is named. */
    public static final String DEFAULT_NAME = "defaultinstancetype";

    private static final Pattern EXTENDED_RESOURCE =
            Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern STANDARD_RESOURCE =
            Pattern.compile("cpu|memory|ephemeral-storage|hugepages-[0-9]+[KMGTPE]i?");

    private static final InstanceType DEFAULT =
            builder().requests("1", "4Gi").limits("1", "4Gi").build();

    private final Map<String, String> nodeSelector;
    private final Map<String, Quantity> requests;
    private final Map<String, Quantity> limits;

    private InstanceType(
            Map<String, String> nodeSelector, Map<String, Quantity> requests, Map<String, Quantity> limits) {
        this.nodeSelector = Collections.unmodifiableMap(new LinkedHashMap<>(nodeSelector));
        this.requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests));
        this.limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The instance type arcml attaches when none is given: 1 CPU and 4Gi of memory, on any node. */
    public static InstanceType defaultInstanceType() {
        return DEFAULT;
    }

    /** Node labels a node must carry; empty means any node. */
    public Map<String, String> nodeSelector() {
        return nodeSelector;
    }

    /** Resource requests by resource name. */
    public Map<String, Quantity> requests() {
        return requests;
    }

    /** Resource limits by resource name. */
    public Map<String, Quantity> limits() {
        return limits;
    }

    /** The number of NVIDIA GPUs each pod gets (0 for a CPU-only instance type). */
    public int gpus() {
        Quantity q = limits.getOrDefault(NVIDIA_GPU, requests.get(NVIDIA_GPU));
        return q == null ? 0 : q.amount().intValueExact();
    }

    /** True when the instance type asks for any extended device resource (GPUs, MIG slices and the like). */
    public boolean usesDevices() {
        return limits.keySet().stream().anyMatch(InstanceType::isExtendedResource);
    }

    /** True for extended resources: names of the form {@code domain/name} outside {@code kubernetes.io}. */
    public static boolean isExtendedResource(String resourceName) {
        return resourceName.contains("/")
                && !resourceName.startsWith("kubernetes.io/")
                && !resourceName.contains(".kubernetes.io/");
    }

    /**
     * The instance type in Azure ML's JSON shape: {@code {"nodeSelector": {...}, "resources":
     * {"requests": {...}, "limits": {...}}}}, quantities as strings; empty parts are left out.
     */
    public Map<String, Object> serialize() {
        return InstanceTypeJson.of(this).toMap();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceType other
                && nodeSelector.equals(other.nodeSelector)
                && requests.equals(other.requests)
                && limits.equals(other.limits);
    }

    @Override
    public int hashCode() {
        return nodeSelector.hashCode() * 31 * 31 + requests.hashCode() * 31 + limits.hashCode();
    }

    /** For example {@code InstanceType{nodeSelector={accelerator=nvidia-tesla-k80}, requests={cpu=2, memory=16Gi, nvidia.com/gpu=1}, limits={...}}}; empty parts are left out. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!nodeSelector.isEmpty()) {
            parts.add("nodeSelector=" + nodeSelector);
        }
        if (!requests.isEmpty()) {
            parts.add("requests=" + requests);
        }
        if (!limits.isEmpty()) {
            parts.add("limits=" + limits);
        }
        return "InstanceType{" + (parts.isEmpty() ? "any node, no requests or limits" : String.join(", ", parts)) + "}";
    }

    /** Builds an {@link InstanceType}; {@link #build()} checks every rule and names the field that breaks one. */
    public static final class Builder {
        private final Map<String, String> nodeSelector = new LinkedHashMap<>();
        private final Map<String, String> requests = new LinkedHashMap<>();
        private final Map<String, String> limits = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a node label the node must carry. */
        public Builder nodeSelector(String key, String value) {
            nodeSelector.put(key, value);
            return this;
        }

        /** Adds node labels the node must carry. */
        public Builder nodeSelector(Map<String, String> labels) {
            labels.forEach(this::nodeSelector);
            return this;
        }

        /** Requests CPU and memory, for example {@code requests("2", "16Gi")}. */
        public Builder requests(String cpu, String memory) {
            return request(CPU, cpu).request(MEMORY, memory);
        }

        /** Requests CPU, memory and NVIDIA GPUs; 0 GPUs asks for none. */
        public Builder requests(String cpu, String memory, int gpus) {
            requests(cpu, memory);
            return gpus == 0 ? this : request(NVIDIA_GPU, Integer.toString(gpus));
        }

        /** Limits CPU and memory. */
        public Builder limits(String cpu, String memory) {
            return limit(CPU, cpu).limit(MEMORY, memory);
        }

        /** Limits CPU, memory and NVIDIA GPUs; 0 GPUs asks for none. */
        public Builder limits(String cpu, String memory, int gpus) {
            limits(cpu, memory);
            return gpus == 0 ? this : limit(NVIDIA_GPU, Integer.toString(gpus));
        }

        /** Requests any resource by name, for example {@code request("nvidia.com/mig-1g.5gb", "1")}. */
        public Builder request(String resourceName, String quantity) {
            requests.put(resourceName, quantity);
            return this;
        }

        /** Limits any resource by name. */
        public Builder limit(String resourceName, String quantity) {
            limits.put(resourceName, quantity);
            return this;
        }

        /**
         * Checks every rule and builds the instance type.
         *
         * @throws ValidationException naming the field, the value and the fix
         */
        public InstanceType build() {
            return build("instanceType");
        }

        InstanceType build(String path) {
            nodeSelector.forEach((k, v) -> {
                KubernetesNames.requireLabelKey(path + ".nodeSelector", k);
                KubernetesNames.requireLabelValue(path + ".nodeSelector." + k, v);
            });
            Map<String, Quantity> req = parseAll(requests, path + ".resources.requests");
            Map<String, Quantity> lim = parseAll(limits, path + ".resources.limits");
            for (Map.Entry<String, Quantity> e : req.entrySet()) {
                String name = e.getKey();
                Quantity limit = lim.get(name);
                if (isExtendedResource(name)) {
                    if (limit == null) {
                        throw new ValidationException(
                                path + ".resources.requests." + name,
                                e.getValue().toString(),
                                "is requested without a limit",
                                "Extended resources cannot be overcommitted: set limits." + name
                                        + " to the same value, e.g. limits(cpu, memory, " + e.getValue() + ")");
                    }
                    if (!limit.equals(e.getValue())) {
                        throw new ValidationException(
                                path + ".resources.requests." + name,
                                e.getValue().toString(),
                                "differs from limits." + name + " '" + limit + "'",
                                "Extended resources need requests equal to limits: use the same number in both");
                    }
                } else if (limit != null && e.getValue().compareTo(limit) > 0) {
                    throw new ValidationException(
                            path + ".resources.requests." + name,
                            e.getValue().toString(),
                            "is more than limits." + name + " '" + limit + "'",
                            "Lower the request or raise the limit: a request may not exceed its limit");
                }
            }
            return new InstanceType(nodeSelector, req, lim);
        }

        private static Map<String, Quantity> parseAll(Map<String, String> raw, String path) {
            Map<String, Quantity> out = new LinkedHashMap<>();
            raw.forEach((name, value) -> {
                String field = path + "." + name;
                if (name == null
                        || !(STANDARD_RESOURCE.matcher(name).matches()
                                || EXTENDED_RESOURCE.matcher(name).matches())) {
                    throw new ValidationException(
                            field,
                            name,
                            "is not a Kubernetes resource name",
                            "Use cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource such as nvidia.com/gpu");
                }
                Quantity q = Quantity.parse(value, field);
                if (q.amount().signum() < 0) {
                    throw new ValidationException(field, value, "is negative", "Use a positive quantity");
                }
                if ((CPU.equals(name) || MEMORY.equals(name)) && q.amount().signum() == 0) {
                    throw new ValidationException(
                            field,
                            value,
                            "is zero",
                            "Give a positive " + name + " quantity, e.g. "
                                    + (CPU.equals(name) ? "\"500m\" or \"1\"" : "\"4Gi\""));
                }
                if (MEMORY.equals(name) && q.hasMilliSuffix()) {
                    throw new ValidationException(
                            field,
                            value,
                            "is in thousandths of a byte (the m suffix)",
                            "For mebibytes write Mi, e.g. \"" + value.substring(0, value.length() - 1) + "Mi\"");
                }
                if (isExtendedResource(name) && !q.isInteger()) {
                    throw new ValidationException(
                            field,
                            value,
                            "is not a whole number",
                            "Extended resources such as " + name + " are counted in whole devices, e.g. \"1\"");
                }
                out.put(name, q);
            });
            return out;
        }
    }
}
