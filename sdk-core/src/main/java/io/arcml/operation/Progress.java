package io.arcml.operation;

import io.arcml.transport.OperationStatus;
import java.io.PrintStream;

/**
 * What a wait shows while it runs: each status read, then an end. Waits that print nothing use
 * {@link #NONE}; operations print the Python SDK's way ({@link #dots(PrintStream)}); sweeps print
 * a line per change ({@link #lines(PrintStream)}), pipelines a line per step that changed.
 */
public interface Progress {
    /** Shows nothing. */
    Progress NONE = status -> {};

    /** Told of every status read, the first (the starting request's) included; not of failed reads. */
    void reading(OperationStatus status);

    /** Told once when the wait ends, however it ends. */
    default void end() {}

    /**
     * The Python SDK's progress: the first status, a dot per reading that did not change it, each
     * new status, and a line end ({@code Creating....Succeeded}); nothing when {@code out} is null.
     */
    static Progress dots(PrintStream out) {
        return out == null ? NONE : new Changes(out, false);
    }

    /** Each status on a line of its own when it differs from the one before; nothing when {@code out} is null. */
    static Progress lines(PrintStream out) {
        return out == null ? NONE : new Changes(out, true);
    }

    /** Prints each new status: on a line of its own, or run on with a dot for each reading that did not change it. */
    final class Changes implements Progress {
        private final PrintStream out;
        private final boolean lines;
        private String shown;

        private Changes(PrintStream out, boolean lines) {
            this.out = out;
            this.lines = lines;
        }

        @Override
        public void reading(OperationStatus status) {
            if (status.status().equals(shown)) {
                if (!lines) {
                    out.print('.');
                }
            } else {
                shown = status.status();
                out.print(lines ? shown + System.lineSeparator() : shown);
            }
            out.flush();
        }

        @Override
        public void end() {
            if (!lines) {
                out.println();
            }
        }
    }
}
