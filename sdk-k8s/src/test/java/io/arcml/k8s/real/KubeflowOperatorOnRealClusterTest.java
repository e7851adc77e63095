package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.compute.KubernetesCompute;
import io.arcml.job.Distribution;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.k8s.DistributedEngine;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.k8s.internal.RunOperations;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PyTorchJobs run by the Kubeflow training operator's own controller (built from its module and
 * run out of cluster by {@code .ci/kube-control-plane.sh}, its validating webhook served): the
 * operator makes the master and worker pods, their Services and a scheduler-plugins PodGroup,
 * kube-scheduler places the pods, kwok runs them, and arcml follows and cancels the run.
 */
class KubeflowOperatorOnRealClusterTest extends RealClusterTestBase {
    /** The scheduler the operator names on its pods when it gang-schedules (see the script). */
    private static final String GANG_SCHEDULER = "scheduler-plugins-scheduler";
    /** A finalizer the test puts on an operator-made object to hold it after its deletion. */
    private static final String HOLD = "arcml.io/test-hold";

    private static final Duration POLL = Duration.ofMillis(200);

    @Override
    KubernetesControlPlane.Builder settings(KubernetesControlPlane.Builder builder) {
        return builder.distributedEngine(DistributedEngine.KUBEFLOW).pollInterval(POLL);
    }

    private JobRun submitPyTorchJob(String name, String runFor) {
        KubernetesCompute compute = attach("gpu-compute", gpuConfig());
        return compute.submit(job(name, runFor)
                .instanceCount(2)
                .distribution(Distribution.pytorch(1))
                .build());
    }

    /** What the operator made for the job: selected by its own label, not arcml's. */
    private List<Pod> operatorPods(String runId) {
        return client.pods()
                .inNamespace(ns)
                .withLabel(RunOperations.KUBEFLOW_JOB_NAME_LABEL, runId)
                .list()
                .getItems();
    }

    private List<Service> operatorServices(String runId) {
        return client.services()
                .inNamespace(ns)
                .withLabel(RunOperations.KUBEFLOW_JOB_NAME_LABEL, runId)
                .list()
                .getItems();
    }

    private GenericKubernetesResource podGroup(String runId) {
        return client.genericKubernetesResources(RunOperations.SCHEDULER_PLUGINS_POD_GROUPS)
                .inNamespace(ns)
                .withName(runId)
                .get();
    }

    private GenericKubernetesResource pyTorchJob(String runId) {
        return client.genericKubernetesResources(RunOperations.PYTORCH_JOBS)
                .inNamespace(ns)
                .withName(runId)
                .get();
    }

    /** Puts the test's finalizer on a Service, or takes it off. */
    private void hold(String service, boolean hold) {
        client.services().inNamespace(ns).withName(service).edit(s -> {
            if (hold) {
                s.getMetadata().getFinalizers().add(HOLD);
            } else {
                s.getMetadata().getFinalizers().remove(HOLD);
            }
            return s;
        });
    }

    private static void assertOwnedBy(HasMetadata dependent, String ownerUid) {
        assertThat(dependent.getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getUid)
                .containsExactly(ownerUid);
    }

    @Test
    void aPyTorchJobRunsToTheEndOnPodsTheTrainingOperatorMade() {
        JobRun run = submitPyTorchJob("ddp", "3s");
        String id = run.runId();

        run.waitForCompletion(false, RUN_TIMEOUT);

        assertThat(run.getStatus().state()).isEqualTo(JobState.COMPLETED);
        List<Pod> pods = operatorPods(id);
        assertThat(pods)
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder(id + "-master-0", id + "-worker-0");
        String jobUid = pyTorchJob(id).getMetadata().getUid();
        assertThat(pods).allSatisfy(p -> {
            assertOwnedBy(p, jobUid);
            assertThat(p.getSpec().getSchedulerName()).isEqualTo(GANG_SCHEDULER);
            assertThat(p.getSpec().getNodeName()).isIn(RealFleet.GPU_NODES);
            assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded");
            // The operator wires the rendezvous itself; arcml's pods carry its labels through the template.
            assertThat(p.getSpec().getContainers().get(0).getEnv())
                    .extracting(e -> e.getName())
                    .contains("MASTER_ADDR", "WORLD_SIZE", "RANK");
            assertThat(p.getMetadata().getLabels()).containsEntry("arcml.io/run-id", id);
        });
        // The operator's own verdict, which arcml's tracker agreed with.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> conditions = (List<Map<String, Object>>)
                ((Map<String, Object>) pyTorchJob(id).getAdditionalProperties().get("status")).get("conditions");
        assertThat(conditions)
                .anySatisfy(
                        c -> assertThat(c).containsEntry("type", "Succeeded").containsEntry("status", "True"));
    }

    @Test
    void cancelRemovesTheOperatorsPodsServicesAndPodGroupThroughTheGarbageCollector() throws Exception {
        JobRun run = submitPyTorchJob("held", "10m");
        String id = run.runId();
        Eventually.until(
                "the operator's pods to run, with their Services and PodGroup",
                RUN_TIMEOUT,
                () -> run.getStatus().state() == JobState.RUNNING
                        && operatorPods(id).size() == 2
                        && operatorPods(id).stream()
                                .allMatch(p -> "Running".equals(p.getStatus().getPhase()))
                        && operatorServices(id).size() == 2
                        && podGroup(id) != null);
        String jobUid = pyTorchJob(id).getMetadata().getUid();
        operatorPods(id).forEach(p -> assertOwnedBy(p, jobUid));
        operatorServices(id).forEach(s -> assertOwnedBy(s, jobUid));
        assertOwnedBy(podGroup(id), jobUid);
        // A finalizer holds the master's Service: the garbage collector marks it deleted but cannot remove it yet.
        String held = id + "-master-0";
        hold(held, true);
        try {
            CompletableFuture<JobRun> cancel = CompletableFuture.supplyAsync(run::cancel);

            Eventually.until(
                    "everything but the held Service to go, that one marked deleted by the garbage collector",
                    RUN_TIMEOUT,
                    () -> pyTorchJob(id) == null
                            && operatorPods(id).isEmpty()
                            && podGroup(id) == null
                            && operatorServices(id).size() == 1
                            && client.services()
                                            .inNamespace(ns)
                                            .withName(held)
                                            .get()
                                            .getMetadata()
                                            .getDeletionTimestamp()
                                    != null);
            Thread.sleep(5 * POLL.toMillis());
            assertThat(cancel)
                    .as("cancel ends only when what the operator made is gone")
                    .isNotDone();
            hold(held, false);
            cancel.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            // Never leave the namespace undeletable.
            if (client.services().inNamespace(ns).withName(held).get() != null) {
                hold(held, false);
            }
        }

        // Once cancel has ended, nothing of the run is left: not waited for here, cancel waited for the garbage
        // collector.
        assertThat(run.getStatus().state()).isEqualTo(JobState.CANCELED);
        assertThat(pyTorchJob(id)).isNull();
        assertThat(operatorPods(id)).isEmpty();
        assertThat(operatorServices(id)).isEmpty();
        assertThat(podGroup(id)).isNull();
        assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(ns).list().getItems()).isEmpty();
    }
}
