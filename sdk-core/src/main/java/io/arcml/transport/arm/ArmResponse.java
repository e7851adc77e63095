package io.arcml.transport.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One answer of Azure Resource Manager: status, headers and the JSON body ({@code null} when empty).
 *
 * @param statusCode the HTTP status
 * @param headers the response headers
 * @param body the parsed body, or {@code null}
 * @param receivedAtNanos when the answer arrived, in {@link System#nanoTime()} terms: the instant its
 *     {@code Retry-After} counts from
 */
record ArmResponse(int statusCode, HttpHeaders headers, JsonNode body, long receivedAtNanos) {

    /** A header's value, or {@code null}. */
    String header(String name) {
        return headers.getValue(HttpHeaderName.fromString(name));
    }

    /** The ID of the resource the body holds, or {@code path} when the body is empty or carries none. */
    String idOr(String path) {
        return body == null ? path : body.path("id").asText(path);
    }

    /** The {@code x-ms-request-id}, or {@code null}. */
    String requestId() {
        return header("x-ms-request-id");
    }

    /** The body's {@code properties.provisioningState}, or {@code null}. */
    String provisioningState() {
        JsonNode state = body == null ? null : body.path("properties").get("provisioningState");
        return state == null || !state.isTextual() ? null : state.asText();
    }

    /**
     * How long the service asked to wait: {@code retry-after-ms}, {@code x-ms-retry-after-ms}, or
     * {@code Retry-After} in seconds or as an HTTP date; {@code fallback} when none is given.
     */
    Duration retryAfter(Duration fallback) {
        Duration asked = retryAfter(headers);
        return asked != null ? asked : fallback;
    }

    /**
     * What is left now of the wait the service asked for ({@link #retryAfter(Duration)}), counted
     * from when the answer arrived: the time spent reading the answer and acting on it since then is
     * not waited twice.
     */
    Duration pauseLeft(Duration fallback) {
        Duration left = retryAfter(fallback).minusNanos(System.nanoTime() - receivedAtNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The delay a response's headers ask for, or {@code null}. */
    static Duration retryAfter(HttpHeaders headers) {
        for (String msHeader : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            String ms = headers.getValue(HttpHeaderName.fromString(msHeader));
            if (ms != null) {
                try {
                    return Duration.ofMillis(Math.max(0, Long.parseLong(ms.trim())));
                } catch (NumberFormatException ignored) {
                    // fall through to Retry-After
                }
            }
        }
        String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        OffsetDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
