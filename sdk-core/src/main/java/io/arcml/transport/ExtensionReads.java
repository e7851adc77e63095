package io.arcml.transport;

import io.arcml.resource.ExtensionResource;
import java.util.List;
import java.util.Optional;

/**
 * Reading cluster extensions: {@code az k8s-extension show/list}. Azure Resource Manager and the
 * embedded control plane read Azure's record; the cluster transport reads the extension's pods.
 */
public interface ExtensionReads {

    /** Reads one extension of a cluster; empty when there is none of that name. */
    Optional<ExtensionResource> getExtension(String clusterId, String name);

    /** Lists the extensions installed on a cluster. */
    List<ExtensionResource> listExtensions(String clusterId);
}
