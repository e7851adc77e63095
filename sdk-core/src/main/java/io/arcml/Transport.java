package io.arcml;

/**
 * What a {@link Workspace} is reached through: Azure Resource Manager, the embedded control plane,
 * or a Kubernetes cluster directly. Every transport's control plane is one (the transport SPI's
 * {@code io.arcml.transport.ControlPlane} extends it); the API reaches the plane's capabilities
 * from the SPI side, so that this package, which every other one uses, depends on none of them.
 *
 * <pre>{@code
 * Workspace ws = Workspace.on(KubernetesControlPlane.connect(client));
 * }</pre>
 */
public interface Transport extends AutoCloseable {

    /** A short name for messages and {@code toString()}: {@code embedded}, {@code arm}, {@code kubernetes}. */
    String kind();

    /** The workspace this transport serves. */
    WorkspaceId workspace();

    /** The workspace's Azure region; attached computes take it as their location. */
    String workspaceLocation();

    /** Releases connections and threads; the default has none. */
    @Override
    default void close() {}
}
