package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.arcml.transport.arm.ArmEmulator.CLUSTER_ID;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE_PATH;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code MissingSubscriptionRegistration} on arcml's providers registers them and sends the request again. */
class ArmProviderRegistrationTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String PROVIDERS = "/subscriptions/" + WORKSPACE.subscriptionId() + "/providers/";

    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubWorkspace();
    }

    private static ResponseDefinitionBuilder missingRegistration(int status, String namespace) {
        return json(
                status,
                "{\"error\":{\"code\":\"MissingSubscriptionRegistration\",\"message\":\"The subscription is not registered to "
                        + "use namespace '" + namespace
                        + "'. See https://aka.ms/rps-not-found for how to register subscriptions.\",\"details\":"
                        + "[{\"code\":\"MissingSubscriptionRegistration\",\"target\":\"" + namespace
                        + "\",\"message\":\"not registered\"}]}}");
    }

    private static ResponseDefinitionBuilder provider(String namespace, String state) {
        return json(
                200,
                "{\"id\":\"" + PROVIDERS + namespace + "\",\"namespace\":\"" + namespace + "\",\"registrationState\":\""
                        + state + "\",\"resourceTypes\":[]}");
    }

    private void stubPutRefusedOnceThenCreated(int status, String namespace) {
        arm.sequence(
                "put",
                () -> put(urlPathEqualTo(COMPUTE_PATH)),
                List.of(
                        missingRegistration(status, namespace),
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {409, 400})
    void aMissingRegistrationOfMachineLearningServicesIsRegisteredWaitedForAndTheRequestSentOnceMore(int status) {
        String ns = "Microsoft.MachineLearningServices";
        stubPutRefusedOnceThenCreated(status, ns);
        wm.stubFor(post(urlPathEqualTo(PROVIDERS + ns + "/register")).willReturn(provider(ns, "Registering")));
        arm.sequence(
                "provider",
                () -> get(urlPathEqualTo(PROVIDERS + ns)),
                List.of(provider(ns, "Registering"), provider(ns, "Registered")));

        String logs = ArmSecurityTest.captureStandardStreams(() -> arm.controlPlane()
                .beginAttach(
                        COMPUTE, ArmComputeTest.contractConfiguration().toSpec().toSpi()));

        assertThat(arm.requests())
                .extracting(r -> r.getMethod().value() + " " + r.getUrl().replaceAll("\\?.*", ""))
                .containsExactly(
                        "GET " + WORKSPACE_PATH,
                        "GET " + CLUSTER_ID,
                        "PUT " + COMPUTE_PATH,
                        "POST " + PROVIDERS + ns + "/register",
                        "GET " + PROVIDERS + ns,
                        "GET " + PROVIDERS + ns,
                        "PUT " + COMPUTE_PATH);
        assertThat(arm.requests().get(6).getBodyAsString())
                .isEqualTo(arm.requests().get(2).getBodyAsString());
        assertThat(logs)
                .contains(
                        "INFO",
                        "not registered for " + ns + ": registering it",
                        "Resource provider " + ns + " is registered")
                .doesNotContain(ArmEmulator.TOKEN);
    }

    @Test
    void withRegistrationOffTheRequestFailsWithTheAzProviderRegisterCommand() {
        stubPutRefusedOnceThenCreated(409, "Microsoft.MachineLearningServices");

        ArmControlPlane cp = arm.builder().providerRegistration(false).build();
        assertThatThrownBy(() -> cp.beginAttach(
                        COMPUTE, ArmComputeTest.contractConfiguration().toSpec().toSpi()))
                .isInstanceOf(ArmException.class)
                .hasMessageContaining("MissingSubscriptionRegistration")
                .hasMessageContaining("az provider register --namespace Microsoft.MachineLearningServices")
                .hasMessageContaining("providerRegistration(true)");
        wm.verify(0, postRequestedFor(urlPathMatching(".*/register")));
        wm.verify(1, putRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
    }

    @Test
    void aNamespaceOutsideArcmlsThreeIsNotRegistered() {
        stubPutRefusedOnceThenCreated(409, "Microsoft.Storage");

        assertThatThrownBy(() -> arm.controlPlane()
                        .beginAttach(
                                COMPUTE,
                                ArmComputeTest.contractConfiguration().toSpec().toSpi()))
                .isInstanceOf(ArmException.class)
                .hasMessageContaining("az provider register --namespace Microsoft.Storage")
                .hasMessageNotContaining("providerRegistration(true)");
        wm.verify(0, postRequestedFor(urlPathMatching(".*/register")));
        wm.verify(1, putRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
    }

    @Test
    void aRegistrationTheCredentialMayNotMakeFailsWithArmsErrorAndTheCommandForAnAdministrator() {
        String ns = "Microsoft.KubernetesConfiguration";
        stubPutRefusedOnceThenCreated(409, ns);
        wm.stubFor(
                post(urlPathEqualTo(PROVIDERS + ns + "/register"))
                        .willReturn(
                                json(
                                        403,
                                        "{\"error\":{\"code\":\"AuthorizationFailed\","
                                                + "\"message\":\"The client does not have authorization to perform action 'Microsoft.KubernetesConfiguration/register/action'\"}}")));

        assertThatThrownBy(() -> arm.controlPlane()
                        .beginAttach(
                                COMPUTE,
                                ArmComputeTest.contractConfiguration().toSpec().toSpi()))
                .isInstanceOfSatisfying(
                        ArmException.class, e -> assertThat(e.statusCode()).isEqualTo(403))
                .hasMessageContaining("AuthorizationFailed")
                .hasMessageContaining("az provider register --namespace " + ns);
        wm.verify(1, putRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
    }
}
