package io.arcml.sweep;

import io.arcml.ArcmlException;
import io.arcml.run.HostedParentRun;
import io.arcml.run.HostedRun;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobResource;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** A sweep a service runs itself (Azure ML), followed through its parent run; its studio shows the trials. */
final class HostedSweepRun extends SweepRun implements HostedParentRun<SweepRun> {
    private final HostedRun parent;

    HostedSweepRun(ControlPlane controlPlane, String computeName, SweepJob sweep, JobResource submitted) {
        super(controlPlane, computeName, sweep);
        this.parent = new HostedRun(controlPlane, computeName, "sweep '" + sweep.name() + "'", submitted);
    }

    @Override
    public HostedRun parent() {
        return parent;
    }

    @Override
    public SweepRun self() {
        return this;
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
    void await(PrintStream out, Duration timeout) {
        parent.await(out, timeout, outcome -> new ArcmlException("Sweep '" + sweep.name() + "' " + outcome));
    }

    @Override
    public String toString() {
        return "SweepRun{" + sweep.name() + " on " + computeName + ": " + parent + "}";
    }
}
