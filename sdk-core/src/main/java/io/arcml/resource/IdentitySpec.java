package io.arcml.resource;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import java.util.Locale;
import java.util.Map;

/**
 * The identity a command runs as on Azure ML, as a control plane receives it. The user API's
 * {@code io.arcml.job.JobIdentity} converts with {@code toSpec()}.
 *
 * @param restType the type in Azure ML's REST words: {@code UserIdentity}, {@code Managed}, {@code AMLToken}
 * @param yamlType the type in Azure ML's CLI v2 words: {@code user_identity}, {@code managed}, {@code aml_token}
 * @param clientId a user-assigned identity's client ID, or {@code null}
 * @param objectId a user-assigned identity's object ID, or {@code null}
 * @param resourceId a user-assigned identity's resource ID, or {@code null}
 */
public record IdentitySpec(String restType, String yamlType, String clientId, String objectId, String resourceId) {

    /**
     * Refuses an identity on a transport that runs jobs without one.
     *
     * @param identity the identity, or {@code null} for none (then nothing happens)
     * @param field where the identity is, as the message names it
     * @param transport the transport as the message names it
     * @throws ValidationException naming the field, the identity's type and what to do instead
     */
    public static void requireNone(IdentitySpec identity, String field, String transport) {
        Arguments.nonNull(field, "field");
        Arguments.nonNull(transport, "transport");
        if (identity != null) {
            throw new ValidationException(
                    field,
                    identity.yamlType,
                    "is a job identity, which only Azure ML hands a job: " + transport + " runs jobs without one",
                    "Remove the identity (on a cluster, give the namespace's service account the access instead),"
                            + " or submit the job to a workspace on Azure (the ARM control plane)");
        }
    }

    /** The identity in Azure ML's REST shape: {@code identityType} and the IDs that are given ({@link JobJson.Identity}). */
    public Map<String, Object> serialize() {
        return JobJson.map(JobJson.Identity.of(this));
    }

    /** For example {@code managed clientId=00000000-0000-0000-0000-000000000000}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(yamlType.toLowerCase(Locale.ROOT));
        if (clientId != null) {
            out.append(" clientId=").append(clientId);
        }
        if (objectId != null) {
            out.append(" objectId=").append(objectId);
        }
        if (resourceId != null) {
            out.append(" resourceId=").append(resourceId);
        }
        return out.toString();
    }
}
