package io.arcml.resource;

import io.arcml.internal.StateWords;
import java.util.List;

/**
 * Where a run is as a control plane reports it: the one list of Azure ML's job status words. The
 * user API's {@code JobState} maps onto it.
 */
public enum RunState {
    /** Submitted; nothing created yet. */
    NOT_STARTED("NotStarted"),
    /** Waiting for resources: its pods are not scheduled yet (Azure ML also says Paused). */
    QUEUED("Queued", "Paused"),
    /** Scheduled; images are pulled and volumes mounted (Azure ML also says Starting and Provisioning). */
    PREPARING("Preparing", "Starting", "Provisioning"),
    /** The command runs (Azure ML also says Finalizing, and NotResponding while it cannot tell). */
    RUNNING("Running", "Finalizing", "NotResponding"),
    /** A cancel was asked for and is being carried out. */
    CANCEL_REQUESTED("CancelRequested"),
    /** Ended well. */
    COMPLETED("Completed"),
    /** Ended in failure; the status message says why. */
    FAILED("Failed"),
    /** Canceled before it ended. */
    CANCELED("Canceled", "Cancelled"),
    /** A state arcml does not know. */
    UNKNOWN("Unknown");

    private final List<String> words;

    RunState(String... words) {
        this.words = List.of(words);
    }

    /** Reads one of Azure ML's job status words case-insensitively; unknown or null gives {@link #UNKNOWN}. */
    public static RunState parse(String value) {
        return StateWords.parse(values(), s -> s.words, value, UNKNOWN);
    }

    /** True for {@link #COMPLETED}, {@link #FAILED} and {@link #CANCELED}. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    /** The status word, e.g. {@code Running}. */
    @Override
    public String toString() {
        return words.get(0);
    }
}
