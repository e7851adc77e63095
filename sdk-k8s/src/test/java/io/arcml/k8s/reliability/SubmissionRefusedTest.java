package io.arcml.k8s.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.k8s.CrudMockCluster;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.transport.ControlPlaneException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API server refuses a run's objects (RBAC 403, name conflict 409): the error says which verb
 * on which resource in which namespace, and the fix, and the run leaves nothing behind. The mock
 * server keeps state (CRUD) and answers the refused create from an expectation.
 */
class SubmissionRefusedTest {
    private static final String NS = "amlarc-testing";
    private static final String JOBS = "/apis/batch/v1/namespaces/" + NS + "/jobs";
    private static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

    private CrudMockCluster cluster;
    private KubernetesMockServer server;
    private KubernetesClient client;
    private Workspace ws;
    private KubernetesCompute compute;

    @BeforeEach
    void attach() {
        cluster = new CrudMockCluster(NS);
        server = cluster.server();
        client = cluster.client();
        ws = Workspace.on(
                KubernetesControlPlane.builder(client).expectExtension(false).build());
        compute = ComputeTarget.attach(
                ws, "cpu-compute", KubernetesCompute.attachConfiguration(AKS).namespace(NS));
        compute.waitForCompletion(false);
    }

    @AfterEach
    void stop() {
        ws.close();
        cluster.close();
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
