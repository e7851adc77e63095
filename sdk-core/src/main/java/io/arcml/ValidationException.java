package io.arcml;

/**
 * Bad input, caught before anything is sent: the message names the field, the rejected value and
 * the fix. {@link #field()} and {@link #value()} let a test harness assert on them.
 */
public class ValidationException extends ArcmlException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    /**
     * @param field the path of the offending field, for example {@code instanceTypes.gpu.resources.limits.memory}
     * @param value the rejected value as the user gave it ({@code null} when missing); never a secret
     * @param problem what is wrong with it
     * @param fix what to do instead
     */
    public ValidationException(String field, String value, String problem, String fix) {
        super(field + ": " + (value == null ? "missing" : "'" + value + "'") + " " + problem + ". " + fix);
        this.field = field;
        this.value = value;
    }

    /**
     * For subclasses that gather several problems under one message.
     *
     * @param message the whole message
     * @param field the path of the first offending field
     * @param value its rejected value, or {@code null}
     */
    protected ValidationException(String message, String field, String value) {
        super(message);
        this.field = field;
        this.value = value;
    }

    /** The path of the offending field. */
    public String field() {
        return field;
    }

    /** The rejected value, or {@code null} when it was missing. */
    public String value() {
        return value;
    }
}
