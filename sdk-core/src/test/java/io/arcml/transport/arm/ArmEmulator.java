package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.arcml.WorkspaceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/** Drives a WireMock server as Azure Resource Manager, from the contract fixtures in {@code src/test/resources/arm}. */
final class ArmEmulator {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-token-secret";
    static final WorkspaceId WORKSPACE =
            new WorkspaceId("34adfa4f-cedf-4dc0-ba29-b6d1a69ab345", "testrg123", "workspaces123");
    static final String WORKSPACE_PATH = WORKSPACE.resourceId();
    static final String COMPUTE = "compute123";
    static final String COMPUTE_PATH = WORKSPACE_PATH + "/computes/" + COMPUTE;
    static final String STATUS_PATH = "/subscriptions/" + WORKSPACE.subscriptionId()
            + "/providers/Microsoft.MachineLearningServices/locations/eastus/computeOperationsStatus/op-1";
    static final String CLUSTER_ID =
            "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourcegroups/testrg123/providers/"
                    + "Microsoft.ContainerService/managedClusters/compute123-56826-c9b00420020b2";

    private final WireMockExtension wm;
    final AtomicInteger tokenRequests = new AtomicInteger();

    ArmEmulator(WireMockExtension wm) {
        this.wm = wm;
    }

    /** A fixture file, e.g. {@code compute/get-KubernetesCompute.json}. */
    static JsonNode fixture(String name) {
        try (InputStream in = ArmEmulator.class.getResourceAsStream("/arm/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return wm.baseUrl();
    }

    /** A credential that hands out {@link #TOKEN} and counts how often it is asked. */
    TokenCredential credential() {
        return (TokenCredential) request -> {
            tokenRequests.incrementAndGet();
            return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        };
    }

    /** A builder against this emulator: tiny retry delays, a 10 ms default poll interval. */
    ArmControlPlaneBuilder builder() {
        return ArmControlPlane.builder()
                .workspace(WORKSPACE)
                .credential(credential())
                .endpoint(baseUrl())
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(3)
                        .setBaseDelay(Duration.ofMillis(1))
                        .setMaxDelay(Duration.ofMillis(5))))
                .defaultPollInterval(Duration.ofMillis(10));
    }

    ArmControlPlane controlPlane() {
        return builder().build();
    }

    /** The workspace resource, in eastus, and every cluster ({@link #stubClusters()}). */
    void stubWorkspace() {
        stubClusters();
        wm.stubFor(get(urlPathEqualTo(WORKSPACE_PATH))
                .willReturn(json(
                        200,
                        "{\"id\":\"" + WORKSPACE_PATH + "\",\"name\":\"workspaces123\",\"location\":\"eastus\","
                                + "\"type\":\"Microsoft.MachineLearningServices/workspaces\",\"properties\":{}}")));
    }

    /** Path pattern of every AKS and Arc cluster resource. */
    static final String CLUSTER_PATHS = "/subscriptions/[^/]+/resource[Gg]roups/[^/]+/providers/"
            + "(Microsoft\\.ContainerService/managedClusters|Microsoft\\.Kubernetes/connectedClusters)/[^/]+";

    /** Every cluster resource exists, in eastus: the read attaches and extension installs make before they write. */
    void stubClusters() {
        wm.stubFor(get(urlPathMatching(CLUSTER_PATHS))
                .willReturn(json(
                        200,
                        "{\"id\":\"" + CLUSTER_ID
                                + "\",\"name\":\"cluster\",\"type\":\"Microsoft.ContainerService/managedClusters\","
                                + "\"location\":\"eastus\",\"properties\":{}}")));
    }

    /** No environment version exists yet; each PUT of one answers the ID {@code arcml-x} version 1. */
    void stubNewEnvironments() {
        wm.stubFor(get(urlPathMatching(".*/environments/.*")).willReturn(json(404, "{}")));
        wm.stubFor(put(urlPathMatching(".*/environments/.*"))
                .willReturn(json(201, "{\"id\":\"" + WORKSPACE_PATH + "/environments/arcml-x/versions/1\"}")));
    }

    /** A component PUT answers 201 with no ID: a node references the component by the path it was registered at. */
    void stubAnonymousComponents() {
        wm.stubFor(put(urlPathMatching(".*/components/azureml_anonymous/versions/.*"))
                .willReturn(json(201, "{}")));
    }

    /**
     * No code version exists yet, and a code version's {@code startPendingUpload} hands out
     * {@code sasUri}; a code version PUT answers 201.
     */
    void stubCodeUpload(String sasUri) {
        wm.stubFor(get(urlPathMatching(".*/codes/[^/]+/versions")).willReturn(json(200, "{\"value\":[]}")));
        wm.stubFor(get(urlPathMatching(".*/codes/[^/]+/versions/1"))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
        wm.stubFor(post(urlPathMatching(".*/codes/[^/]+/versions/1/startPendingUpload"))
                .willReturn(json(
                        200,
                        "{\"blobReferenceForConsumption\":{\"credential\":{\"credentialType\":\"SAS\","
                                + "\"sasUri\":\"" + sasUri
                                + "\"}},\"pendingUploadType\":\"TemporaryBlobReference\"}")));
        wm.stubFor(put(urlPathMatching(".*/codes/[^/]+/versions/1"))
                .willReturn(json(201, "{\"properties\":{\"isAnonymous\":true}}")));
    }

    static ResponseDefinitionBuilder json(int status, Object body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body.toString());
    }

    /**
     * Stubs a sequence of answers to one URL: the first request gets the first answer, and so on;
     * the last answer repeats.
     */
    void sequence(String scenario, Supplier<MappingBuilder> request, List<ResponseDefinitionBuilder> answers) {
        for (int i = 0; i < answers.size(); i++) {
            ScenarioMappingBuilder m = request.get()
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : scenario + i)
                    .willReturn(answers.get(i));
            if (i + 1 < answers.size()) {
                m = m.willSetStateTo(scenario + (i + 1));
            }
            wm.stubFor(m);
        }
    }

    /** Every request received, oldest first. */
    List<LoggedRequest> requests() {
        return wm.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()))
                .toList();
    }
}
