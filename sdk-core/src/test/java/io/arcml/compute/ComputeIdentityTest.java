package io.arcml.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComputeIdentityTest {
    private static final String UAI =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1";

    @Test
    void systemAssignedTakesNoIds() {
        assertThat(ComputeIdentity.systemAssigned().userAssignedIdentityIds()).isEmpty();
        assertThatThrownBy(() -> ComputeIdentity.of("SystemAssigned", List.of(UAI)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("identity.identityIds")
                .hasMessageContaining("only allowed with identity type UserAssigned");
    }

    @Test
    void userAssignedNeedsIds() {
        assertThat(ComputeIdentity.userAssigned(UAI).userAssignedIdentityIds()).containsExactly(UAI);
        assertThatThrownBy(() -> ComputeIdentity.of("UserAssigned", List.of()))
                .hasMessageContaining("is required for identity type UserAssigned");
        assertThatThrownBy(() -> ComputeIdentity.of("UserAssigned", null))
                .hasMessageContaining("is required for identity type UserAssigned");
    }

    @Test
    void userAssignedIdsMustBeIdentityResourceIds() {
        assertThatThrownBy(() -> ComputeIdentity.userAssigned("id1"))
                .hasMessageContaining("'id1'")
                .hasMessageContaining("Microsoft.ManagedIdentity/userAssignedIdentities");
    }

    @Test
    void typeIsReadCaseInsensitivelyAndOtherTypesAreRejected() {
        assertThat(ComputeIdentity.of("systemassigned", null).type()).isEqualTo(ComputeIdentity.Type.SystemAssigned);
        assertThatThrownBy(() -> ComputeIdentity.of("None", null))
                .hasMessageStartingWith("identity.type: 'None' is not a supported identity type")
                .hasMessageContaining("SystemAssigned or UserAssigned");
    }
}
