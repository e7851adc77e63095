package io.arcml.internal;

import io.arcml.transport.OperationStatus;
import java.io.PrintStream;

/**
 * What a wait shows while it runs: each status read, then an end. Waits that print nothing use
 * {@link #NONE}; operations print the Python SDK's way ({@link #dots(PrintStream)}); sweeps and
 * pipelines print lines of their own.
 */
public interface Progress {
    /** Shows nothing. */
    Progress NONE = status -> { };

    /** Told of every status read, the first (the starting request's) included; not of failed reads. */
    void reading(OperationStatus status);

    /** Told once when the wait ends, however it ends. */
    default void end() {
    }

    /**
     * The Python SDK's progress: the first status, a dot per reading that did not change it, each
     * new status, and a line end ({@code Creating....Succeeded}); nothing when {@code out} is null.
     */
    static Progress dots(PrintStream out) {
        if (out == null) {
            return NONE;
        }
        return new Progress() {
            private String shown;

            @Override
            public void reading(OperationStatus status) {
                if (status.status().equals(shown)) {
                    out.print('.');
                } else {
                    shown = status.status();
                    out.print(shown);
                }
                out.flush();
            }

            @Override
            public void end() {
                out.println();
            }
        };
    }

    /** Each status on a line of its own when it differs from the one before; nothing when {@code out} is null. */
    static Progress lines(PrintStream out) {
        if (out == null) {
            return NONE;
        }
        return new Progress() {
            private String shown;

            @Override
            public void reading(OperationStatus status) {
                if (!status.status().equals(shown)) {
                    shown = status.status();
                    out.println(shown);
                }
            }
        };
    }
}
