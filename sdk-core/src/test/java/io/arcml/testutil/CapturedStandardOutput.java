package io.arcml.testutil;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Holds what a test prints to {@code System.out}, so it can assert that library code printed
 * (or did not): register it with {@code @RegisterExtension}.
 */
public final class CapturedStandardOutput implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream original;

    @Override
    public void beforeEach(ExtensionContext context) {
        printed.reset();
        original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(original);
    }

    /** What was printed so far. */
    public String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
