package io.arcml.compute;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Azure ML's JSON of a Kubernetes compute's settings, bound with Jackson: the how-to's attach
 * configuration file, which is also what ARM holds under a compute's {@code properties.properties}.
 * The one reader and writer of the shape; the connection strings, which Azure never returns, are
 * written by the ARM transport next to it.
 *
 * @param namespace the namespace jobs run in, or {@code null} for {@code default}
 * @param defaultInstanceType the instance type jobs get when they name none
 * @param instanceTypes the instance types by name, in their order
 */
@JsonPropertyOrder({"namespace", "defaultInstanceType", "instanceTypes"})
public record KubernetesComputeJson(
        String namespace, String defaultInstanceType, Map<String, InstanceTypeJson> instanceTypes) {

    /** The JSON of a compute's settings. */
    public static KubernetesComputeJson of(KubernetesComputeSpec spec) {
        Arguments.nonNull(spec, "spec");
        Map<String, InstanceTypeJson> types = new LinkedHashMap<>();
        spec.instanceTypes().forEach((name, type) -> types.put(name, InstanceTypeJson.of(type)));
        return new KubernetesComputeJson(spec.namespace(), spec.defaultInstanceType(), types);
    }

    /** This JSON as a plain map, for the {@code serialize()} of models. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return Json.mapper().convertValue(this, LinkedHashMap.class);
    }

    /**
     * Checks each instance type by {@link InstanceType}'s rules and hands over the valid ones, in order.
     *
     * @param invalid told of each instance type that breaks a rule (with the reason); throw from it to stop
     */
    public Map<String, InstanceType> instanceTypes(BiConsumer<String, ValidationException> invalid) {
        Arguments.nonNull(invalid, "invalid");
        Map<String, InstanceType> out = new LinkedHashMap<>();
        if (instanceTypes != null) {
            instanceTypes.forEach((name, json) -> {
                String path = "instanceTypes." + name;
                try {
                    if (json == null) {
                        throw new ValidationException(path, "null", "is not a JSON object", "Write it as {...}");
                    }
                    out.put(name, json.toInstanceType(path));
                } catch (ValidationException e) {
                    invalid.accept(name, e);
                }
            });
        }
        return out;
    }
}
