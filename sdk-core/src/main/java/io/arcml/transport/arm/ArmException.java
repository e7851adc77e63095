package io.arcml.transport.arm;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import io.arcml.ErrorDetail;
import io.arcml.transport.ControlPlaneException;
import java.time.Duration;

/**
 * Azure Resource Manager refused or failed a request, or could not be reached. Carries the ARM
 * error ({@code code}, {@code message}, {@code target}, nested {@code details}), the HTTP status,
 * the request it answered (method and path, never the signed query of an operation URL) and the
 * {@code x-ms-request-id} to quote to Azure support.
 *
 * <p>It is arcml's exception, a {@link ControlPlaneException} as on every transport. When ARM
 * answered with an error status, its cause is azure-core-management's {@link ManagementException}
 * (an {@link HttpResponseException}) carrying the {@link ManagementError} with
 * {@code additionalInfo} (policy violations, quota details) and the response's status and headers:
 *
 * <pre>{@code
 * try {
 *     ComputeTarget.attach(ws, "k8s-compute", config);
 * } catch (ArmException e) {
 *     ManagementError error = e.managementError();        // or e.managementException().getValue()
 *     error.getAdditionalInfo();
 * }
 * }</pre>
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
    public ArmException(
            int statusCode,
            ErrorDetail error,
            Duration retryAfter,
            String method,
            String path,
            String requestId,
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

    /**
     * azure-core-management's exception for the error response, or {@code null} when no error
     * response arrived (the connection failed, or a success response could not be read). Its
     * response keeps the status, headers and body; its request is only the method and the URL
     * without query, so it holds no token and no signature.
     */
    public ManagementException managementException() {
        return getCause() instanceof ManagementException management ? management : null;
    }

    /**
     * The error as azure-core-management reads it (code, message, target, details,
     * {@code additionalInfo}), or {@code null} when no error response arrived.
     */
    public ManagementError managementError() {
        ManagementException management = managementException();
        return management == null ? null : management.getValue();
    }

    /** True also when the connection failed before any response: the request may be sent again. */
    @Override
    public boolean isRetryable() {
        return statusCode() == NO_RESPONSE || super.isRetryable();
    }

    @Override
    public String getMessage() {
        return method + " " + path + " failed: "
                + (statusCode() == NO_RESPONSE ? "no response" : "status " + statusCode()) + ", " + error()
                + (requestId == null ? "" : " (x-ms-request-id " + requestId + ")");
    }
}
