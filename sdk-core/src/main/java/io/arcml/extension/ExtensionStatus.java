package io.arcml.extension;

import io.arcml.ErrorDetail;
import io.arcml.compute.ProvisioningState;
import io.arcml.internal.Arguments;
import io.arcml.internal.Json;
import io.arcml.resource.ExtensionResource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster extension as the control plane reports it: what {@code az k8s-extension show} prints.
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
 * @param configurationSettings the settings (protected settings are never returned)
 * @param statuses status messages from the cluster
 * @param errorInfo why the install failed, or {@code null}
 * @param principalId the extension's system-assigned identity, or {@code null}
 */
public record ExtensionStatus(
        String id,
        String name,
        String extensionType,
        ProvisioningState provisioningState,
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

    /** Canonical constructor: copies the collections. */
    public ExtensionStatus {
        configurationSettings = configurationSettings == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(configurationSettings));
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    /**
     * The extension as a control plane reported it ({@link ExtensionResource}, the transport's
     * value), in the user's terms: the one conversion.
     */
    public static ExtensionStatus of(ExtensionResource resource) {
        Arguments.nonNull(resource, "resource");
        return new ExtensionStatus(
                resource.id(),
                resource.name(),
                resource.extensionType(),
                ProvisioningState.of(resource.provisioningState()),
                resource.installState(),
                resource.currentVersion(),
                resource.releaseTrain(),
                resource.autoUpgradeMinorVersion(),
                resource.releaseNamespace(),
                resource.configurationSettings(),
                resource.statuses().stream()
                        .map(m -> new Message(m.code(), m.displayStatus(), m.level(), m.message(), m.time()))
                        .toList(),
                resource.errorInfo(),
                resource.principalId());
    }

    /** True for the Azure ML extension. */
    public boolean isAzureML() {
        return AzureMLExtensionConfiguration.EXTENSION_TYPE.equalsIgnoreCase(extensionType);
    }

    /** The status as a map, in the order {@code az k8s-extension show} prints it. */
    public Map<String, Object> serialize() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("extensionType", extensionType);
        out.put("provisioningState", provisioningState.toString());
        if (installState != null) {
            out.put("installState", installState);
        }
        out.put("currentVersion", currentVersion);
        out.put("releaseTrain", releaseTrain);
        out.put("autoUpgradeMinorVersion", autoUpgradeMinorVersion);
        out.put("releaseNamespace", releaseNamespace);
        out.put("configurationSettings", configurationSettings);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Message m : statuses) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("code", m.code());
            mm.put("displayStatus", m.displayStatus());
            mm.put("level", m.level());
            mm.put("message", m.message());
            mm.put("time", m.time() == null ? null : m.time().toString());
            messages.add(mm);
        }
        out.put("statuses", messages);
        out.put("errorInfo", errorInfo == null ? null : errorInfo.serialize());
        return out;
    }

    /** {@link #serialize()} as indented JSON, as {@code az k8s-extension show} prints it. */
    public String toJson() {
        return Json.pretty(serialize());
    }

    @Override
    public String toString() {
        return "ExtensionStatus{name=" + name + ", extensionType=" + extensionType + ", provisioningState="
                + provisioningState
                + (installState == null ? "" : ", installState=" + installState)
                + ", currentVersion=" + currentVersion + ", releaseNamespace=" + releaseNamespace
                + ", configurationSettings=" + configurationSettings
                + (errorInfo == null ? "" : ", errorInfo=" + errorInfo.code() + ": " + errorInfo.message()) + "}";
    }
}
