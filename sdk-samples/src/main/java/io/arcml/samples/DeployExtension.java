package io.arcml.samples;

import io.arcml.ArcmlException;
import io.arcml.Workspace;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.extension.ExtensionVerification;

/**
 * The how-to's extension deployment for training (with the NVIDIA device plugin and the blobfuse
 * settings it lists), then its verification: provisioning state and the pods in {@code azureml}.
 */
public final class DeployExtension {
    private DeployExtension() {}

    /** Installs, waits, verifies; returns the verification. */
    public static ExtensionVerification run(Workspace ws) {
        AzureMLExtensionConfiguration cfg = AzureMLExtensionConfiguration.builder()
                .enableTraining(true)
                .logAnalyticsWS(true)
                .installNvidiaDevicePlugin(true)
                .installBlobfuseSysctl(true)
                .installBlobfuseFlexvol(true)
                .volumePluginDir("/etc/kubernetes/volumeplugins")
                .build();
        AzureMLExtension extension = AzureMLExtension.create(ws, SampleRunner.CLUSTER_ID, cfg);
        extension.waitForCompletion(true);
        ExtensionVerification verification = extension.verify();
        System.out.println(verification);
        if (!verification.isHealthy()) {
            throw new ArcmlException("The extension is not healthy: " + verification.problems());
        }
        return verification;
    }

    /** Runs on the embedded control plane. */
    public static void main(String[] args) {
        SampleRunner.main(DeployExtension::run);
    }
}
