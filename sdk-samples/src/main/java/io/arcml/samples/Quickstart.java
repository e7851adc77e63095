package io.arcml.samples;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import java.nio.file.Path;

/**
 * The whole how-to on the embedded control plane, no Azure and no cluster: deploy and verify the
 * Azure ML extension, attach the cluster (basic, then advanced from the how-to's JSON file), find
 * the compute targets, detach.
 */
public final class Quickstart {
    private Quickstart() {}

    /** Runs every step on {@code ws}. */
    public static void run(Workspace ws) throws Exception {
        step("1. Deploy the Azure ML extension and verify it");
        DeployExtension.run(ws);

        step("2. Basic attach");
        KubernetesCompute basic = BasicAttach.run(ws, "amlarc-basic");

        step("3. Advanced attach from the how-to's JSON file");
        Path config = AdvancedAttach.howToConfigFile();
        AdvancedAttach.run(ws, "amlarc-advanced", config);

        step("4. Find existing compute targets");
        ComputeTarget.list(ws).forEach((name, target) -> System.out.println(name + ": " + target.provisioningState()));
        FindOrAttach.run(ws, "amlarc-advanced");

        step("5. Detach");
        basic.detach().waitForCompletion(true);
        System.out.println("compute targets now: " + ComputeTarget.list(ws).keySet());
    }

    private static void step(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    /** Runs on the embedded control plane. */
    public static void main(String[] args) {
        SampleRunner.main(Quickstart::run);
    }
}
