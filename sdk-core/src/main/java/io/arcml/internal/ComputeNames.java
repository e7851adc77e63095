package io.arcml.internal;

import io.arcml.ValidationException;
import java.util.regex.Pattern;

/** The naming rules for compute targets, namespaces and instance types, in one place for every transport. */
public final class ComputeNames {
    private static final Pattern COMPUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,14}[A-Za-z0-9]");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?");

    private ComputeNames() {}

    /**
     * Checks an Azure ML compute name: 2 to 16 characters, letters, digits and hyphens, starting
     * with a letter and not ending with a hyphen.
     */
    public static String requireComputeName(String name) {
        if (name == null || !COMPUTE.matcher(name).matches()) {
            throw new ValidationException(
                    "name",
                    name,
                    "is not a valid compute name",
                    "Use 2 to 16 characters: letters, digits and hyphens, starting with a letter and ending with a letter or digit, e.g. amlarc-compute");
        }
        return name;
    }

    /** Checks a Kubernetes namespace: a DNS-1123 label (lowercase letters, digits, hyphens; at most 63). */
    public static String requireNamespace(String namespace) {
        return KubernetesNames.requireDnsLabel("namespace", namespace, "amlarc-testing");
    }

    /** Checks an instance type name: 1 to 63 letters, digits, '_', '.', '-', starting and ending with a letter or digit. */
    public static String requireInstanceTypeName(String name, String field) {
        Arguments.nonNull(field, "field");
        if (name == null || !INSTANCE_TYPE.matcher(name).matches()) {
            throw new ValidationException(
                    field,
                    name,
                    "is not a valid instance type name",
                    "Use 1 to 63 letters, digits, '_', '.' or '-', starting and ending with a letter or digit, e.g. gpu_instance");
        }
        return name;
    }
}
