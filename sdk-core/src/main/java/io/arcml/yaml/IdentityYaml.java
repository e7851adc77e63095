package io.arcml.yaml;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.arcml.ValidationException;
import io.arcml.job.JobIdentity;
import java.util.Locale;

/**
 * A job's {@code identity} in Azure ML's YAML: {@code type: user_identity}, {@code aml_token} or
 * {@code managed} (with {@code client_id}, {@code object_id} or {@code msi_resource_id} for a
 * user-assigned identity), read into a {@link JobIdentity}.
 */
final class IdentityYaml {
    /** An identity of {@code type: user_identity} or {@code aml_token}, which has no other key. */
    record TypeOnly(@ScalarText String type) {}

    /** A managed identity: the workspace's, or a user-assigned one named by one of its IDs. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Managed(
            @ScalarText String type,
            @ScalarText String clientId,
            @ScalarText String objectId,
            @ScalarText String msiResourceId) {}

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
                identity.bind(TypeOnly.class);
                yield JobIdentity.userIdentity();
            }
            case "aml_token" -> {
                identity.bind(TypeOnly.class);
                yield JobIdentity.amlToken();
            }
            case "managed", "managed_identity" -> {
                Managed managed = identity.bind(Managed.class);
                yield managed.clientId() == null && managed.objectId() == null && managed.msiResourceId() == null
                        ? JobIdentity.managed()
                        : JobIdentity.managed(managed.clientId(), managed.objectId(), managed.msiResourceId());
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
