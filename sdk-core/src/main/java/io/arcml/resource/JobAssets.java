package io.arcml.resource;

import io.arcml.internal.Arguments;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job body names once a control plane has placed a command's assets: the compute's ID, the
 * environment's and the code's IDs, and the URI of each data input ({@code azureml:<name>:<version>}
 * as its resource ID, a local folder as the datastore URI it was uploaded to). The job body's writer
 * ({@link CommandJobJson#of(CommandSpec, JobAssets)}) builds the body with them; {@link #NONE} is the
 * body as the user wrote it.
 *
 * @param computeId the compute's resource ID, or {@code null}
 * @param environmentId the environment version's resource ID, or {@code null}
 * @param codeId the code version's resource ID, or {@code null} for the one the command names
 * @param inputUris the resolved URI of each data input, by name; an input not listed keeps its path as given
 */
public record JobAssets(String computeId, String environmentId, String codeId, Map<String, String> inputUris) {
    /** No asset placed: the body as the user wrote it. */
    public static final JobAssets NONE = new JobAssets(null, null, null, Map.of());

    /** Canonical constructor: the URIs are copied in their order; {@code null} is none. */
    public JobAssets {
        inputUris = inputUris == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputUris));
    }

    /** The URI of data input {@code name}: the resolved one, else the path as given. */
    String inputUri(String name, InputSpec input) {
        Arguments.nonNull(name, "name");
        Arguments.nonNull(input, "input");
        return inputUris.getOrDefault(name, input.path());
    }
}
