package io.arcml.k8s.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** What the cluster serves, from its API discovery: how arcml finds the InstanceType CRD, Volcano and Kubeflow. */
public final class ApiDiscovery {

    private ApiDiscovery() {}

    /** True when the cluster's API discovery lists the resource. */
    public static boolean served(KubernetesClient client, ResourceDefinitionContext resource) {
        return client.supports(resource.getGroup() + "/" + resource.getVersion(), resource.getKind());
    }
}
