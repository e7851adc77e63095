package io.arcml.sweep;

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
import io.arcml.transport.HostedSweeps;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sweep running on a compute, driven by arcml's own trial launcher: it proposes trials with the
 * sampling algorithm, runs at most {@code maxConcurrentTrials} at once as ordinary jobs named
 * {@code <sweep>-t<index>}, reads their metrics from their logs ({@link MetricLog}), cancels the
 * trials the early-termination policy selects, and retries nothing. The launcher works in the
 * calling thread: while {@link #waitForCompletion()} runs, or on each {@link #refresh()}.
 * A new process picks a sweep up again with {@link #resume(ControlPlane, String, SweepJob)}.
 */
public final class SweepRun implements Waitable<SweepRun> {
    /** How long a cancel may take before the wait gives up (the cancel goes on). */
    private static final Duration CANCEL_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(SweepRun.class);

    /** Where a sweep is. */
    public enum State {
        /** Trials are running or still to be launched. */
        RUNNING,
        /** Every trial has ended and at least one completed. */
        COMPLETED,
        /** Every trial has ended and none completed. */
        FAILED,
        /** Canceled by the user. */
        CANCELED
    }

    private final JobOperations operations;
    private final String computeName;
    private final SweepJob sweep;
    private final Sampler sampler;
    private final List<Trial> trials = new ArrayList<>();
    private final Instant startedAt;
    /** Set when the service runs the sweep itself (Azure ML); then arcml only follows it. */
    private HostedRun hosted;
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

    /** A sweep followed on a service that samples it ({@code sampler} null), or run by arcml's launcher. */
    private SweepRun(ControlPlane controlPlane, String computeName, SweepJob sweep, Sampler sampler) {
        this.operations = Capability.jobs(controlPlane, "run sweep '" + sweep.name() + "'");
        this.computeName = computeName;
        this.sweep = sweep;
        this.sampler = sampler;
        this.startedAt = Instant.now();
    }

    /** A sweep arcml's launcher runs: the sampling algorithm and the space must be ones arcml samples. */
    private SweepRun(ControlPlane controlPlane, String computeName, SweepJob sweep) {
        this(controlPlane, computeName, sweep, launcherSampler(sweep));
    }

    private static Sampler launcherSampler(SweepJob sweep) {
        sweep.searchSpace().requireFlat("arcml's own trial launcher");
        return sweep.samplingAlgorithm().newSampler(sweep.searchSpace(), sweep.objective());
    }

    /**
     * Starts a sweep on a compute and returns: a service that runs sweeps itself (Azure ML) gets
     * the whole sweep; otherwise arcml launches the first trials.
     *
     * @throws ValidationException when arcml's launcher runs the sweep and cannot sample its
     *     algorithm (Sobol) or its space (nested), before any trial is looked up or launched
     */
    public static SweepRun start(ControlPlane controlPlane, String computeName, SweepJob sweep) {
        Optional<HostedSweeps> service = controlPlane.hostedSweeps();
        if (service.isPresent()) {
            SweepRun run = new SweepRun(controlPlane, computeName, sweep, null);
            run.hosted = new HostedRun(controlPlane, computeName, "sweep '" + sweep.name() + "'",
                    service.get().submitSweep(computeName, sweep));
            return run;
        }
        SweepRun run = new SweepRun(controlPlane, computeName, sweep);
        sweep.trial().requireNoDataInputs("trial.inputs", "a sweep arcml runs itself (on the " + controlPlane.kind() + " control plane)");
        if (!run.operations.findJobs(computeName, sweep.trialName(0)).isEmpty()) {
            throw new ArcmlException("Sweep '" + sweep.name() + "' already has trials on compute '" + computeName
                    + "'. Pick it up with SweepRun.resume(..), or give the sweep another name");
        }
        synchronized (run) {
            run.launch();
        }
        return run;
    }

    /**
     * Picks up a sweep started by another process from the trials on the compute: finished trials
     * keep their results, running ones are followed, and no trial is launched twice.
     *
     * @throws ArcmlException for bayesian sweeps, whose past proposals depend on when results arrived
     */
    public static SweepRun resume(ControlPlane controlPlane, String computeName, SweepJob sweep) {
        if (sweep.samplingAlgorithm() instanceof SamplingAlgorithm.Bayesian) {
            throw new ArcmlException("Sweep '" + sweep.name() + "' uses bayesian sampling, whose proposals depend on when earlier "
                    + "results arrived, so they cannot be replayed: resume supports grid and random sampling");
        }
        SweepRun run = new SweepRun(controlPlane, computeName, sweep);
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
                Trial t = new Trial(i, sweep.trialName(i), found.runId(), assignment.get(), found.status());
                if (t.status.state() != JobState.QUEUED && t.status.state() != JobState.NOT_STARTED) {
                    t.metrics = MetricLog.parse(run.operations.jobLogs(computeName, t.runId));
                }
                t.settled = !t.isActive();
                run.trials.add(t);
            }
            LOG.info("Resumed sweep '{}' with {} trials found on compute '{}'", sweep.name(), run.trials.size(), computeName);
            run.launch();
        }
        return run;
    }

    /** The sweep. */
    public SweepJob sweep() {
        return sweep;
    }

    /** The compute it runs on. */
    public String computeName() {
        return computeName;
    }

    /** The sweep's parent run when a service runs it (Azure ML), else empty: arcml launches the trials. */
    public Optional<HostedRun> hostedRun() {
        return Optional.ofNullable(hosted);
    }

    /** Reads every active trial once, applies the policy and the limits, and launches trials into free slots. */
    public synchronized SweepRun refresh() {
        if (hosted != null) {
            hosted.refresh();
            return this;
        }
        Instant now = Instant.now();
        for (Trial t : trials) {
            if (t.settled) {
                continue;
            }
            if (t.isActive()) {
                t.status = operations.getJob(computeName, t.runId).map(JobResource::status)
                        .orElseThrow(() -> new ArcmlException("Trial " + t.name + " of sweep '" + sweep.name() + "' was removed outside arcml"));
            }
            if (t.status.state() != JobState.QUEUED && t.status.state() != JobState.NOT_STARTED) {
                t.metrics = MetricLog.parse(operations.jobLogs(computeName, t.runId));
            }
            t.settled = !t.isActive();
            Duration trialTimeout = sweep.limits().trialTimeout();
            if (trialTimeout != null && t.status.state() == JobState.RUNNING && t.status.startTime() != null
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
            t.evaluatedSteps = t.metrics.series(sweep.objective().primaryMetric()).size();
            Integer step = selected.get(t.name);
            if (step != null && t.isActive()) {
                cancelTrial(t, TrialResult.State.EARLY_TERMINATED, "canceled by the " + policy.serialize().get("policyType") + " policy at step " + step);
            }
        }
    }

    private void cancelTrial(Trial t, TrialResult.State as, String why) {
        LOG.info("Trial {} of sweep '{}': {}", t.name, sweep.name(), why);
        OperationWaiter.await("cancel of trial " + t.name, operations.beginCancelJob(computeName, t.runId), CANCEL_TIMEOUT, null);
        t.override = as;
        t.overrideMessage = why;
        if (t.status.state() != JobState.QUEUED && t.status.state() != JobState.NOT_STARTED) {
            t.metrics = MetricLog.parse(operations.jobLogs(computeName, t.runId));
        }
        t.settled = true;
    }

    private void stop(String reason) {
        stopping = true;
        stopReason = reason;
        for (Trial t : trials) {
            if (t.isActive()) {
                cancelTrial(t, TrialResult.State.CANCELED, reason);
            }
        }
    }

    private void launch() {
        while (!stopping && !samplerExhausted && trials.size() < sweep.limits().maxTotalTrials()
                && activeCount() < sweep.limits().maxConcurrentTrials()) {
            Optional<Map<String, Object>> next = sampler.next(history());
            if (next.isEmpty()) {
                samplerExhausted = true;
                break;
            }
            int index = trials.size();
            CommandJob job = sweep.trialJob(index, next.get());
            JobResource submitted = operations.submitJob(computeName, job);
            trials.add(new Trial(index, job.name(), submitted.runId(), next.get(), submitted.status()));
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
        Duration duration = t.status.startTime() == null || t.status.endTime() == null ? null
                : Duration.between(t.status.startTime(), t.status.endTime());
        String metric = sweep.objective().primaryMetric();
        return new TrialResult(t.index, t.name, t.parameters, state, t.metrics.value(metric), t.metrics.series(metric),
                t.metrics.latest(), duration, message, t.status.startTime(), t.status.endTime());
    }

    /** True while trials run or remain to be launched. */
    public synchronized boolean isRunning() {
        if (hosted != null) {
            return hosted.isRunning();
        }
        return activeCount() > 0 || trials.stream().anyMatch(t -> !t.settled)
                || (!stopping && !samplerExhausted && trials.size() < sweep.limits().maxTotalTrials());
    }

    /** Where the sweep is. */
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
        if (canceled) {
            return State.CANCELED;
        }
        return results().best().isPresent() || trials.stream().anyMatch(t -> toResult(t).state() == TrialResult.State.COMPLETED)
                ? State.COMPLETED : State.FAILED;
    }

    /** Why the sweep stopped launching trials early (a timeout, a cancel), or {@code null}. */
    public synchronized String stopReason() {
        return stopReason;
    }

    /** The trials so far, as a table. */
    public synchronized SweepResults results() {
        return new SweepResults(sweep.objective(), history());
    }

    /** The best completed trial so far. */
    public Optional<TrialResult> best() {
        return results().best();
    }

    /**
     * Drives the sweep until every trial has ended; prints a progress line on each change
     * ({@code 12/50 trials, 4 running, best accuracy=0.931 (trial 7)}) to {@code out} when one is given.
     *
     * @param out where progress goes, or {@code null} for none
     * @param timeout the longest wait, or {@code null}; when it passes, the trials go on
     * @throws ArcmlException when no trial completed
     */
    @Override
    public SweepRun waitForCompletion(PrintStream out, Duration timeout) {
        long deadline = OperationWaiter.deadline(timeout);
        if (hosted != null) {
            hosted.awaitSuccess(out, timeout, outcome -> new ArcmlException("Sweep '" + sweep.name() + "' " + outcome));
            return this;
        }
        String shown = null;
        while (true) {
            refresh();
            String line = results().progressLine(sweep.plannedTrials());
            if (out != null && !line.equals(shown)) {
                out.println(line);
                shown = line;
            }
            if (!isRunning()) {
                break;
            }
            if (System.nanoTime() >= deadline) {
                throw new OperationTimeoutException("sweep '" + sweep.name() + "'", timeout, line);
            }
            OperationWaiter.pause(operations.jobStatusInterval(), deadline, "sweep '" + sweep.name() + "'",
                    "Its trials go on: call waitForCompletion again, or SweepRun.resume(..) from another process");
        }
        if (out != null) {
            out.println(results());
        }
        if (state() == State.FAILED) {
            throw new ArcmlException("Sweep '" + sweep.name() + "' ended with no completed trial"
                    + (stopReason == null ? "" : " (" + stopReason + ")") + ". Read a trial's logs, e.g. of " + sweep.trialName(0));
        }
        return this;
    }

    /** Cancels every running trial and launches no more. */
    public synchronized SweepRun cancel() {
        canceled = true;
        if (hosted != null) {
            hosted.cancel();
            return this;
        }
        stop("the sweep was canceled");
        return this;
    }

    /** One line of progress. */
    @Override
    public synchronized String toString() {
        if (hosted != null) {
            return "SweepRun{" + sweep.name() + " on " + computeName + ": " + hosted + "}";
        }
        return "SweepRun{" + sweep.name() + " on " + computeName + ": " + results().progressLine(sweep.plannedTrials()) + "}";
    }

    /** The trial results by name, for harnesses. */
    public synchronized Map<String, TrialResult> trialsByName() {
        Map<String, TrialResult> out = new LinkedHashMap<>();
        history().forEach(r -> out.put(r.trialId(), r));
        return out;
    }
}
