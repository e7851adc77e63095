package io.arcml.transport.embedded;

import io.arcml.TransportFactory;
import io.arcml.TransportSettings;
import io.arcml.transport.ControlPlane;

/** Builds the embedded control plane for {@code Workspace.local()}, with whatever was given for its builder. */
public final class EmbeddedControlPlaneFactory implements TransportFactory {
    /** The kind, as the embedded control plane reports it. */
    public static final String KIND = "embedded";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ControlPlane create(TransportSettings settings) {
        EmbeddedControlPlane.Builder builder = EmbeddedControlPlane.builder();
        settings.workspace().ifPresent(builder::workspace);
        settings.applyTo(builder, KIND);
        return builder.build();
    }
}
