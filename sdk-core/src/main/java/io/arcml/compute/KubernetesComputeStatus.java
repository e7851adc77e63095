package io.arcml.compute;

import io.arcml.ErrorDetail;
import io.arcml.internal.Json;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status of a Kubernetes compute, as the Python SDK's {@code KubernetesComputeStatus}.
 *
 * @param creationTime when it was attached, or {@code null} while unknown
 * @param modifiedTime when it last changed, or {@code null}
 * @param provisioningState the provisioning state
 * @param provisioningErrors the errors when provisioning failed
 */
public record KubernetesComputeStatus(
        OffsetDateTime creationTime,
        OffsetDateTime modifiedTime,
        ProvisioningState provisioningState,
        List<ErrorDetail> provisioningErrors) {

    /** Canonical constructor: copies the errors. */
    public KubernetesComputeStatus {
        provisioningErrors = provisioningErrors == null ? List.of() : List.copyOf(provisioningErrors);
    }

    /** {@code creationTime}, {@code modifiedTime}, {@code provisioningState}, and {@code provisioningErrors} when there are any. */
    public Map<String, Object> serialize() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("creationTime", creationTime == null ? null : creationTime.toString());
        out.put("modifiedTime", modifiedTime == null ? null : modifiedTime.toString());
        out.put("provisioningState", provisioningState.toString());
        if (!provisioningErrors.isEmpty()) {
            out.put(
                    "provisioningErrors",
                    provisioningErrors.stream().map(ErrorDetail::serialize).toList());
        }
        return out;
    }

    /** {@link #serialize()} as indented JSON. */
    public String toJson() {
        return Json.pretty(serialize());
    }

    @Override
    public String toString() {
        return "KubernetesComputeStatus" + serialize();
    }
}
