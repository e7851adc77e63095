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
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ARM's error JSON ({@code {"error": {code, message, target, details, additionalInfo}}},
 * common-types v3) into arcml's transport-neutral {@link ErrorDetail} and into azure-core-management's
 * {@link ManagementError}, from the same error object.
 */
final class ArmErrors {
    /** ARM's error code for a subscription not registered for a resource provider. */
    static final String MISSING_REGISTRATION = "MissingSubscriptionRegistration";

    private static final Pattern QUOTED_NAMESPACE = Pattern.compile("namespace '([A-Za-z0-9.]+)'");

    private ArmErrors() {}

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

    /**
     * The resource provider namespace of a {@code MissingSubscriptionRegistration} error body: the
     * error's or a detail's {@code target}, else the namespace quoted in the message; {@code null}
     * for any other body.
     */
    static String missingRegistrationNamespace(String body) {
        JsonNode error;
        try {
            error = body == null || body.isBlank() ? null : errorObject(ArmClient.JSON.readTree(body));
        } catch (IOException notJson) {
            return null;
        }
        return error == null ? null : missingRegistrationNamespace(detail(error));
    }

    /** {@link #missingRegistrationNamespace(String)} of an error already read. */
    static String missingRegistrationNamespace(ErrorDetail error) {
        if (!MISSING_REGISTRATION.equalsIgnoreCase(error.code())) {
            return null;
        }
        if (error.target() != null && !error.target().isBlank()) {
            return error.target();
        }
        for (ErrorDetail d : error.details()) {
            if (d.target() != null && !d.target().isBlank()) {
                return d.target();
            }
        }
        Matcher quoted = QUOTED_NAMESPACE.matcher(error.message());
        return quoted.find() ? quoted.group(1) : null;
    }

    /**
     * The error with the fix appended when it is a {@code MissingSubscriptionRegistration}: the
     * {@code az provider register} command, and for arcml's own providers the builder setting that
     * registers them.
     */
    static ErrorDetail withRegistrationFix(ErrorDetail error) {
        String namespace = missingRegistrationNamespace(error);
        if (namespace == null) {
            return error;
        }
        String fix = " Register it with 'az provider register --namespace " + namespace
                + "' (it needs the subscription's Contributor "
                + "role)"
                + (ArmProviderRegistrationPolicy.NAMESPACES.contains(namespace.toLowerCase(Locale.ROOT))
                        ? ", or let arcml register it: leave ArmControlPlane.builder().providerRegistration(true), the default"
                        : "");
        return new ErrorDetail(error.code(), error.message() + fix, error.target(), error.details());
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
        return new ErrorDetail(
                code.isEmpty() ? "Unknown" : code,
                node.path("message").asText(""),
                node.hasNonNull("target") ? node.get("target").asText() : null,
                details);
    }
}
