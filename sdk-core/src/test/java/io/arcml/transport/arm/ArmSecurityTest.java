package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.STATUS_PATH;
import static io.arcml.transport.arm.ArmEmulator.TOKEN;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import com.azure.core.util.Context;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.transport.LongRunningOperation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

class ArmSecurityTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String RELAY_KEY = "RelayKeyAbc123Secret=";
    private static final String RELAY =
            "Endpoint=sb://arc.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey="
                    + RELAY_KEY;

    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubWorkspace();
    }

    @Test
    void logsAtBodyLevelShowRequestsButNoTokenConnectionStringOrProtectedSetting() {
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        String extensionPath = ArmExtensionTest.EXTENSION_PATH;
        wm.stubFor(put(urlPathEqualTo(extensionPath))
                .willReturn(json(200, fixture("extension/GetExtension.json").at("/responses/200/body"))));
        ArmControlPlane cp = arm.builder()
                .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS))
                .build();

        String logs = captureStandardStreams(() -> {
            cp.beginAttach(
                    COMPUTE,
                    ArmComputeTest.contractConfiguration()
                            .relayConnectionString(RELAY)
                            .serviceBusConnectionString(RELAY)
                            .toSpec()
                            .toSpi());
            cp.beginCreateExtension(
                    ArmExtensionTest.CLUSTER.toString(), "ClusterMonitor", ArmExtensionTest.contractSpec());
        });

        assertThat(logs).as("the HTTP log is on").contains("computeType", "omsagent.secret.key", "***");
        assertThat(logs).doesNotContain(TOKEN, RELAY_KEY, "secretKeyValue01");
        String wire =
                wm.findAll(putRequestedFor(urlPathEqualTo(COMPUTE_PATH))).get(0).getBodyAsString();
        assertThat(wire).as("the service still gets the real values").contains(RELAY_KEY);
        assertThat(wm.findAll(putRequestedFor(urlPathEqualTo(extensionPath)))
                        .get(0)
                        .getBodyAsString())
                .contains("secretKeyValue01");
    }

    @Test
    void exceptionsAndToStringCarryNoToken() {
        wm.stubFor(
                get(urlPathEqualTo(COMPUTE_PATH))
                        .willReturn(
                                json(
                                        401,
                                        "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"The access token is invalid.\"}}")));
        ArmControlPlane cp = arm.controlPlane();
        assertThatThrownBy(() -> cp.getCompute(COMPUTE)).isInstanceOfSatisfying(ArmException.class, e -> {
            assertThat(e.getMessage()).contains("InvalidAuthenticationToken").doesNotContain(TOKEN);
            assertThat(e.toString()).doesNotContain(TOKEN);
        });
        assertThat(cp.toString()).doesNotContain(TOKEN);
    }

    @Test
    void plainHttpEndpointIsRefusedForHostsOtherThanLoopback() {
        assertThatThrownBy(() ->
                        arm.builder().endpoint("http://management.azure.com").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("endpoint");
                    assertThat(e.getMessage()).contains("https");
                });
        assertThat(arm.builder().endpoint("http://localhost:" + wm.getPort()).build())
                .isNotNull();
        assertThat(arm.builder()
                        .endpoint("https://management.usgovcloudapi.net")
                        .build())
                .isNotNull();
    }

    @Test
    void endpointWithAPathOrAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> arm.builder()
                        .endpoint("https://management.azure.com/subscriptions")
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("path");
        assertThatThrownBy(() ->
                        arm.builder().endpoint("ftp://management.azure.com").build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("endpoint");
        assertThatThrownBy(() ->
                        ArmControlPlane.builder().credential(arm.credential()).build())
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(e.field()).isEqualTo("workspace"));
    }

    @Test
    void operationUrlOnAnotherHostGetsNoToken() {
        LongRunningOperation op = attachWhoseOperationUrlIsOnAnotherHost();

        assertThatThrownBy(op::poll)
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("attacker.example")
                .hasMessageContaining("Refusing");
    }

    @Test
    void aRefusedTokenSendFailsAtOnceWithoutRetriesOrErrorLogs() {
        LongRunningOperation op = attachWhoseOperationUrlIsOnAnotherHost();

        long start = System.nanoTime();
        String logs = captureStandardStreams(() -> assertThatThrownBy(op::poll)
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("Refusing to send the Azure token to attacker.example"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).as("no back-off before failing").isLessThan(500);
        assertThat(logs)
                .as("not retried, never logged as ERROR")
                .doesNotContain("ERROR")
                .doesNotContain("RetryPolicy");
    }

    @Test
    void plainHttpOperationUrlToAnHttpsEndpointHostGetsNoToken() {
        // The REST examples show http:// operation URLs; the token still goes over https only.
        ArmAuthenticationPolicy policy = new ArmAuthenticationPolicy(
                arm.credential(), "https://management.azure.com/.default", "management.azure.com");
        HttpRequest request =
                new HttpRequest(HttpMethod.GET, "http://management.azure.com/subscriptions/subId/operations/1");
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .httpClient(r -> reactor.core.publisher.Mono.error(new AssertionError("nothing may be sent")))
                .policies(policy)
                .build();
        assertThatThrownBy(() -> pipeline.sendSync(request, Context.NONE))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("plain HTTP");
        assertThat(request.getHeaders().getValue(HttpHeaderName.AUTHORIZATION)).isNull();
    }

    @Test
    void relativeOperationUrlsResolveAgainstTheEndpointAndGetTheApiVersion() {
        ArmClient client = new ArmClient(null, URI.create("https://management.azure.com"));
        assertThat(client.serviceUrl("/subscriptions/x/operations/1", "2024-10-01"))
                .isEqualTo("https://management.azure.com/subscriptions/x/operations/1?api-version=2024-10-01");
        assertThat(client.serviceUrl("https://management.azure.com/op?api-version=2023-01-01&s=sig", "2024-10-01"))
                .isEqualTo("https://management.azure.com/op?api-version=2023-01-01&s=sig");
    }

    @Test
    void credentialThatCannotGiveATokenIsASetupErrorAndNothingIsSent() {
        ArmControlPlane cp = arm.builder()
                .credential(request -> reactor.core.publisher.Mono.error(
                        new IllegalStateException("EnvironmentCredential authentication unavailable")))
                .build();
        assertThatThrownBy(() -> cp.getCompute(COMPUTE))
                .isInstanceOf(ArcmlException.class)
                .isNotInstanceOf(ArmException.class)
                .hasMessageContaining("EnvironmentCredential authentication unavailable")
                .hasMessageContaining("az login");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void credentialThatCannotGiveATokenIsAskedOnceAndNotRetriedWithBackOff() {
        AtomicInteger asked = new AtomicInteger();
        ArmControlPlane cp = arm.builder()
                .credential(request -> {
                    asked.incrementAndGet();
                    return Mono.error(
                            new ClientAuthenticationException("AADSTS7000215: Invalid client secret provided", null));
                })
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()))
                .build(); // the default back-off: 0.8 s, 1.6 s, 3.2 s
        long start = System.nanoTime();
        assertThatThrownBy(() -> cp.getCompute(COMPUTE))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("AADSTS7000215: Invalid client secret provided");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(asked).as("token requests").hasValue(1);
        assertThat(took).as("no back-off between attempts").isLessThan(Duration.ofMillis(700));
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void tokenScopeIsThePublicCloudsForLoopbackAndCanBeOverridden() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH)).willReturn(json(404, "{}")));
        List<String> scopes = new CopyOnWriteArrayList<>();
        TokenCredential recording = request -> {
            scopes.addAll(request.getScopes());
            return arm.credential().getToken(request);
        };
        arm.builder().credential(recording).build().getCompute(COMPUTE);
        arm.builder()
                .credential(recording)
                .tokenScope("https://management.usgovcloudapi.net/.default")
                .build()
                .getCompute(COMPUTE);
        assertThat(scopes)
                .containsExactly(
                        "https://management.azure.com/.default", "https://management.usgovcloudapi.net/.default");
    }

    @Test
    void tokenIsFetchedOnceAndReusedUntilItExpires() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH)).willReturn(json(404, "{}")));
        ArmControlPlane cp = arm.controlPlane();
        cp.getCompute(COMPUTE);
        cp.getCompute(COMPUTE);
        cp.getCompute(COMPUTE);
        assertThat(arm.tokenRequests.get()).isEqualTo(1);
    }

    @Test
    void proxyComesFromTheStandardEnvironmentSettings() {
        proxy.stubFor(any(anyUrl())
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        Map<String, String> env =
                Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getPort(), "NO_PROXY", "example.org");
        ConfigurationSource none = path -> Map.of();
        ArmControlPlane cp = arm.builder()
                .configuration(new ConfigurationBuilder(none, none, path -> env).build())
                .build();

        assertThat(cp.getCompute(COMPUTE)).isPresent();
        assertThat(proxy.getAllServeEvents())
                .singleElement()
                .satisfies(e -> assertThat(e.getRequest().getAbsoluteUrl()).contains(COMPUTE_PATH));
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void noProxyHostsAreReachedDirectly() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        Map<String, String> env =
                Map.of("http_proxy", "http://127.0.0.1:" + proxy.getPort(), "no_proxy", "example.org,localhost");
        ConfigurationSource none = path -> Map.of();
        ArmControlPlane cp = arm.builder()
                .endpoint("http://localhost:" + wm.getPort())
                .configuration(new ConfigurationBuilder(none, none, path -> env).build())
                .build();

        assertThat(cp.getCompute(COMPUTE)).isPresent();
        assertThat(proxy.getAllServeEvents()).isEmpty();
        assertThat(ArmClientProxy.javaNonProxyHosts(" .corp.example, 10.0.0.1,,*"))
                .isEqualTo("*.corp.example|10.0.0.1|*");
    }

    @Test
    void workspaceBuilderReachesArmAndReadsTheLocationOnce(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(
                config,
                "{\"subscription_id\": \"" + ArmEmulator.WORKSPACE.subscriptionId()
                        + "\", \"resource_group\": \"testrg123\", \"workspace_name\": \"workspaces123\"}");

        try (Workspace ws = Workspace.builder()
                .configFile(dir)
                .credential(arm.credential())
                .endpoint(arm.baseUrl())
                .build()) {
            assertThat(ws.id()).isEqualTo(ArmEmulator.WORKSPACE);
            assertThat(ws.controlPlane()).isInstanceOf(ArmControlPlane.class);
            assertThat(ws.location()).isEqualTo("eastus");
            assertThat(ws.location()).isEqualTo("eastus");
        }
        wm.verify(1, WireMock.getRequestedFor(urlPathEqualTo(ArmEmulator.WORKSPACE_PATH)));
    }

    @Test
    void workspaceFromConfigUsesTheDefaultCredentialWithoutSendingAnything(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve(".azureml"));
        Files.writeString(
                dir.resolve(".azureml/config.json"),
                "{\"subscription_id\": \"sub\", \"resource_group\": \"rg\", " + "\"workspace_name\": \"ws\"}");
        try (Workspace ws = Workspace.fromConfig(dir)) {
            assertThat(ws.name()).isEqualTo("ws");
            assertThat(ws.controlPlane().kind()).isEqualTo("arm");
        }
        assertThatThrownBy(() -> Workspace.builder()
                        .subscriptionId("sub")
                        .resourceGroup("rg")
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(e.field()).isEqualTo("workspace_name"));
    }

    /** An attach whose status URL points to attacker.example: reading it must not send the token there. */
    private LongRunningOperation attachWhoseOperationUrlIsOnAnotherHost() {
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(
                                201,
                                fixture("compute/createOrUpdate-KubernetesCompute.json")
                                        .at("/responses/201/body"))
                        .withHeader("Azure-AsyncOperation", "http://attacker.example" + STATUS_PATH)));
        return arm.controlPlane()
                .beginAttach(
                        COMPUTE, ArmComputeTest.contractConfiguration().toSpec().toSpi())
                .operation();
    }

    static String captureStandardStreams(Runnable action) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(capture);
        System.setOut(capture);
        try {
            action.run();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
