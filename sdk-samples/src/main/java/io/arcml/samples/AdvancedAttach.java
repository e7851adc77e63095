package io.arcml.samples;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The how-to's advanced attach: namespace, default instance type and instance types from its
 * JSON configuration file, loaded as-is.
 */
public final class AdvancedAttach {
    private AdvancedAttach() {}

    /** Attaches with the settings in {@code configFile}, waits with progress, prints the compute. */
    public static KubernetesCompute run(Workspace ws, String name, Path configFile) {
        KubernetesCompute compute = ComputeTarget.attach(
                ws,
                name,
                KubernetesCompute.attachConfiguration(SampleRunner.CLUSTER_ID).configFile(configFile));
        compute.waitForCompletion(true);
        System.out.println(compute);
        compute.instanceTypes().forEach((type, def) -> System.out.println("  " + type + ": " + def));
        System.out.println(compute.getStatus().serialize());
        return compute;
    }

    /** The how-to's sample file, written to a temporary file (the sample's resource). */
    static Path howToConfigFile() throws IOException {
        Path file = Files.createTempFile("attach-config", ".json");
        file.toFile().deleteOnExit();
        try (InputStream in = AdvancedAttach.class.getResourceAsStream("advanced-attach-config.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /** Runs on the embedded control plane; an optional argument names another config file. */
    public static void main(String[] args) {
        SampleRunner.main(ws -> run(ws, "amlarc-advanced", args.length > 0 ? Path.of(args[0]) : howToConfigFile()));
    }
}
