package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ArcmlException;
import io.arcml.WorkspaceId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The datastore local data inputs and build contexts are uploaded to, the one the Azure ML CLI
 * uploads them to: {@value #NAME}, the blob container every workspace is created with (the CLI
 * names it whatever the workspace's default is). Read with one GET of the workspace's datastores
 * filtered by that name, and one POST of its {@code listSecrets} for the account key or SAS token
 * (an account key is turned into a one-hour SAS for the datastore's container on this machine;
 * neither is kept or shown).
 */
final class UploadDatastore {
    /** The datastore's name, azure-ai-ml's {@code WORKSPACE_BLOB_STORE}. */
    static final String NAME = "workspaceblobstore";

    private final String name;
    private final BlobContainer container;

    private UploadDatastore(String name, BlobContainer container) {
        this.name = name;
        this.container = container;
    }

    /** Reads the workspace's {@value #NAME} datastore and what lets arcml write to its container. */
    static UploadDatastore read(ArmClient client, WorkspaceId workspace, String apiVersion) {
        String list = workspace.resourceId() + "/datastores";
        JsonNode body = client.send(HttpMethod.GET, client.url(list, apiVersion, "names", NAME))
                .body();
        JsonNode store = body == null ? null : body.path("value").path(0);
        if (store == null || store.isMissingNode()) {
            throw new ArcmlException("Workspace " + workspace.workspaceName() + " has no datastore " + NAME
                    + " to upload local inputs to (the Azure ML CLI uploads there too): upload the data with"
                    + " az ml data create and use azureml:<name>:<version>");
        }
        String name = store.path("name").asText();
        JsonNode props = store.path("properties");
        String type = props.path("datastoreType").asText("");
        if (!type.equals("AzureBlob")) {
            throw new ArcmlException("The datastore " + name + " is " + type
                    + ", and arcml uploads local inputs to Azure Blob datastores only: upload the data with"
                    + " az ml data create and use azureml:<name>:<version>");
        }
        String account = props.path("accountName").asText();
        String containerName = props.path("containerName").asText();
        String url = props.path("protocol").asText("https") + "://" + account + ".blob."
                + props.path("endpoint").asText("core.windows.net") + "/" + containerName;
        String credentials = props.path("credentials").path("credentialsType").asText("None");
        if (!credentials.equals("AccountKey") && !credentials.equals("Sas")) {
            throw new ArcmlException("The datastore " + name + " uses " + credentials
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
            throw new ArcmlException("The datastore " + name
                    + " gave no account key or SAS token: check that your role may list its secrets"
                    + " (Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action)");
        }
        return new UploadDatastore(name, BlobContainer.of(url, sas, "datastore " + name));
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
        return "UploadDatastore{" + name + ", " + container + "}";
    }
}
