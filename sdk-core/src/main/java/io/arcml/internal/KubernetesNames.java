package io.arcml.internal;

import io.arcml.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The API server's rules for the names arcml sends to a cluster, in one place for every transport:
 * label keys and values, DNS-1123 labels and subdomains, and container image references (the
 * grammar of the distribution project's reference package). Each check throws a
 * {@link ValidationException} naming the field, the value and the fix.
 */
public final class KubernetesNames {
    /** The longest label value, label name, or DNS-1123 label. */
    public static final int MAX_LABEL = 63;
    /** The longest DNS-1123 subdomain, such as a label key's prefix. */
    public static final int MAX_SUBDOMAIN = 253;
    /** The longest image repository name (registry and path). */
    private static final int MAX_IMAGE_NAME = 255;

    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern IMAGE_DOMAIN = Pattern.compile(
            "([A-Za-z0-9]|[A-Za-z0-9][-A-Za-z0-9]*[A-Za-z0-9])(\\.([A-Za-z0-9]|[A-Za-z0-9][-A-Za-z0-9]*[A-Za-z0-9]))*(:[0-9]+)?"
                    + "|\\[[0-9A-Fa-f:]+](:[0-9]+)?");
    private static final Pattern IMAGE_PATH_COMPONENT = Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern IMAGE_TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern IMAGE_DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    private static final String LABEL_KEY_FIX =
            "Use a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter "
                    + "or digit, optionally after one lowercase DNS prefix and a slash, e.g. agentpool or kubernetes.io/os";
    private static final String LABEL_VALUE_FIX =
            "Use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit "
                    + "(or an empty value), e.g. nvidia-tesla-k80";

    private KubernetesNames() {}

    /** Checks a label key: an optional DNS-1123 subdomain prefix ({@code <= 253}) and a slash, then a name ({@code <= 63}). */
    public static String requireLabelKey(String field, String key) {
        if (key == null || key.isEmpty()) {
            throw new ValidationException(field, key, "is not a Kubernetes label key: it is empty", LABEL_KEY_FIX);
        }
        int slash = key.indexOf('/');
        if (slash != key.lastIndexOf('/')) {
            throw new ValidationException(
                    field, key, "is not a Kubernetes label key: it has more than one '/'", LABEL_KEY_FIX);
        }
        String name = key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty()
                    || prefix.length() > MAX_SUBDOMAIN
                    || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                throw new ValidationException(
                        field,
                        key,
                        "is not a Kubernetes label key: its prefix '" + prefix
                                + "' is not a lowercase DNS subdomain of at most 253 characters",
                        LABEL_KEY_FIX);
            }
        }
        if (name.isEmpty()
                || name.length() > MAX_LABEL
                || !LABEL_NAME.matcher(name).matches()) {
            throw new ValidationException(
                    field,
                    key,
                    "is not a Kubernetes label key: its name '" + name
                            + "' is not 1 to 63 letters, digits, '-', '_' or '.' starting and ending with a letter or digit",
                    LABEL_KEY_FIX);
        }
        return key;
    }

    /** Checks a label value: empty, or at most 63 letters, digits, '-', '_', '.', starting and ending with a letter or digit. */
    public static String requireLabelValue(String field, String value) {
        if (value == null) {
            throw new ValidationException(
                    field, null, "(no label value given)", "Give the label value the node carries, e.g. \"true\"");
        }
        if (value.length() > MAX_LABEL) {
            throw new ValidationException(
                    field,
                    value,
                    "is not a Kubernetes label value: it has " + value.length() + " characters",
                    LABEL_VALUE_FIX);
        }
        if (!value.isEmpty() && !LABEL_NAME.matcher(value).matches()) {
            throw new ValidationException(field, value, "is not a Kubernetes label value", LABEL_VALUE_FIX);
        }
        return value;
    }

    /** Checks a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit. */
    public static String requireDnsLabel(String field, String name, String example) {
        if (name == null
                || name.length() > MAX_LABEL
                || !DNS_LABEL.matcher(name).matches()) {
            throw new ValidationException(
                    field,
                    name,
                    "is not a DNS-1123 label",
                    "Use at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit, e.g. "
                            + example);
        }
        return name;
    }

    /** Checks a DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels. */
    public static String requireDnsSubdomain(String field, String name, String example) {
        if (name == null
                || name.length() > MAX_SUBDOMAIN
                || !DNS_SUBDOMAIN.matcher(name).matches()) {
            throw new ValidationException(
                    field,
                    name,
                    "is not a DNS-1123 subdomain",
                    "Use at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, e.g. "
                            + example);
        }
        return name;
    }

    /**
     * Checks a container image reference, {@code [registry[:port]/]path[:tag][@digest]}: the path
     * is lowercase, as every registry requires ({@code Python:3.11} is refused, {@code python:3.11} is not).
     */
    public static String requireImage(String field, String image) {
        String fix = "Give an image such as python:3.11 or mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest";
        if (image == null || image.isBlank()) {
            throw new ValidationException(field, image, "is not an image reference: it is empty", fix);
        }
        if (image.chars().anyMatch(Character::isWhitespace)) {
            throw new ValidationException(field, image, "is not an image reference: it contains white space", fix);
        }
        String rest = image;
        int at = rest.indexOf('@');
        if (at >= 0) {
            if (!IMAGE_DIGEST.matcher(rest.substring(at + 1)).matches()) {
                throw new ValidationException(
                        field,
                        image,
                        "has a malformed digest '" + rest.substring(at + 1) + "'",
                        "Write the digest as algorithm:hex, e.g. @sha256:<64 hex digits>, or drop it");
            }
            rest = rest.substring(0, at);
        }
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            String tag = rest.substring(colon + 1);
            if (!IMAGE_TAG.matcher(tag).matches()) {
                throw new ValidationException(
                        field,
                        image,
                        "has a malformed tag '" + tag + "'",
                        "Use a tag of at most 128 letters, digits, '_', '.' or '-', not starting with '.' or '-', e.g. :3.11");
            }
            rest = rest.substring(0, colon);
        }
        if (rest.length() > MAX_IMAGE_NAME) {
            throw new ValidationException(field, image, "has a repository name longer than 255 characters", fix);
        }
        String[] parts = rest.split("/", -1);
        int first = 0;
        if (parts.length > 1
                && (parts[0].contains(".")
                        || parts[0].contains(":")
                        || parts[0].equals("localhost")
                        || !parts[0].equals(parts[0].toLowerCase(Locale.ROOT)))) {
            if (!IMAGE_DOMAIN.matcher(parts[0]).matches()) {
                throw new ValidationException(
                        field,
                        image,
                        "has a malformed registry '" + parts[0] + "'",
                        "Write the registry as host[:port], e.g. myregistry.azurecr.io");
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            if (!IMAGE_PATH_COMPONENT.matcher(parts[i]).matches()) {
                String lower = parts[i].toLowerCase(Locale.ROOT);
                boolean caseOnly = !lower.equals(parts[i])
                        && IMAGE_PATH_COMPONENT.matcher(lower).matches();
                throw new ValidationException(
                        field,
                        image,
                        caseOnly
                                ? "has upper case in its repository '" + parts[i]
                                        + "': repository names must be lower case"
                                : "has a malformed repository component '" + parts[i] + "'",
                        caseOnly
                                ? "Write it in lower case, e.g. " + image.replace(parts[i], lower)
                                : "Use lowercase letters and digits separated by '.', '_', '__' or '-' in each part of the path, e.g. python:3.11");
            }
        }
        return image;
    }
}
