package io.arcml.operation;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.PollingContext;
import io.arcml.ArcmlException;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of azure-core's polling loop over a {@link LongRunningOperation}: the activation is
 * the status the starting request reported (no request), each poll one {@link LongRunningOperation#poll()}.
 *
 * <p>azure-core's loop sends its first poll right after the activation, whatever the activation's
 * {@code Retry-After}, and sleeps only after each poll; so each poll first waits out what is left
 * of the last answer's pause: the first poll honours the starting request's {@code Retry-After},
 * later ones, which azure-core already delayed, go at once. A retryable failure of a poll (a 429,
 * a 5xx, a reset connection) is not a reading: the step answers the last status again with a
 * back-off as its pause, and gives up after {@value #MAX_CONSECUTIVE_FAILURES} in a row.
 */
final class PollStep implements Function<PollingContext<OperationStatus>, PollResponse<OperationStatus>> {
    /** Consecutive retryable failures of a status read before the wait gives up. */
    static final int MAX_CONSECUTIVE_FAILURES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(PollStep.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    /** How a wait's step ends azure-core's loop when the wait's deadline has passed. */
    static final LongRunningOperationStatus TIMED_OUT = LongRunningOperationStatus.fromString("TIMED_OUT", true);
    /** How a wait's step ends azure-core's loop when a status read failed for good ({@link #failure()} says why). */
    static final LongRunningOperationStatus READ_FAILED = LongRunningOperationStatus.fromString("READ_FAILED", true);

    private final String what;
    private final LongRunningOperation operation;
    private final Consumer<OperationStatus> onReading;
    private final long deadline;
    private final boolean forWait;
    private volatile RuntimeException failure;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile long notBefore;
    private volatile OperationStatus last;
    private volatile boolean abandoned;

    /**
     * The step of a poller handed to the user: a failed read throws out of azure-core's loop.
     *
     * @param what the operation, for messages, e.g. {@code attach of compute 'gpu'}
     */
    PollStep(String what, LongRunningOperation operation) {
        this(what, operation, status -> {}, Long.MAX_VALUE, false);
    }

    /**
     * The step of a wait ({@link OperationWaiter}): it ends azure-core's loop itself, quietly, with
     * {@link #TIMED_OUT} at the deadline and {@link #READ_FAILED} when a read fails for good, and
     * the wait throws; azure-core's loop would log each as an error with its stack trace.
     *
     * @param onReading told of every status read (the activation's included), not of failed reads
     * @param deadline when the wait ends, in {@link System#nanoTime()} terms ({@link Long#MAX_VALUE} for never)
     */
    PollStep(String what, LongRunningOperation operation, Consumer<OperationStatus> onReading, long deadline) {
        this(what, operation, onReading, deadline, true);
    }

    private PollStep(
            String what,
            LongRunningOperation operation,
            Consumer<OperationStatus> onReading,
            long deadline,
            boolean forWait) {
        this.what = what;
        this.operation = operation;
        this.onReading = onReading;
        this.deadline = deadline;
        this.forWait = forWait;
    }

    /** The activation: the status the starting request reported. */
    PollResponse<OperationStatus> activate() {
        return read(operation.initialStatus());
    }

    @Override
    public PollResponse<OperationStatus> apply(PollingContext<OperationStatus> context) {
        if (abandoned) {
            // The wait that started this step has ended (timeout, interrupt): a poll azure-core had
            // scheduled before that sends nothing.
            return response(last);
        }
        try {
            boolean bounded = deadline != Long.MAX_VALUE;
            waitUntil(bounded && deadline - notBefore < 0 ? deadline : notBefore);
            if (bounded && System.nanoTime() - deadline >= 0) {
                return new PollResponse<>(TIMED_OUT, last);
            }
            return read();
        } catch (RuntimeException e) {
            if (!forWait) {
                throw e;
            }
            failure = e;
            return new PollResponse<>(READ_FAILED, last);
        }
    }

    private PollResponse<OperationStatus> read() {
        OperationStatus status;
        try {
            status = operation.poll();
        } catch (ControlPlaneException e) {
            int failed = failures.incrementAndGet();
            if (!e.isRetryable() || failed >= MAX_CONSECUTIVE_FAILURES) {
                throw e;
            }
            Duration wait =
                    e.retryAfter() != null ? e.retryAfter() : MIN_BACKOFF.multipliedBy(1L << Math.min(failed, 6));
            LOG.debug("Status read {} of the {} failed ({}); retrying in {}", failed, what, e.getMessage(), wait);
            OperationStatus before = last;
            return paused(new OperationStatus(before.state(), before.status(), null, wait), System.nanoTime());
        }
        failures.set(0);
        return read(status);
    }

    /** Why a read failed for good (the loop then ended with {@link #READ_FAILED}), or {@code null}. */
    RuntimeException failure() {
        return failure;
    }

    /** Ends this step's part: polls azure-core still has scheduled send nothing. */
    void abandon() {
        abandoned = true;
    }

    private PollResponse<OperationStatus> read(OperationStatus status) {
        last = status;
        long readAt = System.nanoTime();
        onReading.accept(status);
        return paused(status, readAt);
    }

    /**
     * The status as a poll response; no poll goes before its pause, counted from {@code readAt},
     * has passed. azure-core is handed what is left of the pause now, so that the time spent on the
     * reading since (progress shown, the loop's own work) is not waited on top of it; and it is
     * asked to wait no longer than the deadline, where the step ends the loop.
     */
    private PollResponse<OperationStatus> paused(OperationStatus status, long readAt) {
        notBefore = readAt + status.retryAfter().toNanos();
        long now = System.nanoTime();
        PollResponse<OperationStatus> response = response(status, Duration.ofNanos(Math.max(0, notBefore - now)));
        if (deadline != Long.MAX_VALUE && !status.isTerminal() && notBefore - deadline > 0) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - now));
            return new PollResponse<>(response.getStatus(), status, left);
        }
        return response;
    }

    private void waitUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(what, e);
        }
    }

    /** The error of a wait for {@code what} that was interrupted; the interrupt flag is the caller's to keep. */
    static ArcmlException interrupted(String what, InterruptedException e) {
        return new ArcmlException(
                "Interrupted while waiting for the " + what
                        + ". The operation goes on in the background: call waitForCompletion again to keep waiting",
                e);
    }

    private static PollResponse<OperationStatus> response(OperationStatus status) {
        return response(status, status.retryAfter());
    }

    private static PollResponse<OperationStatus> response(OperationStatus status, Duration pause) {
        LongRunningOperationStatus state = switch (status.state()) {
            case IN_PROGRESS -> LongRunningOperationStatus.IN_PROGRESS;
            case SUCCEEDED -> LongRunningOperationStatus.SUCCESSFULLY_COMPLETED;
            case FAILED -> LongRunningOperationStatus.FAILED;
            case CANCELED -> LongRunningOperationStatus.USER_CANCELLED;
        };
        return new PollResponse<>(state, status, wholeMillisAtLeast(pause));
    }

    /**
     * The pause rounded up to whole milliseconds: azure-core schedules the next poll in whole
     * milliseconds, cutting off the rest, so a pause of 999.6 ms would wake its loop 0.6 ms early
     * and the step would sleep again (a second wake-up, at least a millisecond more).
     */
    static Duration wholeMillisAtLeast(Duration pause) {
        long millis = pause.toMillis();
        return Duration.ofMillis(pause.minusMillis(millis).isZero() ? millis : millis + 1);
    }
}
