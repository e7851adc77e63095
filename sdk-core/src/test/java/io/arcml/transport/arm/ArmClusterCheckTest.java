package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.arcml.transport.arm.ArmEmulator.CLUSTER_ID;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.Workspace;
import io.arcml.compute.ClusterResourceId;
import io.arcml.compute.ComputeTarget;
import io.arcml.extension.AzureMLExtension;
import io.arcml.extension.AzureMLExtensionConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cluster an attach or an extension install names is read (generic-resources API) before anything is written. */
class ArmClusterCheckTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String NOT_FOUND =
            "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource was not found.\"}}";
    private static final ClusterResourceId ARC =
            ClusterResourceId.arc("34adfa4f-cedf-4dc0-ba29-b6d1a69ab345", "testrg123", "edge-1");

    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubWorkspace();
        wm.stubFor(get(urlPathMatching(".*/computes/[^/]+")).willReturn(json(404, NOT_FOUND)));
        wm.stubFor(put(urlPathMatching(".*/computes/[^/]+"))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
    }

    @Test
    void attachToAClusterThatDoesNotExistNamesItAndHowToListThemAndWritesNothing() {
        wm.stubFor(get(urlPathEqualTo(CLUSTER_ID)).willReturn(json(404, NOT_FOUND)));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            assertThatThrownBy(() -> ComputeTarget.attach(ws, "compute123", ArmComputeTest.contractConfiguration()))
                    .isInstanceOf(ArmException.class)
                    .hasMessageContaining(
                            "AKS cluster 'compute123-56826-c9b00420020b2' was not found in resource group testrg123")
                    .hasMessageContaining("az aks list")
                    .satisfies(e -> assertThat(((ArmException) e).statusCode()).isEqualTo(404));
        }
        wm.verify(0, putRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void extensionInstallOnAnArcClusterThatDoesNotExistPointsToConnectedk8sListAndWritesNothing() {
        wm.stubFor(get(urlPathEqualTo(ARC.toString())).willReturn(json(404, NOT_FOUND)));
        wm.stubFor(get(urlPathMatching(".*/extensions")).willReturn(json(200, "{\"value\":[]}")));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            assertThatThrownBy(() -> AzureMLExtension.create(
                            ws,
                            ARC,
                            "azureml",
                            AzureMLExtensionConfiguration.builder()
                                    .enableTraining(true)
                                    .build()))
                    .isInstanceOf(ArmException.class)
                    .hasMessageContaining("Azure Arc-enabled cluster 'edge-1' was not found")
                    .hasMessageContaining("az connectedk8s list");
        }
        wm.verify(0, putRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void theClusterIsReadOncePerControlPlaneAndItsLocationKept() {
        ArmControlPlane cp = arm.controlPlane();
        try (Workspace ws = Workspace.on(cp)) {
            ComputeTarget.attach(ws, "first", ArmComputeTest.contractConfiguration());
            ComputeTarget.attach(ws, "second", ArmComputeTest.contractConfiguration());
        }
        assertThat(cp.clusterLocation(ClusterResourceId.parse(CLUSTER_ID))).isEqualTo("eastus");
        wm.verify(1, getRequestedFor(urlPathEqualTo(CLUSTER_ID)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(WORKSPACE_PATH)));
        wm.verify(2, putRequestedFor(urlPathMatching(".*/computes/.*")));
    }

    @Test
    void anAttachOverTheSameComputeReadsNoCluster() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));

        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            ComputeTarget.attach(ws, "compute123", ArmComputeTest.contractConfiguration());
        }
        wm.verify(0, getRequestedFor(urlPathEqualTo(CLUSTER_ID)));
        wm.verify(0, putRequestedFor(urlPathMatching(".*")));
    }
}
