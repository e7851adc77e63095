package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.ArcmlException;
import io.arcml.Workspace;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.ExtensionStatus;
import io.arcml.resource.ExtensionResource;
import io.arcml.transport.ComputeResource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lists as azure-core's lazy {@link PagedIterable}, and a compute read with its response. */
class ArmPagingTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String COMPUTES = WORKSPACE_PATH + "/computes";
    private static final ClusterResourceId CLUSTER = ClusterResourceId.arc("subId1", "rg1", "clusterName1");
    private static final String EXTENSIONS = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions";

    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
    }

    /** Three pages of {@code perPage} items named {@code <prefix>1}, {@code <prefix>2}, ...; pages 2 and 3 by {@code $skipToken}. */
    private void stubThreePages(String path, JsonNode item, String apiVersion, String prefix, int perPage) {
        for (int page = 1; page <= 3; page++) {
            ObjectNode body = ArmEmulator.JSON.createObjectNode();
            ArrayNode value = body.putArray("value");
            for (int i = 1; i <= perPage; i++) {
                value.add(((ObjectNode) item).deepCopy().put("name", prefix + ((page - 1) * perPage + i)));
            }
            if (page < 3) {
                body.put(
                        "nextLink",
                        arm.baseUrl() + path + "?api-version=" + apiVersion + "&$skipToken=page" + (page + 1));
            }
            wm.stubFor(get(urlPathEqualTo(path))
                    .withQueryParam("$skipToken", page == 1 ? absent() : equalTo("page" + page))
                    .willReturn(json(200, body)));
        }
    }

    private void stubComputePages() {
        stubThreePages(
                COMPUTES,
                fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"),
                "2024-10-01",
                "c",
                2);
    }

    @Test
    void computesArePagedLazilyOneRequestPerPageReached() {
        stubComputePages();
        PagedIterable<ComputeResource> computes = arm.controlPlane().listComputesPaged();
        assertThat(arm.requests()).as("nothing is read before the iteration").isEmpty();

        Iterator<ComputeResource> it = computes.iterator();
        assertThat(it.next().name()).isEqualTo("c1");
        assertThat(it.next().name()).isEqualTo("c2");
        assertThat(arm.requests()).as("the first page only").hasSize(1);
        assertThat(it.next().name()).isEqualTo("c3");
        assertThat(arm.requests()).hasSize(2);

        assertThat(computes.stream().map(ComputeResource::name).toList())
                .containsExactly("c1", "c2", "c3", "c4", "c5", "c6");
        assertThat(arm.requests())
                .as("2 for the partial iteration, 3 for the whole one")
                .hasSize(5);
        assertThat(arm.requests().get(4).queryParameter("$skipToken").firstValue())
                .isEqualTo("page3");
    }

    @Test
    void pagesCarryTheirContinuationTokenAndThePythonShapedListReadsThemAll() {
        stubComputePages();
        ArmControlPlane cp = arm.controlPlane();
        List<PagedResponse<ComputeResource>> pages =
                cp.listComputesPaged().streamByPage().toList();
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).getContinuationToken()).endsWith("$skipToken=page2");
        assertThat(pages.get(2).getContinuationToken()).isNull();
        assertThat(pages.get(1).getStatusCode()).isEqualTo(200);

        wm.resetRequests();
        assertThat(cp.listComputes())
                .extracting(ComputeResource::name)
                .containsExactly("c1", "c2", "c3", "c4", "c5", "c6");
        assertThat(arm.requests()).hasSize(3);
    }

    @Test
    void extensionsArePagedTheSameWay() {
        stubThreePages(
                EXTENSIONS, fixture("extension/GetExtension.json").at("/responses/200/body"), "2024-11-01", "e", 1);
        PagedIterable<ExtensionResource> extensions = arm.controlPlane().listExtensionsPaged(CLUSTER);
        assertThat(arm.requests()).isEmpty();
        assertThat(extensions.iterator().next().name()).isEqualTo("e1");
        assertThat(arm.requests()).hasSize(1);
        assertThat(extensions.stream().map(ExtensionResource::name).toList()).containsExactly("e1", "e2", "e3");
        assertThat(arm.requests()).hasSize(4);
    }

    @Test
    void theUsersPagedComputeListReadsAPageWhenTheIterationReachesItAndSkipsOtherTypes() {
        stubComputePages();
        // c4 is a cluster Azure ML created (AmlCompute): the Python SDK's list skips it, so does arcml's.
        ObjectNode amlCompute = (ObjectNode) fixture("compute/get-KubernetesCompute.json")
                .at("/responses/200/body")
                .deepCopy();
        amlCompute.put("name", "c4");
        ((ObjectNode) amlCompute.get("properties")).put("computeType", "AmlCompute");
        ObjectNode page2 = ArmEmulator.JSON.createObjectNode();
        page2.putArray("value")
                .add(((ObjectNode) fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))
                        .deepCopy()
                        .put("name", "c3"))
                .add(amlCompute);
        page2.put("nextLink", arm.baseUrl() + COMPUTES + "?api-version=2024-10-01&$skipToken=page3");
        wm.stubFor(get(urlPathEqualTo(COMPUTES))
                .withQueryParam("$skipToken", equalTo("page2"))
                .willReturn(json(200, page2)));
        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            PagedIterable<ComputeTarget> targets = ComputeTarget.listPaged(ws);
            assertThat(arm.requests())
                    .as("nothing is read before the iteration")
                    .isEmpty();

            Iterator<ComputeTarget> it = targets.iterator();
            assertThat(it.next().name()).isEqualTo("c1");
            assertThat(it.next().name()).isEqualTo("c2");
            assertThat(arm.requests()).as("the first page only").hasSize(1);
            assertThat(it.next())
                    .isInstanceOf(KubernetesCompute.class)
                    .extracting(ComputeTarget::name)
                    .isEqualTo("c3");
            assertThat(arm.requests()).hasSize(2);

            wm.resetRequests();
            assertThat(ComputeTarget.list(ws).keySet())
                    .as("the Python-shaped list sits on the same pages")
                    .containsExactly("c1", "c2", "c3", "c5", "c6");
            assertThat(arm.requests()).hasSize(3);
        }
    }

    @Test
    void aPageRefusedMidIterationIsArmExceptionWithTheManagementExceptionAsItsCause() {
        stubComputePages();
        wm.stubFor(get(urlPathEqualTo(COMPUTES))
                .withQueryParam("$skipToken", equalTo("page2"))
                .willReturn(json(
                        403,
                        "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client has no "
                                + "authorization to perform action 'computes/read'\"}}")));
        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            Iterator<ComputeTarget> it = ComputeTarget.listPaged(ws).iterator();
            it.next();
            it.next();
            ArmException e = catchThrowableOfType(ArmException.class, it::next);
            assertThat(e).isInstanceOf(ArcmlException.class).hasMessageContaining("AuthorizationFailed");
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.getCause()).isInstanceOf(ManagementException.class);
            assertThat(e.managementError().getCode()).isEqualTo("AuthorizationFailed");
        }
    }

    @Test
    void theUsersPagedExtensionListIsLazyToo() {
        stubThreePages(
                EXTENSIONS, fixture("extension/GetExtension.json").at("/responses/200/body"), "2024-11-01", "e", 1);
        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            PagedIterable<ExtensionStatus> extensions = AzureMLExtension.listPaged(ws, CLUSTER);
            assertThat(arm.requests()).isEmpty();
            assertThat(extensions.iterator().next().name()).isEqualTo("e1");
            assertThat(arm.requests()).hasSize(1);
            assertThat(AzureMLExtension.list(ws, CLUSTER))
                    .extracting(ExtensionStatus::name)
                    .containsExactly("e1", "e2", "e3");
            assertThat(arm.requests()).hasSize(4);
        }
    }

    @Test
    void getComputeWithResponseGivesTheHeadersAndSendsTheCallersContext() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))
                                .withHeader("ETag", "\"0x8D9\"")
                                .withHeader("x-ms-request-id", "req-7")));
        List<Object> seen = new ArrayList<>();
        ArmControlPlane cp = arm.builder()
                .addPolicy((context, next) -> {
                    context.getData("caller").ifPresent(seen::add);
                    return next.process();
                })
                .build();

        Response<ComputeResource> response = cp.getComputeWithResponse(COMPUTE, new Context("caller", "notebook-7"));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().getValue(HttpHeaderName.ETAG)).isEqualTo("\"0x8D9\"");
        assertThat(response.getHeaders().getValue(HttpHeaderName.X_MS_REQUEST_ID))
                .isEqualTo("req-7");
        assertThat(response.getValue().name()).isEqualTo(COMPUTE);
        assertThat(seen).containsExactly("notebook-7");

        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH + "x"))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        assertThatThrownBy(() -> cp.getComputeWithResponse(COMPUTE + "x", Context.NONE))
                .isInstanceOf(ArmException.class)
                .hasMessageContaining("status 404");
    }
}
