package io.arcml.samples;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;

/** The how-to's basic attach: a cluster by resource ID, into a namespace, with the default instance type. */
public final class BasicAttach {
    private BasicAttach() {}

    /** Attaches, waits with progress, prints the status. */
    public static KubernetesCompute run(Workspace ws, String name) {
        KubernetesComputeAttachConfiguration cfg =
                KubernetesCompute.attachConfiguration(SampleRunner.CLUSTER_ID).namespace("amlarc-testing");
        KubernetesCompute compute = ComputeTarget.attach(ws, name, cfg);
        compute.waitForCompletion(true);
        System.out.println(compute.getStatus().serialize());
        return compute;
    }

    /** Runs on the embedded control plane. */
    public static void main(String[] args) {
        SampleRunner.main(ws -> run(ws, args.length > 0 ? args[0] : "amlarc-basic"));
    }
}
