package io.arcml.transport.arm;

import io.arcml.ErrorDetail;
import io.arcml.transport.ControlPlaneException;
import java.time.Duration;

/**
 * Azure Resource Manager refused or failed a request, or could not be reached. Carries the ARM
 * error ({@code code}, {@code message}, {@code target}, nested {@code details}), the HTTP status,
 * the request it answered (method and path, never the signed query of an operation URL) and the
 * {@code x-ms-request-id} to quote to Azure support.
 */
public class ArmException extends ControlPlaneException {
    private static final long serialVersionUID = 1L;

    /** The status code used when no HTTP response arrived (the connection failed). */
    public static final int NO_RESPONSE = 0;

    private final String method;
    private final String path;
    private final String requestId;

    /**
     * @param statusCode the HTTP status, or {@link #NO_RESPONSE}
     * @param error the ARM error
     * @param retryAfter the service's {@code Retry-After}, or {@code null}
     * @param method the HTTP method of the request
     * @param path the request's path, without its query
     * @param requestId the {@code x-ms-request-id} of the response, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public ArmException(int statusCode, ErrorDetail error, Duration retryAfter, String method, String path, String requestId,
                        Throwable cause) {
        super(statusCode, error, retryAfter, cause);
        this.method = method;
        this.path = path;
        this.requestId = requestId;
    }

    /** The HTTP method of the failed request. */
    public String method() {
        return method;
    }

    /** The path of the failed request, without its query. */
    public String path() {
        return path;
    }

    /** The {@code x-ms-request-id} of the response, or {@code null}. */
    public String requestId() {
        return requestId;
    }

    /** True also when the connection failed before any response: the request may be sent again. */
    @Override
    public boolean isRetryable() {
        return statusCode() == NO_RESPONSE || super.isRetryable();
    }

    @Override
    public String getMessage() {
        return method + " " + path + " failed: " + (statusCode() == NO_RESPONSE ? "no response" : "status " + statusCode())
                + ", " + error() + (requestId == null ? "" : " (x-ms-request-id " + requestId + ")");
    }
}
