package io.arcml.compute;

import io.arcml.ValidationException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 2}, {@code 16Gi}, {@code 1e3}), checked
 * against the API server's grammar: {@code 16GB}, {@code 16gi} and {@code 1K} are rejected here,
 * not by the cluster an hour later. Immutable; prints as it was written.
 */
public final class Quantity implements Comparable<Quantity> {
    private static final Pattern GRAMMAR = Pattern.compile(
            "(?<number>[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");
    private static final Map<String, BigDecimal> MULTIPLIERS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Exponents of more digits are out of range whatever the number: 10^999 is far beyond 2^63. */
    private static final int MAX_EXPONENT_DIGITS = 3;

    private final String text;
    private final BigDecimal amount;

    private Quantity(String text, BigDecimal amount) {
        this.text = text;
        this.amount = amount;
    }

    /**
     * Parses a quantity.
     *
     * @param quantity the quantity as Kubernetes writes it, for example {@code 16Gi}
     * @throws ValidationException when it is not a Kubernetes quantity
     */
    public static Quantity parse(String quantity) {
        return parse(quantity, "quantity");
    }

    /** Parses a quantity, naming {@code field} in the error. */
    static Quantity parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(
                    field,
                    text,
                    text == null ? "(no quantity given)" : "is empty",
                    "Give a Kubernetes quantity such as \"2\", \"500m\" or \"16Gi\"");
        }
        String trimmed = text.trim();
        Matcher m = GRAMMAR.matcher(trimmed);
        if (!m.matches()) {
            throw new ValidationException(
                    field,
                    text,
                    "is not a Kubernetes quantity",
                    "Use a number with an optional suffix: binary Ki Mi Gi Ti Pi Ei (16Gi), decimal k M G T P E (16G), "
                            + "m for thousandths (500m), or an exponent (1e3); units such as GB or gi are not accepted");
        }
        String suffix = m.group("suffix") == null ? "" : m.group("suffix");
        BigDecimal number = new BigDecimal(
                m.group("number").startsWith(".")
                        ? "0" + m.group("number")
                        : m.group("number").endsWith(".") ? m.group("number") + "0" : m.group("number"));
        BigDecimal multiplier = MULTIPLIERS.containsKey(suffix)
                ? MULTIPLIERS.get(suffix)
                : power(suffix.substring(1), number, text, field);
        BigDecimal amount = number.multiply(multiplier);
        if (amount.abs().compareTo(MAX) > 0) {
            throw new ValidationException(
                    field, text, "is larger than Kubernetes can represent", "Use a value below 2^63");
        }
        return new Quantity(trimmed, amount);
    }

    /**
     * Ten to the power of an exponent suffix ({@code e3}, {@code E-2}). An exponent that does not
     * even fit an int ({@code 1e99999999999}) is out of range before any arithmetic: beyond 2^63
     * upwards, below a nano-unit downwards.
     */
    private static BigDecimal power(String exponent, BigDecimal number, String text, String field) {
        boolean negative = exponent.startsWith("-");
        String digits = exponent.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        if (digits.length() > MAX_EXPONENT_DIGITS && number.signum() != 0) {
            throw negative
                    ? new ValidationException(
                            field,
                            text,
                            "is smaller than the smallest Kubernetes quantity (1n, a billionth)",
                            "Use a value of at least 1n, or 0")
                    : new ValidationException(
                            field, text, "is larger than Kubernetes can represent", "Use a value below 2^63");
        }
        int e = digits.length() > MAX_EXPONENT_DIGITS ? 0 : Integer.parseInt(digits);
        return BigDecimal.ONE.scaleByPowerOfTen(negative ? -e : e);
    }

    /** The quantity as a plain number: cores for cpu, bytes for memory, a count for devices. */
    public BigDecimal amount() {
        return amount;
    }

    /** True when the quantity is a whole number, as extended resources such as GPUs require. */
    public boolean isInteger() {
        return amount.signum() == 0 || amount.stripTrailingZeros().scale() <= 0;
    }

    /** True when the quantity was written with the milli suffix {@code m}. */
    boolean hasMilliSuffix() {
        return text.endsWith("m");
    }

    @Override
    public int compareTo(Quantity other) {
        return amount.compareTo(other.amount);
    }

    /** Equal when the amounts are equal: {@code 1Gi} equals {@code 1024Mi}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && amount.compareTo(q.amount) == 0;
    }

    @Override
    public int hashCode() {
        return amount.stripTrailingZeros().hashCode();
    }

    /** The quantity as written, for example {@code 16Gi}. */
    @Override
    public String toString() {
        return text;
    }
}
