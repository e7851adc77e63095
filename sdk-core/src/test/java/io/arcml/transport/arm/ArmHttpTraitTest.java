package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.client.traits.ConfigurationTrait;
import com.azure.core.client.traits.EndpointTrait;
import com.azure.core.client.traits.HttpTrait;
import com.azure.core.client.traits.TokenCredentialTrait;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.Header;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.Secret;
import io.arcml.ValidationException;
import io.arcml.compute.ClusterResourceId;
import io.arcml.resource.ExtensionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** The Azure SDK builder options of {@link ArmControlPlaneBuilder} ({@link HttpTrait} and the others), each used. */
class ArmHttpTraitTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
    }

    /** A policy that counts its calls, at a chosen position. */
    private static final class CountingPolicy implements HttpPipelinePolicy {
        final AtomicInteger calls = new AtomicInteger();
        private final HttpPipelinePosition position;

        CountingPolicy(HttpPipelinePosition position) {
            this.position = position;
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            calls.incrementAndGet();
            return next.process();
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return position;
        }
    }

    @Test
    void theBuilderIsAnAzureSdkClientBuilder() {
        assertThat(ArmControlPlane.builder())
                .isInstanceOf(HttpTrait.class)
                .isInstanceOf(ConfigurationTrait.class)
                .isInstanceOf(TokenCredentialTrait.class)
                .isInstanceOf(EndpointTrait.class);
    }

    @Test
    void addedPoliciesRunOncePerCallOrOncePerTryByTheirPosition() {
        arm.sequence(
                "flaky",
                () -> get(urlPathEqualTo(COMPUTE_PATH + "2")),
                List.of(
                        json(503, "{}"),
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        CountingPolicy perCall = new CountingPolicy(HttpPipelinePosition.PER_CALL);
        CountingPolicy perRetry = new CountingPolicy(HttpPipelinePosition.PER_RETRY);

        arm.builder().addPolicy(perCall).addPolicy(perRetry).build().getCompute(COMPUTE + "2");

        assertThat(arm.requests()).hasSize(2);
        assertThat(perCall.calls).hasValue(1);
        assertThat(perRetry.calls).hasValue(2);
    }

    @Test
    void retryOptionsSetHowOftenARequestIsTried() {
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH + "2")).willReturn(json(503, "{}")));
        ArmControlPlane cp = arm.builder()
                .retryOptions(new RetryOptions(new FixedDelayOptions(1, Duration.ofMillis(1))))
                .build();

        assertThatThrownBy(() -> cp.getCompute(COMPUTE + "2"))
                .isInstanceOf(ArmException.class)
                .hasMessageContaining("503");
        assertThat(arm.requests()).as("the first try and one retry").hasSize(2);
    }

    @Test
    void clientOptionsGiveTheApplicationIdAndHeadersButNeverAnAuthorization() {
        arm.builder()
                .clientOptions(new ClientOptions()
                        .setApplicationId("notebook-app")
                        .setHeaders(List.of(new Header("x-ms-correlation-request-id", "corr-1"))))
                .build()
                .getCompute(COMPUTE);

        wm.verify(getRequestedFor(urlPathEqualTo(COMPUTE_PATH))
                .withHeader("User-Agent", containing("notebook-app azsdk-java-arcml-core/"))
                .withHeader("x-ms-correlation-request-id", equalTo("corr-1"))
                .withHeader("Authorization", equalTo("Bearer " + ArmEmulator.TOKEN)));

        assertThatThrownBy(() -> arm.builder()
                        .clientOptions(new ClientOptions().setHeaders(List.of(new Header("Authorization", "Bearer x"))))
                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("clientOptions")
                .hasMessageNotContaining("Bearer x");
    }

    @Test
    void httpLogOptionsLogHeadersAndBodiesButNeverTheAuthorizationHeader() {
        String logs = ArmSecurityTest.captureStandardStreams(() -> arm.builder()
                .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS))
                .build()
                .getCompute(COMPUTE));
        assertThat(logs)
                .contains("HTTP request", COMPUTE_PATH, "\"redactedHeaders\":\"Authorization\"")
                .doesNotContain(ArmEmulator.TOKEN);

        HttpLogOptions allowingAuthorization = new HttpLogOptions()
                .setLogLevel(HttpLogDetailLevel.HEADERS)
                .setAllowedHeaderNames(Set.of("Authorization", "x-ms-request-id"));
        assertThatThrownBy(() ->
                        arm.builder().httpLogOptions(allowingAuthorization).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("httpLogOptions")
                .hasMessageContaining("Authorization");
    }

    @Test
    void theConfigurationGivesTheLogLevel() {
        String quiet = ArmSecurityTest.captureStandardStreams(() -> arm.builder()
                .configuration(new ConfigurationBuilder()
                        .putProperty("AZURE_HTTP_LOG_DETAIL_LEVEL", "none")
                        .build())
                .build()
                .getCompute(COMPUTE));
        String logged = ArmSecurityTest.captureStandardStreams(() -> arm.builder()
                .configuration(new ConfigurationBuilder()
                        .putProperty("AZURE_HTTP_LOG_DETAIL_LEVEL", "body_and_headers")
                        .build())
                .build()
                .getCompute(COMPUTE));
        assertThat(quiet).doesNotContain("HTTP request");
        assertThat(logged)
                .contains("HTTP request", "\"redactedHeaders\":\"Authorization\"")
                .doesNotContain(ArmEmulator.TOKEN);
    }

    @Test
    void aPipelineGivenWholeIsUsedAsItIsAndProtectedSettingsStillReachTheWireOnly() {
        ClusterResourceId cluster = ClusterResourceId.arc("subId1", "rg1", "clusterName1");
        String extensionPath = cluster + "/providers/Microsoft.KubernetesConfiguration/extensions/ext";
        arm.stubClusters();
        wm.stubFor(put(urlPathEqualTo(extensionPath))
                .willReturn(json(200, fixture("extension/GetExtension.json").at("/responses/200/body"))));
        HttpPipeline custom = new HttpPipelineBuilder()
                .httpClient(new JdkHttpClientBuilder().build())
                .policies(
                        new AddHeadersPolicy(new HttpHeaders().set(HttpHeaderName.fromString("x-custom"), "mine")),
                        new HttpLoggingPolicy(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS)))
                .build();
        ArmControlPlane cp = arm.builder().pipeline(custom).build();

        String logs = ArmSecurityTest.captureStandardStreams(() -> cp.beginCreateExtension(
                cluster.toString(),
                "ext",
                new ExtensionSpec(
                        "Microsoft.AzureML.Kubernetes",
                        "azureml",
                        "stable",
                        null,
                        true,
                        Map.of("enableTraining", "True"),
                        Map.of("sslPassword", Secret.of("protected-value-9")))));

        wm.verify(putRequestedFor(urlPathEqualTo(extensionPath))
                .withHeader("x-custom", equalTo("mine"))
                .withHeader("Authorization", absent()));
        assertThat(arm.tokenRequests)
                .as("the builder's credential is not the custom pipeline's business")
                .hasValue(0);
        assertThat(wm.findAll(putRequestedFor(urlPathEqualTo(extensionPath)))
                        .get(0)
                        .getBodyAsString())
                .contains("protected-value-9");
        assertThat(logs).contains(extensionPath).doesNotContain("protected-value-9");
    }
}
