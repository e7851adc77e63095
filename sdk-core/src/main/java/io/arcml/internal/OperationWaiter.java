package io.arcml.internal;

import io.arcml.ArcmlException;
import io.arcml.OperationTimeoutException;
import io.arcml.ValidationException;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one waiting loop for every long-running operation and every transport: read the status,
 * sleep what the service asked ({@code Retry-After}), read again, until a terminal status or the
 * deadline. Prints progress the way the Python SDK does ({@code Creating....Succeeded}) when asked.
 */
public final class OperationWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(OperationWaiter.class);
    /** Consecutive retryable failures of a status read before the wait gives up. */
    static final int MAX_CONSECUTIVE_POLL_FAILURES = 10;
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);

    private OperationWaiter() {
    }

    /**
     * Waits for an operation.
     *
     * @param what what is waited for, for messages, e.g. {@code attach of compute 'gpu'}
     * @param operation the operation
     * @param timeout the longest wait, or {@code null} for no limit
     * @param out where progress goes, or {@code null} for none
     * @return the terminal status
     * @throws OperationTimeoutException when the deadline passes first
     */
    public static OperationStatus await(String what, LongRunningOperation operation, Duration timeout, PrintStream out) {
        return await(what, operation::initialStatus, operation::poll, timeout, out);
    }

    /** As {@link #await(String, LongRunningOperation, Duration, PrintStream)}, with the readings as functions. */
    public static OperationStatus await(String what, Supplier<OperationStatus> initial, Supplier<OperationStatus> poll,
                                        Duration timeout, PrintStream out) {
        long deadline = deadline(timeout);
        OperationStatus status = initial.get();
        String shown = status.status();
        if (out != null) {
            out.print(shown);
            out.flush();
        }
        int failures = 0;
        while (!status.isTerminal()) {
            Duration pause = status.retryAfter();
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                endLine(out);
                throw new OperationTimeoutException(what, timeout, status.status());
            }
            sleep(Math.min(pause.toNanos(), remaining), what);
            try {
                status = poll.get();
                failures = 0;
            } catch (ControlPlaneException e) {
                if (!e.isRetryable() || ++failures >= MAX_CONSECUTIVE_POLL_FAILURES) {
                    endLine(out);
                    throw e;
                }
                Duration wait = e.retryAfter() != null ? e.retryAfter() : MIN_BACKOFF.multipliedBy(1L << Math.min(failures, 6));
                LOG.debug("Status read {} of the {} failed ({}); retrying in {}", failures, what, e.getMessage(), wait);
                status = new OperationStatus(status.state(), status.status(), null, wait);
                continue;
            }
            if (out != null) {
                if (!status.status().equals(shown)) {
                    shown = status.status();
                    out.print(shown);
                } else {
                    out.print('.');
                }
                out.flush();
            }
        }
        endLine(out);
        LOG.info("The {} ended: {}", what, status.status());
        return status;
    }

    /**
     * When a wait of {@code timeout} that starts now ends, in {@link System#nanoTime()} terms.
     *
     * @param timeout the longest wait, or {@code null} for no limit ({@link Long#MAX_VALUE})
     * @throws ValidationException when the timeout is zero or negative
     */
    public static long deadline(Duration timeout) {
        checkTimeout(timeout);
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        try {
            return Math.addExact(now, timeout.toNanos());
        } catch (ArithmeticException beyondTheClock) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Refuses a wait timeout that is zero or negative; {@code null} (no limit) passes.
     *
     * @throws ValidationException naming the timeout and the fix
     */
    public static void checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new ValidationException("timeout", timeout.toString(), "is not a positive duration",
                    "Give the longest wait, e.g. Duration.ofMinutes(30), or null (or waitForCompletion()) to wait without a limit");
        }
    }

    private static void endLine(PrintStream out) {
        if (out != null) {
            out.println();
        }
    }

    /**
     * Sleeps until the next reading of a loop that drives work itself (a sweep, a pipeline): the
     * interval, or what is left before {@code deadlineNanos} if that is sooner.
     *
     * @param resume how to go on after an interrupt, for the message
     * @throws ArcmlException when interrupted (the interrupt flag is kept)
     */
    public static void pause(Duration interval, long deadlineNanos, String what, String resume) {
        long nanos = Math.max(1_000_000, Math.min(interval.toNanos(), deadlineNanos - System.nanoTime()));
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArcmlException("Interrupted while waiting for the " + what + ". " + resume, e);
        }
    }

    private static void sleep(long nanos, String what) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArcmlException("Interrupted while waiting for the " + what
                    + ". The operation goes on in the background: call waitForCompletion again to keep waiting", e);
        }
    }
}
