package io.arcml;

/**
 * The root of every exception arcml throws. Unchecked, as the Azure SDK guidelines ask: a notebook
 * cell or a test harness sees the message, which always names what went wrong and how to fix it.
 */
public class ArcmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that says what went wrong and how to fix it. */
    public ArcmlException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying cause. */
    public ArcmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
