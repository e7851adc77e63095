package io.arcml.transport.arm;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import io.arcml.TransportFactory;
import io.arcml.TransportSettings;
import io.arcml.transport.ControlPlane;

/**
 * Builds an {@link ArmControlPlane} for {@code Workspace.builder()}: the credential, endpoint and
 * HTTP client settings, then whatever was given for {@link ArmControlPlaneBuilder}.
 */
public final class ArmControlPlaneFactory implements TransportFactory {
    /** The kind, as {@link ArmControlPlane#kind()} reports it. */
    public static final String KIND = "arm";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ControlPlane create(TransportSettings settings) {
        ArmControlPlaneBuilder builder = ArmControlPlane.builder();
        settings.get(TransportSettings.CREDENTIAL, TokenCredential.class).ifPresent(builder::credential);
        settings.get(TransportSettings.ENDPOINT, String.class).ifPresent(builder::endpoint);
        settings.get(TransportSettings.HTTP_CLIENT, HttpClient.class).ifPresent(builder::httpClient);
        settings.applyTo(builder, KIND);
        settings.workspace().ifPresent(builder::workspace);
        return builder.build();
    }
}
