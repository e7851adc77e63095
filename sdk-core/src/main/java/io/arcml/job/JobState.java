package io.arcml.job;

import io.arcml.internal.Arguments;
import io.arcml.resource.RunState;

/**
 * Where a job run is, in Azure ML's job status words. Each state is one of the control plane's
 * {@link RunState}s, whose words it reads and prints.
 */
public enum JobState {
    /** Submitted; nothing created yet. */
    NOT_STARTED(RunState.NOT_STARTED),
    /** Waiting for resources: its pods are not scheduled yet (Azure ML also says Paused). */
    QUEUED(RunState.QUEUED),
    /** Scheduled; images are pulled and volumes mounted (Azure ML also says Starting and Provisioning). */
    PREPARING(RunState.PREPARING),
    /** The command runs (Azure ML also says Finalizing, and NotResponding while it cannot tell). */
    RUNNING(RunState.RUNNING),
    /** A cancel was asked for and is being carried out. */
    CANCEL_REQUESTED(RunState.CANCEL_REQUESTED),
    /** Ended well. */
    COMPLETED(RunState.COMPLETED),
    /** Ended in failure; the status message says why. */
    FAILED(RunState.FAILED),
    /** Canceled before it ended. */
    CANCELED(RunState.CANCELED),
    /** A state arcml does not know. */
    UNKNOWN(RunState.UNKNOWN);

    private final RunState run;

    JobState(RunState run) {
        this.run = run;
    }

    /** Reads one of Azure ML's job status words case-insensitively; unknown or null gives {@link #UNKNOWN}. */
    public static JobState parse(String value) {
        return of(RunState.parse(value));
    }

    /** The state of a run as a control plane reported it. */
    public static JobState of(RunState state) {
        Arguments.nonNull(state, "state");
        for (JobState s : values()) {
            if (s.run == state) {
                return s;
            }
        }
        throw new IllegalStateException("No job state for the run state " + state);
    }

    /** True for {@link #COMPLETED}, {@link #FAILED} and {@link #CANCELED}. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    /** The status word, e.g. {@code Running}. */
    @Override
    public String toString() {
        return run.toString();
    }
}
