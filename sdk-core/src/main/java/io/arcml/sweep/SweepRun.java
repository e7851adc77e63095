package io.arcml.sweep;

import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.run.ParentRun;
import io.arcml.transport.Capability;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.HostedSweeps;
import io.arcml.transport.JobOperations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep running on a compute. Who runs it depends on the control plane: Azure ML runs a sweep
 * itself, and the run follows its parent run ({@link #parentRunId()}); elsewhere arcml's own
 * trial launcher runs it in the calling thread (while {@link #waitForCompletion()} runs, or on
 * each {@link #refresh()}): it proposes trials with the sampling algorithm, runs at most
 * {@code maxConcurrentTrials} at once as ordinary jobs named {@code <sweep>-t<index>}, reads their
 * metrics from their logs ({@link MetricLog}) and cancels the trials the early-termination policy
 * selects. A new process picks a launched sweep up again with {@link #resume(ControlPlane, String, SweepJob)}.
 *
 * <pre>{@code
 * SweepRun run = compute.submit(sweep);
 * run.waitForCompletion(true);          // 12/50 trials, 4 running, best accuracy=0.931 (trial 7)
 * System.out.println(run.best());
 * }</pre>
 */
public abstract sealed class SweepRun implements ParentRun<SweepRun> permits HostedSweepRun, LaunchedSweepRun {
    /** How long a cancel may take before the wait gives up (the cancel goes on). */
    static final Duration CANCEL_TIMEOUT = Duration.ofMinutes(5);

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

    final JobOperations operations;
    final String computeName;
    final SweepJob sweep;

    SweepRun(ControlPlane controlPlane, String computeName, SweepJob sweep) {
        this.operations = Capability.jobs(controlPlane, "run sweep '" + sweep.name() + "'");
        this.computeName = computeName;
        this.sweep = sweep;
    }

    /**
     * Starts a sweep on a compute and returns: a service that runs sweeps itself (Azure ML) gets
     * the whole sweep; otherwise arcml launches the first trials.
     *
     * @throws ValidationException when arcml's launcher runs the sweep and cannot sample its
     *     algorithm (Sobol) or its space (nested), before any trial is looked up or launched
     * @throws ArcmlException when arcml's launcher runs the sweep and it already has trials on the compute
     */
    public static SweepRun start(ControlPlane controlPlane, String computeName, SweepJob sweep) {
        Optional<HostedSweeps> service = controlPlane.hostedSweeps();
        if (service.isPresent()) {
            return new HostedSweepRun(
                    controlPlane, computeName, sweep, service.get().submitSweep(computeName, sweep.toSpec()));
        }
        return LaunchedSweepRun.startLaunching(controlPlane, computeName, sweep);
    }

    /**
     * Picks up a sweep arcml's launcher started in another process from the trials on the compute:
     * finished trials keep their results, running ones are followed, and no trial is launched twice.
     *
     * @throws ArcmlException for bayesian sweeps, whose past proposals depend on when results arrived
     */
    public static SweepRun resume(ControlPlane controlPlane, String computeName, SweepJob sweep) {
        return LaunchedSweepRun.resumeLaunching(controlPlane, computeName, sweep);
    }

    /** The sweep. */
    public SweepJob sweep() {
        return sweep;
    }

    /** The compute it runs on. */
    public String computeName() {
        return computeName;
    }

    /** Where the sweep is. */
    public abstract State state();

    /** Why the sweep stopped launching trials early (a timeout, a cancel), or {@code null}. */
    public abstract String stopReason();

    /** The trials arcml has seen, as a table; empty when a service runs the sweep (its studio lists them). */
    public abstract SweepResults results();

    /** The best completed trial so far. */
    public Optional<TrialResult> best() {
        return results().best();
    }

    /** The trial results by name, for harnesses. */
    public Map<String, TrialResult> trialsByName() {
        Map<String, TrialResult> out = new LinkedHashMap<>();
        results().trials().forEach(r -> out.put(r.trialId(), r));
        return out;
    }

    /**
     * Drives (or follows) the sweep until every trial has ended; prints its progress to {@code out}
     * when one is given: a line on each change ({@code 12/50 trials, 4 running, best accuracy=0.931 (trial 7)})
     * and the trials' table at the end, or the parent run's states and its account when a service runs it.
     *
     * @param out where progress goes, or {@code null} for none
     * @param timeout the longest wait, or {@code null}; when it passes, the trials go on
     * @throws ArcmlException when no trial completed (or the parent run did not complete)
     */
    @Override
    public SweepRun waitForCompletion(PrintStream out, Duration timeout) {
        await(out, timeout);
        return this;
    }

    /** What is waited for, for messages. */
    String describe() {
        return "sweep '" + sweep.name() + "'";
    }

    /** Waits for the run to end, showing progress on {@code out} when one is given, then its outcome; throws when it is not a success. */
    abstract void await(PrintStream out, Duration timeout);
}
