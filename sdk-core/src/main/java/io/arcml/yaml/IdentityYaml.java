package io.arcml.yaml;

import io.arcml.ValidationException;
import io.arcml.job.JobIdentity;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job's {@code identity} in Azure ML's YAML: {@code type: user_identity}, {@code aml_token} or
 * {@code managed} (with {@code client_id}, {@code object_id} or {@code msi_resource_id} for a
 * user-assigned identity), read into a {@link JobIdentity}.
 */
final class IdentityYaml {
    private static final Set<String> MANAGED_KEYS = Set.of("type", "client_id", "object_id", "msi_resource_id");

    private IdentityYaml() {}

    /** The {@code identity} of a job or step, or {@code null} when it has none. */
    static JobIdentity identity(YamlNode node) {
        if (!node.has("identity")) {
            return null;
        }
        YamlNode identity = node.child("identity");
        String type = identity.requireText("type", "Give user_identity, managed or aml_token");
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "user_identity" -> {
                identity.onlyKeys(Set.of("type"), Map.of());
                yield JobIdentity.userIdentity();
            }
            case "aml_token" -> {
                identity.onlyKeys(Set.of("type"), Map.of());
                yield JobIdentity.amlToken();
            }
            case "managed", "managed_identity" -> {
                identity.onlyKeys(MANAGED_KEYS, Map.of());
                String clientId = identity.text("client_id");
                String objectId = identity.text("object_id");
                String resourceId = identity.text("msi_resource_id");
                yield clientId == null && objectId == null && resourceId == null
                        ? JobIdentity.managed()
                        : JobIdentity.managed(clientId, objectId, resourceId);
            }
            default ->
                throw new ValidationException(
                        identity.field("type"),
                        type,
                        "is not an identity type of Azure ML",
                        "Use user_identity, managed or aml_token");
        };
    }
}
