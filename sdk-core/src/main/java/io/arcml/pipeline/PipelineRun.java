package io.arcml.pipeline;

import io.arcml.job.CommandJob;
import io.arcml.run.ParentRun;
import io.arcml.transport.Capability;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.HostedPipelines;
import io.arcml.transport.JobOperations;
import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A pipeline running on a compute. Who runs it depends on the control plane: Azure ML runs a
 * pipeline itself, and the run follows its parent run ({@link #parentRunId()}); elsewhere arcml
 * runs it in the calling thread (while {@link #waitForCompletion()} runs or on each
 * {@link #refresh()}): it starts each step as a job once the steps it depends on have completed,
 * runs independent steps in parallel, and on a failure stops the steps that depend on it (all
 * others too, unless the pipeline continues on step failure).
 *
 * <pre>{@code
 * PipelineRun run = compute.submit(pipeline);
 * run.waitForCompletion(true);          // prep: RUNNING ... train: COMPLETED
 * }</pre>
 */
public abstract sealed class PipelineRun implements ParentRun<PipelineRun>
        permits HostedPipelineRun, LaunchedPipelineRun {
    /** How long a cancel may take before the wait gives up (the cancel goes on). */
    static final Duration CANCEL_TIMEOUT = Duration.ofMinutes(5);

    /** Where a step is. */
    public enum StepState {
        /** Waiting for the steps it depends on. */
        WAITING,
        /** Submitted, not yet running. */
        QUEUED,
        /** Running. */
        RUNNING,
        /** Ended well. */
        COMPLETED,
        /** Ended in failure. */
        FAILED,
        /** Canceled while it ran. */
        CANCELED,
        /** Never started: a step it depends on failed, or the pipeline stopped. */
        SKIPPED;

        /** True once the step will not change any more. */
        public boolean isTerminal() {
            return this == COMPLETED || this == FAILED || this == CANCELED || this == SKIPPED;
        }
    }

    /** Where the pipeline is. */
    public enum State {
        /** Steps run or wait. */
        RUNNING,
        /** Every step completed. */
        COMPLETED,
        /** A step failed or was canceled outside the pipeline. */
        FAILED,
        /** Canceled by the user. */
        CANCELED
    }

    /**
     * A step's status.
     *
     * @param state where the step is
     * @param jobName the job it runs as
     * @param runId the run the control plane gave it, or {@code null} before it is submitted
     * @param message why it waits, failed or was skipped, or {@code null}
     * @param startTime when its job started running, or {@code null} before it ran or when unknown
     * @param endTime when its job ended, or {@code null} while it runs or when unknown
     */
    public record StepStatus(
            StepState state,
            String jobName,
            String runId,
            String message,
            OffsetDateTime startTime,
            OffsetDateTime endTime) {

        /** A status whose job has no known start or end time. */
        public StepStatus(StepState state, String jobName, String runId, String message) {
            this(state, jobName, runId, message, null, null);
        }

        @Override
        public String toString() {
            return state + (message == null ? "" : " (" + message + ")");
        }
    }

    final JobOperations operations;
    final String computeName;
    final PipelineJob pipeline;

    PipelineRun(ControlPlane controlPlane, String computeName, PipelineJob pipeline) {
        this.operations = Capability.jobs(controlPlane, "run pipeline '" + pipeline.name() + "'");
        this.computeName = computeName;
        this.pipeline = pipeline;
    }

    /**
     * Starts a pipeline: a service that runs pipelines itself (Azure ML) gets the whole pipeline;
     * otherwise arcml submits the steps that depend on nothing.
     *
     * @param resolver resolves each step's job for the compute (its instance type); applied first to all
     *     steps that run on that compute (a step with a compute of its own is left to that compute)
     */
    public static PipelineRun start(
            ControlPlane controlPlane, String computeName, PipelineJob pipeline, UnaryOperator<CommandJob> resolver) {
        // Every step is resolved (and so checked) before anything is sent. A step sent to another
        // compute keeps its own instance type, which that compute (Azure ML) checks, or none for
        // that compute's default: the compute the pipeline was submitted to has no say in it.
        Map<String, CommandJob> jobs = new LinkedHashMap<>();
        for (String step : pipeline.topologicalOrder()) {
            String stepCompute = pipeline.steps().get(step).compute();
            CommandJob job = pipeline.stepJob(step);
            jobs.put(step, stepCompute == null || stepCompute.equals(computeName) ? resolver.apply(job) : job);
        }
        Optional<HostedPipelines> service = controlPlane.hostedPipelines();
        if (service.isPresent()) {
            return new HostedPipelineRun(
                    controlPlane, computeName, pipeline, service.get().submitPipeline(computeName, pipeline.toSpec()));
        }
        return LaunchedPipelineRun.startLaunching(controlPlane, computeName, pipeline, jobs, resolver);
    }

    /** The pipeline. */
    public PipelineJob pipeline() {
        return pipeline;
    }

    /** Each step's status, in the pipeline's order; empty when a service runs the pipeline (its studio shows the steps). */
    public abstract Map<String, StepStatus> steps();

    /** The step that failed (or was canceled outside the pipeline), or {@code null}; {@code null} when a service runs the pipeline. */
    public abstract String failedStep();

    /** Where the pipeline is. */
    public abstract State state();

    /**
     * Drives (or follows) the pipeline until every step has ended; prints each step's changes (or,
     * when a service runs it, the parent run's states and its account) to {@code out} when one is given.
     *
     * @param out where progress goes, or {@code null} for none
     * @param timeout the longest wait, or {@code null} for none; when it passes, the steps go on
     * @throws PipelineFailedException naming the step that failed, why, and the end of its log
     */
    @Override
    public PipelineRun waitForCompletion(PrintStream out, Duration timeout) {
        await(out, timeout);
        return this;
    }

    /** What is waited for, for messages. */
    String describe() {
        return "pipeline '" + pipeline.name() + "'";
    }

    /** Waits for the run to end, showing progress on {@code out} when one is given, then its outcome; throws when it is not a success. */
    abstract void await(PrintStream out, Duration timeout);
}
