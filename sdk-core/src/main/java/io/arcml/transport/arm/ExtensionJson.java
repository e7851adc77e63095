package io.arcml.transport.arm;

import static io.arcml.transport.arm.ComputeJson.time;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.internal.Json;
import io.arcml.resource.ExtensionResource;
import io.arcml.resource.ExtensionSpec;
import io.arcml.resource.ResourceState;
import io.arcml.transport.arm.ComputeJson.IdentityJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code Microsoft.KubernetesConfiguration/extensions}, bound with Jackson: the create
 * body, and the extension read back into an {@link ExtensionResource}.
 */
final class ExtensionJson {
    private ExtensionJson() {}

    /** The create body: the system-assigned identity the Azure ML extension needs, and its properties. */
    @JsonPropertyOrder({"identity", "properties"})
    record CreateBody(IdentityJson identity, CreateProperties properties) {}

    /** The extension's properties as the create sends them, in the order of the REST example. */
    @JsonPropertyOrder({
        "extensionType",
        "autoUpgradeMinorVersion",
        "releaseTrain",
        "version",
        "scope",
        "configurationSettings",
        "configurationProtectedSettings"
    })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateProperties(
            String extensionType,
            boolean autoUpgradeMinorVersion,
            String releaseTrain,
            String version,
            Scope scope,
            Map<String, String> configurationSettings,
            Map<String, String> configurationProtectedSettings) {}

    /** Where the extension is installed: the whole cluster (arcml's choice) or, as older extensions say, one namespace. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Scope(ClusterScope cluster, NamespaceScope namespace) {}

    /** A cluster-scoped extension's release namespace. */
    record ClusterScope(String releaseNamespace) {}

    /** A namespace-scoped extension's namespace. */
    record NamespaceScope(String targetNamespace) {}

    /** An extension as GET, list and PUT return it. */
    record ExtensionBody(String id, String name, IdentityJson identity, ExtensionProperties properties) {}

    /** An extension's properties as Azure returns them; the older {@code installState} is kept when present. */
    record ExtensionProperties(
            String extensionType,
            String provisioningState,
            String installState,
            String currentVersion,
            String releaseTrain,
            boolean autoUpgradeMinorVersion,
            Scope scope,
            Map<String, String> configurationSettings,
            List<StatusJson> statuses,
            JsonNode errorInfo,
            IdentityJson aksAssignedIdentity) {}

    /** One of the extension's status messages. */
    record StatusJson(String code, String displayStatus, String level, String message, String time) {}

    /**
     * The create (PUT) body, in the shape of the REST example {@code CreateExtension.json} plus
     * the system-assigned identity the Azure ML extension needs.
     *
     * @param reveal whether protected settings are written as they are, or masked for logging
     */
    static ObjectNode createBody(ExtensionSpec spec, boolean reveal) {
        Map<String, String> protectedSettings = new LinkedHashMap<>();
        spec.configurationProtectedSettings()
                .forEach((k, v) -> protectedSettings.put(k, reveal ? v.reveal() : ComputeJson.MASK));
        CreateProperties properties = new CreateProperties(
                spec.extensionType(),
                spec.autoUpgradeMinorVersion(),
                spec.releaseTrain(),
                spec.version(),
                new Scope(new ClusterScope(spec.releaseNamespace()), null),
                spec.configurationSettings(),
                protectedSettings.isEmpty() ? null : protectedSettings);
        return Json.mapper().valueToTree(new CreateBody(new IdentityJson("SystemAssigned", null, null), properties));
    }

    /** An extension as GET, list and PUT return it. */
    static ExtensionResource read(JsonNode node) {
        ExtensionBody body = Json.mapper().convertValue(node, ExtensionBody.class);
        ExtensionProperties p = body.properties() == null
                ? new ExtensionProperties(null, null, null, null, null, false, null, null, null, null, null)
                : body.properties();
        List<ExtensionResource.Message> statuses = p.statuses() == null
                ? List.of()
                : p.statuses().stream()
                        .map(s -> new ExtensionResource.Message(
                                s.code(), s.displayStatus(), s.level(), s.message(), time("time", s.time())))
                        .toList();
        Scope scope = p.scope() == null ? new Scope(null, null) : p.scope();
        String namespace = scope.cluster() == null ? null : scope.cluster().releaseNamespace();
        if (namespace == null && scope.namespace() != null) {
            namespace = scope.namespace().targetNamespace();
        }
        String principalId = body.identity() != null && body.identity().principalId() != null
                ? body.identity().principalId()
                : p.aksAssignedIdentity() == null
                        ? null
                        : p.aksAssignedIdentity().principalId();
        JsonNode errorInfo = p.errorInfo();
        return new ExtensionResource(
                body.id(),
                body.name(),
                p.extensionType(),
                ResourceState.parse(p.provisioningState()),
                p.installState(),
                p.currentVersion(),
                p.releaseTrain(),
                p.autoUpgradeMinorVersion(),
                namespace,
                p.configurationSettings() == null ? Map.of() : p.configurationSettings(),
                statuses,
                errorInfo == null || !errorInfo.isObject()
                        ? null
                        : ArmErrors.read(Json.mapper().createObjectNode().set("error", errorInfo)),
                principalId);
    }
}
