package io.arcml.testutil;

import io.arcml.WorkspaceId;
import io.arcml.transport.ComputeOperations;
import io.arcml.transport.ControlPlane;
import java.util.Optional;

/** A transport that offers computes and nothing else, as a new transport might start: every other capability is absent. */
public record ComputesOnlyControlPlane(ComputeOperations computeOperations, ControlPlane workspaceOf)
        implements ControlPlane {

    /** Computes (and the workspace) of {@code plane}, which must offer computes. */
    public <P extends ControlPlane & ComputeOperations> ComputesOnlyControlPlane(P plane) {
        this(plane, plane);
    }

    @Override
    public String kind() {
        return "computes-only";
    }

    @Override
    public WorkspaceId workspace() {
        return workspaceOf.workspace();
    }

    @Override
    public String workspaceLocation() {
        return workspaceOf.workspaceLocation();
    }

    @Override
    public Optional<ComputeOperations> computes() {
        return Optional.of(computeOperations);
    }
}
