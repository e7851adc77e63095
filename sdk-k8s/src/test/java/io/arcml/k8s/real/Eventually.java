package io.arcml.k8s.real;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition of the real cluster, which controllers reach in their own time. */
final class Eventually {
    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {}

    /** Polls until the condition holds; fails the test naming what was awaited when the time runs out. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null, () -> "");
    }

    /**
     * Polls until the supplier gives a value other than {@code null}.
     *
     * @param lastSeen what the failure message shows of the last state seen
     */
    static <T> T value(String what, Duration timeout, Supplier<T> supplier, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = supplier.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                String seen = lastSeen.get();
                return fail("Waited " + timeout.toSeconds() + "s for " + what
                        + (seen.isEmpty() ? "" : "; last seen: " + seen));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for " + what);
            }
        }
    }
}
