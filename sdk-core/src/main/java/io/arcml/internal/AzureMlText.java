package io.arcml.internal;

import io.arcml.ValidationException;
import java.util.regex.Pattern;

/**
 * Azure ML's rule for the free text of a job (a command, a literal input's value, an input's URI,
 * a sweep's primary metric): its REST contract gives these {@code minLength: 1} and
 * {@code pattern: [a-zA-Z0-9_]}, so a value with no letter, digit or underscore (empty,
 * {@code "."}, {@code "-"}, {@code "/"}) is refused by Azure. arcml refuses it before sending, on
 * every transport, so that a job behaves the same wherever it runs.
 */
public final class AzureMlText {
    private static final Pattern WORD_CHARACTER = Pattern.compile("[A-Za-z0-9_]");

    private AzureMlText() {}

    /**
     * Checks that {@code value} holds at least one letter, digit or underscore.
     *
     * @param field the field to name in the message, e.g. {@code inputs.epochs}
     * @param fix how to mend it, in the caller's words
     * @throws ValidationException naming the field, the value and the fix
     */
    public static void requireWordCharacter(String field, String value, String fix) {
        if (value != null && !WORD_CHARACTER.matcher(value).find()) {
            throw new ValidationException(
                    field,
                    value,
                    value.isEmpty()
                            ? "is empty, which Azure ML refuses"
                            : "has no letter, digit or '_', which Azure ML refuses",
                    fix);
        }
    }
}
