package io.arcml.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random hexadecimal suffixes for generated names (run ids, job names). Drawn with
 * {@link SecureRandom#nextBytes}, not {@code generateSeed}, which reads the operating system's
 * entropy source under a lock on every call.
 */
public final class RandomSuffix {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSuffix() {}

    /** {@code bytes} random bytes as {@code 2 × bytes} lowercase hexadecimal digits. */
    public static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
