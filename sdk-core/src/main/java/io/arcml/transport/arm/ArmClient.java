package io.arcml.transport.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arcml.ArcmlException;
import io.arcml.ErrorDetail;
import io.arcml.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to Azure Resource Manager through the azure-core pipeline (user agent, request
 * ID, retry, token, logging) and turns every answer that is not a success into an {@link ArmException}.
 */
final class ArmClient {
    private static final Logger LOG = LoggerFactory.getLogger(ArmClient.class);
    static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_ERROR_TEXT = 300;
    private static final HttpHeaderName REQUEST_ID = HttpHeaderName.fromString("x-ms-request-id");

    private final HttpPipeline pipeline;
    private final URI endpoint;

    ArmClient(HttpPipeline pipeline, URI endpoint) {
        this.pipeline = pipeline;
        this.endpoint = endpoint;
    }

    /** The pipeline requests are sent through. */
    HttpPipeline pipeline() {
        return pipeline;
    }

    /** The URL of an ARM path with its {@code api-version} and further {@code name=value} query pairs. */
    String url(String path, String apiVersion, String... query) {
        StringBuilder sb = new StringBuilder(endpoint.toString().replaceAll("/+$", ""))
                .append(path)
                .append("?api-version=")
                .append(encode(apiVersion));
        for (int i = 0; i + 1 < query.length; i += 2) {
            sb.append('&').append(encode(query[i])).append('=').append(encode(query[i + 1]));
        }
        return sb.toString();
    }

    /**
     * A URL the service handed out (an operation status URL, a {@code nextLink}), resolved
     * against the endpoint when relative; {@code api-version} is added when it lacks one.
     */
    String serviceUrl(String url, String apiVersion) {
        String resolved = endpoint.resolve(url.trim()).toString();
        return resolved.contains("api-version=")
                ? resolved
                : resolved + (resolved.contains("?") ? "&" : "?") + "api-version=" + encode(apiVersion);
    }

    /** Sends a bodiless request; a non-success status throws. */
    ArmResponse send(HttpMethod method, String url) {
        return send(method, url, null, null, false);
    }

    /** Sends a bodiless request with the caller's {@link Context}; a non-success status throws. */
    ArmResponse send(HttpMethod method, String url, Context context) {
        return send(method, url, null, null, false, context);
    }

    /**
     * Sends a request (with a JSON body, or none when {@code null}) whose answer carries secrets (a datastore's keys) and returns that
     * answer: the pipeline's policies, logging included, see it withheld ({@link ProtectedBodyPolicy}).
     */
    JsonNode sendForSecrets(HttpMethod method, String url, JsonNode body) {
        AtomicReference<String> secrets = new AtomicReference<>();
        send(method, url, body, null, false, Context.NONE.addData(ProtectedBodyPolicy.SECRET_RESPONSE_KEY, secrets));
        try {
            return JSON.readTree(secrets.get() == null || secrets.get().isBlank() ? "{}" : secrets.get());
        } catch (JsonProcessingException e) {
            // The text may hold secrets: it stays out of the message.
            throw new ArmException(
                    200,
                    ErrorDetail.of(
                            "InvalidResponseContent", "The answer to " + method + " " + pathOf(url) + " is not JSON"),
                    null,
                    method.toString(),
                    pathOf(url),
                    null,
                    null);
        }
    }

    /** Sends a bodiless request; 404 is returned instead of thrown. */
    ArmResponse sendAllowingNotFound(HttpMethod method, String url) {
        return send(method, url, null, null, true);
    }

    /**
     * Sends a JSON body. {@code loggedBody} is the same body with secrets masked: it is what the
     * logging policy sees; {@link ProtectedBodyPolicy} swaps the real body in after logging.
     */
    ArmResponse send(HttpMethod method, String url, JsonNode body, JsonNode loggedBody) {
        return send(method, url, body, loggedBody, false);
    }

    private ArmResponse send(HttpMethod method, String url, JsonNode body, JsonNode loggedBody, boolean allowNotFound) {
        return send(method, url, body, loggedBody, allowNotFound, Context.NONE);
    }

