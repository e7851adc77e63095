package io.arcml.transport.arm;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import io.arcml.transport.ControlPlane;
import io.arcml.transport.ControlPlaneFactory;
import io.arcml.transport.ControlPlaneSettings;

/**
 * Builds an {@link ArmControlPlane} for {@code Workspace.builder()}: the credential, endpoint and
 * HTTP client settings, then whatever was given for {@link ArmControlPlaneBuilder}.
 */
public final class ArmControlPlaneFactory implements ControlPlaneFactory {
    /** The kind, as {@link ArmControlPlane#kind()} reports it. */
    public static final String KIND = "arm";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ControlPlane create(ControlPlaneSettings settings) {
        ArmControlPlaneBuilder builder = ArmControlPlane.builder();
        settings.get(ControlPlaneSettings.CREDENTIAL, TokenCredential.class).ifPresent(builder::credential);
        settings.get(ControlPlaneSettings.ENDPOINT, String.class).ifPresent(builder::endpoint);
        settings.get(ControlPlaneSettings.HTTP_CLIENT, HttpClient.class).ifPresent(builder::httpClient);
        settings.applyTo(builder, KIND);
        settings.workspace().ifPresent(builder::workspace);
        return builder.build();
    }
}
