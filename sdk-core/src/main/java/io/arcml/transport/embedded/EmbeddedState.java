package io.arcml.transport.embedded;

import com.azure.core.http.rest.PagedResponse;
import io.arcml.ErrorDetail;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ProvisioningState;
import io.arcml.resource.CommandSpec;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.PagedLists;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the embedded control plane's computes, extensions and jobs share: its settings, its
 * clock, the faults still to apply, the request count, and the lock every request holds.
 */
final class EmbeddedState {
    final Object lock;
    final WorkspaceId workspace;
    final String location;
    final Duration provisioningDelay;
    final Duration extensionInstallDelay;
    final Duration pollInterval;
    final String extensionVersion;
    final Clock clock;
    final Duration jobQueueTime;
    final int listPageSize;
    final JobSimulator jobSimulator;
    final List<Fault> faults = new ArrayList<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean closed;

    EmbeddedState(Object lock, EmbeddedControlPlane.Builder b) {
        this.lock = lock;
        this.workspace = b.workspace;
        this.location = b.location;
        this.provisioningDelay = b.provisioningDelay;
        this.extensionInstallDelay = b.extensionInstallDelay;
        this.pollInterval = b.pollInterval;
        this.extensionVersion = b.extensionVersion;
        this.clock = b.clock;
        this.jobQueueTime = b.jobQueueTime;
        this.listPageSize = b.listPageSize;
        this.jobSimulator = b.jobSimulator != null ? b.jobSimulator : job -> defaultSimulation(job, b.jobRunTime);
    }

    /** The default play of a job: it succeeds after the run time, and its log says what would have run. */
    private static JobSimulation defaultSimulation(CommandSpec job, Duration runTime) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < job.instanceCount(); i++) {
            lines.add("[" + job.name() + "-" + i + "] simulated by the embedded control plane: no container runs");
            lines.add("[" + job.name() + "-" + i + "] image " + job.image() + ", instance type " + job.instanceType()
                    + ", command: " + job.commandWithInputs());
        }
        return JobSimulation.succeeds(runTime, lines);
    }

    Instant now() {
        return clock.instant();
    }

    /** Counts a request; a closed control plane refuses it. */
    void countRequest() {
        if (closed) {
            throw new IllegalStateException(
                    "This EmbeddedControlPlane was closed (its workspace was closed). Create a new one, "
                            + "e.g. Workspace.local(), instead of reusing a closed workspace");
        }
        requests.incrementAndGet();
    }

    long requestCount() {
        return requests.get();
    }

    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** The first fault of that kind for that name, used up by one; {@code null} when there is none. */
    Fault take(Fault.Kind kind, String name) {
        for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.kind == kind && f.appliesTo(name)) {
                if (--f.remaining <= 0) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }

    /** The extra time a slow-operation fault adds to the next operation. */
    Duration slowdown() {
        Fault slow = take(Fault.Kind.SLOW_OPERATION, null);
        return slow == null ? Duration.ZERO : slow.duration;
    }

    /**
     * The page of {@code all} after {@code continuationToken} ({@code null} for the first): at most
     * {@code pageSize} items ({@code null} or less than 1 for the control plane's list page size). The
     * token is the offset of the next item, as opaque to callers as ARM's {@code $skipToken}: a list
     * that changes between two pages may skip or repeat an item, as a service's may.
     *
     * @throws ControlPlaneException 400 when the token is not one this control plane gave
     */
    <T> PagedResponse<T> page(List<T> all, String continuationToken, Integer pageSize) {
        int from = continuationToken == null ? 0 : offset(continuationToken);
        int size = pageSize == null || pageSize < 1 ? listPageSize : pageSize;
        int to = (int) Math.min(all.size(), (long) from + size);
        return PagedLists.page(all.subList(Math.min(from, to), to), to < all.size() ? Integer.toString(to) : null);
    }

    private static int offset(String continuationToken) {
        try {
            int offset = Integer.parseInt(continuationToken);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ControlPlaneException(
                400,
                ErrorDetail.of(
                        "InvalidContinuationToken",
                        "The continuation token '" + continuationToken
                                + "' was not given by this control plane. Pass the token of the page before, or null for the first page"),
                null);
    }

    ControlPlaneException conflict(String what, ProvisioningState state) {
        return new ControlPlaneException(
                409,
                ErrorDetail.of(
                        "Conflict",
                        "The " + what + " has an operation in progress (state " + state
                                + "). Wait for it to finish, then try again"),
                null);
    }

    /** An operation already over, as ARM's 200 or 204 answers. */
    LongRunningOperation finished(String status) {
        return LongRunningOperation.completed(
                new OperationStatus(OperationStatus.State.SUCCEEDED, status, null, pollInterval));
    }

    /** An operation whose outcome is fixed when it starts and which ends at {@code endsAt}. */
    LongRunningOperation operation(String runningStatus, Instant endsAt, ErrorDetail failure) {
        return new LongRunningOperation() {
            @Override
            public OperationStatus initialStatus() {
                return new OperationStatus(OperationStatus.State.IN_PROGRESS, runningStatus, null, pollInterval);
            }

            @Override
            public OperationStatus poll() {
                synchronized (lock) {
                    countRequest();
                    Fault error = take(Fault.Kind.POLL_ERROR, null);
                    if (error != null) {
                        throw new ControlPlaneException(error.statusCode, error.error, error.duration);
                    }
                }
                if (now().isBefore(endsAt)) {
                    return initialStatus();
                }
                return failure == null
                        ? new OperationStatus(OperationStatus.State.SUCCEEDED, "Succeeded", null, pollInterval)
                        : new OperationStatus(OperationStatus.State.FAILED, "Failed", failure, pollInterval);
            }
        };
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String key(ClusterResourceId cluster, String name) {
        return cluster.toString().toLowerCase(Locale.ROOT) + "|" + name.toLowerCase(Locale.ROOT);
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
