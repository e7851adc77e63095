package io.arcml.transport.embedded;

import io.arcml.ErrorDetail;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ProvisioningState;
import io.arcml.job.CommandJob;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
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
        this.jobSimulator = b.jobSimulator != null ? b.jobSimulator : job -> defaultSimulation(job, b.jobRunTime);
    }

    /** The default play of a job: it succeeds after the run time, and its log says what would have run. */
    private static JobSimulation defaultSimulation(CommandJob job, Duration runTime) {
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
