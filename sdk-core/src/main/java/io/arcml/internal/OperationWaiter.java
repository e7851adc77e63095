package io.arcml.internal;

import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import io.arcml.OperationTimeoutException;
import io.arcml.ValidationException;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
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

    private OperationWaiter() {
    }

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
    public static OperationStatus await(String what, LongRunningOperation operation, Duration timeout, PrintStream out) {
        return awaitWith(what, operation, timeout, Progress.dots(out));
    }

    /** As {@link #await(String, LongRunningOperation, Duration, PrintStream)}, with the readings as functions. */
    public static OperationStatus await(String what, Supplier<OperationStatus> initial, Supplier<OperationStatus> poll,
                                        Duration timeout, PrintStream out) {
        return awaitWith(what, OperationPollers.readings(initial, poll), timeout, Progress.dots(out));
    }

    /**
     * Waits for an operation, showing its readings to {@code progress}.
     *
     * @return the terminal status
     * @throws ValidationException when the timeout is zero or negative
     * @throws OperationTimeoutException when the deadline passes first (the operation goes on)
     */
    public static OperationStatus awaitWith(String what, LongRunningOperation operation, Duration timeout, Progress progress) {
        checkTimeout(timeout);
        PollStep step = new PollStep(what, operation, progress::reading);
        PollResponse<OperationStatus> last;
        try {
            SyncPoller<OperationStatus, OperationStatus> poller = OperationPollers.syncPoller(what, step, end -> end);
            last = timeout == null ? poller.waitForCompletion() : poller.waitForCompletion(timeout);
        } catch (RuntimeException e) {
            step.abandon();
            throw unwrapped(e, what, timeout, step.last());
        } finally {
            progress.end();
        }
        if (!last.getStatus().isComplete()) {
            step.abandon();
            throw new OperationTimeoutException(what, timeout, last.getValue().status());
        }
        LOG.info("The {} ended: {}", what, last.getValue().status());
        return last.getValue();
    }

    /**
     * What azure-core's loop threw, as arcml's error: it wraps a failed poll in an
     * {@link ExecutionException}, a deadline passed mid-pause in a {@link TimeoutException} and an
     * interrupt in an {@link InterruptedException}, each inside a bare {@link RuntimeException}.
     */
    private static RuntimeException unwrapped(RuntimeException e, String what, Duration timeout, OperationStatus last) {
        if (e.getClass() != RuntimeException.class) {
            return e;
        }
        Throwable cause = e.getCause();
        if (cause instanceof ExecutionException failed && failed.getCause() instanceof RuntimeException pollError) {
            return pollError;
        }
        if (cause instanceof ExecutionException failed && failed.getCause() instanceof Error error) {
            throw error;
        }
        if (cause instanceof TimeoutException) {
            return new OperationTimeoutException(what, timeout, last == null ? "unknown" : last.status());
        }
        if (cause instanceof InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return PollStep.interrupted(what, interrupted);
        }
        return e;
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
}
