package io.arcml.transport.arm;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE;
import static io.arcml.transport.arm.ArmEmulator.COMPUTE_PATH;
import static io.arcml.transport.arm.ArmEmulator.WORKSPACE;
import static io.arcml.transport.arm.ArmEmulator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.ValidationException;
import io.arcml.Workspace;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Azure cloud on the builder: endpoint, token scope and the default credential's authority host. */
class ArmCloudsTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private final List<String> scopes = new CopyOnWriteArrayList<>();
    private ArmEmulator arm;

    @BeforeEach
    void setUp() {
        arm = new ArmEmulator(wm);
        wm.stubFor(get(urlPathEqualTo(COMPUTE_PATH))
                .willReturn(json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"none\"}}")));
    }

    @Test
    void sovereignCloudsGiveTheTokenScopeAlsoBehindAnEmulatorEndpoint() {
        arm.builder()
                .credential(recording())
                .environment(AzureEnvironment.AZURE_US_GOVERNMENT)
                .build()
                .getCompute(COMPUTE);
        arm.builder()
                .credential(recording())
                .profile(new AzureProfile(AzureEnvironment.AZURE_CHINA))
                .build()
                .getCompute(COMPUTE);
        arm.builder()
                .credential(recording())
                .environment(AzureEnvironment.AZURE)
                .build()
                .getCompute(COMPUTE);

        assertThat(scopes)
                .containsExactly(
                        "https://management.usgovcloudapi.net/.default",
                        "https://management.chinacloudapi.cn/.default",
                        "https://management.azure.com/.default");
    }

    @Test
    void aCustomEnvironmentGivesTheEndpoint() {
        AzureEnvironment custom = new AzureEnvironment(Map.of(
                "resourceManagerEndpointUrl",
                arm.baseUrl() + "/",
                "activeDirectoryEndpointUrl",
                "https://login.example.test/"));

        ArmControlPlane.builder()
                .workspace(WORKSPACE)
                .credential(recording())
                .environment(custom)
                .build()
                .getCompute(COMPUTE);

        wm.verify(1, getRequestedFor(urlPathEqualTo(COMPUTE_PATH)));
        assertThat(scopes).containsExactly("https://management.azure.com/.default");
    }

    @Test
    void anEnvironmentWithoutAResourceManagerEndpointIsRefusedNamingTheSetting() {
        AzureEnvironment incomplete =
                new AzureEnvironment(Map.of("activeDirectoryEndpointUrl", "https://login.example.test/"));

        assertThatThrownBy(() -> ArmControlPlane.builder()
                        .workspace(WORKSPACE)
                        .credential(recording())
                        .environment(incomplete)
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(e.field()).isEqualTo("environment"))
                .hasMessageContaining("resourceManagerEndpointUrl");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void theDefaultCredentialSignsInAtTheEnvironmentsAuthorityHostAndTenant() throws ReflectiveOperationException {
        Object builder =
                DefaultCredential.builder(AzureEnvironment.AZURE_CHINA.getActiveDirectoryEndpoint(), "tenant-1");

        Object options = field(builder, "identityClientOptions");
        assertThat(options.getClass().getMethod("getAuthorityHost").invoke(options))
                .isEqualTo("https://login.chinacloudapi.cn/");
        assertThat(field(builder, "tenantId")).isEqualTo("tenant-1");
        assertThat(DefaultCredential.create(AzureEnvironment.AZURE_US_GOVERNMENT.getActiveDirectoryEndpoint(), null))
                .isNotNull();
    }

    @Test
    void configJsonKeepsWorkingWithASovereignCloud(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("config.json"),
                "{\"subscription_id\": \"" + WORKSPACE.subscriptionId()
                        + "\", \"resource_group\": \"testrg123\", \"workspace_name\": \"workspaces123\"}");

        try (Workspace ws = Workspace.builder()
                .configFile(dir)
                .credential(recording())
                .endpoint(arm.baseUrl())
                .configure(ArmControlPlaneBuilder.class, b -> b.environment(AzureEnvironment.AZURE_US_GOVERNMENT))
                .build()) {
            assertThat(ws.id()).isEqualTo(WORKSPACE);
            ((ArmControlPlane) ws.controlPlane()).getCompute(COMPUTE);
        }
        assertThat(scopes).containsExactly("https://management.usgovcloudapi.net/.default");
    }

    private TokenCredential recording() {
        TokenCredential tokens = arm.credential();
        return request -> {
            scopes.addAll(request.getScopes());
            return tokens.getToken(request);
        };
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(name);
    }
}
