package io.arcml.operation;

import io.arcml.ErrorDetail;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.util.List;

/**
 * Several operations followed as one, such as the cancels of a sweep's running trials: it ends
 * when every one has, failed when one failed. Each poll reads only those still running, after
 * the longest pause any of them asked for, so none is read before its own {@code Retry-After}.
 */
public final class OperationGroup implements LongRunningOperation {
    private final List<LongRunningOperation> operations;
    private final OperationStatus[] last;

    /** The operations, each started already. */
    public OperationGroup(List<LongRunningOperation> operations) {
        this.operations = List.copyOf(operations);
        this.last = new OperationStatus[this.operations.size()];
    }

    @Override
    public synchronized OperationStatus initialStatus() {
        for (int i = 0; i < last.length; i++) {
            last[i] = operations.get(i).initialStatus();
        }
        return combined();
    }

    @Override
    public synchronized OperationStatus poll() {
        for (int i = 0; i < last.length; i++) {
            if (!last[i].isTerminal()) {
                last[i] = operations.get(i).poll();
            }
        }
        return combined();
    }

    private OperationStatus combined() {
        int running = 0;
        Duration pause = Duration.ZERO;
        ErrorDetail error = null;
        String failed = null;
        for (OperationStatus s : last) {
            if (!s.isTerminal()) {
                running++;
                pause = s.retryAfter().compareTo(pause) > 0 ? s.retryAfter() : pause;
            } else if (s.state() != OperationStatus.State.SUCCEEDED && failed == null) {
                failed = s.status();
                error = s.error();
            }
        }
        if (running > 0) {
            return new OperationStatus(
                    OperationStatus.State.IN_PROGRESS, running + " of " + last.length + " running", null, pause);
        }
        return failed == null
                ? new OperationStatus(OperationStatus.State.SUCCEEDED, "Succeeded", null, pause)
                : new OperationStatus(OperationStatus.State.FAILED, failed, error, pause);
    }
}
