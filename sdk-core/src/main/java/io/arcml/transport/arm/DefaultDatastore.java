package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ArcmlException;
import io.arcml.WorkspaceId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The workspace's default datastore, where local data inputs are uploaded as the Azure ML CLI
 * uploads them: read with one GET of the workspace's datastores filtered by {@code isDefault}, and
 * one POST of its {@code listSecrets} for the account key or SAS token (an account key is turned
 * into a one-hour SAS for the datastore's container on this machine; neither is kept or shown).
 */
final class DefaultDatastore {
    private final String name;
    private final BlobContainer container;

    private DefaultDatastore(String name, BlobContainer container) {
        this.name = name;
        this.container = container;
    }

    /** Reads the workspace's default datastore and what lets arcml write to its container. */
    static DefaultDatastore read(ArmClient client, WorkspaceId workspace, String apiVersion) {
        String list = workspace.resourceId() + "/datastores";
        JsonNode body = client.send(HttpMethod.GET, client.url(list, apiVersion, "isDefault", "true"))
                .body();
        JsonNode store = body == null ? null : body.path("value").path(0);
        if (store == null || store.isMissingNode()) {
            throw new ArcmlException("Workspace " + workspace.workspaceName()
                    + " has no default datastore to upload local inputs to: set one (az ml datastore"
                    + " set-default), or upload the data with az ml data create and use azureml:<name>:<version>");
        }
        String name = store.path("name").asText();
        JsonNode props = store.path("properties");
        String type = props.path("datastoreType").asText("");
        if (!type.equals("AzureBlob")) {
            throw new ArcmlException("The default datastore " + name + " is " + type
                    + ", and arcml uploads local inputs to Azure Blob datastores only: make an AzureBlob datastore"
                    + " the default (workspaceblobstore), or upload the data with az ml data create");
        }
        String account = props.path("accountName").asText();
        String containerName = props.path("containerName").asText();
        String url = props.path("protocol").asText("https") + "://" + account + ".blob."
                + props.path("endpoint").asText("core.windows.net") + "/" + containerName;
        String credentials = props.path("credentials").path("credentialsType").asText("None");
        if (!credentials.equals("AccountKey") && !credentials.equals("Sas")) {
            throw new ArcmlException("The default datastore " + name + " uses " + credentials
                    + " credentials; arcml uploads with a datastore's account key or SAS token only. Upload the data"
                    + " with az ml data create (which signs in to storage as you) and use azureml:<name>:<version>");
        }
        JsonNode secrets = client.sendForSecrets(
                HttpMethod.POST, client.url(list + "/" + name + "/listSecrets", apiVersion), null);
        String sas = switch (secrets.path("secretsType").asText("")) {
            case "AccountKey" ->
                ServiceSas.forContainer(
                        account,
                        containerName,
                        secrets.path("key").asText(),
                        OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
            case "Sas" -> secrets.path("sasToken").asText();
            default -> "";
        };
        if (sas.isBlank()) {
            throw new ArcmlException("The default datastore " + name
                    + " gave no account key or SAS token: check that your role may list its secrets"
                    + " (Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action)");
        }
        return new DefaultDatastore(name, BlobContainer.of(url, sas, "datastore " + name));
    }

    /** The datastore's name, as {@code azureml://datastores/<name>/paths/...} names it. */
    String name() {
        return name;
    }

    /** Its container, with what lets arcml write to it. */
    BlobContainer container() {
        return container;
    }

    @Override
    public String toString() {
        return "DefaultDatastore{" + name + ", " + container + "}";
    }
}
