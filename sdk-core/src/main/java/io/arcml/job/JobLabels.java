package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.resource.LabelsSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person reads about a job in Azure ML studio, beside its name: a display name, a
 * description, tags and properties (Azure ML's {@code display_name}, {@code description},
 * {@code tags}, {@code properties}). Immutable; start from {@link #none()} and add:
 *
 * <pre>{@code
 * JobLabels labels = JobLabels.none().displayName("MNIST, 2 GPUs").description("Baseline run")
 *     .tag("team", "vision");
 * CommandJob job = CommandJob.builder()...labels(labels).build();
 * }</pre>
 *
 * @param displayName the name shown in the studio, or {@code null} for the job's name
 * @param description free text, or {@code null}
 * @param tags string tags (values may be empty)
 * @param properties string properties, which Azure ML keeps immutable after creation
 */
public record JobLabels(
        String displayName, String description, Map<String, String> tags, Map<String, String> properties) {
    private static final JobLabels NONE = new JobLabels(null, null, Map.of(), Map.of());

    /** Checks the keys and values, and keeps the maps in their order, unmodifiable. */
    public JobLabels {
        tags = checked("tags", tags);
        properties = checked("properties", properties);
        if (displayName != null && displayName.isBlank()) {
            throw new ValidationException(
                    "display_name",
                    displayName,
                    "is blank",
                    "Give a display name, or leave it out to show the job's name");
        }
    }

    /** No labels: the studio shows the job's name. */
    public static JobLabels none() {
        return NONE;
    }

    /** A copy with this display name. */
    public JobLabels displayName(String name) {
        return new JobLabels(name, description, tags, properties);
    }

    /** A copy with this description. */
    public JobLabels description(String text) {
        return new JobLabels(displayName, text, tags, properties);
    }

    /** A copy with this tag added (or replaced); a {@code null} value is kept as an empty one. */
    public JobLabels tag(String key, String value) {
        Arguments.nonNull(key, "key");
        return new JobLabels(displayName, description, with(tags, key, value), properties);
    }

    /** A copy with this property added (or replaced); a {@code null} value is kept as an empty one. */
    public JobLabels property(String key, String value) {
        Arguments.nonNull(key, "key");
        return new JobLabels(displayName, description, tags, with(properties, key, value));
    }

    /** Writes the labels into a job's REST {@code properties}: {@code displayName} (or {@code name}), {@code description}, {@code tags}, {@code properties}. */
    public void putRest(Map<String, Object> rest, String name) {
        toSpec().putRest(rest, name);
    }

    /** The labels as the transport SPI takes them. */
    public LabelsSpec toSpec() {
        return new LabelsSpec(displayName, description, tags, properties);
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> checked(String field, Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k == null || k.isBlank()) {
                throw new ValidationException(field, k, "has a blank key", "Give every entry a key");
            }
            copy.put(k, v == null ? "" : v);
        });
        return Collections.unmodifiableMap(copy);
    }
}
