package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resources.ResourceManager;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.ArcmlException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wait for a provider registration: azure-core's polling loop, one read per poll interval, up to a limit. */
class ArmProviderRegistrationPolicyTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    private static final String NAMESPACE = "Microsoft.KubernetesConfiguration";
    private static final String PROVIDER = "/subscriptions/" + SUBSCRIPTION + "/providers/" + NAMESPACE;

    @Test
    void aRegistrationStillPendingAtTheLimitFailsWithTheAzCommandAfterOneReadPerPollInterval() {
        wm.stubFor(put(urlPathEqualTo("/thing"))
                .willReturn(json(
                        409,
                        "{\"error\":{\"code\":\"MissingSubscriptionRegistration\",\"message\":\"The subscription is not "
                                + "registered to use namespace '" + NAMESPACE + "'.\"}}")));
        wm.stubFor(post(urlPathEqualTo(PROVIDER + "/register")).willReturn(provider("Registering")));
        wm.stubFor(get(urlPathEqualTo(PROVIDER)).willReturn(provider("Registering")));
        Duration interval = Duration.ofMillis(50);
        Duration limit = Duration.ofMillis(600);
        ArmProviderRegistrationPolicy policy = new ArmProviderRegistrationPolicy(SUBSCRIPTION, interval, limit);
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .httpClient(new JdkHttpClientBuilder().build())
                .policies(policy)
                .build();
        policy.providers(ResourceManager.authenticate(
                        pipeline,
                        new AzureProfile(
                                null,
                                SUBSCRIPTION,
                                new AzureEnvironment(Map.of("resourceManagerEndpointUrl", wm.baseUrl()))))
                .withSubscription(SUBSCRIPTION)
                .providers());

        long start = System.nanoTime();
        assertThatThrownBy(
                        () -> pipeline.sendSync(new HttpRequest(HttpMethod.PUT, wm.baseUrl() + "/thing"), Context.NONE))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining(
                        "Resource provider " + NAMESPACE + " is still Registering on subscription " + SUBSCRIPTION)
                .hasMessageContaining("az provider show --namespace " + NAMESPACE);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(waited).isGreaterThanOrEqualTo(limit);
        int reads = wm.findAll(getRequestedFor(urlPathEqualTo(PROVIDER))).size();
        assertThat(reads)
                .as("reads of the provider in %s at one per %s", waited, interval)
                .isBetween(2, (int) (waited.toMillis() / interval.toMillis()) + 1);
    }

    private static ResponseDefinitionBuilder provider(String state) {
        return json(
                200,
                "{\"id\":\"" + PROVIDER + "\",\"namespace\":\"" + NAMESPACE + "\",\"registrationState\":\"" + state
                        + "\",\"resourceTypes\":[]}");
    }
}
