package io.arcml.run;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.transport.OperationStatus;
import java.util.Optional;

/**
 * A sweep or pipeline run that a service runs itself, answered from its parent run: the hosted
 * sweep run and the hosted pipeline run implement only what differs between them.
 *
 * @param <R> the run's own type
 */
public interface HostedParentRun<R> extends ParentRun<R> {

    /** The parent run the answers come from. */
    HostedRun parent();

    /** This run, as its own type. */
    R self();

    @Override
    default Optional<String> parentRunId() {
        return Optional.of(parent().runId());
    }

    @Override
    default String details() {
        return parent().details();
    }

    @Override
    default R refresh() {
        parent().refresh();
        return self();
    }

    @Override
    default boolean isRunning() {
        return parent().isRunning();
    }

    @Override
    default R cancel() {
        parent().cancel();
        return self();
    }

    @Override
    default SyncPoller<OperationStatus, R> beginCancel() {
        return parent().beginCancel(this::self);
    }
}
