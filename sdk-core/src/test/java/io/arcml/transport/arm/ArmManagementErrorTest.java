package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.TOKEN;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.transport.ControlPlaneException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ARM error responses reach the caller as arcml's exception, with azure-core-management's ManagementException as its cause. */
class ArmManagementErrorTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String POLICY_DENIED =
            "{\"error\":{\"code\":\"RequestDisallowedByPolicy\",\"message\":\"Resource "
                    + "'compute123' was disallowed by policy.\",\"target\":\"compute123\",\"details\":[{\"code\":\"PolicyViolation\","
                    + "\"message\":\"Only approved clusters may be attached\"}],\"additionalInfo\":[{\"type\":\"PolicyViolation\","
                    + "\"info\":{\"policyDefinitionDisplayName\":\"Allowed clusters\",\"policyAssignmentName\":\"aks-only\"}}]}}";

    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        arm.stubWorkspace();
        arm.sequence(
                "compute",
                () -> get(urlPathEqualTo(COMPUTE_PATH)),
                List.of(json(404, "{\"error\":{\"code\":\"NotFound\"}}")));
    }

    @Test
    void policyDenialIsCaughtAsArcmlsExceptionAndCarriesTheManagementErrorWithAdditionalInfo() {
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(403, POLICY_DENIED).withHeader("x-ms-request-id", "req-7")));

        ControlPlaneException e = attachFailure();

        assertThat(e).isInstanceOf(ArmException.class);
        assertThat(e.error().code()).isEqualTo("RequestDisallowedByPolicy");
        ManagementError error = ((ArmException) e).managementError();
        assertThat(error.getCode()).isEqualTo("RequestDisallowedByPolicy");
        assertThat(error.getTarget()).isEqualTo("compute123");
        assertThat(error.getDetails()).extracting(ManagementError::getCode).containsExactly("PolicyViolation");
        assertThat(error.getAdditionalInfo()).singleElement().satisfies(info -> {
            assertThat(info.getType()).isEqualTo("PolicyViolation");
            assertThat(info.getInfo().toString()).contains("aks-only");
        });
    }

    @Test
    void theCauseIsAManagementExceptionAndAnHttpResponseExceptionWithTheResponseButNoTokenOrQuery() {
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(403, POLICY_DENIED).withHeader("x-ms-request-id", "req-7")));

        ArmException e = (ArmException) attachFailure();

        assertThat(e.getCause()).isInstanceOf(HttpResponseException.class).isSameAs(e.managementException());
        ManagementException management = e.managementException();
        assertThat(management.getValue().getAdditionalInfo()).hasSize(1);
        assertThat(management.getResponse().getStatusCode()).isEqualTo(403);
        assertThat(management.getResponse().getHeaders().getValue(HttpHeaderName.X_MS_REQUEST_ID))
                .isEqualTo("req-7");
        assertThat(management.getResponse().getBodyAsString().block()).contains("aks-only");
        assertThat(management.getResponse().getRequest().getUrl().toString()).isEqualTo(arm.baseUrl() + COMPUTE_PATH);
        assertThat(management.getResponse().getRequest().getHeaders().getValue(HttpHeaderName.AUTHORIZATION))
                .isNull();
        assertThat(management.getMessage()).contains("PUT", COMPUTE_PATH, "403").doesNotContain("api-version");
        assertThat(management.toString()).contains("was disallowed by policy").doesNotContain(TOKEN);
    }

    @Test
    void aBodyThatIsNotArmJsonStillGivesAManagementErrorWithTheStatusCode() {
        wm.stubFor(put(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(aResponse().withStatus(400).withBody("<html>Bad gateway</html>")));

        ArmException e = (ArmException) attachFailure();

        assertThat(e.managementError().getCode())
                .isEqualTo("BadRequest")
                .isEqualTo(e.error().code());
        assertThat(e.managementError().getMessage()).contains("Bad gateway");
        assertThat(e.managementException().getResponse().getStatusCode()).isEqualTo(400);
    }

    private ControlPlaneException attachFailure() {
        try (Workspace ws = Workspace.on(arm.controlPlane())) {
            return catchThrowableOfType(
                    ControlPlaneException.class,
                    () -> ComputeTarget.attach(ws, COMPUTE, ArmComputeTest.contractConfiguration()));
        }
    }
}
