package io.arcml.run;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.Waitable;
import io.arcml.transport.OperationStatus;
import java.util.Optional;

/**
 * What a sweep run and a pipeline run share: a run with trials or steps under it, which Azure ML
 * runs itself (hosted) or arcml launches one child at a time (launched).
 *
 * @param <R> the run's own type, which the methods return
 */
public interface ParentRun<R> extends Waitable<R> {

    /** The run ID of the parent run where a service runs the children itself; empty when arcml launches them. */
    Optional<String> parentRunId();

    /** Where the children and their logs are: the service's account of the parent run, or each child's logs. */
    String details();

    /** Reads the run again (and, when arcml launches the children, launches those now due). */
    R refresh();

    /** True while a child runs or is still to be started. */
    boolean isRunning();

    /** Cancels the run: starts no more children and cancels the running ones, then waits until they have ended. */
    R cancel();

    /**
     * Starts the cancel as azure-core's {@link SyncPoller}: one cancel request per running child,
     * polled after the service's {@code Retry-After}; {@code getFinalResult()} is this run, canceled.
     */
    SyncPoller<OperationStatus, R> beginCancel();
}
