package io.arcml.resource;

import io.arcml.internal.AssetReference;
import java.nio.file.Path;

/**
 * A Docker build context Azure ML builds a command's image from, as a control plane receives it.
 * The user API's {@code io.arcml.job.DockerBuild} converts with {@code toSpec()}.
 *
 * @param localContext the context folder on this machine, or {@code null} when the context is a URI
 * @param contextUri the context's URI, or {@code null} when it is a local folder
 * @param givenDockerfilePath the Dockerfile's path inside the context as given, or {@code null} for the default
 */
public record DockerBuildSpec(Path localContext, String contextUri, String givenDockerfilePath) {
    /** The Dockerfile's path when none is given. */
    public static final String DEFAULT_DOCKERFILE = "Dockerfile";

    /** The Dockerfile's path inside the context: the one given, else {@value #DEFAULT_DOCKERFILE}. */
    public String dockerfilePath() {
        return givenDockerfilePath == null ? DEFAULT_DOCKERFILE : givenDockerfilePath;
    }

    /** Whether a Dockerfile path was given (the CLI sends none when it was not). */
    public boolean dockerfilePathGiven() {
        return givenDockerfilePath != null;
    }

    /** The context (a URI without its query) and the Dockerfile when one is given. */
    @Override
    public String toString() {
        return (localContext != null ? localContext.toString() : AssetReference.shown(contextUri))
                + (givenDockerfilePath == null ? "" : " (" + givenDockerfilePath + ")");
    }
}
