package io.arcml.k8s.internal;

import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A cancel on the cluster, after its deletes were sent: {@code CancelRequested} until what was
 * deleted is gone, then {@code Canceled}. Each status read checks once.
 */
final class CancelOperation implements LongRunningOperation {
    private final BooleanSupplier gone;
    private final Runnable whileNotGone;
    private final Duration pollInterval;

    private CancelOperation(BooleanSupplier gone, Runnable whileNotGone, Duration pollInterval) {
        this.gone = gone;
        this.whileNotGone = whileNotGone;
        this.pollInterval = pollInterval;
    }

    /**
     * @param gone true once nothing of what was canceled is left
     * @param whileNotGone run at each read that finds something left (e.g. delete again)
     * @param pollInterval how long to wait between reads
     */
    static LongRunningOperation untilGone(BooleanSupplier gone, Runnable whileNotGone, Duration pollInterval) {
        return new CancelOperation(gone, whileNotGone, pollInterval);
    }

    @Override
    public OperationStatus initialStatus() {
        return poll();
    }

    @Override
    public OperationStatus poll() {
        if (gone.getAsBoolean()) {
            return new OperationStatus(OperationStatus.State.SUCCEEDED, "Canceled", null, pollInterval);
        }
        whileNotGone.run();
        return new OperationStatus(OperationStatus.State.IN_PROGRESS, "CancelRequested", null, pollInterval);
    }
}
