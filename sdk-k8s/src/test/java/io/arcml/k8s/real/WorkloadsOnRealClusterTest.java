package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.job.JobRun;
import io.arcml.k8s.DiamondPipeline;
import io.arcml.k8s.DistributedEngine;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.k8s.internal.KatibExperiments;
import io.arcml.k8s.internal.PodSpecFactory;
import io.arcml.k8s.internal.RunEngine;
import io.arcml.k8s.internal.RunOperations;
import io.arcml.k8s.internal.RunRenderer;
import io.arcml.pipeline.PipelineRun;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.sweep.SweepRun;
import io.arcml.sweep.TrialResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workload objects arcml submits, accepted by the real CRD schemas of Volcano (generated from
 * volcano.sh/apis), the Kubeflow training operator and Katib, with nothing pruned; and a sweep and
 * a diamond pipeline that arcml's own launchers run to the end as Kubernetes Jobs.
 */
class WorkloadsOnRealClusterTest extends RealClusterTestBase {

    /** A second workspace on the same cluster with another engine or Katib sweeps. */
    private Workspace workspace(DistributedEngine engine, boolean katib) {
        return Workspace.on(KubernetesControlPlane.builder(client)
                .recordNamespace(ns)
                .expectExtension(false)
                .distributedEngine(engine)
                .katibSweeps(katib)
                .build());
    }

    /**
     * Submits a two-instance PyTorch job through an engine and checks that the API server stored
     * every field arcml sent (a structural schema prunes unknown fields silently).
     */
    private void assertStoredAsRendered(DistributedEngine engine, ResourceDefinitionContext resource) {
        attach("gpu-compute", gpuConfig());
        try (Workspace other = workspace(engine, false)) {
            KubernetesCompute compute = (KubernetesCompute) ComputeTarget.get(other, "gpu-compute");
            JobRun run = compute.submit(job("ddp", "3s")
                    .instanceCount(2)
                    .distribution(Distribution.pytorch(1))
                    .build());
            GenericKubernetesResource sent = (GenericKubernetesResource) new RunRenderer(new PodSpecFactory(null, null))
                            .render(
                                    run.runId(),
                                    ns,
                                    "gpu-compute",
                                    run.job().toSpec(),
                                    compute.instanceTypes().get("gpu_instance"),
                                    RunEngine.valueOf(engine.name()))
                            .objects()
                            .stream()
                            .filter(GenericKubernetesResource.class::isInstance)
                            .findFirst()
                            .orElseThrow();
            GenericKubernetesResource stored = client.genericKubernetesResources(resource)
                    .inNamespace(ns)
                    .withName(run.runId())
                    .get();

            StoredObjects.assertKeepsEverything(
                    client,
                    sent.getAdditionalProperties().get("spec"),
                    stored.getAdditionalProperties().get("spec"));
            assertThat(stored.getMetadata().getLabels())
                    .containsAllEntriesOf(sent.getMetadata().getLabels());

            run.cancel();
            assertThat(client.genericKubernetesResources(resource)
                            .inNamespace(ns)
                            .list()
                            .getItems())
                    .isEmpty();
        }
    }

    @Test
    void aVolcanoJobIsAcceptedByVolcanosSchemaWithNothingPruned() {
        assertStoredAsRendered(DistributedEngine.VOLCANO, RunOperations.VOLCANO_JOBS);
    }

    @Test
    void aPyTorchJobIsAcceptedByTheTrainingOperatorsSchemaWithNothingPruned() {
        assertStoredAsRendered(DistributedEngine.KUBEFLOW, RunOperations.PYTORCH_JOBS);
    }

