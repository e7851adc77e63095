package io.arcml.pipeline;

import io.arcml.ArcmlException;
import io.arcml.OperationTimeoutException;
import io.arcml.ValidationException;
import io.arcml.Waitable;
import io.arcml.internal.HostedRun;
import io.arcml.internal.OperationWaiter;
import io.arcml.job.CommandJob;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.arcml.transport.Capability;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.HostedPipelines;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline running on a compute: arcml starts each step as a job once the steps it depends on
 * have completed, runs independent steps in parallel, and on a failure stops the steps that
 * depend on it (all others too, unless the pipeline continues on step failure). It works in the
 * calling thread, while {@link #waitForCompletion()} runs or on each {@link #refresh()}.
 */
public final class PipelineRun implements Waitable<PipelineRun> {
    /** How long a cancel may take before the wait gives up (the cancel goes on). */
    private static final Duration CANCEL_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
    private static final int FAILURE_LOG_LINES = 20;

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
    public record StepStatus(StepState state, String jobName, String runId, String message,
                             OffsetDateTime startTime, OffsetDateTime endTime) {

        /** A status whose job has no known start or end time. */
        public StepStatus(StepState state, String jobName, String runId, String message) {
            this(state, jobName, runId, message, null, null);
        }

        @Override
        public String toString() {
            return state + (message == null ? "" : " (" + message + ")");
        }
    }

    private final JobOperations operations;
    private final String computeName;
    private final PipelineJob pipeline;
    private final Map<String, CommandJob> jobs = new LinkedHashMap<>();
    private final Map<String, StepStatus> status = new LinkedHashMap<>();
    private String failedStep;
    private String failure;
    private boolean canceled;
    /** Set when the service runs the pipeline itself (Azure ML); then arcml only follows it. */
    private HostedRun hosted;

    private PipelineRun(ControlPlane controlPlane, String computeName, PipelineJob pipeline, UnaryOperator<CommandJob> resolver) {
        this.operations = Capability.jobs(controlPlane, "run pipeline '" + pipeline.name() + "'");
        this.computeName = computeName;
        this.pipeline = pipeline;
        // Every step is resolved (and so checked) before the first one is submitted. A step sent to
        // another compute keeps its own instance type, which that compute (Azure ML) checks, or none
        // for that compute's default: the compute the pipeline was submitted to has no say in it.
        for (String step : pipeline.topologicalOrder()) {
            String stepCompute = pipeline.steps().get(step).compute();
            CommandJob job = pipeline.stepJob(step);
            jobs.put(step, stepCompute == null || stepCompute.equals(computeName) ? resolver.apply(job) : job);
        }
        pipeline.steps().keySet().forEach(s -> status.put(s, new StepStatus(StepState.WAITING, jobs.get(s).name(), null, null)));
    }

    /**
     * Starts a pipeline: submits the steps that depend on nothing.
     *
     * @param resolver resolves each step's job for the compute (its instance type); applied first to all
     *     steps that run on that compute (a step with a compute of its own is left to that compute)
     */
    public static PipelineRun start(ControlPlane controlPlane, String computeName, PipelineJob pipeline, UnaryOperator<CommandJob> resolver) {
        PipelineRun run = new PipelineRun(controlPlane, computeName, pipeline, resolver);
        Optional<HostedPipelines> service = controlPlane.hostedPipelines();
        if (service.isPresent()) {
            run.hosted = new HostedRun(controlPlane, computeName, "pipeline '" + pipeline.name() + "'",
                    service.get().submitPipeline(computeName, pipeline));
            return run;
        }
        requireOneCompute(computeName, pipeline);
        // A step with data inputs would be refused when its turn came, after the steps before it ran.
        run.jobs.forEach((step, job) -> job.requireNoDataInputs("jobs." + step + ".inputs",
                "a pipeline arcml runs itself (on the " + controlPlane.kind() + " control plane)"));
        synchronized (run) {
            run.launchReady();
        }
        return run;
    }

    /** arcml runs a pipeline's steps itself only on the compute the pipeline was submitted to. */
    private static void requireOneCompute(String computeName, PipelineJob pipeline) {
        pipeline.steps().forEach((name, step) -> {
            if (step.compute() != null && !step.compute().equals(computeName)) {
                throw new ValidationException("jobs." + name + ".compute", step.compute(),
                        "is not the compute the pipeline runs on (" + computeName + "); arcml runs a pipeline's steps on that one compute,"
                                + " only Azure ML runs steps on other computes",
                        "Remove the step's compute, submit the pipeline to '" + step.compute() + "', or submit it to a workspace on Azure");
            }
        });
    }

    /** The pipeline. */
    public PipelineJob pipeline() {
        return pipeline;
    }

    /** Each step's status, in the pipeline's order. */
    public synchronized Map<String, StepStatus> steps() {
        Map<String, StepStatus> out = new LinkedHashMap<>();
        pipeline.steps().keySet().forEach(s -> out.put(s, status.get(s)));
        return out;
    }

    /** The step that failed (or was canceled outside the pipeline), or {@code null}. */
    public synchronized String failedStep() {
        return failedStep;
    }

    /** The pipeline's parent run when a service runs it (Azure ML), else empty: arcml runs the steps. */
    public Optional<HostedRun> hostedRun() {
        return Optional.ofNullable(hosted);
    }

    /** Reads every running step once, and starts the steps that became ready. */
    public synchronized PipelineRun refresh() {
        if (hosted != null) {
            hosted.refresh();
            return this;
        }
        for (String step : pipeline.topologicalOrder()) {
            StepStatus s = status.get(step);
            if (s.state() != StepState.QUEUED && s.state() != StepState.RUNNING) {
                continue;
            }
            JobStatus js = operations.getJob(computeName, s.runId()).map(JobResource::status)
                    .orElseThrow(() -> new ArcmlException("Step '" + step + "' (job " + s.jobName() + ") was removed outside arcml"));
            update(step, js);
        }
        launchReady();
        return this;
    }

    private void update(String step, JobStatus js) {
        StepStatus s = status.get(step);
        switch (js.state()) {
            case COMPLETED -> status.put(step, new StepStatus(StepState.COMPLETED, s.jobName(), s.runId(), null, js.startTime(), js.endTime()));
            // Steps the pipeline cancels itself never come here (cancelStep records them): this one was canceled outside.
            case FAILED, CANCELED -> stepStopped(step, js);
            case RUNNING, PREPARING, CANCEL_REQUESTED -> status.put(step, new StepStatus(StepState.RUNNING, s.jobName(), s.runId(), null, js.startTime(), null));
            default -> status.put(step, new StepStatus(StepState.QUEUED, s.jobName(), s.runId(), js.message()));
        }
    }

    /**
     * A step ended without completing (it failed, or was canceled outside the pipeline): the steps
     * that wait on it can never run, so they are skipped and named in the failure; without
     * {@code continueOnStepFailure} every other step is stopped too.
     */
    private void stepStopped(String step, JobStatus js) {
        StepStatus stopped = status.get(step);
        boolean failed = js.state() == JobState.FAILED;
        String what = failed ? "failed" : "was canceled outside the pipeline";
        String why = "step '" + step + "' " + (failed ? "failed" : "was canceled");
        status.put(step, new StepStatus(failed ? StepState.FAILED : StepState.CANCELED, stopped.jobName(), stopped.runId(), js.message(),
                js.startTime(), js.endTime()));
        LOG.info("Pipeline '{}': step '{}' {} ({})", pipeline.name(), step, what, js.message());
        Set<String> blocked = new LinkedHashSet<>();
        Set<String> others = pipeline.continueOnStepFailure() ? dependants(step) : new LinkedHashSet<>(status.keySet());
        for (String other : others) {
            StepStatus s = status.get(other);
            if (s.state() == StepState.WAITING) {
                blocked.add(other);
                status.put(other, new StepStatus(StepState.SKIPPED, s.jobName(), null, why));
            } else if (s.state() == StepState.QUEUED || s.state() == StepState.RUNNING) {
                cancelStep(other, why);
            }
        }
        if (failedStep == null) {
            failedStep = step;
            String[] lines = operations.jobLogs(computeName, stopped.runId()).split("\\R");
            String tail = String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - FAILURE_LOG_LINES), lines.length));
            failure = "Step '" + step + "' (job " + stopped.jobName() + ", run " + stopped.runId() + ") " + what
                    + (js.message() == null ? "" : ": " + js.message())
                    + (blocked.isEmpty() ? "" : "\nSteps that can no longer run: " + String.join(", ", blocked))
                    + (tail.isBlank() ? "" : "\nLast lines of its log:\n" + tail);
        }
    }

    private void cancelStep(String step, String why) {
        StepStatus s = status.get(step);
        OperationWaiter.await("cancel of step '" + step + "'", operations.beginCancelJob(computeName, s.runId()), CANCEL_TIMEOUT, null);
        status.put(step, new StepStatus(StepState.CANCELED, s.jobName(), s.runId(), why, s.startTime(), OffsetDateTime.now()));
    }

    /** Every step that depends on {@code step}, directly or not. */
    private Set<String> dependants(String step) {
        Set<String> out = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, PipelineStep> e : pipeline.steps().entrySet()) {
                Set<String> up = e.getValue().upstream();
                if (!out.contains(e.getKey()) && (up.contains(step) || up.stream().anyMatch(out::contains))) {
                    out.add(e.getKey());
                    grew = true;
                }
            }
        }
        return out;
    }

    private void launchReady() {
        if (canceled) {
            return;
        }
        for (String step : pipeline.topologicalOrder()) {
            if (status.get(step).state() != StepState.WAITING) {
                continue;
            }
            boolean ready = pipeline.steps().get(step).upstream().stream().allMatch(u -> status.get(u).state() == StepState.COMPLETED);
            if (ready) {
                JobResource submitted = operations.submitJob(computeName, jobs.get(step));
                LOG.debug("Pipeline '{}': started step '{}' as {}", pipeline.name(), step, submitted.runId());
                status.put(step, new StepStatus(StepState.QUEUED, submitted.jobName(), submitted.runId(), null));
                update(step, submitted.status());
            }
        }
    }

    /** True while a step runs or waits. */
    public synchronized boolean isRunning() {
        if (hosted != null) {
            return hosted.isRunning();
        }
        return status.values().stream().anyMatch(s -> !s.state().isTerminal());
    }

    /** Where the pipeline is. */
    public synchronized State state() {
        if (isRunning()) {
            return State.RUNNING;
        }
        if (hosted != null) {
            return switch (hosted.status().state()) {
                case COMPLETED -> State.COMPLETED;
                case CANCELED -> State.CANCELED;
                default -> State.FAILED;
            };
        }
        if (failedStep != null) {
            return State.FAILED;
        }
        return canceled ? State.CANCELED : State.COMPLETED;
    }

    /**
     * Drives the pipeline until every step has ended; prints each step's changes to {@code out}
     * when one is given.
     *
     * @param out where progress goes, or {@code null} for none
     * @param timeout the longest wait, or {@code null} for none; when it passes, the steps go on
     * @throws PipelineFailedException naming the step that failed, why, and the end of its log
     */
    @Override
    public PipelineRun waitForCompletion(PrintStream out, Duration timeout) {
        long deadline = OperationWaiter.deadline(timeout);
        if (hosted != null) {
            hosted.awaitSuccess(out, timeout, outcome -> new PipelineFailedException(null, "Pipeline '" + pipeline.name() + "' " + outcome));
            return this;
        }
        Map<String, StepState> shown = new LinkedHashMap<>();
        while (true) {
            refresh();
            if (out != null) {
                steps().forEach((step, s) -> {
                    if (shown.put(step, s.state()) != s.state()) {
                        out.println(step + ": " + s);
                    }
                });
            }
            if (!isRunning()) {
                break;
            }
            if (System.nanoTime() >= deadline) {
                throw new OperationTimeoutException("pipeline '" + pipeline.name() + "'", timeout, steps().toString());
            }
            OperationWaiter.pause(operations.jobStatusInterval(), deadline, "pipeline '" + pipeline.name() + "'",
                    "Its steps go on: call waitForCompletion again");
        }
        if (state() == State.FAILED) {
            throw new PipelineFailedException(failedStep, "Pipeline '" + pipeline.name() + "' failed. " + failure);
        }
        return this;
    }

    /** Cancels the running steps and starts no more. */
    public synchronized PipelineRun cancel() {
        canceled = true;
        if (hosted != null) {
            hosted.cancel();
            return this;
        }
        for (String step : new ArrayList<>(status.keySet())) {
            StepStatus s = status.get(step);
            if (s.state() == StepState.WAITING) {
                status.put(step, new StepStatus(StepState.SKIPPED, s.jobName(), null, "the pipeline was canceled"));
            } else if (s.state() == StepState.QUEUED || s.state() == StepState.RUNNING) {
                cancelStep(step, "the pipeline was canceled");
            }
        }
        return this;
    }

    /** The pipeline's state and each step's. */
    @Override
    public synchronized String toString() {
        if (hosted != null) {
            return "PipelineRun{" + pipeline.name() + " on " + computeName + ": " + hosted + "}";
        }
        return "PipelineRun{" + pipeline.name() + " on " + computeName + ": " + state() + ", steps=" + steps() + "}";
    }
}
