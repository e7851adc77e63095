package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.resource.DockerBuildSpec;
import java.nio.file.Path;

/**
 * A Docker build context Azure ML builds a job's image from (the CLI's {@code environment: build:}):
 * a folder on this machine, uploaded on submit, or one already in storage ({@code https://} or
 * {@code azureml://}), with the Dockerfile's path inside it ({@code Dockerfile} by default).
 * Immutable. Azure only.
 */
public final class DockerBuild {
    private static final String DEFAULT_DOCKERFILE = DockerBuildSpec.DEFAULT_DOCKERFILE;

    private final Path localContext;
    private final String contextUri;
    /** {@code null} when not given: Azure ML then reads {@value #DEFAULT_DOCKERFILE}. */
    private final String dockerfilePath;

    private DockerBuild(Path localContext, String contextUri, String dockerfilePath) {
        this.localContext = localContext;
        this.contextUri = contextUri;
        this.dockerfilePath = dockerfilePath;
    }

    /** A context folder on this machine, uploaded to the workspace's {@code workspaceblobstore} datastore on submit. */
    public static DockerBuild local(Path folder) {
        return new DockerBuild(Arguments.nonNull(folder, "folder"), null, null);
    }

    /** A context already in storage: an {@code https://} or {@code azureml://} URI Azure ML reads; nothing is uploaded. */
    public static DockerBuild remote(String contextUri) {
        Arguments.nonNull(contextUri, "contextUri");
        if (!contextUri.startsWith("https://") && !contextUri.startsWith("azureml://")) {
            throw new ValidationException(
                    "environment.build.path",
                    contextUri,
                    "is not a URI Azure ML reads a build context from",
                    "Give an https:// or azureml:// URI, or a local folder with DockerBuild.local(..)");
        }
        return new DockerBuild(null, contextUri, null);
    }

    /** A copy with the Dockerfile at {@code path}, relative to the context's root. */
    public DockerBuild dockerfilePath(String path) {
        Arguments.nonNull(path, "path");
        if (path.isBlank() || path.startsWith("/") || path.contains("..")) {
            throw new ValidationException(
                    "environment.build.dockerfile_path",
                    path,
                    "is not a path inside the build context",
                    "Give the Dockerfile's path relative to the context's root, e.g. Dockerfile or docker/train.Dockerfile");
        }
        return new DockerBuild(localContext, contextUri, path);
    }

    /** The context folder on this machine, or {@code null} when the context is a URI. */
    public Path localContext() {
        return localContext;
    }

    /** The context's URI, or {@code null} when the context is a local folder. */
    public String contextUri() {
        return contextUri;
    }

    /** The Dockerfile's path inside the context ({@value #DEFAULT_DOCKERFILE} unless another was given). */
    public String dockerfilePath() {
        return dockerfilePath == null ? DEFAULT_DOCKERFILE : dockerfilePath;
    }

    /**
     * Whether the Dockerfile's path was given ({@link #dockerfilePath(String)}, YAML {@code
     * dockerfile_path}), even as {@value #DEFAULT_DOCKERFILE}: the Azure ML CLI versions an
     * environment built from a context by it.
     */
    public boolean dockerfilePathGiven() {
        return dockerfilePath != null;
    }

    @Override
    public String toString() {
        return toSpec().toString();
    }

    /** The build as the transport SPI takes it. */
    public DockerBuildSpec toSpec() {
        return new DockerBuildSpec(localContext, contextUri, dockerfilePath);
    }
}
