package io.arcml.pipeline;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.arcml.operation.OperationGroup;
import io.arcml.operation.OperationPollers;
import io.arcml.operation.OperationWaiter;
import io.arcml.operation.Progress;
import io.arcml.sweep.SweepRun;
import io.arcml.sweep.TrialResult;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
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
 * A pipeline arcml runs itself: it starts each step as a job once the steps it depends on have
 * completed, runs independent steps in parallel, and on a failure stops the steps that depend on
 * it (all others too, unless the pipeline continues on step failure). It works in the calling
 * thread, while {@link #waitForCompletion()} runs or on each {@link #refresh()}. A sweep step runs
 * as a sweep arcml launches ({@link SweepRun}), driven on each refresh; it completes with its best
 * trial, whose outputs the steps bound to it then read.
 */
final class LaunchedPipelineRun extends PipelineRun {
    private static final Logger LOG = LoggerFactory.getLogger(LaunchedPipelineRun.class);
    private static final int FAILURE_LOG_LINES = 20;
    private static final String CANCELED_BY_USER = "the pipeline was canceled";

    private final ControlPlane controlPlane;
    private final Map<String, CommandJob> jobs;
    private final UnaryOperator<CommandJob> resolver;
    private final Map<String, StepStatus> status = new LinkedHashMap<>();
    /** The sweeps of the sweep steps that started. */
    private final Map<String, SweepRun> sweeps = new LinkedHashMap<>();
    /** The best trial of each sweep step that completed: its outputs are the step's. */
    private final Map<String, String> bestTrials = new LinkedHashMap<>();

    private String failedStep;
    private String failure;
    private boolean canceled;

    /**
     * @param jobs each step's job, resolved for the compute
     * @param resolver resolves a step's job for the compute, for the steps rendered again once the sweep steps they
     *     read from have their best trials
     */
    private LaunchedPipelineRun(
            ControlPlane controlPlane,
            String computeName,
            PipelineJob pipeline,
            Map<String, CommandJob> jobs,
            UnaryOperator<CommandJob> resolver) {
        super(controlPlane, computeName, pipeline);
        this.controlPlane = controlPlane;
        this.jobs = jobs;
        this.resolver = resolver;
        pipeline.steps()
                .keySet()
                .forEach(s -> status.put(
                        s, new StepStatus(StepState.WAITING, jobs.get(s).name(), null, null)));
    }

    /** Starts the pipeline: submits the steps that depend on nothing. */
    static LaunchedPipelineRun startLaunching(
            ControlPlane controlPlane,
            String computeName,
            PipelineJob pipeline,
            Map<String, CommandJob> jobs,
            UnaryOperator<CommandJob> resolver) {
        requireOneCompute(computeName, pipeline);
        // A step with local code or data inputs would be refused when its turn came, after the steps before it ran.
        String transport = "a pipeline arcml runs itself (on the " + controlPlane.kind() + " control plane)";
        jobs.forEach((step, job) -> {
            job.requireNoLocalCode("jobs." + step + ".code", transport);
            job.requireNoDataInputs("jobs." + step + ".inputs", transport);
        });
        pipeline.requireRunnableWithoutAzure(transport);
        // A sweep step arcml cannot sample (a nested space) would be refused when its turn came.
        pipeline.steps()
                .forEach((step, s) -> s.sweep()
                        .ifPresent(sweep ->
                                sweep.searchSpace().requireFlat("arcml's own trial launcher (jobs." + step + ")")));
        LaunchedPipelineRun run = new LaunchedPipelineRun(controlPlane, computeName, pipeline, jobs, resolver);
        synchronized (run) {
            run.launchReady();
        }
        return run;
    }

    /** arcml runs a pipeline's steps itself only on the compute the pipeline was submitted to. */
    private static void requireOneCompute(String computeName, PipelineJob pipeline) {
        pipeline.steps().forEach((name, step) -> {
            if (step.compute() != null && !step.compute().equals(computeName)) {
                throw new ValidationException(
                        "jobs." + name + ".compute",
                        step.compute(),
                        "is not the compute the pipeline runs on (" + computeName
                                + "); arcml runs a pipeline's steps on that one compute,"
                                + " only Azure ML runs steps on other computes",
                        "Remove the step's compute, submit the pipeline to '" + step.compute()
                                + "', or submit it to a workspace on Azure");
            }
        });
    }

    @Override
    public synchronized Map<String, StepStatus> steps() {
        Map<String, StepStatus> out = new LinkedHashMap<>();
        pipeline.steps().keySet().forEach(s -> out.put(s, status.get(s)));
        return out;
    }

    @Override
    public synchronized String failedStep() {
        return failedStep;
    }

    @Override
    public Optional<String> parentRunId() {
        return Optional.empty();
    }

    /** Each step's status, a line each. */
    @Override
    public synchronized String details() {
        StringBuilder out = new StringBuilder();
        steps().forEach((step, s) -> out.append(step).append(": ").append(s).append('\n'));
        return out.toString();
    }

    /** Reads every running step once, and starts the steps that became ready. */
    @Override
    public synchronized PipelineRun refresh() {
        for (String step : pipeline.topologicalOrder()) {
            StepStatus s = status.get(step);
            if (s.state() != StepState.QUEUED && s.state() != StepState.RUNNING) {
                continue;
            }
            if (sweeps.containsKey(step)) {
                updateSweep(step, sweeps.get(step).refresh());
                continue;
            }
            JobStatus js = operations
                    .getJob(computeName, s.runId())
                    .map(r -> JobStatus.of(r.status()))
                    .orElseThrow(() -> new ArcmlException(
                            "Step '" + step + "' (job " + s.jobName() + ") was removed outside arcml"));
            update(step, js);
        }
        launchReady();
        return this;
    }

    private void update(String step, JobStatus js) {
        StepStatus s = status.get(step);
        switch (js.state()) {
            case COMPLETED ->
                status.put(
                        step,
                        new StepStatus(
                                StepState.COMPLETED, s.jobName(), s.runId(), null, js.startTime(), js.endTime()));
            // Steps the pipeline cancels itself never come here (cancelStep records them): this one was canceled
            // outside.
            case FAILED, CANCELED -> stepStopped(step, js);
            case RUNNING, PREPARING, CANCEL_REQUESTED ->
                status.put(step, new StepStatus(StepState.RUNNING, s.jobName(), s.runId(), null, js.startTime(), null));
            default -> status.put(step, new StepStatus(StepState.QUEUED, s.jobName(), s.runId(), js.message()));
        }
    }

    /** A sweep step follows its sweep: running with its progress line, completed with its best trial, or stopped. */
    private void updateSweep(String step, SweepRun sweep) {
        StepStatus s = status.get(step);
        switch (sweep.state()) {
            case RUNNING ->
                status.put(
                        step,
                        new StepStatus(
                                StepState.RUNNING,
                                s.jobName(),
                                null,
                                sweep.results().progressLine(sweep.sweep().plannedTrials())));
            case COMPLETED -> {
                Optional<TrialResult> best = sweep.best();
                if (best.isPresent()) {
                    bestTrials.put(step, best.get().trialId());
                    status.put(
                            step,
                            new StepStatus(
                                    StepState.COMPLETED,
                                    s.jobName(),
                                    null,
                                    "best trial " + best.get().trialId()));
                } else {
                    stepStopped(
                            step,
                            JobStatus.of(
                                    JobState.FAILED,
                                    "no completed trial reported "
                                            + sweep.sweep().objective().primaryMetric()
                                            + ", so there is no best trial whose outputs the step gives"));
                }
            }
            case FAILED ->
                stepStopped(
                        step,
                        JobStatus.of(
                                JobState.FAILED,
                                "no trial completed"
                                        + (sweep.stopReason() == null ? "" : " (" + sweep.stopReason() + ")")));
            case CANCELED -> stepStopped(step, JobStatus.of(JobState.CANCELED, sweep.stopReason()));
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
        status.put(
                step,
                new StepStatus(
                        failed ? StepState.FAILED : StepState.CANCELED,
                        stopped.jobName(),
                        stopped.runId(),
                        js.message(),
                        js.startTime(),
                        js.endTime()));
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
            SweepRun sweep = sweeps.get(step);
            String ran = sweep == null
                    ? "job " + stopped.jobName() + ", run " + stopped.runId()
                    : "sweep " + stopped.jobName();
            String tail = sweep == null ? logTail(stopped.runId()) : sweep.details();
            failure = "Step '" + step + "' (" + ran + ") " + what
                    + (js.message() == null ? "" : ": " + js.message())
                    + (blocked.isEmpty() ? "" : "\nSteps that can no longer run: " + String.join(", ", blocked))
                    + (tail.isBlank() ? "" : (sweep == null ? "\nLast lines of its log:\n" : "\nIts trials:\n") + tail);
        }
    }

    private String logTail(String runId) {
        String[] lines = operations.jobLogs(computeName, runId).split("\\R");
        return String.join(
                "\n", Arrays.asList(lines).subList(Math.max(0, lines.length - FAILURE_LOG_LINES), lines.length));
    }

    private void cancelStep(String step, String why) {
        StepStatus s = status.get(step);
        if (sweeps.containsKey(step)) {
            sweeps.get(step).cancel();
            settleCanceled(step, why);
            return;
        }
        OperationWaiter.awaitWith(
                "cancel of step '" + step + "'",
                operations.beginCancelJob(computeName, s.runId()),
                CANCEL_TIMEOUT,
                Progress.NONE);
        settleCanceled(step, why);
    }

    private void settleCanceled(String step, String why) {
        StepStatus s = status.get(step);
        status.put(
                step,
                new StepStatus(StepState.CANCELED, s.jobName(), s.runId(), why, s.startTime(), OffsetDateTime.now()));
    }

    /** Every step that depends on {@code step}, directly or not. */
    private Set<String> dependants(String step) {
        Set<String> out = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, PipelineStep> e : pipeline.steps().entrySet()) {
                Set<String> up = e.getValue().upstream();
                if (!out.contains(e.getKey())
                        && (up.contains(step) || up.stream().anyMatch(out::contains))) {
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
            boolean ready = pipeline.steps().get(step).upstream().stream()
                    .allMatch(u -> status.get(u).state() == StepState.COMPLETED);
            if (ready && pipeline.steps().get(step).sweep().isPresent()) {
                SweepRun sweep = SweepRun.start(controlPlane, computeName, pipeline.stepSweep(step, jobOf(step)));
                LOG.debug(
                        "Pipeline '{}': started step '{}' as sweep {}",
                        pipeline.name(),
                        step,
                        sweep.sweep().name());
                sweeps.put(step, sweep);
                updateSweep(step, sweep);
            } else if (ready) {
                JobResource submitted =
                        operations.submitJob(computeName, jobOf(step).toSpec());
                LOG.debug("Pipeline '{}': started step '{}' as {}", pipeline.name(), step, submitted.runId());
                status.put(step, new StepStatus(StepState.QUEUED, submitted.jobName(), submitted.runId(), null));
                update(step, JobStatus.of(submitted.status()));
            }
        }
    }

    /** A step's job, rendered again with the best trials of the sweep steps it reads from when there are any. */
    private CommandJob jobOf(String step) {
        return bestTrials.isEmpty() ? jobs.get(step) : resolver.apply(pipeline.stepJob(step, bestTrials));
    }

    @Override
    public synchronized boolean isRunning() {
        return status.values().stream().anyMatch(s -> !s.state().isTerminal());
    }

    @Override
    public synchronized State state() {
        if (isRunning()) {
            return State.RUNNING;
        }
        if (failedStep != null) {
            return State.FAILED;
        }
        return canceled ? State.CANCELED : State.COMPLETED;
    }

    @Override
    void await(PrintStream out, Duration timeout) {
        OperationWaiter.awaitWith(describe(), this::reading, timeout, progress(out));
        ended(out);
    }

    /** Drives the pipeline one step and tells where it is: each step's state, and whether it has ended. */
    private synchronized OperationStatus reading() {
        refresh();
        OperationStatus.State at = OperationPollers.stateOf(state(), State.RUNNING, State.COMPLETED, State.CANCELED);
        return new OperationStatus(at, steps().toString(), null, operations.jobStatusInterval());
    }

    /** A line per step whose state changed since the reading before. */
    private Progress progress(PrintStream out) {
        if (out == null) {
            return Progress.NONE;
        }
        Map<String, StepState> shown = new LinkedHashMap<>();
        return reading -> steps().forEach((step, s) -> {
            if (shown.put(step, s.state()) != s.state()) {
                out.println(step + ": " + s);
            }
        });
    }

    private void ended(PrintStream out) {
        if (state() == State.FAILED) {
            throw new PipelineFailedException(failedStep, "Pipeline '" + pipeline.name() + "' failed. " + failure);
        }
    }

    @Override
    public PipelineRun cancel() {
        Canceling canceling = beginCanceling();
        OperationWaiter.awaitWith("cancel of " + describe(), canceling.cancels(), CANCEL_TIMEOUT, Progress.NONE);
        canceling.settle();
        return this;
    }

    @Override
    public SyncPoller<OperationStatus, PipelineRun> beginCancel() {
        Canceling canceling = beginCanceling();
        return OperationPollers.syncPoller("cancel of " + describe(), canceling.cancels(), end -> canceling.settle());
    }

    /** The steps being canceled, and the cancel of them all. */
    private record Canceling(LaunchedPipelineRun run, List<String> steps, LongRunningOperation cancels) {
        PipelineRun settle() {
            synchronized (run) {
                steps.forEach(step -> run.settleCanceled(step, CANCELED_BY_USER));
            }
            return run;
        }
    }

    /** Starts no more steps: skips the waiting ones and asks for the cancel of the running ones (one request each). */
    private synchronized Canceling beginCanceling() {
        canceled = true;
        List<String> running = new ArrayList<>();
        List<LongRunningOperation> cancels = new ArrayList<>();
        for (String step : new ArrayList<>(status.keySet())) {
            StepStatus s = status.get(step);
            if (s.state() == StepState.WAITING) {
                status.put(step, new StepStatus(StepState.SKIPPED, s.jobName(), null, CANCELED_BY_USER));
            } else if (sweeps.containsKey(step) && !s.state().isTerminal()) {
                // A sweep cancels its trials and waits for them: it is settled with the others.
                running.add(step);
                sweeps.get(step).cancel();
            } else if (s.state() == StepState.QUEUED || s.state() == StepState.RUNNING) {
                running.add(step);
                cancels.add(operations.beginCancelJob(computeName, s.runId()));
            }
        }
        return new Canceling(this, running, new OperationGroup(cancels));
    }

    /** The pipeline's state and each step's. */
    @Override
    public synchronized String toString() {
        return "PipelineRun{" + pipeline.name() + " on " + computeName + ": " + state() + ", steps=" + steps() + "}";
    }
}
