package io.arcml.k8s.internal;

import io.arcml.compute.InstanceType;
import io.arcml.resource.NfsMountSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns a job and its instance type into a pod template that schedules on GPU nodes:
 * nodeSelector and requests/limits from the instance type (device resources as whole numbers
 * with requests equal to limits), tolerations for the common GPU taints, a memory-backed
 * {@code /dev/shm} sized inside the memory limit, {@code NVIDIA_VISIBLE_DEVICES=void} on CPU-only
 * pods, the opt-in runtime class, NFS volumes and proxy variables.
 */
public final class PodSpecFactory {
    /** The volume name of the shared-memory mount. */
    public static final String SHM_VOLUME = "dshm";

    private static final Set<String> PROXY_VARIABLES =
            Set.of("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy");
    private static final BigDecimal MI = BigDecimal.valueOf(1L << 20);

    private final String runtimeClassName;
    private final PodProxy proxy;
    private final AtomicReference<ResourceShape> lastShape = new AtomicReference<>();
    private final AtomicLong shapesDerived = new AtomicLong();

    /**
     * @param runtimeClassName the RuntimeClass for pods that use devices (e.g. {@code nvidia}), or {@code null}
     * @param proxy the outbound proxy, or {@code null}
     */
    public PodSpecFactory(String runtimeClassName, PodProxy proxy) {
        this.runtimeClassName = runtimeClassName;
        this.proxy = proxy;
    }

    /**
     * The tolerations pods of an instance type get: for device (GPU) instance types, the GPU
     * Operator's and GKE's {@code nvidia.com/gpu} taint (any value) and AKS's {@code sku=gpu}
     * convention. Harmless where no such taint exists.
     */
    public static List<Toleration> tolerations(InstanceType type) {
        if (!type.usesDevices()) {
            return List.of();
        }
        return List.of(
                new TolerationBuilder()
                        .withKey(InstanceType.NVIDIA_GPU)
                        .withOperator("Exists")
                        .withEffect("NoSchedule")
                        .build(),
                new TolerationBuilder()
                        .withKey("sku")
                        .withOperator("Equal")
                        .withValue("gpu")
                        .withEffect("NoSchedule")
                        .build());
    }

    /**
     * The size of the memory-backed {@code /dev/shm}: half the memory limit (or request), so that
     * the tmpfs, which counts against the limit, leaves the process room; {@code null} when the
     * instance type sets no memory.
     */
    public static String sharedMemorySize(InstanceType type) {
        Quantity memory = toFabric(
                type.limits().getOrDefault(InstanceType.MEMORY, type.requests().get(InstanceType.MEMORY)));
        if (memory == null) {
            return null;
        }
        BigDecimal half =
                Quantity.getAmountInBytes(memory).divide(BigDecimal.valueOf(2)).divide(MI, 0, RoundingMode.FLOOR);
        return half.max(BigDecimal.ONE).toBigInteger() + "Mi";
    }

    private static Quantity toFabric(io.arcml.compute.Quantity q) {
        return q == null ? null : new Quantity(q.toString());
    }

    /** The pod template for one role of a run. */
    public PodTemplateSpec template(PodRequest request) {
        InstanceType type = request.instanceType();
        ResourceShape shape = shapeOf(type);
        Map<String, Quantity> limits = new LinkedHashMap<>(shape.limits());
        Map<String, Quantity> requests = new LinkedHashMap<>(shape.requests());

        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        if (shape.sharedMemory() != null) {
            volumes.add(new VolumeBuilder()
                    .withName(SHM_VOLUME)
                    .withNewEmptyDir()
                    .withMedium("Memory")
                    .withSizeLimit(shape.sharedMemory())
                    .endEmptyDir()
                    .build());
            mounts.add(new VolumeMountBuilder()
                    .withName(SHM_VOLUME)
                    .withMountPath("/dev/shm")
                    .build());
        }
        List<NfsMountSpec> nfs = request.job().nfsMounts();
        for (int i = 0; i < nfs.size(); i++) {
            NfsMountSpec m = nfs.get(i);
            String name = "nfs-" + i;
            volumes.add(new VolumeBuilder()
                    .withName(name)
                    .withNewNfs()
                    .withServer(m.server())
                    .withPath(m.path())
                    .withReadOnly(m.readOnly())
                    .endNfs()
                    .build());
            mounts.add(new VolumeMountBuilder()
                    .withName(name)
                    .withMountPath(m.mountPath())
                    .withReadOnly(m.readOnly())
                    .build());
        }
        volumes.addAll(request.volumes());
        mounts.addAll(request.mounts());

        // Assembled with setters, not builders: fabric8's builders deep-copy every nested object
        // they are given, which made a template cost three copies of itself.
        Container container = new Container();
        container.setName(request.containerName());
        container.setImage(request.job().image());
        container.setCommand(
                new ArrayList<>(List.of("/bin/sh", "-c", request.job().commandWithInputs())));
        container.setEnv(environment(request));
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(requests);
        resources.setLimits(limits);
        container.setResources(resources);
        container.setVolumeMounts(mounts);
        container.setTerminationMessagePolicy("FallbackToLogsOnError");
        PodSpec spec = new PodSpec();
        spec.setRestartPolicy("Never");
        spec.setNodeSelector(type.nodeSelector().isEmpty() ? null : new LinkedHashMap<>(type.nodeSelector()));
        spec.setTolerations(new ArrayList<>(shape.tolerations()));
        spec.setVolumes(volumes);
        spec.setContainers(new ArrayList<>(List.of(container)));
        if (runtimeClassName != null && type.usesDevices()) {
            spec.setRuntimeClassName(runtimeClassName);
        }
        ObjectMeta metadata = new ObjectMeta();
        metadata.setLabels(new LinkedHashMap<>(request.labels()));
        metadata.setAnnotations(new LinkedHashMap<>(request.annotations()));
        return new PodTemplateSpec(metadata, spec);
    }

