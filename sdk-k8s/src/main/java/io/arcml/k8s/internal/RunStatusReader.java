package io.arcml.k8s.internal;

import io.arcml.ErrorDetail;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a run's status from its pods and its Jobs' conditions, the same way whatever engine made
 * the pods: a failed instance fails the run, the run completes when every decisive instance
 * succeeded (and the Job controller has marked the run's Jobs Complete), it is running when any
 * instance runs, and otherwise it waits, for a reason
 * {@link PendingPodDiagnosis} puts in plain words.
 */
public final class RunStatusReader {

    private RunStatusReader() {}

    /**
     * The run's status.
     *
     * @param pods the run's pods
     * @param jobs the run's batch Jobs (none for other engines)
     * @param decisiveInstances how many instances must succeed
     * @param events reads a pod's events, only when needed for a diagnosis
     * @param nodes reads the cluster's nodes, only when needed for a diagnosis
     * @param podCreator what creates the pods, for the message while there are none (e.g. {@code the Volcano controller})
     */
    public static RunStatus read(
            List<Pod> pods,
            List<Job> jobs,
            int decisiveInstances,
            Function<Pod, List<Event>> events,
            Supplier<List<Node>> nodes,
            String podCreator) {
        OffsetDateTime start = pods.stream()
                .map(p -> p.getStatus() == null ? null : p.getStatus().getStartTime())
                .filter(Objects::nonNull)
                .map(OffsetDateTime::parse)
                .min(Comparator.naturalOrder())
                .orElse(null);
        Optional<Pod> failed = pods.stream()
                .filter(p -> "Failed".equals(phase(p)))
                .min(Comparator.comparing(p -> p.getMetadata().getName()));
        if (failed.isPresent()) {
            return failure(failed.get(), start);
        }
        for (Job job : jobs) {
            Optional<JobCondition> jobFailed = condition(job, "Failed");
            if (jobFailed.isPresent()) {
                JobCondition c = jobFailed.get();
                String message = "DeadlineExceeded".equals(c.getReason())
                        ? "The job ran longer than its timeout and was stopped (" + c.getMessage() + ")"
                        : "The Job " + job.getMetadata().getName() + " failed: " + c.getReason() + " "
                                + Objects.toString(c.getMessage(), "");
                return new RunStatus(
                        RunState.FAILED,
                        message,
                        ErrorDetail.of(Objects.toString(c.getReason(), "JobFailed"), message),
                        start,
                        parse(c.getLastTransitionTime()));
            }
        }
        long succeeded = pods.stream()
                .filter(p -> "Succeeded".equals(phase(p)) && isDecisive(p))
                .count();
        if (succeeded >= decisiveInstances && decisiveInstances > 0) {
            // The Job controller has the last word: it counts the pods, and may still fail the Job (past its deadline).
            // Until it has marked every worker Job Complete, the run is not done: a step that depends on it must wait.
            List<String> unrecorded = jobs.stream()
                    .filter(j ->
                            !isParameterServers(j) && condition(j, "Complete").isEmpty())
                    .map(j -> j.getMetadata().getName())
                    .toList();
            if (!unrecorded.isEmpty()) {
                return new RunStatus(
                        RunState.RUNNING,
                        "All " + decisiveInstances + " instance(s) succeeded; waiting for the Job "
                                + "controller to mark " + String.join(", ", unrecorded) + " Complete",
                        null,
                        start,
                        null);
            }
            OffsetDateTime end = pods.stream()
                    .flatMap(p -> RunStatusReader.terminated(p).stream())
                    .map(t -> parse(t.getFinishedAt()))
                    .filter(Objects::nonNull)
                    .max(Comparator.naturalOrder())
                    .orElse(null);
            return new RunStatus(
                    RunState.COMPLETED, "All " + decisiveInstances + " instance(s) succeeded", null, start, end);
        }
        List<Pod> waiting = pods.stream()
                .filter(p -> !"Running".equals(phase(p)) && !"Succeeded".equals(phase(p)))
                .toList();
        Optional<RunStatus> diagnosis = PendingPodDiagnosis.diagnose(waiting, events, nodes);
        long running = pods.stream().filter(p -> "Running".equals(phase(p))).count();
        if (diagnosis.isPresent()) {
            RunStatus d = diagnosis.get();
            // Some instances may already run while others wait: the run is not running until all can.
            String prefix = running > 0 ? running + " of " + pods.size() + " instance(s) run; " : "";
            return new RunStatus(d.state(), prefix + d.message(), null, start, null);
        }
        if (running > 0) {
            return new RunStatus(RunState.RUNNING, running + " instance(s) running", null, start, null);
        }
        if (pods.isEmpty()) {
            return RunStatus.of(RunState.QUEUED, "Waiting for " + podCreator + " to create the instances' pods");
        }
        boolean scheduled =
                pods.stream().allMatch(p -> p.getSpec() != null && p.getSpec().getNodeName() != null);
        return scheduled
                ? RunStatus.of(RunState.PREPARING, "Pulling the image and starting the containers")
                : RunStatus.of(RunState.QUEUED, "Waiting for the scheduler to place the instances");
    }

    private static RunStatus failure(Pod pod, OffsetDateTime start) {
        Optional<ContainerStateTerminated> t = terminated(pod).stream().findFirst();
        String name = pod.getMetadata().getName();
        String message;
        String code;
        if (t.isPresent()) {
            ContainerStateTerminated term = t.get();
            code = "OOMKilled".equals(term.getReason()) ? "OutOfMemory" : "NonZeroExitCode";
            message = "Instance " + name + " failed with exit code " + term.getExitCode()
                    + (term.getReason() == null ? "" : " (" + term.getReason() + ")")
                    + (term.getMessage() == null || term.getMessage().isBlank()
                            ? ""
                            : ": " + term.getMessage().strip())
                    + ("OOMKilled".equals(term.getReason())
                            ? ". It ran out of memory: use an instance type with more memory"
                            : "");
        } else {
            code = Objects.toString(pod.getStatus().getReason(), "PodFailed");
            message = "Instance " + name + " failed: " + code + " "
                    + Objects.toString(pod.getStatus().getMessage(), "");
        }
        return new RunStatus(
                RunState.FAILED,
                message.strip(),
                ErrorDetail.of(code, message.strip()),
                start,
                t.map(x -> parse(x.getFinishedAt())).orElse(null));
    }

    private static List<ContainerStateTerminated> terminated(Pod pod) {
        return PendingPodDiagnosis.containerStatuses(pod).stream()
                .map(ContainerStatus::getState)
                .filter(s -> s != null && s.getTerminated() != null)
                .map(s -> s.getTerminated())
                .toList();
    }

    private static boolean isDecisive(Pod pod) {
        return !"ps"
                .equals(
                        pod.getMetadata().getLabels() == null
                                ? null
                                : pod.getMetadata().getLabels().get(ArcmlLabels.ROLE));
    }

    /** True for the Job of a run's parameter servers, which serve until stopped and never complete. */
    private static boolean isParameterServers(Job job) {
        Map<String, String> labels = job.getMetadata().getLabels();
        String runId = labels == null ? null : labels.get(ArcmlLabels.RUN);
        return runId != null && job.getMetadata().getName().equals(RunRenderer.jobName(runId, "ps"));
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        return job.getStatus() == null || job.getStatus().getConditions() == null
                ? Optional.empty()
                : job.getStatus().getConditions().stream()
                        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                        .findFirst();
    }

    private static String phase(Pod p) {
        return p.getStatus() == null ? null : p.getStatus().getPhase();
    }

    private static OffsetDateTime parse(String time) {
        return time == null ? null : OffsetDateTime.parse(time);
    }
}
