package io.arcml.transport.arm;

import static io.arcml.transport.arm.ComputeJson.text;
import static io.arcml.transport.arm.ComputeJson.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.compute.ProvisioningState;
import io.arcml.extension.ExtensionSpec;
import io.arcml.extension.ExtensionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code Microsoft.KubernetesConfiguration/extensions}: the create body, and the
 * extension read back into an {@link ExtensionStatus}.
 */
final class ExtensionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExtensionJson() {
    }

    /**
     * The create (PUT) body, in the shape of the REST example {@code CreateExtension.json} plus
     * the system-assigned identity the Azure ML extension needs.
     *
     * @param reveal whether protected settings are written as they are, or masked for logging
     */
    static ObjectNode createBody(ExtensionSpec spec, boolean reveal) {
        ObjectNode body = NODES.objectNode();
        body.putObject("identity").put("type", "SystemAssigned");
        ObjectNode properties = body.putObject("properties");
        properties.put("extensionType", spec.extensionType());
        properties.put("autoUpgradeMinorVersion", spec.autoUpgradeMinorVersion());
        if (spec.releaseTrain() != null) {
            properties.put("releaseTrain", spec.releaseTrain());
        }
        if (spec.version() != null) {
            properties.put("version", spec.version());
        }
        properties.putObject("scope").putObject("cluster").put("releaseNamespace", spec.releaseNamespace());
        ObjectNode settings = properties.putObject("configurationSettings");
        spec.configurationSettings().forEach(settings::put);
        if (!spec.configurationProtectedSettings().isEmpty()) {
            ObjectNode protectedSettings = properties.putObject("configurationProtectedSettings");
            spec.configurationProtectedSettings().forEach((k, v) -> protectedSettings.put(k, reveal ? v.reveal() : ComputeJson.MASK));
        }
        return body;
    }

    /** An extension as GET, list and PUT return it; the older {@code installState} is kept when present. */
    static ExtensionStatus read(JsonNode node) {
        JsonNode p = node.path("properties");
        Map<String, String> settings = new LinkedHashMap<>();
        p.path("configurationSettings").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
        List<ExtensionStatus.Message> statuses = new ArrayList<>();
        for (JsonNode s : p.path("statuses")) {
            statuses.add(new ExtensionStatus.Message(text(s, "code"), text(s, "displayStatus"), text(s, "level"),
                    text(s, "message"), time(s, "time")));
        }
        String namespace = text(p.path("scope").path("cluster"), "releaseNamespace");
        if (namespace == null) {
            namespace = text(p.path("scope").path("namespace"), "targetNamespace");
        }
        String principalId = text(node.path("identity"), "principalId");
        if (principalId == null) {
            principalId = text(p.path("aksAssignedIdentity"), "principalId");
        }
        JsonNode errorInfo = p.get("errorInfo");
        return new ExtensionStatus(text(node, "id"), text(node, "name"), text(p, "extensionType"),
                ProvisioningState.parse(text(p, "provisioningState")), text(p, "installState"),
                text(p, "currentVersion"), text(p, "releaseTrain"),
                p.path("autoUpgradeMinorVersion").asBoolean(false), namespace, settings, statuses,
                errorInfo == null || !errorInfo.isObject() ? null : ArmErrors.read(NODES.objectNode().set("error", errorInfo)),
                principalId);
    }
}
