package io.arcml.samples.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.arcml.ValidationException;
import io.arcml.compute.KubernetesCompute;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Runs {@link ArmQuickstart} against a loopback ARM emulator (WireMock): the flow a user runs against Azure. */
class ArmQuickstartTest {
    @RegisterExtension
    static WireMockExtension arm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String WS =
            "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.MachineLearningServices/workspaces/ws1";
    private static final String CLUSTER =
            "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/arc1";
    private static final String EXTENSIONS = CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions";
    private static final String COMPUTE = WS + "/computes/amlarc-compute";
    private static final TokenCredential CREDENTIAL = request ->
            Mono.just(new AccessToken("test-token", OffsetDateTime.now().plusHours(1)));

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", "0")
                .withBody(body);
    }

    private static String compute(String state) {
        return "{\"id\":\"" + COMPUTE + "\",\"name\":\"amlarc-compute\",\"location\":\"westeurope\",\"properties\":{"
                + "\"computeType\":\"Kubernetes\",\"resourceId\":\"" + CLUSTER + "\",\"provisioningState\":\"" + state
                + "\","
                + "\"isAttachedCompute\":true,\"createdOn\":\"2026-11-23T10:00:00Z\",\"properties\":{\"namespace\":\"default\","
                + "\"defaultInstanceType\":\"defaultinstancetype\",\"instanceTypes\":{\"defaultinstancetype\":{\"nodeSelector\":null,"
                + "\"resources\":{\"requests\":{\"cpu\":\"1\",\"memory\":\"4Gi\",\"nvidia.com/gpu\":null},"
                + "\"limits\":{\"cpu\":\"1\",\"memory\":\"4Gi\",\"nvidia.com/gpu\":null}}}}}}}";
    }

    private void stubEmulator() {
        arm.stubFor(get(urlPathEqualTo(WS)).willReturn(json(200, "{\"name\":\"ws1\",\"location\":\"westeurope\"}")));
        arm.stubFor(get(urlPathEqualTo(CLUSTER))
                .willReturn(json(
                        200,
                        "{\"id\":\"" + CLUSTER + "\",\"name\":\"arc1\","
                                + "\"type\":\"Microsoft.Kubernetes/connectedClusters\",\"location\":\"westeurope\"}")));
        arm.stubFor(get(urlPathEqualTo(EXTENSIONS)).willReturn(json(200, "{\"value\":[]}")));
        arm.stubFor(put(urlPathEqualTo(EXTENSIONS + "/azureml-extension"))
                .willReturn(json(201, "{}")
                        .withHeader(
                                "Azure-AsyncOperation",
                                arm.baseUrl() + EXTENSIONS + "/azureml-extension/operations/op1")));
        arm.stubFor(get(urlPathEqualTo(EXTENSIONS + "/azureml-extension/operations/op1"))
                .willReturn(json(200, "{\"status\":\"Succeeded\"}")));
        arm.stubFor(get(urlPathEqualTo(EXTENSIONS + "/azureml-extension"))
                .willReturn(json(
                        200,
                        "{\"name\":\"azureml-extension\","
                                + "\"properties\":{\"extensionType\":\"Microsoft.AzureML.Kubernetes\",\"provisioningState\":\"Succeeded\","
                                + "\"currentVersion\":\"1.1.60\",\"scope\":{\"cluster\":{\"releaseNamespace\":\"azureml\"}},"
                                + "\"configurationSettings\":{\"enableTraining\":\"True\"}}}")));
        arm.stubFor(get(urlPathEqualTo(WS + "/computes")).willReturn(json(200, "{\"value\":[]}")));
        arm.stubFor(get(urlPathEqualTo(COMPUTE))
                .inScenario("attach")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        arm.stubFor(put(urlPathEqualTo(COMPUTE))
                .inScenario("attach")
                .willSetStateTo("attached")
                .willReturn(json(201, compute("Creating"))
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + WS + "/operations/attach1")));
        arm.stubFor(
                get(urlPathEqualTo(WS + "/operations/attach1")).willReturn(json(200, "{\"status\":\"Succeeded\"}")));
        arm.stubFor(get(urlPathEqualTo(COMPUTE))
                .inScenario("attach")
                .whenScenarioStateIs("attached")
                .willReturn(json(200, compute("Succeeded"))));
        arm.stubFor(delete(urlPathEqualTo(COMPUTE)).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void sampleInstallsTheExtensionAttachesAndDetachesAgainstTheEmulator(@TempDir Path dir) throws Exception {
        stubEmulator();
        Files.createDirectories(dir.resolve(".azureml"));
        Files.writeString(
                dir.resolve(".azureml/config.json"),
                "{\"subscription_id\": \"sub1\", \"resource_group\": \"rg1\", \"workspace_name\": \"ws1\"}");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        KubernetesCompute compute = ArmQuickstart.run(
                new String[] {
                    "--config",
                    dir.toString(),
                    "--endpoint",
                    arm.baseUrl(),
                    "--cluster",
                    CLUSTER,
                    "--compute",
                    "amlarc-compute",
                    "--install-extension",
                    "--detach"
                },
                CREDENTIAL,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(compute.location()).isEqualTo("westeurope");
        assertThat(compute.isDetached()).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Workspace ws1 in westeurope", "provisioningState=Succeeded", "detached: true");
        arm.verify(
                1,
                putRequestedFor(urlPathEqualTo(COMPUTE))
                        .withRequestBody(WireMock.matchingJsonPath("$.properties.computeType", equalTo("Kubernetes"))));
        arm.verify(1, putRequestedFor(urlPathEqualTo(EXTENSIONS + "/azureml-extension")));
        arm.verify(
                1,
                getRequestedFor(
                        urlPathEqualTo(CLUSTER))); // the cluster exists: read once for the install and the attach
        arm.verify(
                1,
                deleteRequestedFor(urlPathEqualTo(COMPUTE))
                        .withQueryParam("underlyingResourceAction", equalTo("Detach")));
    }

    @Test
    void sampleRefusesToRunWithoutACluster() {
        assertThatThrownBy(() -> ArmQuickstart.run(new String[] {"--endpoint", arm.baseUrl()}, CREDENTIAL, System.out))
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(e.field()).isEqualTo("--cluster"));
    }
}
