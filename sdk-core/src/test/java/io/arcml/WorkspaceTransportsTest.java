package io.arcml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The workspace finds its transports by kind, through the factories registered in META-INF/services. */
class WorkspaceTransportsTest {

    @Test
    void localFindsTheEmbeddedControlPlane() {
        try (Workspace ws = Workspace.local()) {
            assertThat(ws.controlPlane().kind()).isEqualTo("embedded");
            assertThat(ws).hasToString("Workspace{" + ws.id() + ", controlPlane=embedded}");
        }
    }

    @Test
    void theBuilderFindsAzureResourceManager() {
        try (Workspace ws = Workspace.builder()
                .subscriptionId("sub")
                .resourceGroup("rg")
                .workspaceName("ws")
                .credential(request ->
                        Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1))))
                .build()) {
            assertThat(ws.controlPlane().kind()).isEqualTo("arm");
            assertThat(ws.id()).isEqualTo(new WorkspaceId("sub", "rg", "ws"));
        }
    }

    @Test
    void builderSettingsForAnotherTransportAreRefusedNamingTheBuilder() {
        assertThatThrownBy(() -> Workspace.builder()
                        .subscriptionId("sub")
                        .resourceGroup("rg")
                        .workspaceName("ws")
                        .configure(Map.class, m -> {})
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("configure: 'Map' is not the builder of the arm transport")
                .hasMessageContaining("Configure ArmControlPlaneBuilder instead");
    }

    @Test
    void anUnknownKindSaysWhichJarShipsTheTransports() {
        assertThatThrownBy(() -> TransportFactory.create("carrier-pigeon", new TransportSettings()))
                .isInstanceOf(ArcmlException.class)
                .hasMessageStartingWith("No transport of kind 'carrier-pigeon' is registered");
    }

    @Test
    void settingsNeverPrintTheirValues() {
        TokenCredential credential = request -> Mono.empty();
        TransportSettings settings = new TransportSettings()
                .set(TransportSettings.CREDENTIAL, credential)
                .set(TransportSettings.ENDPOINT, "http://127.0.0.1:1/secret-path");
        assertThat(settings.toString())
                .contains("credential", "endpoint")
                .doesNotContain("secret-path", credential.toString());
    }
}
