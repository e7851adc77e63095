package io.arcml.samples.bench;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Client overhead of the whole attach flow on the embedded control plane with zero delays:
 * validate the advanced configuration, read, attach, wait, read back, detach, wait.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttachFlowBenchmark {
    private static final String ARC = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
            + "/providers/Microsoft.Kubernetes/connectedClusters/amlarc-cluster";
    private Workspace ws;

    /** A fresh instant control plane per iteration. */
    @Setup(Level.Iteration)
    public void setUp() {
        ws = Workspace.on(EmbeddedControlPlane.builder().instant().build());
    }

    /** One attach-wait-status-detach-wait flow. */
    @Benchmark
    public Object attachWaitDetach() {
        KubernetesComputeAttachConfiguration cfg = KubernetesCompute.attachConfiguration(ARC)
                .namespace("amlarc-testing")
                .defaultInstanceType("gpu_instance")
                .instanceTypes(Map.of(
                        "gpu_instance",
                        InstanceType.builder()
                                .nodeSelector("accelerator", "nvidia-tesla-k80")
                                .requests("2", "16Gi", 1)
                                .limits("2", "16Gi", 1)
                                .build()));
        KubernetesCompute compute =
                ComputeTarget.attach(ws, "amlarc-compute", cfg).waitForCompletion(false);
        Object status = compute.getStatus().serialize();
        compute.detach().waitForCompletion(false);
        return status;
    }
}
