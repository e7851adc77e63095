package io.arcml.resource;

import io.arcml.ErrorDetail;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster extension as a control plane reports it: what the extension capabilities of the
 * transport SPI answer with. The user API shows it as {@code io.arcml.extension.ExtensionStatus}
 * ({@code ExtensionStatus.of(resource)}).
 *
 * @param id the extension's resource ID
 * @param name the extension's name
 * @param extensionType the type, e.g. {@code Microsoft.AzureML.Kubernetes}
 * @param provisioningState the provisioning state
 * @param installState the older {@code installState} ({@code Pending}/{@code Installed}/{@code Failed}) where the service returns it, else {@code null}
 * @param currentVersion the installed version, or {@code null} while installing
 * @param releaseTrain the release train
 * @param autoUpgradeMinorVersion whether minor versions upgrade themselves
 * @param releaseNamespace the namespace it is installed in
 * @param configurationSettings the settings; protected settings are never part of it (no service returns them)
 * @param statuses status messages from the cluster
 * @param errorInfo why the install failed, or {@code null}
 * @param principalId the extension's system-assigned identity, or {@code null}
 */
public record ExtensionResource(
        String id,
        String name,
        String extensionType,
        ResourceState provisioningState,
        String installState,
        String currentVersion,
        String releaseTrain,
        boolean autoUpgradeMinorVersion,
        String releaseNamespace,
        Map<String, String> configurationSettings,
        List<Message> statuses,
        ErrorDetail errorInfo,
        String principalId) {

    /**
     * A status message from the cluster.
     *
     * @param code a code
     * @param displayStatus a short status
     * @param level {@code Error}, {@code Warning} or {@code Information}
     * @param message the message
     * @param time when it was reported, or {@code null}
     */
    public record Message(String code, String displayStatus, String level, String message, OffsetDateTime time) {}

    /** Canonical constructor: copies the collections; an unknown state is {@link ResourceState#UNKNOWN}. */
    public ExtensionResource {
        provisioningState = provisioningState == null ? ResourceState.UNKNOWN : provisioningState;
        configurationSettings = configurationSettings == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(configurationSettings));
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** What identifies the extension and its state; the settings only by name. */
    @Override
    public String toString() {
        return "ExtensionResource{name=" + name + ", extensionType=" + extensionType + ", provisioningState="
                + provisioningState
                + (installState == null ? "" : ", installState=" + installState)
                + ", currentVersion=" + currentVersion + ", releaseNamespace=" + releaseNamespace
                + ", configurationSettings=" + configurationSettings.keySet()
                + (errorInfo == null ? "" : ", errorInfo=" + errorInfo.code() + ": " + errorInfo.message()) + "}";
    }
}
