package io.arcml;

import java.util.regex.Pattern;

/**
 * Which Azure ML workspace: subscription, resource group and name, as in {@code config.json}.
 *
 * @param subscriptionId the subscription ID
 * @param resourceGroup the resource group
 * @param workspaceName the workspace name
 */
public record WorkspaceId(String subscriptionId, String resourceGroup, String workspaceName) {
    private static final Pattern SEGMENT = Pattern.compile("[\\w\\-.()]{1,90}");

    /** Canonical constructor: each part must be a non-empty ARM path segment. */
    public WorkspaceId {
        require("subscription_id", subscriptionId);
        require("resource_group", resourceGroup);
        require("workspace_name", workspaceName);
    }

    private static void require(String field, String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new ValidationException(
                    field,
                    value,
                    value == null ? "is required" : "is not a valid Azure resource name",
                    "Give it as in the workspace's config.json (download it from the Azure ML studio, or run az ml workspace show)");
        }
    }

    /** The workspace's ARM resource ID. */
    public String resourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.MachineLearningServices/workspaces/" + workspaceName;
    }

    @Override
    public String toString() {
        return workspaceName + " (subscription " + subscriptionId + ", resource group " + resourceGroup + ")";
    }
}
