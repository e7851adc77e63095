package io.arcml.internal;

/** The null check of public methods' arguments, with one wording: the message names the parameter. */
public final class Arguments {
    private Arguments() {}

    /**
     * Returns {@code value}, or throws when it is {@code null}.
     *
     * @param parameter the parameter's name as the method declares it
     * @throws NullPointerException {@code <parameter> is null: pass a value}
     */
    public static <T> T nonNull(T value, String parameter) {
        if (value == null) {
            throw new NullPointerException(parameter + " is null: pass a value");
        }
        return value;
    }
}
