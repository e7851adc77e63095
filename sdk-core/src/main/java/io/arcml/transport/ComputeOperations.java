package io.arcml.transport;

import io.arcml.resource.ComputeSpec;
import java.util.List;
import java.util.Optional;

/**
 * The compute capability of a control plane: attach, read, list and detach Kubernetes computes.
 * Every transport that ships offers it.
 */
public interface ComputeOperations {

    /** Reads one compute; empty when there is none of that name. */
    Optional<ComputeResource> getCompute(String name);

    /** Lists every compute of the workspace, of every type. */
    List<ComputeResource> listComputes();

    /** Attaches (or, ARM's PUT semantics, overwrites) a Kubernetes compute. */
    Accepted<ComputeResource> beginAttach(String name, ComputeSpec spec);

    /** Detaches a compute, leaving the cluster and its extension untouched. */
    LongRunningOperation beginDetach(String name);
}
