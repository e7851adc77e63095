package io.arcml.transport.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.internal.Json;

/**
 * An environment version of Azure ML ({@code workspaces/environments/<name>/versions/<version>}),
 * bound with Jackson: the body that registers one from an image (and conda file) or from a Docker
 * build context, and the version read back to compare with a job's. {@link #read(JsonNode)} is its
 * one reader; the factories are its writers.
 *
 * @param properties the version's properties, or {@code null} when a response carries none
 */
record EnvironmentJson(Properties properties) {

    /**
     * An environment version's properties.
     *
     * @param image the image, or {@code null} when it is built
     * @param condaFile the conda file's text, or {@code null}
     * @param build the Docker context Azure ML builds the image from, or {@code null}
     * @param osType {@code Linux}
     * @param isAnonymous {@code true} for the CLI's inline environments, else {@code null}
     * @param description free text, or {@code null}
     */
    @JsonPropertyOrder({"image", "condaFile", "build", "osType", "isAnonymous", "description"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(
            String image,
            String condaFile,
            Build build,
            String osType,
            @JsonProperty("isAnonymous") Boolean isAnonymous,
            String description) {}

    /**
     * A Docker build context.
     *
     * @param contextUri where the context is
     * @param dockerfilePath the Dockerfile's path in it, or {@code null} for {@code Dockerfile}
     */
    @JsonPropertyOrder({"contextUri", "dockerfilePath"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Build(String contextUri, String dockerfilePath) {}

    /** An environment of an image and conda file ({@code ""} for none), anonymous as the CLI registers an inline one, else described. */
    static EnvironmentJson ofImage(String image, String condaFile, boolean anonymous) {
        return new EnvironmentJson(new Properties(
                image,
                condaFile.isEmpty() ? null : condaFile,
                null,
                "Linux",
                anonymous ? Boolean.TRUE : null,
                anonymous
                        ? null
                        : "The image " + image + (condaFile.isEmpty() ? "" : " with a conda file")
                                + ", registered for arcml jobs"));
    }

    /** An environment Azure ML builds from a Docker context; anonymous as the CLI registers an inline one. */
    static EnvironmentJson ofBuild(String contextUri, String dockerfilePath, boolean anonymous) {
        return new EnvironmentJson(new Properties(
                null, null, new Build(contextUri, dockerfilePath), "Linux", anonymous ? Boolean.TRUE : null, null));
    }

    /** An environment version as GET answers it; unknown keys are ignored. */
    static EnvironmentJson read(JsonNode body) {
        EnvironmentJson read = Json.mapper().convertValue(body, EnvironmentJson.class);
        return read.properties() == null
                ? new EnvironmentJson(new Properties(null, null, null, null, null, null))
                : read;
    }

    /** The body as a tree, for the client. */
    JsonNode toTree() {
        return Json.mapper().valueToTree(this);
    }
}
