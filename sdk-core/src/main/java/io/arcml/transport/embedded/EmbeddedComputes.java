package io.arcml.transport.embedded;

import static io.arcml.transport.embedded.EmbeddedState.key;
import static io.arcml.transport.embedded.EmbeddedState.utc;

import com.azure.core.http.rest.PagedResponse;
import io.arcml.ErrorDetail;
import io.arcml.compute.ProvisioningState;
import io.arcml.resource.ComputeSpec;
import io.arcml.transport.Accepted;
import io.arcml.transport.ComputeOperations;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.LongRunningOperation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The embedded control plane's computes: attach through {@code Creating}, detach through {@code Deleting}, ARM's conflicts. Called under the state's lock. */
final class EmbeddedComputes implements ComputeOperations {
    private final EmbeddedState state;
    private final Map<String, EmbeddedCompute> computes = new LinkedHashMap<>();

    EmbeddedComputes(EmbeddedState state) {
        this.state = state;
    }

    /** Adds a compute as if someone else had created it; it is {@code Succeeded} at once. */
    void seed(String name, String computeType, ComputeSpec spec, boolean attachedCompute) {
        Instant now = state.now();
        computes.put(key(name), new EmbeddedCompute(name, computeType, spec, attachedCompute, now, now, null));
    }

    /** The compute's state now, with no request counted; empty when there is none. */
    Optional<ProvisioningState> stateOf(String name) {
        EmbeddedCompute c = computes.get(key(name));
        Instant now = state.now();
        return c == null || c.isGone(now) ? Optional.empty() : Optional.of(c.state(now));
    }

    int size() {
        return computes.size();
    }

    @Override
    public Optional<ComputeResource> getCompute(String name) {
        state.countRequest();
        EmbeddedCompute c = computes.get(key(name));
        if (c == null || c.isGone(state.now())) {
            computes.remove(key(name));
            return Optional.empty();
        }
        return Optional.of(c.toResource());
    }

    @Override
    public List<ComputeResource> listComputes() {
        state.countRequest();
        return current();
    }

    /** One page of the computes: one request. */
    PagedResponse<ComputeResource> computePage(String continuationToken, Integer pageSize) {
        state.countRequest();
        return state.page(current(), continuationToken, pageSize);
    }

    /** The computes there are now, in the order they were first attached. */
    private List<ComputeResource> current() {
        Instant now = state.now();
        computes.values().removeIf(c -> c.isGone(now));
        return computes.values().stream().map(EmbeddedCompute::toResource).toList();
    }

    @Override
    public Accepted<ComputeResource> beginAttach(String name, ComputeSpec spec) {
        state.countRequest();
        Instant now = state.now();
        EmbeddedCompute existing = computes.get(key(name));
        if (existing != null && !existing.isGone(now) && !existing.state(now).isTerminal()) {
            throw state.conflict("compute '" + name + "'", existing.state(now));
        }
        Fault failure = state.take(Fault.Kind.FAIL_ATTACH, name);
        Instant readyAt = now.plus(state.provisioningDelay).plus(state.slowdown());
        EmbeddedCompute c = new EmbeddedCompute(
                name,
                ComputeResource.KUBERNETES,
                spec,
                true,
                existing == null || existing.isGone(now) ? now : existing.createdOn,
                readyAt,
                failure == null ? null : failure.error);
        computes.put(key(name), c);
        LongRunningOperation op = state.operation("Creating", readyAt, c.failure);
        // ARM's PUT echoes the resource as Creating, however fast the operation then ends.
        return new Accepted<>(c.toResource(ProvisioningState.CREATING), op);
    }

    @Override
    public LongRunningOperation beginDetach(String name) {
        state.countRequest();
        Instant now = state.now();
        EmbeddedCompute c = computes.get(key(name));
        if (c == null || c.isGone(now)) {
            // ARM answers 204 No Content: nothing to detach.
            return state.finished("Succeeded");
        }
        if (!c.state(now).isTerminal()) {
            throw state.conflict("compute '" + name + "'", c.state(now));
        }
        c.goneAt = now.plus(state.provisioningDelay).plus(state.slowdown());
        return state.operation("Deleting", c.goneAt, null);
    }

    private final class EmbeddedCompute extends TimedResource {
        final String name;
        final String computeType;
        final ComputeSpec spec;
        final boolean attached;
        final Instant createdOn;

        EmbeddedCompute(
                String name,
                String computeType,
                ComputeSpec spec,
                boolean attached,
                Instant createdOn,
                Instant readyAt,
                ErrorDetail failure) {
            super(readyAt, failure);
            this.name = name;
            this.computeType = computeType;
            this.spec = spec;
            this.attached = attached;
            this.createdOn = createdOn;
        }

        ComputeResource toResource() {
            return toResource(state(state.now()));
        }

        ComputeResource toResource(ProvisioningState provisioningState) {
            Instant now = state.now();
            boolean done = provisioningState != ProvisioningState.CREATING && !now.isBefore(readyAt);
            return new ComputeResource(
                    state.workspace.resourceId() + "/computes/" + name,
                    name,
                    state.location,
                    computeType,
                    spec,
                    provisioningState.resourceState(),
                    provisioningState == ProvisioningState.FAILED ? List.of(failure) : List.of(),
                    attached,
                    done ? utc(createdOn) : null,
                    done ? utc(readyAt) : null,
                    Map.of());
        }
    }
}
