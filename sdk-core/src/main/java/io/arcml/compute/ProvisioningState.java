package io.arcml.compute;

import java.util.Locale;

/** The provisioning state of a compute or an extension, as Azure Resource Manager reports it. */
public enum ProvisioningState {
    /** A state arcml does not know; the raw value is logged. */
    UNKNOWN("Unknown"),
    /** Settings are being changed. */
    UPDATING("Updating"),
    /** The attach (or the extension install) is in progress. */
    CREATING("Creating"),
    /** The detach (or the extension uninstall) is in progress. */
    DELETING("Deleting"),
    /** Done and usable. */
    SUCCEEDED("Succeeded"),
    /** Ended in failure; the errors say why. */
    FAILED("Failed"),
    /** Canceled before it ended. */
    CANCELED("Canceled");

    private final String wireName;

    ProvisioningState(String wireName) {
        this.wireName = wireName;
    }

    /** Reads a state case-insensitively ({@code "succeeded"} or {@code "Succeeded"}); unknown or null gives {@link #UNKNOWN}. */
    public static ProvisioningState parse(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ProvisioningState s : values()) {
            if (s.wireName.toLowerCase(Locale.ROOT).equals(v)) {
                return s;
            }
        }
        return "cancelled".equals(v) ? CANCELED : UNKNOWN;
    }

    /** True for {@link #SUCCEEDED}, {@link #FAILED} and {@link #CANCELED}. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    /** The name on the wire, for example {@code Succeeded}. */
    @Override
    public String toString() {
        return wireName;
    }
}
