package io.arcml.pipeline;

import io.arcml.run.HostedParentRun;
import io.arcml.run.HostedRun;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobResource;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/** A pipeline a service runs itself (Azure ML), followed through its parent run; its studio shows the steps. */
final class HostedPipelineRun extends PipelineRun implements HostedParentRun<PipelineRun> {
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
    public HostedRun parent() {
        return parent;
    }

    @Override
    public PipelineRun self() {
        return this;
    }

    @Override
    public State state() {
        return parent.state(State.RUNNING, State.COMPLETED, State.CANCELED, State.FAILED);
    }

    @Override
    void await(PrintStream out, Duration timeout) {
        parent.await(
                out,
                timeout,
                outcome -> new PipelineFailedException(null, "Pipeline '" + pipeline.name() + "' " + outcome));
    }

    @Override
    public String toString() {
        return "PipelineRun{" + pipeline.name() + " on " + computeName + ": " + parent + "}";
    }
}
