package io.arcml.transport.arm;

import com.azure.core.management.exception.ManagementError;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ErrorDetail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ARM's error JSON ({@code {"error": {code, message, target, details, additionalInfo}}},
 * common-types v3) into arcml's transport-neutral {@link ErrorDetail} and into azure-core-management's
 * {@link ManagementError}, from the same error object.
 */
final class ArmErrors {
    private ArmErrors() {
    }

    /**
     * The error of an error response or an operation status body: {@code error}, the older double
     * nesting {@code error.error}, or a bare {@code {code, message}}; {@code null} when there is none.
     */
    static ErrorDetail read(JsonNode body) {
        JsonNode error = errorObject(body);
        return error == null ? null : detail(error);
    }

    /**
     * The same error as {@link #read(JsonNode)}, as azure-core-management reads it (with
     * {@code additionalInfo}); {@code null} when there is none.
     */
    static ManagementError readManagementError(JsonNode body) {
        JsonNode error = errorObject(body);
        if (error == null) {
            return null;
        }
        try (JsonReader reader = JsonProviders.createReader(error.toString())) {
            return ManagementError.fromJson(reader);
        } catch (IOException e) {
            // The text is Jackson's own rendering of a JSON object: it always reads back.
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode errorObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode error = body.get("error");
        if (error != null && error.isObject()) {
            JsonNode nested = error.get("error");
            return nested != null && nested.isObject() ? nested : error;
        }
        return body.hasNonNull("code") ? body : null;
    }

    /** The compute's {@code provisioningErrors}: a list of {@code {"error": {...}}}. */
    static List<ErrorDetail> readAll(JsonNode errors) {
        List<ErrorDetail> out = new ArrayList<>();
        if (errors != null && errors.isArray()) {
            for (JsonNode e : errors) {
                ErrorDetail d = read(e);
                if (d != null) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    private static ErrorDetail detail(JsonNode node) {
        List<ErrorDetail> details = new ArrayList<>();
        JsonNode nested = node.get("details");
        if (nested != null && nested.isArray()) {
            for (JsonNode d : nested) {
                if (d.isObject()) {
                    details.add(detail(d));
                }
            }
        }
        String code = node.path("code").asText("");
        return new ErrorDetail(code.isEmpty() ? "Unknown" : code, node.path("message").asText(""),
                node.hasNonNull("target") ? node.get("target").asText() : null, details);
    }
}
