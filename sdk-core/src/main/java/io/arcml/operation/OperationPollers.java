package io.arcml.operation;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

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

    private OperationPollers() {}

    /**
     * The poller of {@code operation}; its final result is {@code result} applied to the last status.
     *
     * @param what the operation, for messages, e.g. {@code "attach of compute 'k8s'"}
     */
    public static <T> SyncPoller<OperationStatus, T> syncPoller(
            String what, LongRunningOperation operation, Function<OperationStatus, T> result) {
        return syncPoller(what, new PollStep(what, operation), result);
    }

    /**
     * An operation read through functions: {@code initial} is its first reading (from what is at
     * hand, no request), {@code poll} each reading after it.
     */
    public static LongRunningOperation readings(Supplier<OperationStatus> initial, Supplier<OperationStatus> poll) {
        return new LongRunningOperation() {
            @Override
            public OperationStatus initialStatus() {
                return initial.get();
            }

            @Override
            public OperationStatus poll() {
                return poll.get();
            }
        };
    }

    /**
     * A run's state as an operation's: {@code running} is in progress, {@code completed} succeeded,
     * {@code canceled} canceled, any other end failed.
     */
    public static <S> OperationStatus.State stateOf(S now, S running, S completed, S canceled) {
        if (now == running) {
            return OperationStatus.State.IN_PROGRESS;
        }
        if (now == completed) {
            return OperationStatus.State.SUCCEEDED;
        }
        return now == canceled ? OperationStatus.State.CANCELED : OperationStatus.State.FAILED;
    }

    /** The poller whose polls are {@code step}'s. */
    static <T> SyncPoller<OperationStatus, T> syncPoller(
            String what, PollStep step, Function<OperationStatus, T> result) {
        return SyncPoller.createPoller(
                WHEN_NO_PAUSE,
                context -> step.activate(),
                step,
                (context, last) -> {
                    throw new UnsupportedOperationException(
                            "The " + what + " cannot be canceled once it was accepted; let it end, then undo it");
                },
                context -> result.apply(context.getLatestResponse().getValue()));
    }
}
