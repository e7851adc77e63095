package io.arcml.transport.arm;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.GenericResource;
import io.arcml.ErrorDetail;
import io.arcml.compute.ClusterResourceId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a cluster an attach or an extension install names exists, through
 * azure-resourcemanager-resources' generic-resources API (one GET of the cluster resource), and
 * reads its region. A cluster found is remembered for the life of the control plane, so that only
 * the first write naming it pays the request.
 */
final class ClusterLookup {
    /** The api-version of {@code Microsoft.ContainerService/managedClusters} reads. */
    static final String AKS_API_VERSION = "2024-09-01";
    /** The api-version of {@code Microsoft.Kubernetes/connectedClusters} reads. */
    static final String ARC_API_VERSION = "2024-01-01";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterLookup.class);

    private final ResourceManager resources;
    private final Map<ClusterResourceId, String> locations = new ConcurrentHashMap<>();

    ClusterLookup(ResourceManager resources) {
        this.resources = resources;
    }

    /**
     * The cluster's region, read on first use.
     *
     * @throws ArmException naming the cluster and how to list the clusters when it does not exist,
     *                      or with ARM's error when it cannot be read
     */
    String location(ClusterResourceId cluster) {
        String known = locations.get(cluster);
        if (known != null) {
            return known;
        }
        GenericResource read;
        try {
            // The library puts the ID after the endpoint's "/": without its own leading slash, the path is not
            // "//subscriptions/..".
            read = resources
                    .genericResources()
                    .getById(
                            cluster.toString().substring(1),
                            cluster.kind() == ClusterResourceId.Kind.AKS ? AKS_API_VERSION : ARC_API_VERSION);
        } catch (HttpResponseException e) {
            throw failure(cluster, e);
        }
        String location = read.regionName();
        locations.put(cluster, location);
        LOG.debug("Cluster {} exists, in {}", cluster.clusterName(), location);
        return location;
    }

    private static ArmException failure(ClusterResourceId cluster, HttpResponseException e) {
        int status = e.getResponse() == null
                ? ArmException.NO_RESPONSE
                : e.getResponse().getStatusCode();
        String requestId =
                e.getResponse() == null ? null : e.getResponse().getHeaders().getValue(HttpHeaderName.X_MS_REQUEST_ID);
        ErrorDetail error;
        if (status == 404) {
            String list = cluster.kind() == ClusterResourceId.Kind.AKS
                    ? "az aks list --query \"[].id\""
                    : "az connectedk8s list --query \"[].id\"";
            error = new ErrorDetail(
                    "ClusterNotFound",
                    (cluster.kind() == ClusterResourceId.Kind.AKS ? "AKS" : "Azure Arc-enabled")
                            + " cluster '" + cluster.clusterName() + "' was not found in resource group "
                            + cluster.resourceGroup()
                            + " of subscription " + cluster.subscriptionId()
                            + ". Check the resource ID; list the clusters with " + list,
                    cluster.toString(),
                    List.of());
        } else {
            ManagementError value = e instanceof ManagementException management ? management.getValue() : null;
            error = value == null
                    ? ErrorDetail.of("HttpStatus" + status, e.getMessage())
                    : new ErrorDetail(value.getCode(), value.getMessage(), value.getTarget(), List.of());
        }
        return new ArmException(status, error, null, "GET", cluster.toString(), requestId, e);
    }
}
