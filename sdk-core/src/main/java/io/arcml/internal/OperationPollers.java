package io.arcml.internal;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.util.function.Function;

/**
 * A {@link LongRunningOperation} as azure-core's {@link SyncPoller}, on every transport: the
 * activation is the status the starting request reported (no request), each poll is one
 * {@link LongRunningOperation#poll()} sent no earlier than the last answer's {@code Retry-After}
 * ({@link PollStep}), and the final result is made once, from the last status, after the
 * operation ends. Every {@code begin*} method returns one, and every {@code waitForCompletion}
 * waits on one ({@link OperationWaiter}).
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
     * @param what the operation, for messages, e.g. {@code "attach of compute 'k8s'"}
     */
    public static <T> SyncPoller<OperationStatus, T> syncPoller(String what, LongRunningOperation operation,
                                                                Function<OperationStatus, T> result) {
        return syncPoller(what, new PollStep(what, operation, status -> { }), result);
    }

    /** The poller whose polls are {@code step}'s. */
    static <T> SyncPoller<OperationStatus, T> syncPoller(String what, PollStep step, Function<OperationStatus, T> result) {
        return SyncPoller.createPoller(WHEN_NO_PAUSE, context -> step.activate(), step,
                (context, last) -> {
                    throw new UnsupportedOperationException("The " + what + " cannot be canceled once it was accepted; let it end, then undo it");
                },
                context -> result.apply(context.getLatestResponse().getValue()));
    }
}
