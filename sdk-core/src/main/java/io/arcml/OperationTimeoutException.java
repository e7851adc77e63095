package io.arcml;

import java.time.Duration;

/** A wait ran out of time while the operation was still running; the operation goes on in the background. */
public class OperationTimeoutException extends ArcmlException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;
    private final String lastStatus;

    /**
     * @param what what was waited for, e.g. {@code attach of compute 'gpu'}
     * @param timeout how long was waited
     * @param lastStatus the status last read
     */
    public OperationTimeoutException(String what, Duration timeout, String lastStatus) {
        super(
                "Timed out after " + timeout + " waiting for the " + what + "; its last status was '" + lastStatus
                        + "'. The operation goes on: call waitForCompletion again to keep waiting, or getStatus() to check it later");
        this.timeout = timeout;
        this.lastStatus = lastStatus;
    }

    /** How long was waited. */
    public Duration timeout() {
        return timeout;
    }

    /** The status last read. */
    public String lastStatus() {
        return lastStatus;
    }
}
