package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.ArcmlException;
import io.arcml.WorkspaceId;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.InputSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads a job's local code folder and local data inputs, as the Azure ML CLI does, and answers
 * what the job body names instead: a code asset's ID, a datastore URI. Only what changed is
 * uploaded: an upload is named by its content hash ({@link LocalUpload}), and one that already exists
 * is reused.
 *
 * <p>Code: {@code GET codes/<hash>/versions/1}; when it exists, that is all. Otherwise
 * {@code POST .../startPendingUpload} hands out a SAS URI to a container of the workspace's
 * storage, the files are written there over the Blob REST API ({@link BlobWriter}), and
 * {@code PUT codes/<hash>/versions/1} registers them as an anonymous code asset
 * ({@code codeUri}, {@code isAnonymous}, azure-ai-ml's {@code hash_sha256}/{@code hash_version}).
 *
 * <p>Data: the workspace's default datastore ({@link DefaultDatastore}: one GET, one POST for its
 * secrets), then a HEAD of the upload's first blob under {@code LocalUpload/<hash>/}: when its
 * metadata marks the upload completed, nothing is written; otherwise the files are written and the
 * first blob is marked. The input is sent as {@code azureml://datastores/<datastore>/paths/LocalUpload/<hash>/<name>}.
 */
final class ArmUploads {
    private static final Logger LOG = LoggerFactory.getLogger(ArmUploads.class);
    private static final String COMPLETED_KEY = "upload_status";
    private static final String COMPLETED = "completed";

    private final ArmClient client;
    private final BlobWriter blobs;
    private final WorkspaceId workspace;
    private final String apiVersion;
    private final Map<String, String> codeIds = new ConcurrentHashMap<>();

    ArmUploads(ArmClient client, BlobWriter blobs, WorkspaceId workspace, String apiVersion) {
        this.client = client;
        this.blobs = blobs;
        this.workspace = workspace;
        this.apiVersion = apiVersion;
    }

    /**
     * Checks that a job's local code folder and local data inputs exist, hold files, and are within
     * the limits, before any request of its submit.
     *
     * @param prefix where the job is in what is submitted: empty, {@code trial.}, {@code jobs.<step>.}
     * @throws io.arcml.ValidationException naming the field of the first that does not
     */
    void check(CommandSpec job, String prefix) {
        if (job.dockerBuild() != null && job.dockerBuild().localContext() != null) {
            LocalUpload.read(
                    job.dockerBuild().localContext(), prefix + "environment.build.path", LocalUpload.Limits.CODE);
        }
        if (job.localCode() != null) {
            LocalUpload.read(job.localCode(), prefix + "code", LocalUpload.Limits.CODE);
        }
        job.dataInputs().forEach((name, input) -> {
            if (input.localPath() != null) {
                LocalUpload.read(input.localPath(), prefix + "inputs." + name, LocalUpload.Limits.DATA);
            }
        });
    }

    /** The ID of the code asset holding {@code folder}, uploaded when the workspace has none of its content. */
    String codeId(Path folder, String field) {
        LocalUpload code = LocalUpload.read(folder, field, LocalUpload.Limits.CODE);
        return codeIds.computeIfAbsent(code.contentHash(), hash -> registerCode(code));
    }

    private String registerCode(LocalUpload code) {
        String path = workspace.resourceId() + "/codes/" + code.contentHash() + "/versions/1";
        ArmResponse existing = client.sendAllowingNotFound(HttpMethod.GET, client.url(path, apiVersion));
        if (existing.statusCode() != 404 && existing.body() != null) {
            LOG.debug("Code {} is already in the workspace", code);
            return existing.body().path("id").asText(path);
        }
        ObjectNode request = ArmClient.JSON.createObjectNode().put("pendingUploadType", "TemporaryBlobReference");
        JsonNode pending =
                client.sendForSecrets(HttpMethod.POST, client.url(path + "/startPendingUpload", apiVersion), request);
        String sasUri = pending.path("blobReferenceForConsumption")
                .path("credential")
                .path("sasUri")
                .asText("");
        if (sasUri.isEmpty()) {
            throw new ArcmlException("Azure ML gave no upload location for the code asset " + code.contentHash()
                    + " (startPendingUpload answered without blobReferenceForConsumption.credential.sasUri)");
        }
        BlobContainer container = BlobContainer.ofSasUri(sasUri, "the code upload location");
        for (LocalUpload.File f : code.files()) {
            blobs.upload(container, code.blobName("", f), f.path(), f.size());
        }
        LOG.info("Uploaded {} to {}", code, container);
        ObjectNode body = ArmClient.JSON.createObjectNode();
        ObjectNode props = body.putObject("properties");
        props.put("codeUri", container.url() + "/" + code.name());
        props.put("isAnonymous", true);
        props.putObject("properties")
                .put("hash_sha256", code.contentHash())
                .put("hash_version", LocalUpload.HASH_VERSION);
        ArmResponse created = client.send(HttpMethod.PUT, client.url(path, apiVersion), body, body);
        return created.body() == null ? path : created.body().path("id").asText(path);
    }

    /** The datastore URI of a local data input, uploaded to the default datastore unless its content is there. */
    String dataUri(InputSpec input, String field) {
        return datastoreUri(LocalUpload.read(input.localPath(), field, LocalUpload.Limits.DATA));
    }

    /**
     * The datastore URI of a local Docker build context, uploaded to the default datastore unless
     * its content is there, as azure-ai-ml uploads an environment's build context.
     */
    String buildContextUri(Path folder, String field) {
        return datastoreUri(LocalUpload.read(folder, field, LocalUpload.Limits.CODE));
    }

    private String datastoreUri(LocalUpload data) {
        DefaultDatastore store = DefaultDatastore.read(client, workspace, apiVersion);
        String prefix = "LocalUpload/" + data.contentHash() + "/";
        String mark = data.blobName(prefix, data.files().get(0));
        boolean there = blobs.metadata(store.container(), mark)
                .map(m -> COMPLETED.equals(m.get(COMPLETED_KEY)))
                .orElse(false);
        if (there) {
            LOG.debug("Data {} is already in datastore {}", data, store.name());
        } else {
            for (LocalUpload.File f : data.files()) {
                blobs.upload(store.container(), data.blobName(prefix, f), f.path(), f.size());
            }
            blobs.setMetadata(store.container(), mark, Map.of(COMPLETED_KEY, COMPLETED));
            LOG.info("Uploaded {} to datastore {}", data, store.name());
        }
        return "azureml://datastores/" + store.name() + "/paths/" + prefix + data.name() + (data.isFolder() ? "/" : "");
    }
}
