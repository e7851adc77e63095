package io.arcml;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Something that ends later and can be waited for: an attach or detach, an extension install, a
 * job, a sweep or a pipeline run. Every waitable offers the same waits:
 *
 * <pre>{@code
 * ComputeTarget.attach(ws, name, cfg).waitForCompletion();   // quiet, no limit: the Python SDK's default
 * run.waitForCompletion(true);                               // progress to System.out
 * run.waitForCompletion(log, Duration.ofMinutes(30));        // progress to a stream of your own, at most 30 minutes
 * }</pre>
 *
 * Nothing is printed unless a stream is given or {@code showOutput} is true.
 *
 * @param <T> the waitable itself, returned for chaining
 */
public interface Waitable<T> {

    /**
     * Waits until it ends, printing progress to {@code out}.
     *
     * @param out where progress goes, or {@code null} for none
     * @param timeout the longest wait, or {@code null} for no limit; when it passes, the work goes on
     * @return this, ended
     * @throws ValidationException when the timeout is zero or negative
     * @throws OperationTimeoutException when the time runs out first
     */
    T waitForCompletion(PrintStream out, Duration timeout);

    /** Waits until it ends, with no output and no time limit. */
    default T waitForCompletion() {
        return waitForCompletion((PrintStream) null, null);
    }

    /** Waits until it ends, with no output, at most {@code timeout}. */
    default T waitForCompletion(Duration timeout) {
        return waitForCompletion((PrintStream) null, timeout);
    }

    /** Waits until it ends, with no time limit, printing progress to {@code out} ({@code null} for none). */
    default T waitForCompletion(PrintStream out) {
        return waitForCompletion(out, null);
    }

    /** Waits until it ends, with no time limit, printing progress to {@code System.out} when {@code showOutput}. */
    default T waitForCompletion(boolean showOutput) {
        return waitForCompletion(showOutput, null);
    }

    /** Waits until it ends, at most {@code timeout}, printing progress to {@code System.out} when {@code showOutput}. */
    default T waitForCompletion(boolean showOutput, Duration timeout) {
        return waitForCompletion(showOutput ? System.out : null, timeout);
    }
}
