package io.arcml.samples.arm;

import io.arcml.ValidationException;
import io.arcml.transport.arm.ArmControlPlaneBuilder;
import java.nio.file.Path;

/**
 * The command line of {@link ArmQuickstart}.
 *
 * @param config the {@code config.json} or the folder to search from
 * @param endpoint the management endpoint
 * @param cluster the cluster's resource ID
 * @param compute the compute target's name
 * @param namespace the namespace jobs run in
 * @param installExtension whether to deploy the Azure ML extension first
 * @param detach whether to detach the compute at the end
 */
record ArmQuickstartOptions(
        Path config,
        String endpoint,
        String cluster,
        String compute,
        String namespace,
        boolean installExtension,
        boolean detach) {

    static ArmQuickstartOptions parse(String[] args) {
        Path config = Path.of(""); // the working folder and its parents, as Workspace.fromConfig()
        String endpoint = ArmControlPlaneBuilder.PUBLIC_CLOUD_ENDPOINT;
        String cluster = null;
        String compute = System.getenv().getOrDefault("AML_COMPUTE_CLUSTER_NAME", "amlarc-compute");
        String namespace = "default";
        boolean installExtension = false;
        boolean detach = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = Path.of(value(args, ++i, "--config"));
                case "--endpoint" -> endpoint = value(args, ++i, "--endpoint");
                case "--cluster" -> cluster = value(args, ++i, "--cluster");
                case "--compute" -> compute = value(args, ++i, "--compute");
                case "--namespace" -> namespace = value(args, ++i, "--namespace");
                case "--install-extension" -> installExtension = true;
                case "--detach" -> detach = true;
                default ->
                    throw new ValidationException(
                            "arguments",
                            args[i],
                            "is not an option",
                            "Use --config, --endpoint, --cluster, --compute, --namespace, --install-extension or --detach");
            }
        }
        if (cluster == null) {
            throw new ValidationException(
                    "--cluster",
                    null,
                    "is required",
                    "Give the cluster's resource ID (az connectedk8s show / az aks show --query id)");
        }
        return new ArmQuickstartOptions(config, endpoint, cluster, compute, namespace, installExtension, detach);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new ValidationException(option, null, "has no value", "Write " + option + " <value>");
        }
        return args[i];
    }
}
