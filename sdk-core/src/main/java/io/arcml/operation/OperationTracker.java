package io.arcml.operation;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The long-running operation a resource handle has under way (a compute's attach or detach, an
 * extension's install or delete), for every handle that starts one: which operation it is, the
 * wait on it ({@link OperationWaiter}, with progress and timeout) and the same wait handed out as
 * azure-core's {@link SyncPoller}. Whichever ends the operation first (a wait or a poller) hands
 * its last status to the handle's {@code finish}, which reads the resource back and throws when
 * the operation failed; after that the handle is idle.
 *
 * @param <K> the kinds of operation the handle starts, e.g. attach and detach
 */
public final class OperationTracker<K> {
    private record Pending<K>(K kind, LongRunningOperation operation) {}

    private final Function<K, String> describe;
    private volatile Pending<K> pending;

    /**
     * @param describe the operation of a kind, for messages, e.g. {@code detach of compute 'gpu'}
     */
    public OperationTracker(Function<K, String> describe) {
        this.describe = describe;
    }

    /** Follows {@code operation}, which the handle just started, in place of any before it. */
    public void start(K kind, LongRunningOperation operation) {
        pending = new Pending<>(kind, operation);
    }

    /** Stops following the operation under way (it ended with the request that started it). */
    public void clear() {
        pending = null;
    }

    /** The kind of operation under way, or {@code null} when the handle is idle. */
    public K pending() {
        Pending<K> p = pending;
        return p == null ? null : p.kind();
    }

    /** What the operation of {@code kind} is, for messages. */
    public String describe(K kind) {
        return describe.apply(kind);
    }

    /**
     * Waits for the operation under way, printing the Python SDK's progress to {@code out}, then
     * hands the last status to {@code finish}.
     *
     * @throws IllegalStateException when nothing is under way
     * @throws io.arcml.OperationTimeoutException when the time runs out first (the operation goes on, still followed)
     */
    public <T> T await(Duration timeout, PrintStream out, BiFunction<K, OperationStatus, T> finish) {
        Pending<K> p = requirePending();
        OperationStatus end = OperationWaiter.awaitWith(describe(p.kind()), p.operation(), timeout, Progress.dots(out));
        return ended(p, end, finish);
    }

    /**
     * The operation under way as a {@link SyncPoller} whose final result is {@code finish} applied
     * to its last status.
     *
     * @throws IllegalStateException when nothing is under way
     */
    public <T> SyncPoller<OperationStatus, T> poller(BiFunction<K, OperationStatus, T> finish) {
        Pending<K> p = requirePending();
        return OperationPollers.syncPoller(describe(p.kind()), p.operation(), end -> ended(p, end, finish));
    }

    private <T> T ended(Pending<K> p, OperationStatus end, BiFunction<K, OperationStatus, T> finish) {
        synchronized (this) {
            if (pending == p) {
                pending = null;
            }
        }
        return finish.apply(p.kind(), end);
    }

    private Pending<K> requirePending() {
        Pending<K> p = pending;
        if (p == null) {
            throw new IllegalStateException("No operation is under way");
        }
        return p;
    }
}
