package io.arcml.k8s;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpPipeline;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.models.CredentialResultsInner;
import com.azure.resourcemanager.containerservice.models.CredentialResult;
import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.compute.ClusterResourceId;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AKS cluster's user kubeconfig, fetched with azure-resourcemanager-containerservice
 * ({@code listClusterUserCredential}) and turned into a fabric8 {@link Config}. On a Microsoft Entra
 * ID cluster the kubeconfig signs in through {@code kubelogin} (an {@code exec} user) or the
 * legacy {@code azure} auth provider; both are replaced by tokens from the same
 * {@link TokenCredential} for the cluster's server application ({@code <server-id>/.default}), so
 * nothing has to be installed and one credential serves ARM and the cluster.
 *
 * <p>The kubeconfig holds the cluster's certificates and, on clusters with local accounts, a
 * token or client key: it is never logged, and no message quotes it.
 */
final class AksKubeconfig {
    private static final Logger LOG = LoggerFactory.getLogger(AksKubeconfig.class);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private AksKubeconfig() {}

    /**
     * The client configuration of the AKS cluster {@code aksResourceId}, its ARM request sent through
     * {@code armPipeline} to the profile's cloud (the subscription is the cluster's).
     */
    static Config fetch(
            HttpPipeline armPipeline, AzureProfile profile, String aksResourceId, TokenCredential credential) {
        ClusterResourceId cluster = aks(aksResourceId);
        ContainerServiceManager manager = ContainerServiceManager.authenticate(
                armPipeline,
                new AzureProfile(profile.getTenantId(), cluster.subscriptionId(), profile.getEnvironment()));
        CredentialResultsInner credentials;
        try {
            credentials = manager.serviceClient()
                    .getManagedClusters()
                    .listClusterUserCredentials(cluster.resourceGroup(), cluster.clusterName());
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            throw new ArcmlException(
                    "The user credentials of AKS cluster '" + cluster.clusterName() + "' could not be read (status "
                            + status
                            + (status == 404
                                    ? ": no such cluster in resource group " + cluster.resourceGroup()
                                            + "; list them with az aks list --query \"[].id\""
                                    : status == 403
                                            ? ": the credential lacks 'Azure Kubernetes Service Cluster User Role' on the cluster"
                                            : "")
                            + ")",
                    e);
        }
        List<CredentialResult> kubeconfigs =
                credentials == null || credentials.kubeconfigs() == null ? List.of() : credentials.kubeconfigs();
        if (kubeconfigs.isEmpty() || kubeconfigs.get(0).value() == null) {
            throw new ArcmlException("AKS returned no user kubeconfig for cluster '" + cluster.clusterName()
                    + "'. Check the cluster with az aks get-credentials --resource-group " + cluster.resourceGroup()
                    + " --name " + cluster.clusterName());
        }
        Config config = toConfig(cluster, new String(kubeconfigs.get(0).value(), StandardCharsets.UTF_8), credential);
        LOG.info("Connecting to AKS cluster {} at {}", cluster.clusterName(), config.getMasterUrl());
        return config;
    }

    private static ClusterResourceId aks(String aksResourceId) {
        ClusterResourceId cluster = ClusterResourceId.parse(aksResourceId);
        if (cluster.kind() != ClusterResourceId.Kind.AKS) {
            throw new ValidationException(
                    "aksResourceId",
                    aksResourceId,
                    "names an Azure Arc-enabled cluster, not an AKS cluster",
                    "Give a /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ContainerService/managedClusters/<name> ID; "
                            + "for an Arc cluster, use its own kubeconfig with KubernetesControlPlane.connect()");
        }
        return cluster;
    }

    /** The kubeconfig as a client configuration, an Entra ID sign-in replaced by the credential's tokens. */
    static Config toConfig(ClusterResourceId cluster, String kubeconfig, TokenCredential credential) {
        io.fabric8.kubernetes.api.model.Config parsed;
        try {
            parsed = YAML.unmarshal(kubeconfig, io.fabric8.kubernetes.api.model.Config.class);
        } catch (RuntimeException e) {
            // The parser's message may quote the content: only its type is kept.
            throw new ArcmlException("The user kubeconfig AKS returned for cluster '" + cluster.clusterName()
                    + "' is not a kubeconfig (" + e.getClass().getSimpleName() + ")");
        }
        String serverId = null;
        for (NamedAuthInfo user : parsed.getUsers() == null ? List.<NamedAuthInfo>of() : parsed.getUsers()) {
            AuthInfo auth = user.getUser();
            String id = auth == null ? null : entraServerId(auth);
            if (id != null) {
                serverId = id;
                auth.setExec(null);
                auth.setAuthProvider(null);
            }
        }
        Config config = Config.fromKubeconfig(YAML.asYaml(parsed));
        if (serverId != null) {
            TokenRequestContext scope = new TokenRequestContext().addScopes(serverId + "/.default");
            config.setOauthTokenProvider(() -> credential.getTokenSync(scope).getToken());
        }
        return config;
    }

    /** The cluster's Entra ID server application of a kubelogin {@code exec} user or an {@code azure} auth provider, else {@code null}. */
    private static String entraServerId(AuthInfo auth) {
        if (auth.getExec() != null && auth.getExec().getArgs() != null) {
            List<String> args = auth.getExec().getArgs();
            int at = args.indexOf("--server-id");
            if (at >= 0 && at + 1 < args.size()) {
                return args.get(at + 1);
            }
        }
        if (auth.getAuthProvider() != null
                && "azure".equals(auth.getAuthProvider().getName())
                && auth.getAuthProvider().getConfig() != null) {
            return auth.getAuthProvider().getConfig().get("apiserver-id");
        }
        return null;
    }
}
