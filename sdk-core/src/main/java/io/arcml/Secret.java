package io.arcml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret string (a connection string, a protected setting) that never prints: {@link #toString()}
 * gives {@code ***}. Read it with {@link #reveal()} only where it is sent to the service.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a secret value; {@code null} stays {@code null}. */
    public static Secret of(String value) {
        return value == null ? null : new Secret(value);
    }

    /** The secret itself, for the one place that sends it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        // Constant-time, so that comparing secrets leaks nothing through timing.
        return o instanceof Secret other
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Objects.hash(value.length());
    }

    @Override
    public String toString() {
        return "***";
    }
}
