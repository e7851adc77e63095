package io.arcml.transport.local;

import io.arcml.transport.embedded.EmbeddedControlPlane;

/**
 * The embedded control plane's former name, kept so that {@code LocalControlPlane.builder()...build()}
 * still compiles.
 *
 * @deprecated use {@link EmbeddedControlPlane} (package {@code io.arcml.transport.embedded}), or {@code Workspace.local()}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class LocalControlPlane {

    private LocalControlPlane() {}

    /**
     * A builder of the embedded control plane.
     *
     * @deprecated use {@link EmbeddedControlPlane#builder()}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static EmbeddedControlPlane.Builder builder() {
        return EmbeddedControlPlane.builder();
    }
}
