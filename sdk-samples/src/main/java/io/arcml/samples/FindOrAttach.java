package io.arcml.samples;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import java.util.Map;

/** The Python sample's flow: use the compute target if it exists, else attach it with instance types. */
public final class FindOrAttach {
    private FindOrAttach() {}

    /** Finds {@code name} among the workspace's compute targets, or attaches it. */
    public static KubernetesCompute run(Workspace ws, String name) {
        ComputeTarget existing = ComputeTarget.list(ws).get(name);
        if (existing instanceof KubernetesCompute found) {
            System.out.println("found compute target: " + name);
            return found;
        }
        System.out.println("creating new compute target: " + name);
        KubernetesCompute compute = ComputeTarget.attach(
                ws,
                name,
                KubernetesCompute.attachConfiguration(SampleRunner.CLUSTER_ID)
                        .namespace("amlarc-testing")
                        .defaultInstanceType("gpu_instance")
                        .instanceTypes(Map.of(
                                "gpu_instance",
                                        InstanceType.builder()
                                                .nodeSelector("accelerator", "nvidia-tesla-k80")
                                                .requests("2", "16Gi", 1)
                                                .limits("2", "16Gi", 1)
                                                .build(),
                                "big_cpu_sku",
                                        InstanceType.builder()
                                                .nodeSelector("VMSizes", "VM-64vCPU-256GB")
                                                .build())));
        compute.waitForCompletion(true);
        System.out.println(compute.getStatus().serialize());
        return compute;
    }

    /** Runs twice on one workspace: the first run attaches, the second finds. */
    public static void main(String[] args) {
        String name = System.getenv().getOrDefault("AML_COMPUTE_CLUSTER_NAME", "amlarc-compute");
        SampleRunner.main(ws -> {
            run(ws, name);
            run(ws, name);
        });
    }
}
