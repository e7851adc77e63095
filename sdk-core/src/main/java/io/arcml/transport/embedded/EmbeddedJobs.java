package io.arcml.transport.embedded;

import static io.arcml.transport.embedded.EmbeddedState.key;
import static io.arcml.transport.embedded.EmbeddedState.utc;

import io.arcml.ErrorDetail;
import io.arcml.compute.ProvisioningState;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.JobOperations;
import io.arcml.transport.JobResource;
import io.arcml.transport.LongRunningOperation;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded control plane's jobs: {@code Queued}, {@code Running}, then {@code Completed} or
 * {@code Failed} as the {@link JobSimulator} plays them, on Succeeded computes only. Called under
 * the state's lock.
 */
final class EmbeddedJobs implements JobOperations {
    private final EmbeddedState state;
    private final EmbeddedComputes computes;
    private final Map<String, EmbeddedJob> jobs = new LinkedHashMap<>();

    EmbeddedJobs(EmbeddedState state, EmbeddedComputes computes) {
        this.state = state;
        this.computes = computes;
    }

    @Override
    public JobResource submitJob(String computeName, CommandSpec job) {
        job.requireNoLocalCode("code", "the embedded control plane");
        job.requireNoDataInputs("inputs", "the embedded control plane");
        job.requireRunnableWithoutAzure("", "the embedded control plane");
        state.countRequest();
        Instant now = state.now();
        ProvisioningState computeState = computes.stateOf(computeName)
                .orElseThrow(() -> new ControlPlaneException(
                        404,
                        ErrorDetail.of(
                                "ComputeNotFound",
                                "Compute '" + computeName + "' was not found in workspace "
                                        + state.workspace.workspaceName()),
                        null));
        if (computeState != ProvisioningState.SUCCEEDED) {
            throw new ControlPlaneException(
                    400,
                    ErrorDetail.of(
                            "ComputeNotReady",
                            "Compute '" + computeName + "' is " + computeState
                                    + "; jobs run on Succeeded computes only"),
                    null);
        }
        if (jobs.containsKey(key(job.name()))) {
            throw new ControlPlaneException(
                    409,
                    ErrorDetail.of(
                            "Conflict",
                            "A job named '" + job.name() + "' already exists in workspace "
                                    + state.workspace.workspaceName() + "; job names are unique: choose another"),
                    null);
        }
        Fault pending = state.take(Fault.Kind.PENDING_JOB, job.name());
        Fault failure = state.take(Fault.Kind.FAIL_JOB, job.name());
        JobSimulation play = failure != null
                ? JobSimulation.fails(Duration.ZERO, failure.statusCode, List.of(failure.reason))
                : state.jobSimulator.simulate(job);
        Instant startAt = pending != null ? Instant.MAX : now.plus(state.jobQueueTime);
        EmbeddedJob j = new EmbeddedJob(computeName, job, startAt, play, pending == null ? null : pending.reason);
        jobs.put(key(job.name()), j);
        return j.toResource(now);
    }

    @Override
    public Optional<JobResource> getJob(String computeName, String runId) {
        state.countRequest();
        return find(computeName, runId).map(j -> j.toResource(state.now()));
    }

    @Override
    public List<JobResource> findJobs(String computeName, String jobName) {
        state.countRequest();
        return find(computeName, jobName)
                .map(j -> List.of(j.toResource(state.now())))
                .orElse(List.of());
    }

    @Override
    public String jobLogs(String computeName, String runId) {
        state.countRequest();
        return String.join("\n", existing(computeName, runId).visibleLines(state.now()));
    }

    @Override
    public LongRunningOperation beginCancelJob(String computeName, String runId) {
        state.countRequest();
        EmbeddedJob j = existing(computeName, runId);
        Instant now = state.now();
        if (!j.state(now).isTerminal()) {
            j.canceledAt = now;
        }
        return state.finished("Canceled");
    }

    @Override
    public Duration jobStatusInterval() {
        return state.pollInterval;
    }

    private Optional<EmbeddedJob> find(String computeName, String runId) {
        EmbeddedJob j = jobs.get(key(runId));
        return j == null || !j.computeName.equalsIgnoreCase(computeName) ? Optional.empty() : Optional.of(j);
    }

    private EmbeddedJob existing(String computeName, String runId) {
        return find(computeName, runId)
                .orElseThrow(() -> new ControlPlaneException(
                        404,
                        ErrorDetail.of("JobNotFound", "No run '" + runId + "' on compute '" + computeName + "'"),
                        null));
    }

    private static final class EmbeddedJob {
        final String computeName;
        final CommandSpec job;
        final Instant startAt;
        final JobSimulation play;
        final String pendingReason;
        Instant canceledAt;

        EmbeddedJob(String computeName, CommandSpec job, Instant startAt, JobSimulation play, String pendingReason) {
            this.computeName = computeName;
            this.job = job;
            this.startAt = startAt;
            this.play = play;
            this.pendingReason = pendingReason;
        }

        Instant endAt() {
            return startAt == Instant.MAX ? Instant.MAX : startAt.plus(play.runTime());
        }

        RunState state(Instant now) {
            if (canceledAt != null) {
                return RunState.CANCELED;
            }
            if (now.isBefore(startAt)) {
                return RunState.QUEUED;
            }
            if (now.isBefore(endAt())) {
                return RunState.RUNNING;
            }
            return play.exitCode() == 0 ? RunState.COMPLETED : RunState.FAILED;
        }

        List<String> visibleLines(Instant now) {
            Instant until = canceledAt != null && canceledAt.isBefore(now) ? canceledAt : now;
            if (until.isBefore(startAt)) {
                return List.of();
            }
            int n = play.logLines().size();
            long runNanos = play.runTime().toNanos();
            long elapsed = Duration.between(startAt, until).toNanos();
            int visible = runNanos == 0 || elapsed >= runNanos ? n : (int) (n * (double) elapsed / runNanos);
            return play.logLines().subList(0, visible);
        }

        JobResource toResource(Instant now) {
            RunState state = state(now);
            String message = switch (state) {
                case QUEUED ->
                    pendingReason != null ? pendingReason : "Waiting for resources on compute '" + computeName + "'";
                case FAILED -> "Exited with code " + play.exitCode();
                case CANCELED -> "Canceled";
                default -> null;
            };
            ErrorDetail error = state == RunState.FAILED
                    ? ErrorDetail.of("UserError", "The command exited with code " + play.exitCode())
                    : null;
            OffsetDateTime started = state == RunState.QUEUED || startAt == Instant.MAX ? null : utc(startAt);
            OffsetDateTime ended =
                    state == RunState.CANCELED ? utc(canceledAt) : state.isTerminal() ? utc(endAt()) : null;
            return new JobResource(
                    job.name(), job.name(), computeName, new RunStatus(state, message, error, started, ended));
        }
    }
}
