package io.arcml.sweep;

import com.azure.core.util.polling.SyncPoller;
import io.arcml.ArcmlException;
import io.arcml.job.CommandJob;
import io.arcml.job.JobState;
import io.arcml.job.JobStatus;
import io.arcml.operation.OperationGroup;
import io.arcml.operation.OperationPollers;
import io.arcml.operation.OperationWaiter;
import io.arcml.operation.Progress;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sweep arcml's own trial launcher runs: it proposes trials with the sampling algorithm, runs at
 * most {@code maxConcurrentTrials} at once as ordinary jobs named {@code <sweep>-t<index>}, reads
 * their metrics from their logs ({@link MetricLog}), cancels the trials the early-termination
 * policy selects, and retries nothing. The launcher works in the calling thread: while
 * {@link #waitForCompletion()} runs, or on each {@link #refresh()}.
 */
final class LaunchedSweepRun extends SweepRun {
    private static final Logger LOG = LoggerFactory.getLogger(LaunchedSweepRun.class);

    private final Sampler sampler;
    private final List<Trial> trials = new ArrayList<>();
    private final Instant startedAt;
    private boolean samplerExhausted;
    private boolean stopping;
    private String stopReason;
    private boolean canceled;

    private static final class Trial {
        final int index;
        final String name;
        /** The run the control plane gave the trial's job; status reads, logs and cancels use it. */
        final String runId;

        final Map<String, Object> parameters;
        JobStatus status;
        MetricLog metrics = new MetricLog(List.of(), Map.of());
        TrialResult.State override;
        String overrideMessage;
        /** True once the trial has ended and its final log has been read. */
        boolean settled;
        /** How many of its reported steps the early-termination policy has evaluated. */
        int evaluatedSteps;

        Trial(int index, String name, String runId, Map<String, Object> parameters, JobStatus status) {
            this.index = index;
            this.name = name;
            this.runId = runId;
            this.parameters = parameters;
            this.status = status;
        }

        boolean isActive() {
            return override == null && !status.state().isTerminal();
        }
    }

    /** A sweep arcml's launcher runs: the sampling algorithm and the space must be ones arcml samples. */
    private LaunchedSweepRun(ControlPlane controlPlane, String computeName, SweepJob sweep) {
        super(controlPlane, computeName, sweep);
        this.sampler = launcherSampler(sweep);
        this.startedAt = Instant.now();
    }

    private static Sampler launcherSampler(SweepJob sweep) {
        sweep.searchSpace().requireFlat("arcml's own trial launcher");
        return sweep.samplingAlgorithm().newSampler(sweep.searchSpace(), sweep.objective());
    }

    /** Starts the sweep: launches its first trials. */
    static LaunchedSweepRun startLaunching(ControlPlane controlPlane, String computeName, SweepJob sweep) {
        LaunchedSweepRun run = new LaunchedSweepRun(controlPlane, computeName, sweep);
        String transport = "a sweep arcml runs itself (on the " + controlPlane.kind() + " control plane)";
        sweep.trial().requireNoLocalCode("trial.code", transport);
        sweep.trial().requireNoDataInputs("trial.inputs", transport);
        sweep.requireRunnableWithoutAzure(transport);
        if (!run.operations.findJobs(computeName, sweep.trialName(0)).isEmpty()) {
            throw new ArcmlException("Sweep '" + sweep.name() + "' already has trials on compute '" + computeName
                    + "'. Pick it up with SweepRun.resume(..), or give the sweep another name");
        }
        synchronized (run) {
            run.launch();
        }
        return run;
    }

    /** Picks the sweep up from the trials on the compute; see {@link SweepRun#resume(ControlPlane, String, SweepJob)}. */
    static LaunchedSweepRun resumeLaunching(ControlPlane controlPlane, String computeName, SweepJob sweep) {
        if (sweep.samplingAlgorithm() instanceof SamplingAlgorithm.Bayesian) {
            throw new ArcmlException(
                    "Sweep '" + sweep.name() + "' uses bayesian sampling, whose proposals depend on when earlier "
                            + "results arrived, so they cannot be replayed: resume supports grid and random sampling");
        }
        LaunchedSweepRun run = new LaunchedSweepRun(controlPlane, computeName, sweep);
        synchronized (run) {
            for (int i = 0; i < sweep.limits().maxTotalTrials(); i++) {
                List<JobResource> runs = run.operations.findJobs(computeName, sweep.trialName(i));
                if (runs.isEmpty()) {
                    break;
                }
                JobResource found = runs.get(runs.size() - 1);
                Optional<Map<String, Object>> assignment = run.sampler.next(run.history());
                if (assignment.isEmpty()) {
                    break;
                }
                Trial t =
                        new Trial(i, sweep.trialName(i), found.runId(), assignment.get(), JobStatus.of(found.status()));
                if (t.status.state() != JobState.QUEUED && t.status.state() != JobState.NOT_STARTED) {
                    t.metrics = MetricLog.parse(run.operations.jobLogs(computeName, t.runId));
                }
                t.settled = !t.isActive();
                run.trials.add(t);
            }
            LOG.info(
                    "Resumed sweep '{}' with {} trials found on compute '{}'",
                    sweep.name(),
                    run.trials.size(),
                    computeName);
            run.launch();
        }
        return run;
    }

    @Override
    public Optional<String> parentRunId() {
        return Optional.empty();
    }

    /** The trials' table. */
    @Override
    public String details() {
        return results().toString();
    }

    /** Reads every active trial once, applies the policy and the limits, and launches trials into free slots. */
    @Override
    public synchronized SweepRun refresh() {
        Instant now = Instant.now();
        for (Trial t : trials) {
            if (t.settled) {
                continue;
            }
            if (t.isActive()) {
                t.status = operations
                        .getJob(computeName, t.runId)
                        .map(r -> JobStatus.of(r.status()))
                        .orElseThrow(() -> new ArcmlException(
                                "Trial " + t.name + " of sweep '" + sweep.name() + "' was removed outside arcml"));
            }
            if (t.status.state() != JobState.QUEUED && t.status.state() != JobState.NOT_STARTED) {
                t.metrics = MetricLog.parse(operations.jobLogs(computeName, t.runId));
            }
            t.settled = !t.isActive();
            Duration trialTimeout = sweep.limits().trialTimeout();
            if (trialTimeout != null
                    && t.status.state() == JobState.RUNNING
                    && t.status.startTime() != null
                    && t.status.startTime().toInstant().plus(trialTimeout).isBefore(now)) {
                cancelTrial(t, TrialResult.State.CANCELED, "exceeded the trial timeout of " + trialTimeout);
            }
        }
        applyPolicy();
        Duration timeout = sweep.limits().timeout();
        if (timeout != null && !stopping && startedAt.plus(timeout).isBefore(now)) {
            stop("the sweep's timeout of " + timeout + " was reached");
        }
        launch();
        return this;
    }

    private void applyPolicy() {
        EarlyTerminationPolicy policy = sweep.earlyTermination();
        if (policy == null) {
            return;
        }
        List<TrialProgress> progress = new ArrayList<>();
        for (Trial t : trials) {
            List<Double> series = t.metrics.series(sweep.objective().primaryMetric());
            if (!series.isEmpty()) {
                progress.add(new TrialProgress(t.name, series, !t.isActive(), t.evaluatedSteps));
            }
        }
        Map<String, Integer> selected = policy.cancellations(sweep.objective(), progress);
        for (Trial t : trials) {
            t.evaluatedSteps =
                    t.metrics.series(sweep.objective().primaryMetric()).size();
            Integer step = selected.get(t.name);
            if (step != null && t.isActive()) {
                cancelTrial(
                        t,
                        TrialResult.State.EARLY_TERMINATED,
                        "canceled by the " + policy.serialize().get("policyType") + " policy at step " + step);
            }
        }
    }

    private void cancelTrial(Trial t, TrialResult.State as, String why) {
        LOG.info("Trial {} of sweep '{}': {}", t.name, sweep.name(), why);
        OperationWaiter.awaitWith(
                "cancel of trial " + t.name,
                operations.beginCancelJob(computeName, t.runId),
                CANCEL_TIMEOUT,
                Progress.NONE);
        settle(t, as, why);
    }

    /** A trial arcml ended: how it ended, why, and its final metrics. */
    private void settle(Trial t, TrialResult.State as, String why) {
        t.override = as;
        t.overrideMessage = why;
        if (t.status.state() != JobState.QUEUED && t.status.state() != JobState.NOT_STARTED) {
            t.metrics = MetricLog.parse(operations.jobLogs(computeName, t.runId));
        }
        t.settled = true;
    }

    /** Launches no more trials and waits while every active one is canceled. */
    private void stop(String reason) {
        Stopping stop = beginStop(reason);
        OperationWaiter.awaitWith("cancel of " + describe(), stop.cancels(), CANCEL_TIMEOUT, Progress.NONE);
        stop.settle();
    }

    /** The trials being canceled, and the cancel of them all. */
    private record Stopping(LaunchedSweepRun run, List<Trial> trials, String reason, LongRunningOperation cancels) {
        LaunchedSweepRun settle() {
            synchronized (run) {
                trials.forEach(t -> run.settle(t, TrialResult.State.CANCELED, reason));
            }
            return run;
        }
    }

    /** Launches no more trials and asks for the cancel of every active one (one request each). */
    private synchronized Stopping beginStop(String reason) {
        stopping = true;
        stopReason = reason;
        List<Trial> active = trials.stream().filter(Trial::isActive).toList();
        active.forEach(t -> LOG.info("Trial {} of sweep '{}': {}", t.name, sweep.name(), reason));
        List<LongRunningOperation> cancels = active.stream()
                .map(t -> operations.beginCancelJob(computeName, t.runId))
                .toList();
        return new Stopping(this, active, reason, new OperationGroup(cancels));
    }

    private void launch() {
        while (!stopping
                && !samplerExhausted
                && trials.size() < sweep.limits().maxTotalTrials()
                && activeCount() < sweep.limits().maxConcurrentTrials()) {
            Optional<Map<String, Object>> next = sampler.next(history());
            if (next.isEmpty()) {
                samplerExhausted = true;
                break;
            }
            int index = trials.size();
            CommandJob job = sweep.trialJob(index, next.get());
            JobResource submitted = operations.submitJob(computeName, job.toSpec());
            trials.add(new Trial(index, job.name(), submitted.runId(), next.get(), JobStatus.of(submitted.status())));
            LOG.debug("Launched trial {} of sweep '{}' with {}", job.name(), sweep.name(), next.get());
        }
    }

    private long activeCount() {
        return trials.stream().filter(Trial::isActive).count();
    }

    private List<TrialResult> history() {
        List<TrialResult> out = new ArrayList<>();
        for (Trial t : trials) {
            out.add(toResult(t));
        }
        return out;
    }

    private TrialResult toResult(Trial t) {
        TrialResult.State state;
        String message = t.overrideMessage;
        if (t.override != null) {
            state = t.override;
        } else {
            state = switch (t.status.state()) {
                case COMPLETED -> TrialResult.State.COMPLETED;
                case FAILED -> TrialResult.State.FAILED;
                case CANCELED -> TrialResult.State.CANCELED;
                case RUNNING, PREPARING, CANCEL_REQUESTED -> TrialResult.State.RUNNING;
                default -> TrialResult.State.QUEUED;
            };
            message = t.status.message();
        }
        Duration duration = t.status.startTime() == null || t.status.endTime() == null
                ? null
                : Duration.between(t.status.startTime(), t.status.endTime());
        String metric = sweep.objective().primaryMetric();
        return new TrialResult(
                t.index,
                t.name,
                t.parameters,
                state,
                t.metrics.value(metric),
                t.metrics.series(metric),
                t.metrics.latest(),
                duration,
                message,
                t.status.startTime(),
                t.status.endTime());
    }

    @Override
    public synchronized boolean isRunning() {
        return activeCount() > 0
                || trials.stream().anyMatch(t -> !t.settled)
                || (!stopping
                        && !samplerExhausted
                        && trials.size() < sweep.limits().maxTotalTrials());
    }

    @Override
    public synchronized State state() {
        if (isRunning()) {
            return State.RUNNING;
        }
        if (canceled) {
            return State.CANCELED;
        }
        return results().best().isPresent()
                        || trials.stream().anyMatch(t -> toResult(t).state() == TrialResult.State.COMPLETED)
                ? State.COMPLETED
                : State.FAILED;
    }

    @Override
    public synchronized String stopReason() {
        return stopReason;
    }

    @Override
    public synchronized SweepResults results() {
        return new SweepResults(sweep.objective(), history());
    }

    @Override
    void await(PrintStream out, Duration timeout) {
        OperationWaiter.awaitWith(describe(), this::reading, timeout, progress(out));
        ended(out);
    }

    /** Drives the sweep one step and tells where it is: the progress line, and whether it has ended. */
    private synchronized OperationStatus reading() {
        refresh();
        OperationStatus.State at = OperationPollers.stateOf(state(), State.RUNNING, State.COMPLETED, State.CANCELED);
        return new OperationStatus(
                at, results().progressLine(sweep.plannedTrials()), null, operations.jobStatusInterval());
    }

    private Progress progress(PrintStream out) {
        return Progress.lines(out);
    }

    private void ended(PrintStream out) {
        if (out != null) {
            out.println(results());
        }
        if (state() == State.FAILED) {
            throw new ArcmlException("Sweep '" + sweep.name() + "' ended with no completed trial"
                    + (stopReason == null ? "" : " (" + stopReason + ")") + ". Read a trial's logs, e.g. of "
                    + sweep.trialName(0));
        }
    }

    @Override
    public SweepRun cancel() {
        synchronized (this) {
            canceled = true;
        }
        stop("the sweep was canceled");
        return this;
    }

    @Override
    public SyncPoller<OperationStatus, SweepRun> beginCancel() {
        Stopping stop;
        synchronized (this) {
            canceled = true;
            stop = beginStop("the sweep was canceled");
        }
        return OperationPollers.syncPoller("cancel of " + describe(), stop.cancels(), end -> stop.settle());
    }

    /** One line of progress. */
    @Override
    public synchronized String toString() {
        return "SweepRun{" + sweep.name() + " on " + computeName + ": "
                + results().progressLine(sweep.plannedTrials()) + "}";
    }
}
