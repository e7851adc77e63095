package io.arcml.internal;

import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link LongRunningOperation} as azure-core's {@link SyncPoller}, on every transport: the
 * activation is the status the starting request reported (no request), each poll is one
 * {@link LongRunningOperation#poll()}, the wait before it the status's {@code retryAfter}, and the
 * final result is made once, from the last status, after the operation ends.
 *
 * <p>azure-core's poller sends its first poll right after the activation, whatever the
 * activation's {@code Retry-After}, and sleeps only after each poll. So each poll here first waits
 * out what is left of the last answer's pause: the first poll honours the starting request's
 * {@code Retry-After}, and later ones, which azure-core already delayed, go at once.
 */
public final class OperationPollers {
    /**
     * The pause azure-core applies when a status asks for none ({@code Retry-After: 0}); every
     * other status carries the service's pause or the transport's default.
     */
    private static final Duration WHEN_NO_PAUSE = Duration.ofMillis(1);

    private OperationPollers() {
    }

    /**
     * The poller of {@code operation}; its final result is {@code result} applied to the last status.
     *
     * @param what the operation, for the message of a cancel request (e.g. {@code "The attach of compute 'k8s'"})
     */
    public static <T> SyncPoller<OperationStatus, T> syncPoller(LongRunningOperation operation, Function<OperationStatus, T> result, String what) {
        AtomicLong notBefore = new AtomicLong();
        return SyncPoller.createPoller(WHEN_NO_PAUSE,
                context -> answered(operation.initialStatus(), notBefore),
                context -> {
                    waitUntil(notBefore.get());
                    return answered(operation.poll(), notBefore);
                },
                (context, last) -> {
                    throw new UnsupportedOperationException(what + " cannot be canceled once ARM accepted it; let it end, then undo it");
                },
                context -> result.apply(context.getLatestResponse().getValue()));
    }

    /** The status as a poll response; no poll goes before its pause has passed. */
    private static PollResponse<OperationStatus> answered(OperationStatus status, AtomicLong notBefore) {
        notBefore.set(System.nanoTime() + status.retryAfter().toNanos());
        return response(status);
    }

    private static void waitUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            OperationWaiter.pause(Duration.ofNanos(left), nanoTime, "operation's next status",
                    "The operation goes on in the background: call waitForCompletion again to keep waiting");
        }
    }

    private static PollResponse<OperationStatus> response(OperationStatus status) {
        LongRunningOperationStatus state = switch (status.state()) {
            case IN_PROGRESS -> LongRunningOperationStatus.IN_PROGRESS;
            case SUCCEEDED -> LongRunningOperationStatus.SUCCESSFULLY_COMPLETED;
            case FAILED -> LongRunningOperationStatus.FAILED;
            case CANCELED -> LongRunningOperationStatus.USER_CANCELLED;
        };
        return new PollResponse<>(state, status, status.retryAfter());
    }
}
