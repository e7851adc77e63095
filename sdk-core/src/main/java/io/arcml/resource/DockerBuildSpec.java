package io.arcml.resource;

import io.arcml.internal.AssetReference;
import java.nio.file.Path;

/**
 * A Docker build context Azure ML builds a command's image from, as a control plane receives it.
 * The user API's {@code io.arcml.job.DockerBuild} converts with {@code toSpec()}.
 *
 * @param localContext the context folder on this machine, or {@code null} when the context is a URI
 * @param contextUri the context's URI, or {@code null} when it is a local folder
 * @param dockerfilePath the Dockerfile's path inside the context
 */
public record DockerBuildSpec(Path localContext, String contextUri, String dockerfilePath) {
    /** The Dockerfile's path when none is given. */
    public static final String DEFAULT_DOCKERFILE = "Dockerfile";

    /** The context (a URI without its query) and the Dockerfile when it is not the default one. */
    @Override
    public String toString() {
        return (localContext != null ? localContext.toString() : AssetReference.shown(contextUri))
                + (DEFAULT_DOCKERFILE.equals(dockerfilePath) ? "" : " (" + dockerfilePath + ")");
    }
}
