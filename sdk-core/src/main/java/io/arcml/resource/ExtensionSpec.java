package io.arcml.resource;

import io.arcml.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The validated, immutable request to install a cluster extension, as every transport sends it.
 * Built by {@code io.arcml.extension.AzureMLExtensionConfiguration}.
 *
 * @param extensionType for Azure ML, {@code Microsoft.AzureML.Kubernetes}
 * @param releaseNamespace the namespace of a cluster-scoped install, {@code azureml}
 * @param releaseTrain {@code stable} or {@code preview}
 * @param version a pinned version, or {@code null} for the newest
 * @param autoUpgradeMinorVersion whether minor versions upgrade themselves
 * @param configurationSettings the settings, values as strings ({@code "True"}/{@code "False"} for switches)
 * @param configurationProtectedSettings write-only settings; never printed and never returned by the service
 */
public record ExtensionSpec(
        String extensionType,
        String releaseNamespace,
        String releaseTrain,
        String version,
        boolean autoUpgradeMinorVersion,
        Map<String, String> configurationSettings,
        Map<String, Secret> configurationProtectedSettings) {

    /** Canonical constructor: keeps the settings' order and makes them read-only. */
    public ExtensionSpec {
        Objects.requireNonNull(extensionType, "extensionType");
        Objects.requireNonNull(releaseNamespace, "releaseNamespace");
        configurationSettings = Collections.unmodifiableMap(new LinkedHashMap<>(configurationSettings));
        configurationProtectedSettings =
                Collections.unmodifiableMap(new LinkedHashMap<>(configurationProtectedSettings));
    }

    /** The settings, with protected setting names but not their values. */
    @Override
    public String toString() {
        return "ExtensionSpec{extensionType=" + extensionType + ", releaseNamespace=" + releaseNamespace
                + ", releaseTrain=" + releaseTrain + (version == null ? "" : ", version=" + version)
                + ", autoUpgradeMinorVersion=" + autoUpgradeMinorVersion + ", configurationSettings="
                + configurationSettings
                + (configurationProtectedSettings.isEmpty()
                        ? ""
                        : ", configurationProtectedSettings=" + configurationProtectedSettings.keySet())
                + "}";
    }
}
