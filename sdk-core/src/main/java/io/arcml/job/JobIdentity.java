package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.resource.IdentitySpec;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity a job uses to reach data and other Azure resources, as Azure ML's job
 * {@code identity}: the submitting user's ({@link #userIdentity()}), a managed identity of the
 * compute ({@link #managed()}, or a user-assigned one by client ID, object ID or resource ID), or
 * Azure ML's own token ({@link #amlToken()}, Azure ML's default). Azure only: the embedded control
 * plane and the direct cluster transport refuse a job with an identity before they create anything.
 *
 * <pre>{@code
 * CommandJob job = CommandJob.builder().image(img).command("python train.py")
 *     .identity(JobIdentity.userIdentity())
 *     .build();
 * }</pre>
 */
public final class JobIdentity {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern IDENTITY_RESOURCE_ID = Pattern.compile(
            "/subscriptions/[^/]+/resource[gG]roups/[^/]+/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/[^/]+",
            Pattern.CASE_INSENSITIVE);

    /** The kinds of identity, with the names Azure ML's REST API and YAML give them. */
    public enum Type {
        /** The identity of the user who submits the job. */
        USER_IDENTITY("UserIdentity", "user_identity"),
        /** A managed identity of the compute: system-assigned, or user-assigned when an ID is given. */
        MANAGED("Managed", "managed"),
        /** Azure ML's token for the workspace, the default when a job names no identity. */
        AML_TOKEN("AMLToken", "aml_token");

        private final String restName;
        private final String yamlName;

        Type(String restName, String yamlName) {
            this.restName = restName;
            this.yamlName = yamlName;
        }

        /** The {@code identityType} of Azure ML's REST API, e.g. {@code UserIdentity}. */
        public String restName() {
            return restName;
        }

        /** The {@code type} of Azure ML's YAML, e.g. {@code user_identity}. */
        public String yamlName() {
            return yamlName;
        }
    }

    private final Type type;
    private final String clientId;
    private final String objectId;
    private final String resourceId;

    private JobIdentity(Type type, String clientId, String objectId, String resourceId) {
        this.type = type;
        this.clientId = clientId;
        this.objectId = objectId;
        this.resourceId = resourceId;
    }

    /** The identity of the user who submits the job. */
    public static JobIdentity userIdentity() {
        return new JobIdentity(Type.USER_IDENTITY, null, null, null);
    }

    /** Azure ML's token for the workspace (what Azure ML uses when a job names no identity). */
    public static JobIdentity amlToken() {
        return new JobIdentity(Type.AML_TOKEN, null, null, null);
    }

    /** The compute's system-assigned managed identity. */
    public static JobIdentity managed() {
        return new JobIdentity(Type.MANAGED, null, null, null);
    }

    /**
     * A user-assigned managed identity of the compute, named by any of its client ID (a UUID), its
     * object ID (a UUID) or its resource ID; give {@code null} for the ones left out, and at least one.
     *
     * @throws ValidationException naming the ID that is not a UUID or not a user-assigned identity's resource ID
     */
    public static JobIdentity managed(String clientId, String objectId, String resourceId) {
        if (clientId == null && objectId == null && resourceId == null) {
            throw new ValidationException(
                    "identity",
                    "managed",
                    "names no user-assigned identity",
                    "Give its client ID, object ID or resource ID, or use JobIdentity.managed() for the system-assigned one");
        }
        requireUuid("identity.clientId", clientId);
        requireUuid("identity.objectId", objectId);
        if (resourceId != null && !IDENTITY_RESOURCE_ID.matcher(resourceId).matches()) {
            throw new ValidationException(
                    "identity.resourceId",
                    resourceId,
                    "is not the resource ID of a user-assigned identity",
                    "Give /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>");
        }
        return new JobIdentity(Type.MANAGED, clientId, objectId, resourceId);
    }

    private static void requireUuid(String field, String value) {
        if (value != null && !UUID.matcher(value).matches()) {
            throw new ValidationException(
                    field,
                    value,
                    "is not a UUID",
                    "Give the ID as Azure shows it, e.g. 00000000-0000-0000-0000-000000000000");
        }
    }

    /**
     * Refuses a job's identity where arcml runs the job itself: only Azure ML hands a job an identity.
     *
     * @param identity the job's identity; nothing happens when it is {@code null}
     * @param field where the identity is, as the message names it, e.g. {@code identity}, {@code jobs.train.identity}
     * @param transport the transport as the message names it, e.g. {@code the direct cluster transport}
     */
    public static void requireNone(JobIdentity identity, String field, String transport) {
        IdentitySpec.requireNone(identity == null ? null : identity.toSpec(), field, transport);
    }

    /** The kind of identity. */
    public Type type() {
        return type;
    }

    /** The client ID of a user-assigned managed identity, or {@code null}. */
    public String clientId() {
        return clientId;
    }

    /** The object ID of a user-assigned managed identity, or {@code null}. */
    public String objectId() {
        return objectId;
    }

    /** The resource ID of a user-assigned managed identity, or {@code null}. */
    public String resourceId() {
        return resourceId;
    }

    /** Azure ML's REST shape ({@code IdentityConfiguration}): {@code identityType} and the managed identity's IDs. */
    public Map<String, Object> serialize() {
        return toSpec().serialize();
    }

    /** The identity as the transport SPI takes it. */
    public IdentitySpec toSpec() {
        return new IdentitySpec(type.restName, type.yamlName, clientId, objectId, resourceId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobIdentity other
                && type == other.type
                && Objects.equals(clientId, other.clientId)
                && Objects.equals(objectId, other.objectId)
                && Objects.equals(resourceId, other.resourceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, clientId, objectId, resourceId);
    }

    @Override
    public String toString() {
        return toSpec().toString();
    }
}
