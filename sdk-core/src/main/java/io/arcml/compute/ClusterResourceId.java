package io.arcml.compute;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure resource ID of a Kubernetes cluster that can be attached: an AKS cluster
 * ({@code Microsoft.ContainerService/managedClusters}) or an Azure Arc-enabled cluster
 * ({@code Microsoft.Kubernetes/connectedClusters}). Matched case-insensitively, as ARM does;
 * two IDs that differ only in case are equal.
 */
public final class ClusterResourceId {
    private static final Pattern ID = Pattern.compile(
            "/subscriptions/(?<sub>[\\w\\-.]+)/resourceGroups/(?<rg>[\\w\\-.()]+)/providers/"
                    + "(?<rp>Microsoft\\.ContainerService/managedClusters|Microsoft\\.Kubernetes/connectedClusters)/(?<name>[\\w\\-.]+)/?",
            Pattern.CASE_INSENSITIVE);

    /** The kind of cluster a resource ID names. */
    public enum Kind {
        /** An AKS cluster, {@code Microsoft.ContainerService/managedClusters}. */
        AKS("Microsoft.ContainerService", "managedClusters"),
        /** An Azure Arc-enabled cluster, {@code Microsoft.Kubernetes/connectedClusters}. */
        ARC("Microsoft.Kubernetes", "connectedClusters");

        private final String resourceProvider;
        private final String resourceType;

        Kind(String resourceProvider, String resourceType) {
            this.resourceProvider = resourceProvider;
            this.resourceType = resourceType;
        }

        /** The resource provider namespace, for example {@code Microsoft.Kubernetes}. */
        public String resourceProvider() {
            return resourceProvider;
        }

        /** The resource type, for example {@code connectedClusters}. */
        public String resourceType() {
            return resourceType;
        }
    }

    private final String id;
    private final String subscriptionId;
    private final String resourceGroup;
    private final Kind kind;
    private final String clusterName;

    private ClusterResourceId(String id, String subscriptionId, String resourceGroup, Kind kind, String clusterName) {
        this.id = id;
        this.subscriptionId = subscriptionId;
        this.resourceGroup = resourceGroup;
        this.kind = kind;
        this.clusterName = clusterName;
    }

    /**
     * Parses a cluster resource ID.
     *
     * @throws ValidationException naming the field {@code resourceId} when it matches neither template
     */
    public static ClusterResourceId parse(String resourceId) {
        return parse(resourceId, "resourceId");
    }

    static ClusterResourceId parse(String resourceId, String field) {
        if (resourceId == null || resourceId.isBlank()) {
            throw new ValidationException(
                    field,
                    resourceId,
                    "is required",
                    "Give the cluster's resource ID: " + template(Kind.AKS) + " or " + template(Kind.ARC));
        }
        Matcher m = ID.matcher(resourceId.trim());
        if (!m.matches()) {
            throw new ValidationException(
                    field,
                    resourceId,
                    "is not the resource ID of an AKS or Azure Arc-enabled cluster",
                    "Use " + template(Kind.AKS) + " or " + template(Kind.ARC)
                            + " (az aks show / az connectedk8s show --query id prints it)");
        }
        Kind kind =
                m.group("rp").toLowerCase(Locale.ROOT).startsWith("microsoft.containerservice") ? Kind.AKS : Kind.ARC;
        String trimmed = resourceId.trim();
        return new ClusterResourceId(
                trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed,
                m.group("sub"),
                m.group("rg"),
                kind,
                m.group("name"));
    }

    /** The ID of an AKS cluster. */
    public static ClusterResourceId aks(String subscriptionId, String resourceGroup, String clusterName) {
        nonNullParts(subscriptionId, resourceGroup, clusterName);
        return parse("/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + clusterName);
    }

    /** The ID of an Azure Arc-enabled cluster. */
    public static ClusterResourceId arc(String subscriptionId, String resourceGroup, String clusterName) {
        nonNullParts(subscriptionId, resourceGroup, clusterName);
        return parse("/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Kubernetes/connectedClusters/" + clusterName);
    }

    private static void nonNullParts(String subscriptionId, String resourceGroup, String clusterName) {
        Arguments.nonNull(subscriptionId, "subscriptionId");
        Arguments.nonNull(resourceGroup, "resourceGroup");
        Arguments.nonNull(clusterName, "clusterName");
    }

    private static String template(Kind kind) {
        return "/subscriptions/<subscription>/resourceGroups/<group>/providers/" + kind.resourceProvider() + "/"
                + kind.resourceType() + "/<cluster>";
    }

    /** The subscription that holds the cluster. */
    public String subscriptionId() {
        return subscriptionId;
    }

    /** The cluster's resource group. */
    public String resourceGroup() {
        return resourceGroup;
    }

    /** AKS or Arc. */
    public Kind kind() {
        return kind;
    }

    /** The cluster's name. */
    public String clusterName() {
        return clusterName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterResourceId other && id.equalsIgnoreCase(other.id);
    }

    @Override
    public int hashCode() {
        return id.toLowerCase(Locale.ROOT).hashCode();
    }

    /** The ID as given. */
    @Override
    public String toString() {
        return id;
    }
}
