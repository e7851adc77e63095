package io.arcml.k8s.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.Distribution;
import io.arcml.k8s.DistributedEngine;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.k8s.internal.ComputeRecords;
import io.arcml.k8s.internal.KatibExperiments;
import io.arcml.k8s.internal.PodSpecFactory;
import io.arcml.k8s.internal.RunRenderer;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.transport.ControlPlaneException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the real API server refuses, and how arcml says it: 422 for an object its validation
 * rejects, 403 for an identity RBAC does not allow, 409 for a name taken with other settings, and
 * the API server's own 409 AlreadyExists for a Katib Experiment whose name another object holds.
 * Each refusal leaves nothing of the run or compute behind.
 */
class RefusalsOnRealClusterTest extends RealClusterTestBase {

    @Test
    void anObjectTheApiServerFindsInvalidIsRefusedWith422AndLeavesNothingBehind() {
        KubernetesCompute compute = attach("gpu-compute", gpuConfig());

        // An Indexed Job may run at most 100000 pods in parallel: the mock server took any number.
        assertThatThrownBy(() -> compute.submit(job("huge", "1s")
                        .instanceType("cpu_small")
                        .instanceCount(100_001)
                        .distribution(Distribution.pytorch(1))
                        .build()))
                .isInstanceOfSatisfying(
                        ControlPlaneException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(422))
                .hasMessageContainingAll(
                        "create jobs.batch",
                        "namespace " + ns,
                        "is invalid: spec.parallelism: Invalid value: 100001",
                        "must be less than or equal to 100000",
                        "Change the job setting that produced this field",
                        "Nothing of the run was left behind");
        assertThat(client.services().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void anIdentityWithoutRightsInTheComputeNamespaceGets403NamingVerbResourceNamespaceAndFix() {
        String elsewhere = namespace("forbidden");
        try {
            // The limited identity may read compute records and run jobs in ns, and may do nothing in the other
            // namespace.
            client.rbac()
                    .roles()
                    .inNamespace(ns)
                    .resource(new RoleBuilder()
                            .withNewMetadata()
                            .withName("arcml-user")
                            .endMetadata()
                            .withRules(new PolicyRuleBuilder()
                                    .withApiGroups("", "batch")
                                    .withResources("configmaps", "pods", "services", "jobs", "events")
                                    .withVerbs("get", "list", "watch", "create", "delete")
                                    .build())
                            .build())
                    .create();
            client.rbac()
                    .roleBindings()
                    .inNamespace(ns)
                    .resource(new RoleBindingBuilder()
                            .withNewMetadata()
                            .withName("arcml-user")
                            .endMetadata()
                            .withNewRoleRef("rbac.authorization.k8s.io", "Role", "arcml-user")
                            .addNewSubject()
                            .withKind("User")
                            .withApiGroup("rbac.authorization.k8s.io")
                            .withName(plane.limitedUser())
                            .endSubject()
                            .build())
                    .create();
            attach("elsewhere", gpuConfig().namespace(elsewhere));

            try (KubernetesClient limited = plane.newLimitedClient();
                    Workspace limitedWs = Workspace.on(KubernetesControlPlane.builder(limited)
                            .recordNamespace(ns)
                            .expectExtension(false)
                            .distributedEngine(DistributedEngine.INDEXED_JOB)
                            .build())) {
                KubernetesCompute compute = (KubernetesCompute) ComputeTarget.get(limitedWs, "elsewhere");

                assertThatThrownBy(() -> compute.submit(
                                job("denied", "1s").instanceType("cpu_small").build()))
                        .isInstanceOfSatisfying(
                                ControlPlaneException.class,
                                e -> assertThat(e.statusCode()).isEqualTo(403))
                        .hasMessageContainingAll(
                                "create jobs.batch in namespace " + elsewhere + " is forbidden for this identity",
                                "kubectl create role arcml-runs -n " + elsewhere,
                                "bind the role to the identity");
            }
            assertThat(client.batch().v1().jobs().inNamespace(elsewhere).list().getItems())
                    .isEmpty();
        } finally {
            client.namespaces().withName(elsewhere).delete();
        }
    }

    @Test
    void anInstanceTypeTakenWithOtherSettingsIsA409AndTheAttachCreatesNothing() {
        client.genericKubernetesResources(ComputeRecords.INSTANCE_TYPES)
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("amlarc.azureml.com/v1alpha1")
                        .withKind("InstanceType")
                        .withNewMetadata()
                        .withName("gpu-instance")
                        .addToLabels("arcml-test", ns)
                        .endMetadata()
                        .withAdditionalProperties(Map.of(
                                "spec",
                                Map.of(
                                        "resources",
                                        Map.of(
                                                "requests",
                                                Map.of("cpu", "4", "memory", "8Gi"),
                                                "limits",
                                                Map.of("cpu", "4", "memory", "8Gi")))))
                        .build())
                .create();
        try {
            assertThatThrownBy(() -> ComputeTarget.attach(ws, "gpu-compute", gpuConfig()))
                    .isInstanceOfSatisfying(
                            ControlPlaneException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(409))
                    .hasMessageContainingAll(
                            "InstanceType 'gpu-instance' with other settings", "kubectl get instancetype gpu-instance");
            assertThat(client.genericKubernetesResources(ComputeRecords.INSTANCE_TYPES)
                            .withName("cpu-small")
                            .get())
                    .isNull();
            assertThat(client.configMaps()
                            .inNamespace(ns)
                            .withName(ComputeRecords.recordName("gpu-compute"))
                            .get())
                    .isNull();
        } finally {
            client.genericKubernetesResources(ComputeRecords.INSTANCE_TYPES)
                    .withName("gpu-instance")
                    .delete();
        }
    }

    private static SweepJob.Builder katibLr() {
        return SweepJob.builder()
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
                .samplingAlgorithm(SamplingAlgorithm.random(1));
    }

    @Test
    void aKatibSweepWhoseExperimentNameIsTakenByAnotherObjectIsTheApiServers409AndNothingIsLeftBehind() {
        attach("gpu-compute", gpuConfig());
        SweepJob sweep = katibLr().limits(SweepLimits.of(4, 2)).build();
        // Someone else's Experiment of that name, made outside arcml (as kubectl apply would).
        GenericKubernetesResource theirs = new KatibExperiments(
                        client, new RunRenderer(new PodSpecFactory(null, null)), Duration.ZERO)
                .render(
                        "gpu-compute",
                        ns,
                        katibLr().limits(SweepLimits.of(9, 3)).build().toSpec(),
                        InstanceType.builder().build());
        theirs.getMetadata().setLabels(Map.of("team", "vision"));
        theirs.getMetadata().setAnnotations(Map.of());
        String theirUid = client.genericKubernetesResources(KatibExperiments.EXPERIMENTS)
                .inNamespace(ns)
                .resource(theirs)
                .create()
                .getMetadata()
                .getUid();

        try (Workspace katibWs = Workspace.on(KubernetesControlPlane.builder(client)
                .recordNamespace(ns)
                .expectExtension(false)
                .katibSweeps(true)
                .build())) {
            KubernetesCompute compute = (KubernetesCompute) ComputeTarget.get(katibWs, "gpu-compute");

            assertThatThrownBy(() -> compute.submit(sweep))
                    .isInstanceOfSatisfying(
                            ControlPlaneException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(409))
                    .hasMessageContainingAll(
                            "create experiments.kubeflow.org 'katib-lr' in namespace " + ns,
                            "conflicts with an existing object of that name that this submission did not make",
                            "kubectl delete experiments.kubeflow.org katib-lr -n " + ns,
                            "Nothing of the sweep was created",
                            "AlreadyExists");
        }
        List<GenericKubernetesResource> experiments = client.genericKubernetesResources(KatibExperiments.EXPERIMENTS)
                .inNamespace(ns)
                .list()
                .getItems();
        assertThat(experiments).singleElement().satisfies(e -> {
            assertThat(e.getMetadata().getUid()).isEqualTo(theirUid);
            assertThat(e.getMetadata().getLabels())
                    .containsEntry("team", "vision")
                    .doesNotContainKey("app.kubernetes.io/managed-by");
        });
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
    }
}
