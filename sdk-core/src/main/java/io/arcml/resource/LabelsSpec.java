package io.arcml.resource;

import io.arcml.internal.Arguments;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person reads about a job in Azure ML studio, as a control plane receives it. The user
 * API's {@code io.arcml.job.JobLabels} converts with {@code toSpec()}.
 *
 * @param displayName the name shown in the studio, or {@code null} for the job's name
 * @param description free text, or {@code null}
 * @param tags string tags
 * @param properties string properties
 */
public record LabelsSpec(
        String displayName, String description, Map<String, String> tags, Map<String, String> properties) {
    /** No labels. */
    public static final LabelsSpec NONE = new LabelsSpec(null, null, Map.of(), Map.of());

    /** Canonical constructor: keeps the maps in their order, unmodifiable; {@code null} is none. */
    public LabelsSpec {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Writes the labels into a job's REST {@code properties}: {@code displayName} (or {@code name}), {@code description}, {@code tags}, {@code properties} ({@link JobJson.Labels}). */
    public void putRest(Map<String, Object> rest, String name) {
        Arguments.nonNull(rest, "rest");
        rest.putAll(JobJson.map(JobJson.Labels.of(this, Arguments.nonNull(name, "name"))));
    }
}
