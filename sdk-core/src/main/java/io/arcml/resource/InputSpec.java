package io.arcml.resource;

import io.arcml.internal.Arguments;
import io.arcml.internal.AssetReference;
import java.nio.file.Path;
import java.util.Map;

/**
 * A data or model input of a command, as a control plane receives it. The user API's
 * {@code io.arcml.job.JobInput} converts with {@code toSpec()}.
 *
 * @param type the input's type in Azure ML's words, e.g. {@code uri_folder} or {@code mlflow_model}
 * @param assetKind the assets such an input names: {@code data} or {@code models}
 * @param path where the data is, as given (for a local input, the local path's text)
 * @param localPath the file or folder on this machine to upload, or {@code null}
 * @param mode how Azure ML delivers it, in its REST words ({@code ReadOnlyMount}, ...), or {@code null} for its default
 */
public record InputSpec(String type, String assetKind, String path, Path localPath, String mode) {

    /** The input in Azure ML's REST shape with {@code uri} as its location: {@code jobInputType}, {@code uri}, {@code mode} ({@link JobJson.Input}). */
    public Map<String, Object> serialize(String uri) {
        return JobJson.map(JobJson.Input.of(this, Arguments.nonNull(uri, "uri")));
    }

    /** The type and the location, a URI without its query. */
    @Override
    public String toString() {
        return type
                + (localPath == null ? " " + AssetReference.shown(path) : " local " + path)
                + (mode == null ? "" : " (" + mode + ")");
    }
}
