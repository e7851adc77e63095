package io.arcml.transport.embedded;

import io.arcml.transport.ControlPlane;
import io.arcml.transport.ControlPlaneFactory;
import io.arcml.transport.ControlPlaneSettings;

/** Builds the embedded control plane for {@code Workspace.local()}, with whatever was given for its builder. */
public final class EmbeddedControlPlaneFactory implements ControlPlaneFactory {
    /** The kind, as the embedded control plane reports it. */
    public static final String KIND = "embedded";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ControlPlane create(ControlPlaneSettings settings) {
        EmbeddedControlPlane.Builder builder = EmbeddedControlPlane.builder();
        settings.workspace().ifPresent(builder::workspace);
        settings.applyTo(builder, KIND);
        return builder.build();
    }
}
