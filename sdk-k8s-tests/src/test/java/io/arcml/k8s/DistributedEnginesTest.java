package io.arcml.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.k8s.internal.RunOperations;
import io.arcml.testing.sim.SimulatedCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributedEnginesTest extends SimulatedClusterTestBase {
    private KubernetesCompute compute;

    private void start(SimulatedCluster.Builder builder, DistributedEngine engine) {
        compute = attachGpuCompute(builder, b -> b.distributedEngine(engine));
    }

    private static CommandJob ddp(String name, int instances) {
        return CommandJob.builder()
                .name(name)
                .image("pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime")
                .command("torchrun train.py")
                .instanceCount(instances)
                .distribution(Distribution.pytorch(2))
                .build();
    }

    private GenericKubernetesResource only(ResourceDefinitionContext ctx) {
        List<GenericKubernetesResource> items = cluster.client()
                .genericKubernetesResources(ctx)
                .inNamespace(NS)
                .list()
                .getItems();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void volcanoIsDiscoveredAndRunsTheGangWithMinAvailableEqualToTheInstanceCount() {
        start(gpuCluster().volcano(), DistributedEngine.AUTO);
        JobRun run = compute.submit(ddp("ddp", 2));
        run.waitForCompletion(false);

        GenericKubernetesResource vcjob = only(RunOperations.VOLCANO_JOBS);
        String id = run.runId();
        assertThat(vcjob.getMetadata().getName()).isEqualTo(id);
        assertThat((Object) vcjob.get("spec", "minAvailable")).isEqualTo(2);
        assertThat((Object) vcjob.get("spec", "schedulerName")).isEqualTo("volcano");
        assertThat((Object) vcjob.get("spec", "queue")).isEqualTo("default");
        List<Map<String, Object>> tasks = vcjob.get("spec", "tasks");
        assertThat(tasks).singleElement().satisfies(t -> {
            assertThat(t).containsEntry("name", "worker").containsEntry("replicas", 2);
            Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) t.get("template")).get("spec");
            assertThat(podSpec)
                    .containsEntry("schedulerName", "volcano")
                    .containsEntry("nodeSelector", Map.of("accelerator", "nvidia-tesla-k80"));
        });
        assertThat(cluster.client().batch().v1().jobs().inNamespace(NS).list().getItems())
                .isEmpty();
        assertThat(run.getStatus().state()).isEqualTo(JobState.COMPLETED);
        assertThat(run.logs())
                .contains(
                        "MASTER_ADDR=" + id + "-worker-0." + id, "NODE_RANK=1", "WORLD_SIZE=4", "PET_NPROC_PER_NODE=2");
    }

    @Test
    void aGangThatDoesNotFitStartsNoInstance() {
        start(gpuCluster().volcano(), DistributedEngine.AUTO);
        // Three one-GPU instances on a node with two GPUs: Volcano starts none rather than two.
        JobRun run = compute.submit(ddp("gang", 3));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!String.valueOf(run.getStatus().message()).contains("pod group is not ready")
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(run.getStatus().state()).isEqualTo(JobState.QUEUED);
        assertThat(run.getStatus().message())
                .contains("1 node lacks free nvidia.com/gpu", "pod group is not ready, 3 Pending, 3 minAvailable");
        assertThat(cluster.client()
                        .pods()
                        .inNamespace(NS)
                        .withLabel("arcml.io/run-id", run.runId())
                        .list()
                        .getItems())
                .hasSize(3)
                .allMatch(p -> p.getSpec().getNodeName() == null);
        run.cancel();
        assertThat(cluster.client()
                        .genericKubernetesResources(RunOperations.VOLCANO_JOBS)
                        .inNamespace(NS)
                        .list()
                        .getItems())
                .isEmpty();
    }

    private void setEngineStatus(ResourceDefinitionContext ctx, Map<String, Object> status) {
        GenericKubernetesResource job = only(ctx);
        job.getAdditionalProperties().put("status", status);
        cluster.client()
                .genericKubernetesResources(ctx)
                .inNamespace(NS)
                .resource(job)
                .updateStatus();
    }

    private static JobState awaitState(JobRun run, JobState state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (run.getStatus().state() != state && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return run.getStatus().state();
    }

    @Test
    void aVolcanoJobAbortedWithNoFailedPodFailsTheRunWithVolcanosReason() {
        start(gpuCluster().volcano(), DistributedEngine.AUTO);
        JobRun run = compute.submit(ddp("gang", 3)); // does not fit: its pods stay pending, none fails
        assertThat(awaitState(run, JobState.QUEUED)).isEqualTo(JobState.QUEUED);

        setEngineStatus(
                RunOperations.VOLCANO_JOBS,
                Map.of(
                        "state",
                        Map.of(
                                "phase",
                                "Aborted",
                                "reason",
                                "PodGroupUnschedulable",
                                "message",
                                "3/3 tasks in gang unschedulable",
                                "lastTransitionTime",
                                "2026-01-01T00:00:00Z")));

        assertThat(awaitState(run, JobState.FAILED)).isEqualTo(JobState.FAILED);
        assertThat(run.getStatus().message())
                .contains(
                        "Volcano job " + run.runId(),
                        "Aborted",
                        "PodGroupUnschedulable",
                        "3/3 tasks in gang unschedulable");
        assertThat(run.getStatus().error().code()).isEqualTo("PodGroupUnschedulable");
    }

    @Test
    void aKubeflowJobFailedWithNoFailedPodFailsTheRunWithTheOperatorsReason() {
        start(gpuCluster().kubeflow(), DistributedEngine.AUTO);
        JobRun run = compute.submit(ddp("gangkf", 3));
        assertThat(awaitState(run, JobState.QUEUED)).isEqualTo(JobState.QUEUED);

        setEngineStatus(
                RunOperations.PYTORCH_JOBS,
                Map.of(
                        "conditions",
                        List.of(
                                Map.of("type", "Created", "status", "True", "reason", "PyTorchJobCreated"),
                                Map.of(
                                        "type",
                                        "Failed",
                                        "status",
                                        "True",
                                        "reason",
                                        "PyTorchJobFailed",
                                        "message",
                                        "PyTorchJob gangkf has failed because 1 Worker replica(s) could not be created"))));

        assertThat(awaitState(run, JobState.FAILED)).isEqualTo(JobState.FAILED);
        assertThat(run.getStatus().message()).contains("Kubeflow job", "PyTorchJobFailed", "could not be created");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubeflowPyTorchJobIsUsedWhenThatCrdIsInstalled() {
        start(gpuCluster().kubeflow(), DistributedEngine.AUTO);
        JobRun run = compute.submit(ddp("kf", 2));

        run.waitForCompletion(false);

        GenericKubernetesResource job = only(RunOperations.PYTORCH_JOBS);
        assertThat((Object) job.get("spec", "nprocPerNode")).isEqualTo("2");
        assertThat((Object) job.get("spec", "runPolicy", "backoffLimit")).isEqualTo(0);
        Map<String, Object> master = job.get("spec", "pytorchReplicaSpecs", "Master");
        Map<String, Object> worker = job.get("spec", "pytorchReplicaSpecs", "Worker");
        assertThat(master).containsEntry("replicas", 1).containsEntry("restartPolicy", "Never");
        assertThat(worker).containsEntry("replicas", 1);
        List<Map<String, Object>> containers =
                job.get("spec", "pytorchReplicaSpecs", "Worker", "template", "spec", "containers");
        assertThat(containers).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("name", "pytorch");
            assertThat((List<Map<String, Object>>) c.get("env"))
                    .extracting(e -> e.get("name"))
                    .contains("AZUREML_NODE_COUNT")
                    .doesNotContain("MASTER_ADDR", "WORLD_SIZE");
            assertThat((Map<String, Object>) ((Map<String, Object>) c.get("resources")).get("limits"))
                    .containsEntry("nvidia.com/gpu", "1");
        });
        // The operator's own contract reaches the pods: master address, ranks across master and worker.
        assertThat(run.logs())
                .contains(
                        "=== " + run.runId() + "-master-0 ===",
                        "=== " + run.runId() + "-worker-0 ===",
                        "MASTER_ADDR=" + run.runId() + "-master-0",
                        "WORLD_SIZE=4",
                        "RANK=1",
                        "PET_NPROC_PER_NODE=2");
        assertThat(run.getStatus().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void singleInstanceJobsStayPlainJobsEvenWhereVolcanoIsInstalled() {
        start(gpuCluster().volcano(), DistributedEngine.AUTO);
        JobRun run = compute.submit(CommandJob.builder()
                .name("one")
                .image("busybox")
                .command("true")
                .build());
        run.waitForCompletion(false);

        assertThat(cluster.client()
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(NS)
                        .withName(run.runId())
                        .get())
                .isNotNull();
    }

    @Test
    void theUserCanForceIndexedJobsWhereVolcanoIsInstalled() {
        start(gpuCluster().volcano(), DistributedEngine.INDEXED_JOB);
        JobRun run = compute.submit(ddp("forced", 2));
        run.waitForCompletion(false);

        assertThat(cluster.client()
                        .genericKubernetesResources(RunOperations.VOLCANO_JOBS)
                        .inNamespace(NS)
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(cluster.client()
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(NS)
                        .withName(run.runId())
                        .get()
                        .getSpec()
                        .getCompletions())
                .isEqualTo(2);
    }

    @Test
    void forcingAnEngineTheClusterLacksIsRefusedBeforeAnythingIsCreated() {
        start(gpuCluster(), DistributedEngine.VOLCANO);
        assertThatThrownBy(() -> compute.submit(ddp("novolcano", 2)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("distributedEngine: 'VOLCANO' is not installed in the cluster");
        assertThat(cluster.client().pods().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(cluster.client().batch().v1().jobs().inNamespace(NS).list().getItems())
                .isEmpty();
    }

    @Test
    void forcingKubeflowOnAClusterWithoutTheTrainingOperatorNamesItsApiAndTheFix() {
        start(gpuCluster(), DistributedEngine.KUBEFLOW);
        assertThatThrownBy(() -> compute.submit(ddp("nokubeflow", 2)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("distributedEngine: 'KUBEFLOW' is not installed in the cluster")
                .hasMessageContaining("no kubeflow.org/v1 PyTorchJob API")
                .hasMessageContaining("Install the Kubeflow training operator or use DistributedEngine.AUTO");
        assertThat(cluster.client().pods().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void kubeflowRunsPyTorchOnly() {
        start(gpuCluster().kubeflow(), DistributedEngine.KUBEFLOW);
        CommandJob mpi = CommandJob.builder()
                .name("mpi")
                .image("busybox")
                .command("true")
                .instanceCount(2)
                .distribution(Distribution.mpi(1))
                .build();
        assertThatThrownBy(() -> compute.submit(mpi))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("runs PyTorch jobs only");
    }
}
