package io.arcml.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads a service's state words into one of arcml's state enums, the one way each enum parses: a
 * constant lists the words that mean it (its own first, then the synonyms a service also sends,
 * such as Azure ML's {@code Finalizing} for running or the British {@code Cancelled}); case and
 * surrounding blanks do not matter.
 */
public final class StateWords {
    private StateWords() {}

    /**
     * The constant one of whose words is {@code value}, or {@code otherwise}.
     *
     * @param constants the enum's constants
     * @param words the words of a constant
     * @param value the word as the service sent it; {@code null} gives {@code otherwise}
     */
    public static <E extends Enum<E>> E parse(
            E[] constants, Function<E, List<String>> words, String value, E otherwise) {
        if (value == null) {
            return otherwise;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (E constant : constants) {
            for (String word : words.apply(constant)) {
                if (word.toLowerCase(Locale.ROOT).equals(v)) {
                    return constant;
                }
            }
        }
        return otherwise;
    }
}
