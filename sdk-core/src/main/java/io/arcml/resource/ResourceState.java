package io.arcml.resource;

import io.arcml.internal.StateWords;
import java.util.List;

/**
 * The provisioning state of a compute or an extension as a control plane reports it: the one list
 * of Azure Resource Manager's state words. The user API's {@code ProvisioningState} maps onto it.
 */
public enum ResourceState {
    /** A state arcml does not know. */
    UNKNOWN("Unknown"),
    /** Settings are being changed. */
    UPDATING("Updating"),
    /** The attach (or the extension install) is in progress. */
    CREATING("Creating"),
    /** The detach (or the extension uninstall) is in progress. */
    DELETING("Deleting"),
    /** Done and usable. */
    SUCCEEDED("Succeeded"),
    /** Ended in failure. */
    FAILED("Failed"),
    /** Canceled before it ended. */
    CANCELED("Canceled", "Cancelled");

    private final List<String> words;

    ResourceState(String... words) {
        this.words = List.of(words);
    }

    /** Reads a state case-insensitively ({@code "succeeded"} or {@code "Succeeded"}); unknown or null gives {@link #UNKNOWN}. */
    public static ResourceState parse(String value) {
        return StateWords.parse(values(), s -> s.words, value, UNKNOWN);
    }

    /** True for {@link #SUCCEEDED}, {@link #FAILED} and {@link #CANCELED}. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    /** The word on the wire, for example {@code Succeeded}. */
    @Override
    public String toString() {
        return words.get(0);
    }
}