    @Test
    void aKatibExperimentIsAcceptedByKatibsSchemaWithNothingPruned() {
        attach("gpu-compute", gpuConfig());
        SweepJob sweep = SweepJob.builder()
                .name("katib-lr")
                .trial(CommandJob.builder()
                        .image(IMAGE)
                        .command("python train.py --lr ${{search_space.lr}}")
                        .instanceType("cpu_small")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.loguniform(-4, -1))
                        .build())
                .objective(Objective.maximize("accuracy"))
                .samplingAlgorithm(SamplingAlgorithm.random(1))
                .limits(SweepLimits.of(4, 2))
                .build();
        try (Workspace other = workspace(DistributedEngine.INDEXED_JOB, true)) {
            KubernetesCompute compute = (KubernetesCompute) ComputeTarget.get(other, "gpu-compute");
            SweepRun run = compute.submit(sweep);
            GenericKubernetesResource sent = new KatibExperiments(
                            client, new RunRenderer(new PodSpecFactory(null, null)), Duration.ZERO)
                    .render(
                            "gpu-compute",
                            ns,
                            sweep.toSpec(),
                            compute.instanceTypes().get("cpu_small"));
            GenericKubernetesResource stored = client.genericKubernetesResources(KatibExperiments.EXPERIMENTS)
                    .inNamespace(ns)
                    .withName("katib-lr")
                    .get();

            StoredObjects.assertKeepsEverything(
                    client,
                    sent.getAdditionalProperties().get("spec"),
                    stored.getAdditionalProperties().get("spec"));

            run.cancel();
            assertThat(client.genericKubernetesResources(KatibExperiments.EXPERIMENTS)
                            .inNamespace(ns)
                            .list()
                            .getItems())
                    .isEmpty();
        }
    }

    @Test
    void aSmallGridSweepRunsEveryTrialToTheEnd() {
        KubernetesCompute compute = attach("cpu-compute", gpuConfig());
        SweepJob sweep = SweepJob.builder()
                .name("grid")
                .trial(CommandJob.builder()
                        .image(IMAGE)
                        .command("python train.py --lr ${{search_space.lr}}")
                        .instanceType("cpu_small")
                        .environmentVariable(RUN_FOR, "2s")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.001, 0.01, 0.1, 1.0))
                        .build())
                .objective(Objective.maximize("accuracy"))
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .limits(SweepLimits.of(4, 2))
                .build();

        SweepRun run = compute.submit(sweep).waitForCompletion(false, Duration.ofMinutes(2));

        assertThat(run.results().trials()).hasSize(4).allMatch(t -> t.state() == TrialResult.State.COMPLETED);
        List<Job> jobs = client.batch().v1().jobs().inNamespace(ns).list().getItems();
        assertThat(jobs)
                .extracting(j -> j.getMetadata().getAnnotations().get("arcml.io/job-name"))
                .containsExactlyInAnyOrder("grid-t0", "grid-t1", "grid-t2", "grid-t3");
        assertThat(jobs)
                .allSatisfy(j -> assertThat(j.getStatus().getSucceeded()).isEqualTo(1));
    }

    @Test
    void aDiamondPipelineRunsItsStepsInDependencyOrder() {
        KubernetesCompute compute = attach("cpu-compute", gpuConfig());
        CommandJob.Builder base =
                CommandJob.builder().image(IMAGE).instanceType("cpu_small").environmentVariable(RUN_FOR, "2s");

        PipelineRun run = compute.submit(DiamondPipeline.of(base)).waitForCompletion(false, Duration.ofMinutes(2));

        assertThat(run.state()).isEqualTo(PipelineRun.State.COMPLETED);
        Map<String, Job> jobs = new HashMap<>();
        client.batch()
                .v1()
                .jobs()
                .inNamespace(ns)
                .list()
                .getItems()
                .forEach(j -> jobs.put(j.getMetadata().getAnnotations().get("arcml.io/job-name"), j));
        assertThat(jobs).containsOnlyKeys("diamond-prep", "diamond-left", "diamond-right", "diamond-join");
        // The real Job controller's timestamps: each step started only after the steps it depends on completed.
        assertThat(started(jobs.get("diamond-left"))).isAfterOrEqualTo(completed(jobs.get("diamond-prep")));
        assertThat(started(jobs.get("diamond-right"))).isAfterOrEqualTo(completed(jobs.get("diamond-prep")));
        assertThat(started(jobs.get("diamond-join")))
                .isAfterOrEqualTo(completed(jobs.get("diamond-left")))
                .isAfterOrEqualTo(completed(jobs.get("diamond-right")));
    }

    private static OffsetDateTime started(Job job) {
        return OffsetDateTime.parse(job.getMetadata().getCreationTimestamp());
    }

    private static OffsetDateTime completed(Job job) {
        return OffsetDateTime.parse(job.getStatus().getCompletionTime());
    }
}
