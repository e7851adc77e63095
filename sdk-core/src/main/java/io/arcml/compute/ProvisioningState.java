package io.arcml.compute;

import io.arcml.internal.Arguments;
import io.arcml.resource.ResourceState;

/**
 * The provisioning state of a compute or an extension, as Azure Resource Manager reports it. Its
 * words are the control plane's ({@link ResourceState}), each constant standing for one state.
 */
public enum ProvisioningState {
    /** A state arcml does not know; the raw value is logged. */
    UNKNOWN(ResourceState.UNKNOWN),
    /** Settings are being changed. */
    UPDATING(ResourceState.UPDATING),
    /** The attach (or the extension install) is in progress. */
    CREATING(ResourceState.CREATING),
    /** The detach (or the extension uninstall) is in progress. */
    DELETING(ResourceState.DELETING),
    /** Done and usable. */
    SUCCEEDED(ResourceState.SUCCEEDED),
    /** Ended in failure; the errors say why. */
    FAILED(ResourceState.FAILED),
    /** Canceled before it ended. */
    CANCELED(ResourceState.CANCELED);

    private final ResourceState state;

    ProvisioningState(ResourceState state) {
        this.state = state;
    }

    /** Reads a state case-insensitively ({@code "succeeded"} or {@code "Succeeded"}); unknown or null gives {@link #UNKNOWN}. */
    public static ProvisioningState parse(String value) {
        return of(ResourceState.parse(value));
    }

    /** The provisioning state a control plane's {@code state} stands for. */
    public static ProvisioningState of(ResourceState state) {
        Arguments.nonNull(state, "state");
        for (ProvisioningState s : values()) {
            if (s.state == state) {
                return s;
            }
        }
        throw new IllegalStateException("No provisioning state for " + state);
    }

    /** The control plane's form of this state. */
    public ResourceState resourceState() {
        return state;
    }

    /** True for {@link #SUCCEEDED}, {@link #FAILED} and {@link #CANCELED}. */
    public boolean isTerminal() {
        return state.isTerminal();
    }

    /** The name on the wire, for example {@code Succeeded}. */
    @Override
    public String toString() {
        return state.toString();
    }
}
