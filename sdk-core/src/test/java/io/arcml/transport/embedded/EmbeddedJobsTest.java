package io.arcml.transport.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.DockerBuild;
import io.arcml.job.InputMode;
import io.arcml.job.JobFailedException;
import io.arcml.job.JobIdentity;
import io.arcml.job.JobInput;
import io.arcml.job.JobRun;
import io.arcml.job.JobState;
import io.arcml.job.NfsMount;
import io.arcml.job.OutputMode;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.testsupport.ApiSamples;
import io.arcml.testutil.ManualClock;
import io.arcml.transport.ControlPlaneException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedJobsTest {
    private static final String ARC =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";
    private final ManualClock clock = new ManualClock();

    /** A pipeline whose second step, {@code train}, runs {@code train} after a plain {@code prep} step. */
    private static PipelineJob prepThenTrain(String name, CommandJob train) {
        return PipelineJob.builder()
                .name(name)
                .step("prep", PipelineStep.of(job("prep")))
                .step("train", PipelineStep.of(train).dependsOn("prep"))
                .build();
    }

    /** A grid sweep of {@code trial} with {@code command} over two learning rates. */
    private static SweepJob gridSweep(String name, CommandJob trial, String command) {
        return SweepJob.builder()
                .name(name)
                .trial(trial.toBuilder().command(command).build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.1, 0.01))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(Objective.maximize("acc"))
                .build();
    }

    private static CommandJob job(String name) {
        return CommandJob.builder()
                .name(name)
                .image("python:3.11")
                .command("python train.py")
                .build();
    }

    private KubernetesCompute attach(EmbeddedControlPlane local) {
        return ComputeTarget.attach(Workspace.on(local), "gpu", KubernetesCompute.attachConfiguration(ARC))
                .waitForCompletion(false);
    }

    /** A plane on the test's clock that provisions and polls without waiting. */
    private EmbeddedControlPlane noDelays() {
        return EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .build();
    }

    @Test
    void dataInputsAreRefusedBeforeAnyRequestWithWhereTheyRun() {
        EmbeddedControlPlane local = noDelays();
        KubernetesCompute compute = attach(local);
        JobInput cifar = JobInput.uriFolder("azureml://datastores/workspaceblobstore/paths/cifar")
                .mode(InputMode.RO_MOUNT);
        CommandJob withData = CommandJob.builder()
                .name("train-data")
                .image("python:3.11")
                .command("python train.py --data ${{inputs.cifar}}")
                .input("cifar", cifar)
                .build();
        long before = local.requestCount();

        assertThatThrownBy(() -> compute.submit(withData))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "inputs.cifar: 'azureml://datastores/workspaceblobstore/paths/cifar' is a uri_folder input, which only"
                                + " Azure ML delivers: the embedded control plane has no data plane")
                .hasMessageContaining("Submit the job to a workspace on Azure")
                .hasMessageContaining("nfsMount(..)");
        SweepJob sweep =
                gridSweep("sweep-data", withData, "python train.py --data ${{inputs.cifar}} --lr ${{search_space.lr}}");
        assertThatThrownBy(() -> compute.submit(sweep))
                .hasMessageStartingWith(
                        "trial.inputs.cifar: 'azureml://datastores/workspaceblobstore/paths/cifar' is a uri_folder input")
                .hasMessageContaining("a sweep arcml runs itself (on the embedded control plane) has no data plane");
        // The data input is on the second step: refused before the first one runs.
        PipelineJob pipeline = prepThenTrain("p-data", withData);
        assertThatThrownBy(() -> compute.submit(pipeline))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "jobs.train.inputs.cifar: 'azureml://datastores/workspaceblobstore/paths/cifar' is a uri_folder input")
                .hasMessageContaining("a pipeline arcml runs itself (on the embedded control plane) has no data plane");

        assertThat(local.requestCount()).isEqualTo(before);
        assertThat(local.findJobs("gpu", "p-data-prep")).isEmpty();
    }

    @Test
    void localCodeIsRefusedBeforeAnyRequestWhereverTheJobIs() {
        EmbeddedControlPlane local = noDelays();
        KubernetesCompute compute = attach(local);
        CommandJob withCode = job("train-code").toBuilder().code(Path.of("src")).build();
        long before = local.requestCount();

        assertThatThrownBy(() -> compute.submit(withCode))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("code: 'src' is a local code folder, which only the ARM transport uploads:"
                        + " the embedded control plane has no place to put it")
                .hasMessageContaining("Build the code into the image");
        SweepJob sweep = gridSweep("sweep-code", withCode, "python train.py --lr ${{search_space.lr}}");
        assertThatThrownBy(() -> compute.submit(sweep))
                .hasMessageStartingWith("trial.code: 'src' is a local code folder");
        PipelineJob pipeline = prepThenTrain("p-code", withCode);
        assertThatThrownBy(() -> compute.submit(pipeline))
                .hasMessageStartingWith("jobs.train.code: 'src' is a local code folder");
        assertThatThrownBy(() -> compute.submit(job("local-data").toBuilder()
                        .command("python t.py --d ${{inputs.d}}")
                        .input("d", JobInput.uriFile(Path.of("iris.csv")))
                        .build()))
                .hasMessageStartingWith(
                        "inputs.d: 'iris.csv' is a local uri_file input, which only the ARM transport uploads");

        assertThat(local.requestCount()).isEqualTo(before);
        assertThat(local.findJobs("gpu", "p-code-prep")).isEmpty();
    }

    @Test
    void anIdentityOrACondaFileIsRefusedBeforeAnyRequestWithWhereTheyRun() {
        EmbeddedControlPlane local = noDelays();
        KubernetesCompute compute = attach(local);
        CommandJob obo =
                job("obo").toBuilder().identity(JobIdentity.userIdentity()).build();
        CommandJob conda = job("conda").toBuilder()
                .condaFile("dependencies:\n  - python=3.10\n")
                .build();
        long before = local.requestCount();

        assertThatThrownBy(() -> compute.submit(obo))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "identity: 'user_identity' is a job identity, which only Azure ML hands a job: the embedded control plane")
                .hasMessageContaining("submit the job to a workspace on Azure");
        assertThatThrownBy(() -> compute.submit(conda))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("environment.conda_file: '2 lines' is built into the image by Azure ML")
                .hasMessageContaining("Build an image with those packages");
        CommandJob built = CommandJob.builder()
                .name("built")
                .command("python main.py")
                .dockerBuild(DockerBuild.local(Path.of("docker-context")))
                .build();
        assertThatThrownBy(() -> compute.submit(built))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "environment.build: 'docker-context' is a Docker context Azure ML builds the image"
                                + " from; the embedded control plane runs images as they are")
                .hasMessageContaining("Build and push the image");
        SweepJob sweep = ApiSamples.sweepBuilder()
                .name("sweep-obo")
                .identity(JobIdentity.managed())
                .build();
        assertThatThrownBy(() -> compute.submit(sweep))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("identity: 'managed' is a job identity")
                .hasMessageContaining(
                        "a sweep arcml runs itself (on the embedded control plane) runs jobs without one");
        // The conda file is on the second step: refused before the first one runs.
        PipelineJob pipeline = prepThenTrain("p-conda", conda);
        assertThatThrownBy(() -> compute.submit(pipeline))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("jobs.train.environment.conda_file: '2 lines' is built into the image")
                .hasMessageContaining("a pipeline arcml runs itself (on the embedded control plane)");

        PipelineJob onDatastore = PipelineJob.builder()
                .name("p-store")
                .defaultDatastore("workspaceblobstore")
                .step("prep", PipelineStep.of(job("prep")))
                .build();
        assertThatThrownBy(() -> compute.submit(onDatastore))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "settings.default_datastore: 'workspaceblobstore' is an Azure ML datastore;"
                                + " a pipeline arcml runs itself (on the embedded control plane) keeps the steps' outputs on its shared storage");

        PipelineJob withOutput = PipelineJob.builder()
                .name("p-out")
                .sharedStorage(new NfsMount("10.0.0.4", "/export/p", "/mnt/p", false))
                .step(
                        "prep",
                        PipelineStep.of(job("prep").toBuilder()
                                        .command("prep --out ${{outputs.d}}")
                                        .build())
                                .output("d"))
                .output("prepped", "${{parent.jobs.prep.outputs.d}}", OutputMode.UPLOAD)
                .build();
        assertThatThrownBy(() -> compute.submit(withOutput))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(
                        "outputs.prepped: '${{parent.jobs.prep.outputs.d}}' is a pipeline output Azure ML"
                                + " stores on a datastore; a pipeline arcml runs itself (on the embedded control plane) keeps the step's output on its shared storage");

        assertThat(local.requestCount()).isEqualTo(before);
        assertThat(local.findJobs("gpu", "p-out-prep")).isEmpty();
        assertThat(local.findJobs("gpu", "p-store-prep")).isEmpty();
        assertThat(local.findJobs("gpu", "p-conda-prep")).isEmpty();
        assertThat(local.findJobs("gpu", "sweep-obo-t0")).isEmpty();
    }

    @Test
    void aJobIsQueuedThenRunsThenCompletesWithItsLogAppearingLineByLine() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .clock(clock)
                .provisioningDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .jobQueueTime(Duration.ofSeconds(2))
                .jobSimulator(
                        j -> JobSimulation.succeeds(Duration.ofSeconds(4), List.of("one", "two", "three", "four")))
                .build();
        KubernetesCompute compute = attach(local);

        JobRun run = compute.submit(job("train-1"));
        assertThat(run.lastStatus().state()).isEqualTo(JobState.QUEUED);
        assertThat(run.job().instanceType()).isEqualTo("defaultinstancetype");
        assertThat(run.logs()).isEmpty();

        clock.advance(Duration.ofSeconds(3));
        assertThat(run.getStatus().state()).isEqualTo(JobState.RUNNING);
        assertThat(run.logs()).isEqualTo("one");

        clock.advance(Duration.ofSeconds(3));
        assertThat(run.getStatus().state()).isEqualTo(JobState.COMPLETED);
        assertThat(run.logs()).isEqualTo("one\ntwo\nthree\nfour");
        assertThat(run.getStatus().startTime()).isNotNull();
        assertThat(run.getStatus().endTime()).isNotNull();
    }

    @Test
    void theDefaultSimulationSaysNoContainerRan() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder().instant().build();
        JobRun run = attach(local).submit(job("hello")).waitForCompletion(false);

        assertThat(run.logs())
                .contains("simulated by the embedded control plane")
                .contains("python train.py");
    }

    @Test
    void anInjectedFailureFailsTheRunWithItsExitCode() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder().instant().build();
        local.inject(Fault.failJob("crash", 137, "Killed: out of memory"));
        JobRun run = attach(local).submit(job("crash"));

        assertThatThrownBy(() -> run.waitForCompletion(false))
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("Failed")
                .hasMessageContaining("137");
        assertThat(run.logs()).isEqualTo("Killed: out of memory");
    }

    @Test
    void aPendingJobStaysQueuedWithItsReasonUntilCanceled() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder().instant().build();
        local.inject(Fault.pendingJob(null, "0/3 nodes are available: 3 Insufficient nvidia.com/gpu."));
        JobRun run = attach(local).submit(job("stuck"));

        assertThat(run.getStatus().state()).isEqualTo(JobState.QUEUED);
        assertThat(run.getStatus().message()).contains("Insufficient nvidia.com/gpu");

        run.cancel();
        assertThat(run.getStatus().state()).isEqualTo(JobState.CANCELED);
    }

    @Test
    void jobNamesAreUniqueAndJobsNeedAnAttachedCompute() {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder().instant().build();
        KubernetesCompute compute = attach(local);
        compute.submit(job("once"));

        assertThatThrownBy(() -> compute.submit(job("once")))
                .isInstanceOfSatisfying(
                        ControlPlaneException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> local.submitJob("missing", job("x").toSpec()))
                .isInstanceOfSatisfying(
                        ControlPlaneException.class,
                        e -> assertThat(e.error().code()).isEqualTo("ComputeNotFound"));
        assertThat(local.getJob("other-compute", "once")).isEmpty();
    }
}
