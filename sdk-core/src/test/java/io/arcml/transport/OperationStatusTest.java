package io.arcml.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.ProvisioningState;
import io.arcml.transport.OperationStatus.State;
import org.junit.jupiter.api.Test;

class OperationStatusTest {

    @Test
    void armStatusWordsAndProvisioningStatesMapOnTheSameOperationStates() {
        for (ProvisioningState p : ProvisioningState.values()) {
            assertThat(OperationStatus.stateOf(p.toString()))
                    .as(p.toString())
                    .isEqualTo(OperationStatus.stateOf(p.resourceState()));
            assertThat(OperationStatus.stateOf(p.resourceState()).isTerminal())
                    .as(p.toString())
                    .isEqualTo(p.isTerminal());
        }
        assertThat(OperationStatus.stateOf("InProgress")).isEqualTo(State.IN_PROGRESS);
        assertThat(OperationStatus.stateOf("cancelled")).isEqualTo(State.CANCELED);
        assertThat(OperationStatus.stateOf((String) null)).isEqualTo(State.IN_PROGRESS);
    }
}
