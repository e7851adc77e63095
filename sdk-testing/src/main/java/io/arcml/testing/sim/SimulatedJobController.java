package io.arcml.testing.sim;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of the Job controller the SDK relies on: Indexed Jobs get one pod per index (with the
 * completion-index annotation and label, and {@code <job>-<index>} hostnames under a subdomain),
 * and the Job's status and {@code Complete}/{@code Failed} conditions follow its pods, including
 * {@code activeDeadlineSeconds}.
 */
final class SimulatedJobController {
    static final String INDEX = "batch.kubernetes.io/job-completion-index";

    private final KubernetesClient client;

    SimulatedJobController(KubernetesClient client) {
        this.client = client;
    }

    void reconcile() {
        for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
            if (job.getMetadata().getDeletionTimestamp() != null || finished(job)) {
                continue;
            }
            reconcile(job);
        }
    }

    private void reconcile(Job job) {
        String ns = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        List<Pod> pods =
                client.pods().inNamespace(ns).withLabel("job-name", name).list().getItems();
        int completions =
                job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
        Set<String> covered = new HashSet<>();
        int active = 0;
        int succeeded = 0;
        int failed = 0;
        for (Pod p : pods) {
            String phase = p.getStatus() == null ? "Pending" : p.getStatus().getPhase();
            covered.add(p.getMetadata().getAnnotations().get(INDEX));
            switch (phase == null ? "Pending" : phase) {
                case "Succeeded" -> succeeded++;
                case "Failed" -> failed++;
                default -> active++;
            }
        }
        JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
        String now = Instant.now().toString();
        if (status.getStartTime() == null) {
            status.setStartTime(now);
        }
        int backoffLimit =
                job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
        Long deadline = job.getSpec().getActiveDeadlineSeconds();
        List<JobCondition> conditions = new ArrayList<>();
        if (failed > backoffLimit) {
            conditions.add(
                    condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
        } else if (deadline != null
                && Instant.parse(status.getStartTime()).plusSeconds(deadline).isBefore(Instant.now())) {
            conditions.add(
                    condition("Failed", "DeadlineExceeded", "Job was active longer than specified deadline", now));
        } else if (succeeded >= completions) {
            conditions.add(condition("Complete", null, null, now));
            status.setCompletionTime(now);
        } else {
            for (int i = 0; i < completions; i++) {
                if (!covered.contains(Integer.toString(i))) {
                    client.pods().inNamespace(ns).resource(podFor(job, i)).create();
                    active++;
                }
            }
        }
        if (!conditions.isEmpty() && conditions.get(0).getType().equals("Failed")) {
            // A failed Job stops its remaining pods, as the real controller does.
            pods.stream()
                    .filter(p -> p.getStatus() == null
                            || !"Succeeded".equals(p.getStatus().getPhase())
                                    && !"Failed".equals(p.getStatus().getPhase()))
                    .forEach(p -> client.pods()
                            .inNamespace(ns)
                            .withName(p.getMetadata().getName())
                            .delete());
            active = 0;
        }
        status.setActive(active);
        status.setSucceeded(succeeded);
        status.setFailed(failed);
        status.setConditions(conditions);
        job.setStatus(status);
        client.batch().v1().jobs().inNamespace(ns).resource(job).updateStatus();
    }

    private static JobCondition condition(String type, String reason, String message, String now) {
        return new JobConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastProbeTime(now)
                .withLastTransitionTime(now)
                .build();
    }

    private static boolean finished(Job job) {
        return job.getStatus() != null
                && job.getStatus().getConditions() != null
                && job.getStatus().getConditions().stream()
                        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                                && "True".equals(c.getStatus()));
    }

    private static Pod podFor(Job job, int index) {
        String name = job.getMetadata().getName();
        ObjectMeta template = job.getSpec().getTemplate().getMetadata();
        Map<String, String> labels =
                new LinkedHashMap<>(template == null || template.getLabels() == null ? Map.of() : template.getLabels());
        labels.put("job-name", name);
        labels.put("batch.kubernetes.io/job-name", name);
        labels.put(INDEX, Integer.toString(index));
        Map<String, String> annotations = new LinkedHashMap<>(
                template == null || template.getAnnotations() == null ? Map.of() : template.getAnnotations());
        annotations.put(INDEX, Integer.toString(index));
        PodSpec spec = SimulatedCluster.copy(job.getSpec().getTemplate().getSpec(), PodSpec.class);
        if (spec.getSubdomain() != null) {
            spec.setHostname(name + "-" + index);
        }
        return new PodBuilder()
                .withNewMetadata()
                .withName(name + "-" + index + "-" + SimulatedCluster.suffix())
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("batch/v1")
                        .withKind("Job")
                        .withName(name)
                        .withUid(job.getMetadata().getUid())
                        .withController(true)
                        .build())
                .endMetadata()
                .withSpec(spec)
                .withNewStatus()
                .withPhase("Pending")
                .endStatus()
                .build();
    }
}
