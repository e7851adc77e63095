package io.arcml.pipeline;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.operation.Progress;
import io.arcml.run.HostedRun;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/** A pipeline a service runs itself (Azure ML), followed through its parent run; its studio shows the steps. */
final class HostedPipelineRun extends PipelineRun {
    private final HostedRun parent;

    HostedPipelineRun(ControlPlane controlPlane, String computeName, PipelineJob pipeline, JobResource submitted) {
        super(controlPlane, computeName, pipeline);
        this.parent = new HostedRun(controlPlane, computeName, "pipeline '" + pipeline.name() + "'", submitted);
    }

    @Override
    public Map<String, StepStatus> steps() {
        return Map.of();
    }

    @Override
    public String failedStep() {
        return null;
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
    public PipelineRun refresh() {
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
        parent.ended(
                out, outcome -> new PipelineFailedException(null, "Pipeline '" + pipeline.name() + "' " + outcome));
    }

    @Override
    public PipelineRun cancel() {
        parent.cancel();
        return this;
    }

    @Override
    public SyncPoller<OperationStatus, PipelineRun> beginCancel() {
        return parent.beginCancel(() -> this);
    }

    @Override
    public String toString() {
        return "PipelineRun{" + pipeline.name() + " on " + computeName + ": " + parent + "}";
    }
}