    /**
     * What an instance type alone decides of a pod (quantities parsed, the shared-memory size
     * computed, tolerations built), derived once per instance type in a row: a sweep's trials
     * share one, so a fan-out of thousands derives it once. The parts are never modified after.
     */
    private ResourceShape shapeOf(InstanceType type) {
        ResourceShape last = lastShape.get();
        if (last != null && last.type().equals(type)) {
            return last;
        }
        ResourceShape derived = ResourceShape.of(type);
        shapesDerived.incrementAndGet();
        lastShape.set(derived);
        return derived;
    }

    /** How many times an instance type's resource shape was derived: once per change of instance type. */
    long shapesDerived() {
        return shapesDerived.get();
    }

    private record ResourceShape(
            InstanceType type,
            Map<String, Quantity> requests,
            Map<String, Quantity> limits,
            Quantity sharedMemory,
            List<Toleration> tolerations) {

        static ResourceShape of(InstanceType type) {
            Map<String, Quantity> limits = new LinkedHashMap<>();
            type.limits().forEach((k, v) -> limits.put(k, toFabric(v)));
            Map<String, Quantity> requests = new LinkedHashMap<>();
            type.requests().forEach((k, v) -> requests.put(k, toFabric(v)));
            // Devices cannot be overcommitted: state the request explicitly, equal to the limit.
            limits.forEach((k, v) -> {
                if (InstanceType.isExtendedResource(k)) {
                    requests.put(k, v);
                }
            });
            String shm = sharedMemorySize(type);
            return new ResourceShape(
                    type,
                    Collections.unmodifiableMap(requests),
                    Collections.unmodifiableMap(limits),
                    shm == null ? null : new Quantity(shm),
                    PodSpecFactory.tolerations(type));
        }
    }

    private List<EnvVar> environment(PodRequest request) {
        List<EnvVar> env = new ArrayList<>(request.wiringEnv());
        Map<String, String> own = request.job().environmentVariables();
        if (proxy != null) {
            if (proxy.httpProxy() != null) {
                addUnlessSet(env, own, "HTTP_PROXY", proxy.httpProxy());
                addUnlessSet(env, own, "http_proxy", proxy.httpProxy());
            }
            if (proxy.httpsProxy() != null) {
                addUnlessSet(env, own, "HTTPS_PROXY", proxy.httpsProxy());
                addUnlessSet(env, own, "https_proxy", proxy.httpsProxy());
            }
        }
        if (proxy != null || own.keySet().stream().anyMatch(PROXY_VARIABLES::contains)) {
            List<String> extra = new ArrayList<>(request.noProxyExtra());
            String ownNoProxy = own.getOrDefault("NO_PROXY", own.get("no_proxy"));
            if (ownNoProxy != null) {
                extra.addAll(0, List.of(ownNoProxy.split(",")));
            }
            String noProxy = PodProxy.joinNoProxy(proxy != null ? proxy.noProxy() : PodProxy.ALWAYS_BYPASSED, extra);
            env.add(new EnvVar("NO_PROXY", noProxy, null));
            env.add(new EnvVar("no_proxy", noProxy, null));
        }
        if (!request.instanceType().usesDevices()) {
            // CUDA images default to NVIDIA_VISIBLE_DEVICES=all: without this a CPU pod would see the node's GPUs.
            env.add(new EnvVar("NVIDIA_VISIBLE_DEVICES", "void", null));
        }
        own.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("NO_PROXY")) {
                env.add(new EnvVarBuilder().withName(k).withValue(v).build());
            }
        });
        return env;
    }

    private static void addUnlessSet(List<EnvVar> env, Map<String, String> own, String name, String value) {
        if (!own.containsKey(name)) {
            env.add(new EnvVar(name, value, null));
        }
    }
}
