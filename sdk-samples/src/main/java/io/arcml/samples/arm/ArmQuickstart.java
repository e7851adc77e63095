package io.arcml.samples.arm;

import com.azure.core.credential.TokenCredential;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import java.io.PrintStream;
import java.util.Map;

/**
 * The how-to's flow against real Azure, through Azure Resource Manager: read the workspace from
 * {@code config.json}, deploy the Azure ML extension on the cluster (optional), attach the cluster
 * as a Kubernetes compute target unless it is already there, and print its status.
 *
 * <p>To run it against your subscription:
 * <ol>
 *   <li>{@code az login} (or set {@code AZURE_CLIENT_ID}/{@code AZURE_TENANT_ID}/{@code AZURE_CLIENT_SECRET},
 *       or run where a managed identity is available): azure-identity's {@code DefaultAzureCredential}
 *       picks the credential up.</li>
 *   <li>Download the workspace's {@code config.json} from the Azure ML studio into {@code .azureml/}
 *       (or pass {@code --config path}).</li>
 *   <li>{@code mvn -q -pl sdk-samples -am package -Pquickstart -Darcml.sample=io.arcml.samples.arm.ArmQuickstart
 *       -Dexec.args="--cluster /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Kubernetes/connectedClusters/<name>
 *       --install-extension"}</li>
 * </ol>
 *
 * Options: {@code --config <config.json or folder>} (default: the working folder and its parents),
 * {@code --cluster <cluster resource ID>} (required), {@code --compute <name>} (default
 * {@code $AML_COMPUTE_CLUSTER_NAME} or {@code amlarc-compute}), {@code --namespace <ns>} (default
 * {@code default}), {@code --install-extension}, {@code --detach} (detach at the end), and
 * {@code --endpoint <url>} (default {@code https://management.azure.com}; a sovereign cloud's
 * management endpoint, or a loopback ARM emulator for tests).
 */
public final class ArmQuickstart {

    private ArmQuickstart() {}

    /** Runs the flow with azure-identity's {@code DefaultAzureCredential}. */
    public static void main(String[] args) {
        run(args, null, System.out);
    }

    /**
     * Runs the flow.
     *
     * @param args the options described on the class
     * @param credential the credential, or {@code null} for {@code DefaultAzureCredential}
     * @param out where the progress goes
     * @return the compute target, attached (or detached with {@code --detach})
     */
    public static KubernetesCompute run(String[] args, TokenCredential credential, PrintStream out) {
        ArmQuickstartOptions options = ArmQuickstartOptions.parse(args);
        Workspace.Builder builder =
                Workspace.builder().configFile(options.config()).endpoint(options.endpoint());
        if (credential != null) {
            builder.credential(credential);
        }
        try (Workspace ws = builder.build()) {
            out.println("Workspace " + ws.name() + " in " + ws.location());

            if (options.installExtension()) {
                AzureMLExtension extension = AzureMLExtension.create(
                        ws,
                        options.cluster(),
                        AzureMLExtensionConfiguration.builder()
                                .enableTraining(true)
                                .build());
                extension.warnings().forEach(w -> out.println("Warning: " + w));
                extension.waitForCompletion(true);
                out.println(extension.getStatus().serialize());
            }

            ComputeTarget existing = ComputeTarget.list(ws).get(options.compute());
            KubernetesCompute compute;
            if (existing instanceof KubernetesCompute found) {
                out.println("found compute target: " + options.compute());
                compute = found;
            } else {
                KubernetesComputeAttachConfiguration cfg = KubernetesCompute.attachConfiguration(options.cluster())
                        .namespace(options.namespace())
                        .defaultInstanceType("defaultinstancetype")
                        .instanceTypes(Map.of(
                                "defaultinstancetype",
                                InstanceType.builder()
                                        .requests("1", "4Gi")
                                        .limits("1", "4Gi")
                                        .build()));
                compute = ComputeTarget.attach(ws, options.compute(), cfg);
                compute.waitForCompletion(true);
            }
            out.println(compute.getStatus().serialize());

            if (options.detach()) {
                compute.detach().waitForCompletion(true);
                out.println("detached: " + compute.isDetached());
            }
            return compute;
        }
    }
}
