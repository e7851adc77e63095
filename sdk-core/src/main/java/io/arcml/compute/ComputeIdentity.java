package io.arcml.compute;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The managed identity of an attached compute. Without one, jobs cannot pull images from the
 * workspace's registry or read its storage ("Unknown compute target", "Give either an account key
 * or SAS token"), so attaching with an identity is recommended.
 *
 * @param type {@code SystemAssigned} or {@code UserAssigned}
 * @param userAssignedIdentityIds the resource IDs of the user-assigned identities; empty for system-assigned
 */
public record ComputeIdentity(Type type, List<String> userAssignedIdentityIds) {
    private static final Pattern USER_ASSIGNED_ID = Pattern.compile(
            "/subscriptions/[\\w\\-.]+/resourceGroups/[\\w\\-.()]+/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/[\\w\\-.]+",
            Pattern.CASE_INSENSITIVE);

    /** The kind of managed identity. */
    public enum Type {
        /** Azure creates and owns the identity. */
        SystemAssigned,
        /** One or more identities the user created. */
        UserAssigned
    }

    /** Canonical constructor: enforces the Python SDK's identity rules. */
    public ComputeIdentity {
        if (type == null) {
            throw new ValidationException(
                    "identity.type",
                    null,
                    "is required",
                    "Use ComputeIdentity.systemAssigned() or ComputeIdentity.userAssigned(ids)");
        }
        userAssignedIdentityIds = userAssignedIdentityIds == null ? List.of() : List.copyOf(userAssignedIdentityIds);
        if (type == Type.SystemAssigned && !userAssignedIdentityIds.isEmpty()) {
            throw new ValidationException(
                    "identity.identityIds",
                    String.join(",", userAssignedIdentityIds),
                    "is only allowed with identity type UserAssigned",
                    "Drop the ids, or use type UserAssigned");
        }
        if (type == Type.UserAssigned && userAssignedIdentityIds.isEmpty()) {
            throw new ValidationException(
                    "identity.identityIds",
                    null,
                    "is required for identity type UserAssigned",
                    "Give at least one user-assigned identity resource ID");
        }
        for (String id : userAssignedIdentityIds) {
            if (id == null || !USER_ASSIGNED_ID.matcher(id).matches()) {
                throw new ValidationException(
                        "identity.identityIds",
                        id,
                        "is not a user-assigned identity resource ID",
                        "Use /subscriptions/<sub>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>");
            }
        }
    }

    /** {@code SystemAssigned}, or {@code UserAssigned[<ids>]}. */
    @Override
    public String toString() {
        return type == Type.SystemAssigned ? "SystemAssigned" : "UserAssigned" + userAssignedIdentityIds;
    }

    /** A system-assigned identity. */
    public static ComputeIdentity systemAssigned() {
        return new ComputeIdentity(Type.SystemAssigned, List.of());
    }

    /** User-assigned identities, by resource ID. */
    public static ComputeIdentity userAssigned(String... identityIds) {
        return new ComputeIdentity(Type.UserAssigned, List.of(Arguments.nonNull(identityIds, "identityIds")));
    }

    /**
     * The Python SDK's form: {@code identity_type} as a string plus {@code identity_ids}.
     *
     * @throws ValidationException when the type is neither {@code SystemAssigned} nor {@code UserAssigned}
     */
    public static ComputeIdentity of(String identityType, List<String> identityIds) {
        for (Type t : Type.values()) {
            if (t.name().equalsIgnoreCase(identityType)) {
                return new ComputeIdentity(t, identityIds);
            }
        }
        throw new ValidationException(
                "identity.type",
                identityType,
                "is not a supported identity type",
                "Use SystemAssigned or UserAssigned");
    }
}
