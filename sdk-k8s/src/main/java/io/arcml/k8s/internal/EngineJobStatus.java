package io.arcml.k8s.internal;

import io.arcml.ErrorDetail;
import io.arcml.resource.RunState;
import io.arcml.resource.RunStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a failure that the engine itself reports, with no failed pod to show for it: a Volcano
 * Job whose {@code status.state.phase} is {@code Failed}, {@code Aborted} or {@code Terminated}
 * (its gang could not be kept, a policy aborted it), or a Kubeflow PyTorchJob with a true
 * {@code Failed} condition (the operator could not create a replica, a restart limit was hit).
 */
public final class EngineJobStatus {
    private static final Set<String> VOLCANO_FAILED_PHASES = Set.of("Failed", "Aborted", "Terminated");

    private EngineJobStatus() {}

    /**
     * The failure the engine's job reports, if any.
     *
     * @param job a Volcano Job ({@code batch.volcano.sh}) or a Kubeflow PyTorchJob ({@code kubeflow.org})
     * @param start when the run's first pod started, or {@code null}
     */
    public static Optional<RunStatus> failure(GenericKubernetesResource job, OffsetDateTime start) {
        String name = job.getMetadata().getName();
        if ("Job".equals(job.getKind())) {
            String phase = job.get("status", "state", "phase");
            // No phase yet: the controller has not seen the job.
            if (phase == null || !VOLCANO_FAILED_PHASES.contains(phase)) {
                return Optional.empty();
            }
            return Optional.of(failed(
                    "Volcano",
                    name,
                    phase,
                    job.get("status", "state", "reason"),
                    job.get("status", "state", "message"),
                    job.get("status", "state", "lastTransitionTime"),
                    start));
        }
        List<Map<String, Object>> conditions = job.get("status", "conditions");
        return conditions == null
                ? Optional.empty()
                : conditions.stream()
                        .filter(c -> "Failed".equals(c.get("type")) && "True".equals(c.get("status")))
                        .findFirst()
                        .map(c -> failed(
                                "Kubeflow",
                                name,
                                "Failed",
                                (String) c.get("reason"),
                                (String) c.get("message"),
                                (String) c.get("lastTransitionTime"),
                                start));
    }

    private static RunStatus failed(
            String engine, String name, String phase, String reason, String detail, String at, OffsetDateTime start) {
        String code = Objects.requireNonNullElse(reason, engine + "Job" + phase);
        String message = "The " + engine + " job " + name + " is " + phase + " with no failed instance: " + code
                + (detail == null || detail.isBlank() ? "" : " (" + detail.strip() + ")");
        return new RunStatus(
                RunState.FAILED,
                message,
                ErrorDetail.of(code, message),
                start,
                at == null ? null : OffsetDateTime.parse(at));
    }
}
