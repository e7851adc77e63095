package io.arcml.transport.arm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.internal.Json;
import java.util.Map;

/**
 * A job of Azure ML ({@code workspaces/jobs/<name>}) as PUT and GET answer it, bound with Jackson:
 * what arcml reads of it, unknown keys ignored, and the envelope of the body that creates it.
 * {@link #read(JsonNode)} is its one reader.
 *
 * @param properties the job's properties, or {@code null} when the answer carries none
 */
record ArmJobJson(Properties properties) {
    private static final Properties NONE = new Properties(null, null, null, null, null);

    /**
     * What arcml reads of a job's properties.
     *
     * @param status Azure ML's status word ({@code Running}, {@code Completed}, ...), or {@code null}
     * @param displayName the name shown in the studio, or {@code null}
     * @param computeId the compute's resource ID, or {@code null}
     * @param properties the run's own properties, where {@code StartTimeUtc} and {@code EndTimeUtc} are
     * @param services the job's services by name, of which {@code Studio} links the job in Azure ML studio
     */
    record Properties(
            String status,
            String displayName,
            String computeId,
            Map<String, Object> properties,
            Map<String, Service> services) {

        /** A property of the run as text, or {@code null} when absent or not text. */
        String runProperty(String name) {
            Object value = properties == null ? null : properties.get(name);
            return value instanceof String text ? text : null;
        }

        /** The job's link in Azure ML studio, or {@code ""} when the answer has none. */
        String studioEndpoint() {
            Service studio = services == null ? null : services.get("Studio");
            return studio == null || studio.endpoint() == null ? "" : studio.endpoint();
        }
    }

    /**
     * A service of a job.
     *
     * @param endpoint its URL, or {@code null}
     */
    record Service(@JsonProperty("endpoint") String endpoint) {}

    /**
     * The body that creates a job: its properties, one of the job bodies ({@code CommandJobJson},
     * {@code SweepJobJson}, {@code PipelineJobJson}).
     *
     * @param properties the job's properties
     */
    record Request(Object properties) {}

    /** A job as PUT or GET answered it; an empty answer reads as a job with nothing set. */
    static Properties read(JsonNode body) {
        if (body == null) {
            return NONE;
        }
        ArmJobJson job = Json.mapper().convertValue(body, ArmJobJson.class);
        return job.properties() == null ? NONE : job.properties();
    }
}
