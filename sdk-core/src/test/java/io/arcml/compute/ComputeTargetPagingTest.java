package io.arcml.compute;

import static io.arcml.compute.KubernetesComputeAttachConfigurationTest.ARC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import io.arcml.Workspace;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.extension.ExtensionStatus;
import io.arcml.testutil.ComputesOnlyControlPlane;
import io.arcml.transport.ComputeResource;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ComputeTarget#listPaged(Workspace)} and the extension list as lazy pages on the embedded control plane. */
class ComputeTargetPagingTest {
    private EmbeddedControlPlane local;
    private Workspace ws;

    @BeforeEach
    void setUp() {
        local = EmbeddedControlPlane.builder().instant().listPageSize(2).build();
        ws = Workspace.on(local);
        KubernetesComputeSpec spec = KubernetesCompute.attachConfiguration(ARC).toSpec();
        for (int i = 1; i <= 5; i++) {
            local.seed("k8s-" + i, ComputeResource.KUBERNETES, spec, true);
        }
    }

    @Test
    void aPageIsReadOnlyWhenTheIterationReachesIt() {
        long before = local.requestCount();
        PagedIterable<ComputeTarget> targets = ComputeTarget.listPaged(ws);
        assertThat(local.requestCount())
                .as("nothing is read before the iteration")
                .isEqualTo(before);

        Iterator<ComputeTarget> it = targets.iterator();
        assertThat(it.next().name()).isEqualTo("k8s-1");
        assertThat(it.next().name()).isEqualTo("k8s-2");
        assertThat(local.requestCount() - before).as("the first page only").isEqualTo(1);
        assertThat(it.next().name()).isEqualTo("k8s-3");
        assertThat(local.requestCount() - before).isEqualTo(2);

        assertThat(targets.stream().map(ComputeTarget::name).toList())
                .containsExactly("k8s-1", "k8s-2", "k8s-3", "k8s-4", "k8s-5");
        assertThat(local.requestCount() - before)
                .as("2 for the partial iteration, 3 for the whole one")
                .isEqualTo(5);
    }

    @Test
    void theCallerMayAskForAPageSizeAndPagesCarryTheirToken() {
        List<PagedResponse<ComputeTarget>> pages =
                ComputeTarget.listPaged(ws).streamByPage(4).toList();
        assertThat(pages).extracting(p -> p.getValue().size()).containsExactly(4, 1);
        assertThat(pages.get(0).getContinuationToken()).isNotNull();
        assertThat(pages.get(1).getContinuationToken()).isNull();
        assertThat(pages.get(0).getStatusCode()).isEqualTo(200);

        String token = pages.get(0).getContinuationToken();
        assertThat(ComputeTarget.listPaged(ws).streamByPage(token).flatMap(p -> p.getValue().stream()))
                .extracting(ComputeTarget::name)
                .as("a page's token resumes the list after it")
                .containsExactly("k8s-5");
    }

    @Test
    void computesOfOtherTypesAreSkippedAndThePythonShapedListSitsOnThePages() {
        local.seed("cpu-cluster", "AmlCompute", null, false);
        long before = local.requestCount();

        assertThat(ComputeTarget.listPaged(ws).stream().map(ComputeTarget::name))
                .containsExactly("k8s-1", "k8s-2", "k8s-3", "k8s-4", "k8s-5");
        assertThat(ComputeTarget.list(ws)).containsOnlyKeys("k8s-1", "k8s-2", "k8s-3", "k8s-4", "k8s-5");
        assertThat(local.requestCount() - before).as("three pages for each").isEqualTo(6);
    }

    @Test
    void aTokenTheControlPlaneDidNotGiveIsRefusedNamingIt() {
        assertThatThrownBy(() ->
                        ComputeTarget.listPaged(ws).streamByPage("page-two").toList())
                .isInstanceOf(ControlPlaneException.class)
                .hasMessageContaining("InvalidContinuationToken")
                .hasMessageContaining("'page-two'")
                .hasMessageContaining("null for the first page");
    }

    @Test
    void extensionsArePagedLazilyToo() {
        ClusterResourceId cluster = ClusterResourceId.parse(ARC);
        AzureMLExtensionConfiguration training =
                AzureMLExtensionConfiguration.builder().enableTraining(true).build();
        for (String name : List.of("azureml-1", "azureml-2", "azureml-3")) {
            AzureMLExtension.create(ws, cluster, name, training).waitForCompletion(false);
        }
        long before = local.requestCount();
        PagedIterable<ExtensionStatus> extensions = AzureMLExtension.listPaged(ws, cluster);
        assertThat(local.requestCount()).isEqualTo(before);
        assertThat(extensions.iterator().next().name()).isEqualTo("azureml-1");
        assertThat(local.requestCount() - before).isEqualTo(1);
        assertThat(AzureMLExtension.list(ws, cluster))
                .extracting(ExtensionStatus::name)
                .containsExactly("azureml-1", "azureml-2", "azureml-3");
        assertThat(local.requestCount() - before).isEqualTo(3);
    }

    @Test
    void aTransportWithoutPagingListsInOneRequestAsOnePage() {
        try (Workspace w = Workspace.on(new ComputesOnlyControlPlane(local))) {
            long before = local.requestCount();
            PagedIterable<ComputeTarget> targets = ComputeTarget.listPaged(w);
            assertThat(local.requestCount()).isEqualTo(before);
            assertThat(targets.streamByPage().toList())
                    .singleElement()
                    .satisfies(page -> assertThat(page.getValue()).hasSize(5));
            assertThat(local.requestCount() - before).isEqualTo(1);
            assertThat(ComputeTarget.list(w)).hasSize(5);
        }
    }
}
