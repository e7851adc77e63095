package io.arcml.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.http.rest.PagedIterable;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.transport.ControlPlaneException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster transport lists computes with the Kubernetes {@code limit} and {@code continue}
 * token, a page per request as the iteration reaches it. fabric8's mock server keeps the records
 * (CRUD) but does not page, so the paged lists are answered from expectations holding the records
 * it keeps, as an API server pages them.
 */
class ComputeListPagingTest {
    private static final String NS = "amlarc-testing";
    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
    private static final String SELECTOR = "labelSelector=arcml.io%2Frecord%3Dcompute";
    private static final String AKS =
            "/subscriptions/123/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";

    private CrudMockCluster cluster;
    private KubernetesMockServer server;
    private KubernetesClient client;
    private Workspace ws;
    private List<ConfigMap> records;
    private final List<String> paths = new ArrayList<>();

    @BeforeEach
    void attachThree() {
        cluster = new CrudMockCluster(NS);
        server = cluster.server();
        client = cluster.client();
        ws = Workspace.on(KubernetesControlPlane.builder(client)
                .pollInterval(Duration.ZERO)
                .expectExtension(false)
                .listPageSize(2)
                .build());
        for (String name : List.of("compute-a", "compute-b", "compute-c")) {
            ComputeTarget.attach(
                            ws, name, KubernetesCompute.attachConfiguration(AKS).namespace(NS))
                    .waitForCompletion(false);
        }
        records = client.configMaps().inNamespace("default").list().getItems();
        assertThat(records).hasSize(3);
    }

    @AfterEach
    void stop() {
        ws.close();
        cluster.close();
    }

    /** The API server's first page: records a and b, and a continue token. */
    private void firstPage() {
        answer(
                CONFIGMAPS + "?" + SELECTOR + "&limit=2",
                200,
                new ConfigMapListBuilder()
                        .withNewMetadata()
                        .withContinue("token-2")
                        .endMetadata()
                        .withItems(records.subList(0, 2))
                        .build());
    }

    /** The API server's pages: records a and b with a continue token, then record c. */
    private void pageTheRecords() {
        firstPage();
        answer(
                CONFIGMAPS + "?continue=token-2&" + SELECTOR + "&limit=2",
                200,
                new ConfigMapListBuilder()
                        .withNewMetadata()
                        .endMetadata()
                        .withItems(records.subList(2, 3))
                        .build());
    }

    private void answer(String path, int status, Object body) {
        server.expect().get().withPath(path).andReturn(status, body).always();
    }

    /** The paged lists of compute records sent so far. */
    private int lists() {
        return (int) requestPaths().stream()
                .filter(path -> path.startsWith(CONFIGMAPS + "?") && path.contains(SELECTOR))
                .count();
    }

    /** Every request path so far (the mock server hands each request out once, so they are kept here). */
    private List<String> requestPaths() {
        try {
            for (RecordedRequest r = server.takeRequest(1, TimeUnit.MILLISECONDS);
                    r != null;
                    r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
                paths.add(r.getPath());
            }
            return paths;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void computesArePagedWithLimitAndContinueAsTheIterationReachesThem() {
        pageTheRecords();
        int before = lists();
        PagedIterable<ComputeTarget> targets = ComputeTarget.listPaged(ws);
        assertThat(lists() - before).as("nothing is read before the iteration").isZero();

        Iterator<ComputeTarget> it = targets.iterator();
        assertThat(it.next().name()).isEqualTo("compute-a");
        assertThat(it.next().name()).isEqualTo("compute-b");
        assertThat(lists() - before).as("the first page only").isEqualTo(1);
        assertThat(it.next().name()).isEqualTo("compute-c");
        assertThat(lists() - before).isEqualTo(2);
        assertThat(it.hasNext()).isFalse();
        assertThat(requestPaths()).contains(CONFIGMAPS + "?continue=token-2&" + SELECTOR + "&limit=2");

        assertThat(ComputeTarget.list(ws)).containsOnlyKeys("compute-a", "compute-b", "compute-c");
        assertThat(lists() - before)
                .as("the Python-shaped list reads the same two pages")
                .isEqualTo(4);
    }

    @Test
    void anExpiredContinueTokenMidIterationIsAControlPlaneExceptionThatSaysToListAgain() {
        firstPage();
        answer(
                CONFIGMAPS + "?continue=token-2&" + SELECTOR + "&limit=2",
                410,
                new StatusBuilder()
                        .withStatus("Failure")
                        .withCode(410)
                        .withReason("Expired")
                        .withMessage("The provided continue parameter is too old to display a consistent list"
                                + " result. You can start a new list without the continue parameter.")
                        .build());
        Iterator<ComputeTarget> it = ComputeTarget.listPaged(ws).iterator();
        it.next();
        it.next();

        ControlPlaneException e = catchThrowableOfType(ControlPlaneException.class, it::next);
        assertThat(e.statusCode()).isEqualTo(410);
        assertThat(e.error().code()).isEqualTo("Expired");
        assertThat(e).hasMessageContaining("configmaps in namespace default").hasMessageContaining("first page");
    }
}
