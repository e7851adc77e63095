package io.arcml.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.Workspace;
import io.arcml.WorkspaceId;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.InstanceType;
import io.arcml.compute.KubernetesCompute;
import io.arcml.compute.ProvisioningState;
import io.arcml.transport.arm.ArmControlPlane;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** From an AKS resource ID to the direct cluster transport: the user kubeconfig through ARM (loopback emulator), then a fabric8 mock API server. */
class FromAksTest {
    @RegisterExtension
    static WireMockExtension arm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort())
            .build();

    private static final String SUBSCRIPTION = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";
    private static final String AKS = "/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";
    private static final String CREDENTIALS_PATH = AKS + "/listClusterUserCredential";
    /** The server application of AKS-managed Microsoft Entra ID, as kubelogin's --server-id gives it. */
    private static final String SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

    private static final String LOCAL_ACCOUNT_TOKEN = "kubeconfig-local-account-secret-42";

    private final List<String> scopesAsked = Collections.synchronizedList(new ArrayList<>());
    private final TokenCredential credential = request -> {
        String scope = String.join(" ", request.getScopes());
        scopesAsked.add(scope);
        return Mono.just(new AccessToken(
                scope.startsWith(SERVER_ID) ? "cluster-token" : "arm-token",
                OffsetDateTime.now().plusHours(1)));
    };
    private CrudMockCluster cluster;
    private KubernetesMockServer apiServer;

    @BeforeEach
    void startApiServer() {
        cluster = new CrudMockCluster("amlarc");
        apiServer = cluster.server();
        recordedAuthorizations(); // the set-up's own requests
    }

    /** The Authorization headers the API server got since the last call. */
    private List<String> recordedAuthorizations() {
        List<String> authorizations = new ArrayList<>();
        try {
            for (RecordedRequest r = apiServer.takeRequest(200, TimeUnit.MILLISECONDS);
                    r != null;
                    r = apiServer.takeRequest(100, TimeUnit.MILLISECONDS)) {
                authorizations.add(String.valueOf(r.getHeader("Authorization")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return authorizations;
    }

    @AfterEach
    void stopApiServer() {
        cluster.close();
    }

    private ArmControlPlane armOnTheEmulator() {
        return ArmControlPlane.builder()
                .workspace(new WorkspaceId(SUBSCRIPTION, "rg", "ws"))
                .credential(credential)
                .endpoint(arm.baseUrl())
                .build();
    }

    /** AKS's answer: the kubeconfig of the mock API server, with the given user. */
    private void stubUserKubeconfig(String user) {
        String kubeconfig = "apiVersion: v1\nkind: Config\nclusters:\n- name: aks1\n  cluster:\n    server: "
                + apiServer.url("/").replaceAll("/$", "")
                + "\ncontexts:\n- name: aks1\n  context:\n    cluster: aks1\n    user: clusterUser_rg_aks1\ncurrent-context: aks1\n"
                + "users:\n- name: clusterUser_rg_aks1\n  user:\n" + user;
        arm.stubFor(post(urlPathEqualTo(CREDENTIALS_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"kubeconfigs\":[{\"name\":\"clusterUser\",\"value\":\""
                                + Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8))
                                + "\"}]}")));
    }

    private static final String KUBELOGIN_USER =
            "    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: kubelogin\n"
                    + "      args: [get-token, --environment, AzurePublicCloud, --server-id, " + SERVER_ID
                    + ", --client-id, "
                    + "80faf920-1908-4b52-b5ef-a8e7bedfc67a, --tenant-id, 72f988bf-86f1-41af-91ab-2d7cd011db47, --login, devicecode]\n";

    @Test
    void anEntraIdClusterIsReachedWithTheSameCredentialAndAComputeAttachesThroughIt() {
        stubUserKubeconfig(KUBELOGIN_USER);
        ArmControlPlane azure = armOnTheEmulator();

        try (Workspace ws =
                Workspace.on(KubernetesControlPlane.fromAks(AKS, credential, azure.httpPipeline(), azure.profile()))) {
            KubernetesCompute compute = ComputeTarget.attach(
                    ws,
                    "aks-direct",
                    KubernetesCompute.attachConfiguration(AKS)
                            .namespace("amlarc")
                            .defaultInstanceType("cpu_small")
                            .instanceTypes(Map.of(
                                    "cpu_small",
                                    InstanceType.builder().requests("1", "2Gi").build())));
            compute.waitForCompletion(Duration.ofSeconds(30));
            assertThat(compute.provisioningState()).isEqualTo(ProvisioningState.SUCCEEDED);
        }

        arm.verify(
                1,
                postRequestedFor(urlPathEqualTo(CREDENTIALS_PATH))
                        .withHeader("Authorization", equalTo("Bearer arm-token")));
        assertThat(scopesAsked).contains("https://management.azure.com/.default", SERVER_ID + "/.default");
        List<String> authorizations = recordedAuthorizations();
        assertThat(authorizations)
                .as("the API server got the credential's token for the cluster, not kubelogin's")
                .isNotEmpty()
                .allMatch("Bearer cluster-token"::equals);
    }

    @Test
    void aLocalAccountKubeconfigIsUsedAsGivenAndItsTokenNeverPrintedOrLogged() {
        stubUserKubeconfig("    token: " + LOCAL_ACCOUNT_TOKEN + "\n");
        ArmControlPlane azure = armOnTheEmulator();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String shown;
        try (KubernetesControlPlane direct =
                KubernetesControlPlane.fromAks(AKS, credential, azure.httpPipeline(), azure.profile())) {
            assertThat(direct.client().namespaces().withName("amlarc").get()).isNotNull();
            shown = direct.toString();
        } finally {
            System.setErr(err);
        }
        assertThat(shown).contains(apiServer.url("/").replaceAll("/$", "")).doesNotContain(LOCAL_ACCOUNT_TOKEN);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("Connecting to AKS cluster aks1")
                .doesNotContain(LOCAL_ACCOUNT_TOKEN);
        assertThat(scopesAsked).doesNotContain(SERVER_ID + "/.default");
    }

    @Test
    void aClusterArmDoesNotKnowIsNamedWithHowToListThem() {
        arm.stubFor(
                post(urlPathEqualTo(CREDENTIALS_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(404)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource was not found.\"}}")));
        ArmControlPlane azure = armOnTheEmulator();

        assertThatThrownBy(() -> KubernetesControlPlane.fromAks(AKS, credential, azure.httpPipeline(), azure.profile()))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("AKS cluster 'aks1'")
                .hasMessageContaining("az aks list");
    }

    @Test
    void anArcClusterIdIsRefusedBeforeAnyRequest() {
        ArmControlPlane azure = armOnTheEmulator();
        String arc = "/subscriptions/" + SUBSCRIPTION
                + "/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/edge";

        assertThatThrownBy(() -> KubernetesControlPlane.fromAks(arc, credential, azure.httpPipeline(), azure.profile()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("aksResourceId")
                .hasMessageContaining("Arc");
        assertThat(arm.getAllServeEvents()).isEmpty();
    }
}