    private ArmResponse send(
            HttpMethod method,
            String url,
            JsonNode body,
            JsonNode loggedBody,
            boolean allowNotFound,
            Context callerContext) {
        HttpRequest request = new HttpRequest(method, url);
        Context context = callerContext;
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(BinaryData.fromString((loggedBody != null ? loggedBody : body).toString()));
            if (loggedBody != null) {
                context = context.addData(ProtectedBodyPolicy.CONTEXT_KEY, BinaryData.fromString(body.toString()));
            }
        }
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        String path = pathOf(url);
        LOG.debug("{} {}", method, path);
        try (HttpResponse response = pipeline.sendSync(request, context)) {
            long received = System.nanoTime();
            int status = response.getStatusCode();
            String text = response.getBodyAsBinaryData() == null
                    ? ""
                    : response.getBodyAsBinaryData().toString();
            if (status >= 200 && status < 300) {
                return new ArmResponse(
                        status, response.getHeaders(), parse(text, status, method, path, response), received);
            }
            if (status == 404 && allowNotFound) {
                return new ArmResponse(status, response.getHeaders(), null, received);
            }
            throw failure(status, text, method, path, response);
        } catch (RuntimeException e) {
            if (e instanceof ArcmlException || !isConnectionFailure(e)) {
                throw e;
            }
            // Connection refused, reset or timed out after the pipeline's own retries: no response to read.
            throw new ArmException(
                    ArmException.NO_RESPONSE,
                    ErrorDetail.of("ConnectionFailed", "No response from " + endpoint.getHost() + ": " + e),
                    null,
                    method.toString(),
                    path,
                    null,
                    e);
        }
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String text, int status, HttpMethod method, String path, HttpResponse response) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ArmException(
                    status,
                    ErrorDetail.of(
                            "InvalidResponseContent",
                            "The response is not valid JSON (" + e.getOriginalMessage()
                                    + "). A proxy in the way may have answered instead of Azure Resource Manager"),
                    null,
                    method.toString(),
                    path,
                    response.getHeaders().getValue(REQUEST_ID),
                    e);
        }
    }

    private static ArmException failure(
            int status, String text, HttpMethod method, String path, HttpResponse response) {
        JsonNode body = null;
        try {
            body = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            LOG.debug("The error response of {} {} is not JSON", method, path);
        }
        ErrorDetail error = ArmErrors.read(body);
        error = error == null ? null : ArmErrors.withRegistrationFix(error);
        ManagementError managementError = ArmErrors.readManagementError(body);
        if (error == null) {
            String snippet = text == null ? "" : text.strip();
            error = ErrorDetail.of(
                    defaultCode(status),
                    snippet.length() > MAX_ERROR_TEXT ? snippet.substring(0, MAX_ERROR_TEXT) + "..." : snippet);
            managementError = new ManagementError(error.code(), error.message());
        }
        URL url = response.getRequest().getUrl();
        ManagementException cause = new ManagementException(
                method + " " + path + " failed: status " + status,
                new ArmErrorResponse(
                        method,
                        url.getProtocol() + "://" + url.getAuthority() + path,
                        status,
                        response.getHeaders(),
                        text),
                managementError);
        return new ArmException(
                status,
                error,
                ArmResponse.retryAfter(response.getHeaders()),
                method.toString(),
                path,
                response.getHeaders().getValue(REQUEST_ID),
                cause);
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "AuthenticationFailed";
            case 403 -> "AuthorizationFailed";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            default -> status >= 500 ? "InternalServerError" : "HttpStatus" + status;
        };
    }

    /** The path of a URL, without host and query: operation URLs carry signatures in their query. */
    static String pathOf(String url) {
        int q = url.indexOf('?');
        String withoutQuery = q < 0 ? url : url.substring(0, q);
        int scheme = withoutQuery.indexOf("://");
        int slash = scheme < 0 ? 0 : withoutQuery.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : withoutQuery.substring(slash);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
