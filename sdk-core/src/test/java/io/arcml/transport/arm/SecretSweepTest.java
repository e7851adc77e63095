package io.arcml.transport.arm;

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

import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.ConfigurationSource;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.KubernetesComputeAttachConfiguration;
import io.arcml.extension.AzureMLExtensionConfiguration;
import io.arcml.transport.LongRunningOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run full of secrets (a token, relay and Service Bus connection strings, a protected extension
 * setting, proxy passwords with {@code @} and {@code /}), with the HTTP log at its most verbose
 * and arcml's own logs at debug: every {@code toString()}, {@code toJson()}, {@code serialize()},
 * exception message and log line it produces is swept for each secret.
 */
class SecretSweepTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String RELAY_KEY = "RelayKeySweep0001=";
    private static final String BUS_KEY = "BusKeySweep0002=";
    private static final String PROTECTED = "ProtectedSweep0003";
    private static final String PROXY_PASSWORD = "Pr0xy@Sweep/0004";
    private static final List<String> SECRETS =
            List.of(TOKEN, RELAY_KEY, BUS_KEY, PROTECTED, PROXY_PASSWORD, "Pr0xy", "Sweep/0004", "Sweep0004");

    @Test
    void noSecretReachesAnyTextTheRunProduces() {
        ArmEmulator arm = new ArmEmulator(wm);
        arm.stubWorkspace();
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(
                                201,
                                fixture("compute/createOrUpdate-KubernetesCompute.json")
                                        .at("/responses/201/body"))
                        .withHeader("Azure-AsyncOperation", "http://attacker.example" + STATUS_PATH)));
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
        wm.stubFor(put(urlPathEqualTo(ArmExtensionTest.EXTENSION_PATH))
                .willReturn(json(200, fixture("extension/GetExtension.json").at("/responses/200/body"))));
        List<String> texts = new ArrayList<>();

        String logs = ArmSecurityTest.captureStandardStreams(() -> {
            ArmControlPlane cp = arm.builder()
                    .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS))
                    .build();
            Workspace ws = Workspace.on(cp);
            KubernetesComputeAttachConfiguration cfg = ArmComputeTest.contractConfiguration()
                    .relayConnectionString(
                            "Endpoint=sb://arc.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey="
                                    + RELAY_KEY)
                    .serviceBusConnectionString(
                            "Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey="
                                    + BUS_KEY);
            texts.add(cfg.toString());
            texts.add(cfg.toSpec().toString());
            LongRunningOperation attach =
                    cp.beginAttach(COMPUTE, cfg.toSpec().toSpi()).operation();
            texts.add(messageOf(attach::poll)); // the operation URL points elsewhere: the token is refused

            AzureMLExtensionConfiguration extension = AzureMLExtensionConfiguration.builder()
                    .enableTraining(true)
                    .protectedSetting("proxy.password", PROTECTED)
                    .build();
            texts.add(extension.toString());
            texts.add(extension.spec().toString());
            texts.add(cp.beginCreateExtension(ArmExtensionTest.CLUSTER.toString(), "ClusterMonitor", extension.spec())
                    .resource()
                    .toString());
            texts.add(
                    messageOf(() -> AzureMLExtensionConfiguration.builder().setting("storage.accountKey", PROTECTED)));

            KubernetesCompute compute = (KubernetesCompute) ComputeTarget.get(ws, COMPUTE);
            texts.add(compute.toString());
            texts.add(compute.serialize().toString());
            texts.add(compute.toJson());
            texts.add(compute.getStatus().serialize().toString());
            texts.add(ws.toString());
            texts.add(cp.toString());

            for (String proxyUrl : List.of(
                    "http://user:" + PROXY_PASSWORD + "@proxy.corp:3128", "user:" + PROXY_PASSWORD + "@proxy.corp")) {
                ConfigurationSource none = path -> Map.of();
                texts.add(messageOf(() -> arm.builder()
                        .configuration(
                                new ConfigurationBuilder(none, none, path -> Map.of("HTTP_PROXY", proxyUrl)).build())
                        .build()));
            }
            texts.add(messageOf(() -> arm.builder()
                    .endpoint("https://user:" + PROXY_PASSWORD + "@management.azure.com")
                    .build()));
        });

        assertThat(texts).hasSize(16).allSatisfy(t -> assertThat(t).isNotBlank());
        assertThat(logs).as("the HTTP log and arcml's debug log are on").contains("computeType", "DEBUG");
        for (String secret : SECRETS) {
            assertThat(logs).as("log lines").doesNotContain(secret);
            assertThat(texts).as("toString, toJson, serialize and messages").noneMatch(t -> t.contains(secret));
        }
        String wire =
                wm.findAll(putRequestedFor(urlPathEqualTo(COMPUTE_PATH))).get(0).getBodyAsString()
                        + wm.findAll(putRequestedFor(urlPathEqualTo(ArmExtensionTest.EXTENSION_PATH)))
                                .get(0)
                                .getBodyAsString();
        assertThat(wire).as("the service still gets every secret").contains(RELAY_KEY, BUS_KEY, PROTECTED);
        assertThat(wm.findAll(putRequestedFor(urlPathEqualTo(ArmExtensionTest.EXTENSION_PATH)))
                        .get(0)
                        .getBodyAsString())
                .contains("\"configurationProtectedSettings\"");
    }

    private static String messageOf(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e + " " + e.getMessage();
        }
        throw new AssertionError("expected a failure");
    }
}
