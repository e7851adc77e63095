package io.arcml.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ArcmlException;
import io.arcml.Workspace;
import io.arcml.WorkspaceId;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.job.CommandJob;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.testutil.ComputesOnlyControlPlane;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The API refuses what a transport does not offer, before any request, naming the transport, the operation and what to use. */
class CapabilityRefusalTest {
    private static final ClusterResourceId CLUSTER = ClusterResourceId.parse(
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c");
    private static final CommandJob JOB =
            CommandJob.builder().name("train").image("busybox").command("true").build();

    private EmbeddedControlPlane embedded;
    private Workspace computesOnly;
    private KubernetesCompute compute;

    @BeforeEach
    void attachOnATransportThatOffersComputesOnly() {
        embedded = EmbeddedControlPlane.builder().instant().build();
        computesOnly = Workspace.on(new ComputesOnlyControlPlane(embedded));
        compute = ComputeTarget.attach(computesOnly, "k8s", KubernetesCompute.attachConfiguration(CLUSTER.toString()))
                .waitForCompletion(false);
    }

    private void assertRefusedBeforeAnyRequest(Executable call, String... parts) {
        long before = embedded.requestCount();
        assertThatThrownBy(call::execute)
                .isInstanceOf(ArcmlException.class)
                .hasMessageStartingWith("The computes-only control plane cannot ")
                .hasMessageContaining("Nothing was sent")
                .hasMessageContaining(String.join("", parts));
        assertThat(embedded.requestCount()).as("requests sent").isEqualTo(before);
    }

    @Test
    void aJobIsRefusedByATransportWithoutJobs() {
        assertRefusedBeforeAnyRequest(
                () -> compute.submit(JOB),
                "cannot run jobs, so it cannot submit job 'train' to compute 'k8s'. Nothing was sent. Use a Workspace on a cluster");
    }

    @Test
    void aSweepIsRefusedByATransportWithoutJobs() {
        SweepJob sweep = SweepJob.builder()
                .name("lr")
                .trial(CommandJob.builder()
                        .image("i")
                        .command("python t.py --lr ${{search_space.lr}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.choice(0.1, 0.2))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.grid())
                .objective(Objective.maximize("accuracy"))
                .build();
        assertRefusedBeforeAnyRequest(() -> compute.submit(sweep), "cannot run jobs, so it cannot run sweep 'lr'");
    }

    @Test
    void aPipelineIsRefusedByATransportWithoutJobs() {
        PipelineJob pipeline =
                PipelineJob.builder().name("p").step("a", PipelineStep.of(JOB)).build();
        assertRefusedBeforeAnyRequest(() -> compute.submit(pipeline), "cannot run jobs, so it cannot run pipeline 'p'");
    }

    @Test
    void anExtensionInstallIsRefusedByATransportWithoutExtensionInstalls() {
        assertRefusedBeforeAnyRequest(
                () -> AzureMLExtension.create(
                        computesOnly,
                        CLUSTER,
                        "azureml",
                        AzureMLExtensionConfiguration.builder()
                                .enableTraining(true)
                                .build()),
                "cannot install or remove cluster extensions: Azure manages them, not the cluster, so it cannot install extension "
                        + "'azureml' on cluster c. Nothing was sent. Use a Workspace on Azure Resource Manager (Workspace.builder())");
    }

    @Test
    void anExtensionReadIsRefusedByATransportWithoutExtensionReads() {
        assertRefusedBeforeAnyRequest(
                () -> AzureMLExtension.show(computesOnly, CLUSTER, "azureml"),
                "cannot read cluster extensions, so it cannot read extension 'azureml' on cluster c");
    }

    @Test
    void anAttachIsRefusedByATransportWithoutComputes() {
        ControlPlane nothing = new ControlPlane() {
            @Override
            public String kind() {
                return "empty";
            }

            @Override
            public WorkspaceId workspace() {
                return embedded.workspace();
            }

            @Override
            public String workspaceLocation() {
                return "westeurope";
            }
        };
        assertThatThrownBy(() -> ComputeTarget.attach(
                        Workspace.on(nothing), "k8s", KubernetesCompute.attachConfiguration(CLUSTER.toString())))
                .hasMessage(
                        "The empty control plane cannot attach, read or detach compute targets, so it cannot attach compute 'k8s'. "
                                + "Nothing was sent. Use a Workspace on Azure Resource Manager (Workspace.builder()), on the embedded control plane "
                                + "(Workspace.local()) or on a cluster (Workspace.on(KubernetesControlPlane.connect(client))).");
        assertThatThrownBy(() -> ComputeTarget.list(Workspace.on(nothing)))
                .hasMessageContaining("so it cannot list compute targets");
    }

    @Test
    void theEmbeddedControlPlaneOffersEverythingButHostedSweepsAndPipelines() {
        assertThat(embedded.computes()).isPresent();
        assertThat(embedded.extensionReads()).isPresent();
        assertThat(embedded.extensionInstalls()).isPresent();
        assertThat(embedded.clusterPods()).isPresent();
        assertThat(embedded.jobs()).isPresent();
        assertThat(embedded.hostedSweeps()).isEmpty();
        assertThat(embedded.hostedPipelines()).isEmpty();
    }
}
