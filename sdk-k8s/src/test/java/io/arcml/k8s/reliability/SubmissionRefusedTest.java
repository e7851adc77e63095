package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.DockerBuild;
import io.arcml.job.JobIdentity;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.SweepJob;
import io.arcml.testsupport.ApiSamples;
import io.arcml.transport.ControlPlaneException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API server refuses a run's objects (RBAC 403, name conflict 409): the error says which verb
 * on which resource in which namespace, and the fix, and the run leaves nothing behind. The mock
 * server keeps state (CRUD) and answers the refused create from an expectation.
 */
class SubmissionRefusedTest {
    private static final String NS = MockApiServer.NS;
    private static final String JOBS = "/apis/batch/v1/namespaces/" + NS + "/jobs";
    private static final String AKS = MockApiServer.AKS;

    private MockApiServer mock;
    private KubernetesMockServer server;
    private KubernetesClient client;
    private Workspace ws;
    private KubernetesCompute compute;

    @BeforeEach
    void attach() {
        mock = new MockApiServer();
        server = mock.server;
        client = mock.client;
        ws = Workspace.on(
                KubernetesControlPlane.builder(client).expectExtension(false).build());
        compute = ComputeTarget.attach(
                ws, "cpu-compute", KubernetesCompute.attachConfiguration(AKS).namespace(NS));
        compute.waitForCompletion(false);
    }

    @AfterEach
    void stop() {
        ws.close();
        mock.close();
    }

    private void refuseJobCreates(int code, String reason, String message) {
        server.expect()
                .post()
                .withPath(JOBS)
                .andReturn(
                        code,
                        new StatusBuilder()
                                .withStatus("Failure")
                                .withCode(code)
                                .withReason(reason)
                                .withMessage(message)
                                .build())
                .always();
    }

    private static CommandJob job() {
        return CommandJob.builder()
                .name("train")
                .image("python:3.11")
                .command("python train.py")
                .build();
    }

    @Test
    void anIdentityOrACondaFileIsRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> compute.submit(
                        job().toBuilder().identity(JobIdentity.amlToken()).build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("identity: 'aml_token' is a job identity, which only Azure ML hands a job:"
                        + " the direct cluster transport runs jobs without one")
                .hasMessageContaining("give the namespace's service account the access instead");
        assertThatThrownBy(() -> compute.submit(job().toBuilder()
                        .condaFile("dependencies:\n  - numpy\n")
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("environment.conda_file: '2 lines' is built into the image by Azure ML;"
                        + " the direct cluster transport runs the image as it is");
        assertThatThrownBy(() -> compute.submit(CommandJob.builder()
                        .name("built")
                        .command("python main.py")
                        .dockerBuild(DockerBuild.local(Path.of("docker-context")))
                        .build()))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("environment.build: 'docker-context' is a Docker context Azure ML builds the"
                        + " image from; the direct cluster transport runs images as they are");
        SweepJob sweep = ApiSamples.sweepBuilder()
                .name("sweep-obo")
                .identity(JobIdentity.userIdentity())
                .build();
        try (KubernetesControlPlane katib = KubernetesControlPlane.builder(client)
                .expectExtension(false)
                .katibSweeps(true)
                .build()) {
            assertThatThrownBy(() -> katib.submitSweep("cpu-compute", sweep.toSpec()))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageStartingWith("identity: 'user_identity' is a job identity")
                    .hasMessageContaining("the direct cluster transport runs jobs without one");
        }
        assertThatThrownBy(() -> compute.submit(sweep))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("identity: 'user_identity' is a job identity");
        PipelineJob pipeline = PipelineJob.builder()
                .name("p-obo")
                .step("prep", PipelineStep.of(job()))
                .step(
                        "train",
                        PipelineStep.of(job().toBuilder()
                                        .identity(JobIdentity.managed())
                                        .build())
                                .dependsOn("prep"))
                .build();
        assertThatThrownBy(() -> compute.submit(pipeline))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("jobs.train.identity: 'managed' is a job identity");

        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void forbiddenCreateNamesVerbResourceNamespaceAndTheFix() {
        refuseJobCreates(
                403,
                "Forbidden",
                "jobs.batch is forbidden: User \"system:serviceaccount:ci:runner\" cannot create resource");

        assertThatThrownBy(() -> compute.submit(job()))
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("create jobs.batch in namespace " + NS + " is forbidden")
                .hasMessageContaining("kubectl create role")
                .hasMessageContaining("--resource=jobs.batch");
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void aCreateAnAdmissionWebhookDeniedSaysWhatTheWebhookSaidNotToGrantARole() {
        // kube-apiserver's wording for a webhook's denial (here the Kubeflow training operator's, as the real plane
        // answers it).
        String denial = "admission webhook \"validator.pytorchjob.training-operator.kubeflow.org\" denied the request: "
                + "spec.pytorchReplicaSpecs[Master].template.spec.containers: Required value: must have at least one container with name pytorch";
        refuseJobCreates(403, "Forbidden", denial);

        assertThatThrownBy(() -> compute.submit(job()))
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining(
                        "in namespace " + NS + " was refused by the cluster's admission control (" + denial + ")")
                .hasMessageContaining("not a missing permission")
                .hasMessageNotContaining("kubectl create role");
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void conflictingCreateIsAClearErrorAndLeavesNothingBehind() {
        refuseJobCreates(409, "AlreadyExists", "jobs.batch \"train\" already exists");

        assertThatThrownBy(() -> compute.submit(job()))
                .isInstanceOf(ControlPlaneException.class)
                .satisfies(e ->
                        assertThat(((ControlPlaneException) e).statusCode()).isEqualTo(409))
                .hasMessageContaining("in namespace " + NS + " conflicts with an existing object")
                .hasMessageContaining("Submit again");
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void aRefusalDoesNotStopTheNextSubmission() {
        server.expect()
                .post()
                .withPath(JOBS)
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withStatus("Failure")
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage("forbidden")
                                .build())
                .once();

        assertThatThrownBy(() -> compute.submit(job())).isInstanceOf(ControlPlaneException.class);
        var run = compute.submit(job());

        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(NS)
                        .withName(run.runId())
                        .get())
                .isNotNull();
    }
}
