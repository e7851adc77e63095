package io.arcml.operation;

import com.azure.core.util.polling.PollResponse;
import io.arcml.OperationTimeoutException;
import io.arcml.ValidationException;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one wait under every {@code waitForCompletion}, on every transport: an operation's
 * {@link OperationPollers azure-core SyncPoller}, waited on with azure-core's own polling loop
 * (each poll after the service's {@code Retry-After}), with what the Python-shaped API adds on
 * top: progress ({@link Progress}), tolerance of failed status reads ({@link PollStep}), a
 * timeout that ends in {@link OperationTimeoutException}, and an interrupt that ends in an
 * {@link io.arcml.ArcmlException} with the thread's interrupt flag kept. Attach, detach,
 * extension install and delete, jobs, cancels, sweeps and pipelines all wait here.
 */
public final class OperationWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(OperationWaiter.class);
    /** Consecutive retryable failures of a status read before the wait gives up. */
    static final int MAX_CONSECUTIVE_POLL_FAILURES = PollStep.MAX_CONSECUTIVE_FAILURES;

    private OperationWaiter() {}

    /**
     * Waits for an operation, printing its progress the Python SDK's way ({@code Creating....Succeeded}).
     *
     * @param what what is waited for, for messages, e.g. {@code attach of compute 'gpu'}
     * @param operation the operation
     * @param timeout the longest wait, or {@code null} for no limit
     * @param out where progress goes, or {@code null} for none
     * @return the terminal status
     * @throws OperationTimeoutException when the deadline passes first
     */
    public static OperationStatus await(
            String what, LongRunningOperation operation, Duration timeout, PrintStream out) {
        return awaitWith(what, operation, timeout, Progress.dots(out));
    }

    /** As {@link #await(String, LongRunningOperation, Duration, PrintStream)}, with the readings as functions. */
    public static OperationStatus await(
            String what,
            Supplier<OperationStatus> initial,
            Supplier<OperationStatus> poll,
            Duration timeout,
            PrintStream out) {
        return awaitWith(what, OperationPollers.readings(initial, poll), timeout, Progress.dots(out));
    }

    /**
     * Waits for what {@code reading} reads, the first time and on each poll (a run that arcml drives
     * one step per reading), showing the readings to {@code progress}.
     */
    public static OperationStatus awaitWith(
            String what, Supplier<OperationStatus> reading, Duration timeout, Progress progress) {
        return awaitWith(what, OperationPollers.readings(reading, reading), timeout, progress);
    }

    /**
     * Waits for an operation, showing its readings to {@code progress}.
     *
     * @return the terminal status
     * @throws ValidationException when the timeout is zero or negative
     * @throws OperationTimeoutException when the deadline passes first (the operation goes on)
     */
    public static OperationStatus awaitWith(
            String what, LongRunningOperation operation, Duration timeout, Progress progress) {
        PollStep step = new PollStep(what, operation, progress::reading, deadline(timeout));
        PollResponse<OperationStatus> last;
        try {
            last = OperationPollers.syncPoller(what, step, end -> end).waitForCompletion();
        } catch (RuntimeException e) {
            step.abandon();
            throw unwrapped(e, what);
        } finally {
            progress.end();
        }
        if (last.getStatus() == PollStep.READ_FAILED) {
            throw step.failure();
        }
        if (last.getStatus() == PollStep.TIMED_OUT) {
            throw new OperationTimeoutException(what, timeout, last.getValue().status());
        }
        LOG.info("The {} ended: {}", what, last.getValue().status());
        return last.getValue();
    }

    /**
     * What azure-core's loop threw, as arcml's error: a failed read ends the loop quietly
     * ({@link PollStep}), so what remains is an interrupt of the waiting thread, which azure-core
     * wraps in a bare {@link RuntimeException}, and an {@link Error} of a poll, wrapped in an
     * {@link ExecutionException}.
     */
    private static RuntimeException unwrapped(RuntimeException e, String what) {
        if (e.getClass() != RuntimeException.class) {
            return e;
        }
        Throwable cause = e.getCause();
        if (cause instanceof ExecutionException failed && failed.getCause() instanceof Error error) {
            throw error;
        }
        if (cause instanceof InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return PollStep.interrupted(what, interrupted);
        }
        return e;
    }

    /** When a wait of {@code timeout} ({@code null}: no limit) that starts now ends, in {@link System#nanoTime()} terms. */
    private static long deadline(Duration timeout) {
        checkTimeout(timeout);
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.addExact(System.nanoTime(), timeout.toNanos());
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
            throw new ValidationException(
                    "timeout",
                    timeout.toString(),
                    "is not a positive duration",
                    "Give the longest wait, e.g. Duration.ofMinutes(30), or null (or waitForCompletion()) to wait without a limit");
        }
    }
}
