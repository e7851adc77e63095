package io.arcml.sweep;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.ArcmlException;
import io.arcml.operation.Progress;
import io.arcml.run.HostedRun;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** A sweep a service runs itself (Azure ML), followed through its parent run; its studio shows the trials. */
final class HostedSweepRun extends SweepRun {
    private final HostedRun parent;

    HostedSweepRun(ControlPlane controlPlane, String computeName, SweepJob sweep, JobResource submitted) {
        super(controlPlane, computeName, sweep);
        this.parent = new HostedRun(controlPlane, computeName, "sweep '" + sweep.name() + "'", submitted);
    }

    @Override
    public Optional<String> parentRunId() {
        return Optional.of(parent.runId());
    }

    @Override
    public String details() {
        return parent.details();
    }

    @Override
    public SweepRun refresh() {
        parent.refresh();
        return this;
    }

    @Override
    public boolean isRunning() {
        return parent.isRunning();
    }

    @Override
    public State state() {
        return parent.state(State.RUNNING, State.COMPLETED, State.CANCELED, State.FAILED);
    }

    @Override
    public String stopReason() {
        return null;
    }

    @Override
    public SweepResults results() {
        return new SweepResults(sweep.objective(), List.of());
    }

    @Override
    String describe() {
        return parent.describe();
    }

    @Override
    LongRunningOperation asOperation() {
        return parent.asOperation();
    }

    @Override
    Progress progress(PrintStream out) {
        return Progress.dots(out);
    }

    @Override
    void ended(PrintStream out) {
        parent.ended(out, outcome -> new ArcmlException("Sweep '" + sweep.name() + "' " + outcome));
    }

    @Override
    public SweepRun cancel() {
        parent.cancel();
        return this;
    }

    @Override
    public SyncPoller<OperationStatus, SweepRun> beginCancel() {
        return parent.beginCancel(() -> this);
    }

    @Override
    public String toString() {
        return "SweepRun{" + sweep.name() + " on " + computeName + ": " + parent + "}";
    }
}
