package io.arcml.job;

import java.util.Locale;

/** Where a job run is, in Azure ML's job status words. */
public enum JobState {
    /** Submitted; nothing created yet. */
    NOT_STARTED("NotStarted"),
    /** Waiting for resources: its pods are not scheduled yet. */
    QUEUED("Queued"),
    /** Scheduled; images are pulled and volumes mounted. */
    PREPARING("Preparing"),
    /** The command runs. */
    RUNNING("Running"),
    /** A cancel was asked for and is being carried out. */
    CANCEL_REQUESTED("CancelRequested"),
    /** Ended well. */
    COMPLETED("Completed"),
    /** Ended in failure; the status message says why. */
    FAILED("Failed"),
    /** Canceled before it ended. */
    CANCELED("Canceled"),
    /** A state arcml does not know. */
    UNKNOWN("Unknown");

    private final String wireName;

    JobState(String wireName) {
        this.wireName = wireName;
    }

    /** Reads a status word case-insensitively; unknown or null gives {@link #UNKNOWN}. */
    public static JobState parse(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (JobState s : values()) {
                if (s.wireName.toLowerCase(Locale.ROOT).equals(v)) {
                    return s;
                }
            }
            if ("cancelled".equals(v)) {
                return CANCELED;
            }
        }
        return UNKNOWN;
    }

    /** True for {@link #COMPLETED}, {@link #FAILED} and {@link #CANCELED}. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    /** The status word, e.g. {@code Running}. */
    @Override
    public String toString() {
        return wireName;
    }
}
