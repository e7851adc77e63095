package io.arcml.extension;

import io.arcml.ValidationException;
import java.util.regex.Pattern;

/** The naming rule for cluster extensions, in one place. */
final class ExtensionNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private ExtensionNames() {}

    static String requireExtensionName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException(
                    "extensionName",
                    name,
                    "is not a valid extension name",
                    "Use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, e.g. azureml-extension");
        }
        return name;
    }
}
