package io.arcml.transport;

/**
 * An operation the control plane carries out in the background (attach, detach, extension
 * install). arcml's waiting loop reads {@link #initialStatus()}, then calls {@link #poll()} after
 * each {@link OperationStatus#retryAfter()} until the status is terminal. One poll is one request.
 */
public interface LongRunningOperation {

    /** The status as the request that started the operation reported it; no request is sent. */
    OperationStatus initialStatus();

    /** Reads the operation's status once. */
    OperationStatus poll();

    /** An operation that had already ended when it was started (a synchronous 200 or a 204). */
    static LongRunningOperation completed(OperationStatus status) {
        return new LongRunningOperation() {
            @Override
            public OperationStatus initialStatus() {
                return status;
            }

            @Override
            public OperationStatus poll() {
                return status;
            }
        };
    }
}
