package io.arcml.k8s.reliability;

import io.arcml.k8s.CrudMockCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * The reliability tests' {@link CrudMockCluster}: the namespace {@value #NS}, the cluster ID
 * {@value #AKS} they attach, and the server and client as fields.
 */
final class MockApiServer implements AutoCloseable {
    static final String NS = "amlarc-testing";
    static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

    private final CrudMockCluster cluster = new CrudMockCluster(NS);
    final KubernetesMockServer server = cluster.server();
    final KubernetesClient client = cluster.client();

    @Override
    public void close() {
        cluster.close();
    }
}
