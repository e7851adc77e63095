package io.arcml.transport;

import io.arcml.resource.ExtensionResource;
import io.arcml.resource.ExtensionSpec;

/**
 * Installing and removing cluster extensions: {@code az k8s-extension create/delete}. Only a
 * control plane that speaks for Azure offers it (Azure Resource Manager, the embedded control plane).
 */
public interface ExtensionInstalls {

    /** Installs (or updates) an extension on a cluster. */
    Accepted<ExtensionResource> beginCreateExtension(String clusterId, String name, ExtensionSpec spec);

    /** Uninstalls an extension; {@code force} removes it from Azure even when the cluster cannot be reached. */
    LongRunningOperation beginDeleteExtension(String clusterId, String name, boolean force);
}
