package io.arcml.transport.embedded;

import io.arcml.ErrorDetail;
import io.arcml.compute.ProvisioningState;
import java.time.Instant;

/**
 * A resource of the embedded control plane whose provisioning ends at a set time, well or not,
 * and which is gone once its deletion time has passed.
 */
abstract class TimedResource {
    final Instant readyAt;
    final ErrorDetail failure;
    Instant goneAt;

    TimedResource(Instant readyAt, ErrorDetail failure) {
        this.readyAt = readyAt;
        this.failure = failure;
    }

    boolean isGone(Instant now) {
        return goneAt != null && !now.isBefore(goneAt);
    }

    ProvisioningState state(Instant now) {
        if (goneAt != null) {
            return ProvisioningState.DELETING;
        }
        if (now.isBefore(readyAt)) {
            return ProvisioningState.CREATING;
        }
        return failure == null ? ProvisioningState.SUCCEEDED : ProvisioningState.FAILED;
    }
}
