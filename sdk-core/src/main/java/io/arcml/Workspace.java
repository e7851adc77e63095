package io.arcml;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An Azure ML workspace, reached through a {@link Transport}: Azure Resource Manager, the
 * embedded control plane, or a Kubernetes cluster directly. The workspace finds the ARM and
 * embedded transports by kind ({@link TransportFactory}), without naming their classes.
 *
 * <pre>{@code
 * Workspace ws = Workspace.local();                 // no Azure, no cluster
 * Map<String, ComputeTarget> targets = ComputeTarget.list(ws);
 * }</pre>
 *
 * Closing the workspace closes its control plane.
 */
public final class Workspace implements AutoCloseable {
    private final Transport controlPlane;

    private Workspace(Transport controlPlane) {
        this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
    }

    /** A workspace on any transport's control plane. */
    public static Workspace on(Transport controlPlane) {
        return new Workspace(controlPlane);
    }

    /**
     * A workspace on a new embedded control plane with ARM's semantics: attaches go through
     * {@code Creating} to {@code Succeeded} in about a second. For tests, build one with
     * {@code EmbeddedControlPlane.builder()} and pass it to {@link #on(Transport)}.
     */
    public static Workspace local() {
        return new Workspace(TransportFactory.create("embedded", new TransportSettings()));
    }

    /**
     * The Azure workspace named by {@code config.json}, found as the Python SDK's
     * {@code Workspace.from_config()} does: {@code .azureml/config.json} or {@code config.json} in
     * the working folder or one of its parents. Requests go to Azure Resource Manager with
     * azure-identity's {@code DefaultAzureCredential} (for example after {@code az login}).
     *
     * @throws ArcmlException when no config file is found, or azure-identity is not on the classpath
     */
    public static Workspace fromConfig() {
        return fromConfig(Path.of(""));
    }

    /**
     * As {@link #fromConfig()}, from a {@code config.json} file or the folder to start looking in.
     * For another credential or endpoint, use {@code Workspace.builder().configFile(path)...build()}.
     */
    public static Workspace fromConfig(Path path) {
        return builder().configFile(path).build();
    }

    /**
     * A builder for a workspace in Azure, reached through Azure Resource Manager:
     *
     * <pre>{@code
     * Workspace ws = Workspace.builder()
     *     .subscriptionId("<subscription>").resourceGroup("<group>").workspaceName("<workspace>")
     *     .credential(new DefaultAzureCredentialBuilder().build())
     *     .build();
     * }</pre>
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The control plane behind this workspace; the transport SPI's {@code ControlPlane.of(ws.controlPlane())}
     * gives it with its capabilities.
     */
    public Transport controlPlane() {
        return controlPlane;
    }

    /** Subscription, resource group and workspace name. */
    public WorkspaceId id() {
        return controlPlane.workspace();
    }

    /** The workspace name. */
    public String name() {
        return controlPlane.workspace().workspaceName();
    }

    /** The subscription ID. */
    public String subscriptionId() {
        return controlPlane.workspace().subscriptionId();
    }

    /** The resource group. */
    public String resourceGroup() {
        return controlPlane.workspace().resourceGroup();
    }

    /** The workspace's Azure region. */
    public String location() {
        return controlPlane.workspaceLocation();
    }

    /** Closes the control plane. */
    @Override
    public void close() {
        controlPlane.close();
    }

    @Override
    public String toString() {
        return "Workspace{" + controlPlane.workspace() + ", controlPlane=" + controlPlane.kind() + "}";
    }

    /**
     * Builds a {@link Workspace} on Azure Resource Manager (the {@code arm} transport). The
     * workspace is named by {@link #subscriptionId}, {@link #resourceGroup} and
     * {@link #workspaceName}, or by a {@link #configFile config.json}.
     */
    public static final class Builder {
        private final TransportSettings transportSettings = new TransportSettings();
        private String subscriptionId;
        private String resourceGroup;
        private String workspaceName;

        private Builder() {}

        /** The subscription ID. */
        public Builder subscriptionId(String subscriptionId) {
            this.subscriptionId = subscriptionId;
            return this;
        }

        /** The resource group. */
        public Builder resourceGroup(String resourceGroup) {
            this.resourceGroup = resourceGroup;
            return this;
        }

        /** The workspace name. */
        public Builder workspaceName(String workspaceName) {
            this.workspaceName = workspaceName;
            return this;
        }

        /** Reads subscription, resource group and workspace name from a {@code config.json} (or the folder to search from). */
        public Builder configFile(Path path) {
            WorkspaceId id = WorkspaceConfigFile.read(path);
            return subscriptionId(id.subscriptionId())
                    .resourceGroup(id.resourceGroup())
                    .workspaceName(id.workspaceName());
        }

        /** The credential; default azure-identity's {@code DefaultAzureCredential} when it is on the classpath. */
        public Builder credential(TokenCredential credential) {
            transportSettings.set(TransportSettings.CREDENTIAL, credential);
            return this;
        }

        /**
         * The management endpoint: default {@code https://management.azure.com}; a sovereign
         * cloud's; or plain {@code http://} on 127.0.0.1/localhost for a test emulator.
         */
        public Builder endpoint(String endpoint) {
            transportSettings.set(TransportSettings.ENDPOINT, endpoint);
            return this;
        }

        /** The HTTP client; default the JDK client with the standard proxy settings. */
        public Builder httpClient(HttpClient httpClient) {
            transportSettings.set(TransportSettings.HTTP_CLIENT, httpClient);
            return this;
        }

        /**
         * Any other setting of the ARM transport's builder (cloud, api-versions, retry, logging,
         * proxy), applied when the workspace is built:
         * {@code .configure(ArmControlPlaneBuilder.class, b -> b.computeApiVersion("2025-12-01"))}.
         *
         * @throws ValidationException from {@link #build()} when {@code builderType} is not the ARM transport's builder
         */
        public <B> Builder configure(Class<B> builderType, Consumer<? super B> settings) {
            transportSettings.configure(builderType, settings);
            return this;
        }

        /**
         * Checks the settings and builds the workspace; nothing is sent until it is used.
         *
         * @throws ValidationException naming the missing or invalid setting
         */
        public Workspace build() {
            WorkspaceId id = new WorkspaceId(subscriptionId, resourceGroup, workspaceName);
            return new Workspace(TransportFactory.create("arm", transportSettings.workspace(id)));
        }
    }
}
