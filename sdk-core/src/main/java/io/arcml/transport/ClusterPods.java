package io.arcml.transport;

import io.arcml.resource.ExtensionPod;
import java.util.List;

/**
 * Seeing inside the cluster: the how-to's {@code kubectl get pods -n azureml} check. Azure Resource
 * Manager does not offer it (it cannot see pods); the cluster transport and the embedded control
 * plane do.
 */
public interface ClusterPods {

    /** The pods in the extension's release namespace. */
    List<ExtensionPod> extensionPods(String clusterId, String releaseNamespace);
}
