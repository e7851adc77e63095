package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.fixture;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/**
 * Continuous Access Evaluation: a 401 with a claims challenge gets a new token for those claims and
 * the request is sent once more, over HTTPS (azure-core's own path, which refuses plain HTTP) and
 * over plain HTTP to a loopback emulator.
 */
class ArmClaimsChallengeTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort().dynamicHttpsPort())
            .build();

    private static final String CLAIMS = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1726077595\"}}}";
    private static final String CHALLENGE =
            "Bearer authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                    + "error=\"insufficient_claims\", claims=\""
                    + Base64.getUrlEncoder().encodeToString(CLAIMS.getBytes(StandardCharsets.UTF_8)) + "\"";

    private final List<TokenRequestContext> tokenRequests = new CopyOnWriteArrayList<>();
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.sequence(
                "cae",
                () -> get(urlPathEqualTo(COMPUTE_PATH)),
                List.of(
                        json(
                                        401,
                                        "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"The session was revoked.\"}}")
                                .withHeader("WWW-Authenticate", CHALLENGE),
                        json(200, fixture("compute/get-KubernetesCompute.json").at("/responses/200/body"))));
    }

    @Test
    void claimsChallengeOverHttpsGetsATokenForTheClaimsAndTheRequestIsRetried() throws GeneralSecurityException {
        String endpoint = "https://localhost:" + wm.getHttpsPort();
        ArmControlPlane cp = arm.builder()
                .endpoint(endpoint)
                .credential(recording())
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(trustingWireMocksCertificate()))
                        .build())
                .build();

        assertThat(cp.getCompute(COMPUTE)).isPresent();
        assertRetriedWithATokenForTheClaims(endpoint + "/.default");
    }

    @Test
    void claimsChallengeFromALoopbackEmulatorOverPlainHttpIsAnsweredTheSameWay() {
        ArmControlPlane cp = arm.builder()
                .endpoint("http://localhost:" + wm.getPort())
                .credential(recording())
                .build();

        assertThat(cp.getCompute(COMPUTE)).isPresent();
        assertRetriedWithATokenForTheClaims("https://management.azure.com/.default");
    }

    private void assertRetriedWithATokenForTheClaims(String scope) {
        assertThat(tokenRequests).hasSize(2);
        assertThat(tokenRequests.get(0).getClaims()).isNull();
        assertThat(tokenRequests.get(1).getClaims()).isEqualTo(CLAIMS);
        assertThat(tokenRequests.get(1).getScopes()).containsExactly(scope);
        wm.verify(2, getRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
        List<LoggedRequest> sent = arm.requests();
        assertThat(sent.get(0).getHeader("Authorization")).isEqualTo("Bearer token-1");
        assertThat(sent.get(1).getHeader("Authorization")).isEqualTo("Bearer token-2");
    }

    /** A credential whose n-th token is {@code token-n}, recording what each request asked for. */
    private TokenCredential recording() {
        return request -> {
            tokenRequests.add(request);
            return Mono.just(new AccessToken(
                    "token-" + tokenRequests.size(), OffsetDateTime.now().plusHours(1)));
        };
    }

    /** WireMock's HTTPS port serves a self-signed certificate: trusted here, for this loopback test only. */
    private static SSLContext trustingWireMocksCertificate() throws GeneralSecurityException {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(
                null,
                new TrustManager[] {
                    new X509ExtendedTrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        return ssl;
    }
}
