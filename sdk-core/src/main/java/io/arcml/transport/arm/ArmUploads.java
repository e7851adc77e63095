package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ArcmlException;
import io.arcml.WorkspaceId;
import io.arcml.resource.CommandSpec;
import io.arcml.resource.InputSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads a job's local code folder, local data inputs and local Docker build context, as the
 * Azure ML CLI (azure-ai-ml) does, and answers what the job body names instead: a code asset's ID,
 * a datastore URI, a build context's URI. Only what changed is uploaded: an upload is named by its
 * content ({@link LocalUpload}), and one that already exists is reused, whether arcml or the CLI
 * put it there.
 *
 * <p>Code: {@code GET codes/<hash>/versions?hash=<hash>&hashVersion=202208} finds a code asset of
 * that content under any name (the CLI's own are named by a random UUID); when there is one, that
 * is all. Otherwise {@code POST codes/<hash>/versions/1/startPendingUpload} hands out a SAS URI to a
 * container of the workspace's storage, the files are written there over the Blob REST API
 * ({@link BlobWriter}), the first is marked completed, and {@code PUT codes/<hash>/versions/1}
 * registers them as an anonymous code asset ({@code codeUri}, {@code isAnonymous}, azure-ai-ml's
 * {@code hash_sha256}/{@code hash_version}).
 *
 * <p>Data and build contexts: the workspace's {@code workspaceblobstore} ({@link UploadDatastore}: one
 * GET, one POST for its secrets), then a HEAD of the upload's indicator blob under {@code
 * LocalUpload/<object hash>/<name>/}: when its metadata marks the upload completed, nothing is
 * written; otherwise the files are written and the indicator is marked. A data input is sent as
 * {@code azureml://datastores/<datastore>/paths/LocalUpload/<hash>/<name>}, a build context as the
 * {@code https://} URL of its folder, the forms the CLI sends.
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
        String versions = workspace.resourceId() + "/codes/" + code.contentHash() + "/versions";
        JsonNode sameContent = client.send(
                        HttpMethod.GET,
                        client.url(
                                versions,
                                apiVersion,
                                "hash",
                                code.contentHash(),
                                "hashVersion",
                                LocalUpload.HASH_VERSION))
                .body();
        String existing = AssetJson.Page.firstId(sameContent);
        if (!existing.isEmpty()) {
            LOG.debug("Code {} is already in the workspace as {}", code, existing);
            return existing;
        }
        String path = versions + "/1";
        JsonNode pending = client.sendForSecrets(
                HttpMethod.POST,
                client.url(path + "/startPendingUpload", apiVersion),
                ArmClient.JSON.valueToTree(AssetJson.PendingUploadRequest.TEMPORARY_BLOB));
        String sasUri = AssetJson.PendingUpload.sasUri(pending);
        if (sasUri.isEmpty()) {
            throw new ArcmlException("Azure ML gave no upload location for the code asset " + code.contentHash()
                    + " (startPendingUpload answered without blobReferenceForConsumption.credential.sasUri)");
        }
        BlobContainer container = BlobContainer.ofSasUri(sasUri, "the code upload location");
        write(container, code, "", Map.of("name", code.contentHash(), "version", "1"));
        LOG.info("Uploaded {} to {}", code, container);
        JsonNode body = ArmClient.JSON.valueToTree(AssetJson.CodeVersion.anonymous(
                container.url() + "/" + code.name(), code.contentHash(), LocalUpload.HASH_VERSION));
        ArmResponse created = client.send(HttpMethod.PUT, client.url(path, apiVersion), body, body);
        return created.idOr(path);
    }

    /** The datastore URI of a local data input, uploaded to workspaceblobstore unless its content is there. */
    String dataUri(InputSpec input, String field) {
        LocalUpload data = LocalUpload.read(input.localPath(), field, LocalUpload.Limits.DATA);
        UploadDatastore store = UploadDatastore.read(client, workspace, apiVersion);
        String path = upload(store, data, Map.of());
        return "azureml://datastores/" + store.name() + "/paths/" + path + (data.isFolder() ? "/" : "");
    }

    /** A local Docker build context, read for upload. */
    static LocalUpload buildContext(Path folder, String field) {
        return LocalUpload.read(folder, field, LocalUpload.Limits.CODE);
    }

    /**
     * The {@code https://} URL of a local Docker build context's folder, uploaded to
     * workspaceblobstore unless its content is there, and marked as the context of environment {@code name}
     * version {@code version}, as azure-ai-ml uploads an environment's build context.
     */
    String buildContextUri(LocalUpload context, String name, String version) {
        UploadDatastore store = UploadDatastore.read(client, workspace, apiVersion);
        String path = upload(store, context, Map.of("name", name, "version", version));
        return store.container().url() + "/" + path + "/";
    }

    /**
     * Writes {@code data} under {@code LocalUpload/<object hash>/} of the datastore unless its
     * indicator is marked completed there, and answers the path of the folder (or file) in it.
     */
    private String upload(UploadDatastore store, LocalUpload data, Map<String, String> linkedAsset) {
        String prefix = "LocalUpload/" + data.objectHash() + "/";
        String indicator = data.blobName(prefix, data.indicator());
        boolean there = blobs.metadata(store.container(), indicator)
                .map(m -> COMPLETED.equals(m.get(COMPLETED_KEY)))
                .orElse(false);
        if (there) {
            LOG.debug("{} is already in datastore {}", data, store.name());
        } else {
            write(store.container(), data, prefix, linkedAsset);
            LOG.info("Uploaded {} to datastore {}", data, store.name());
        }
        return prefix + data.name();
    }

    /** Writes the files of {@code upload} under {@code prefix}, then marks its indicator completed. */
    private void write(BlobContainer container, LocalUpload upload, String prefix, Map<String, String> linkedAsset) {
        for (LocalUpload.File f : upload.files()) {
            blobs.upload(container, upload.blobName(prefix, f), f.path(), f.size());
        }
        Map<String, String> mark = new LinkedHashMap<>(Map.of(COMPLETED_KEY, COMPLETED));
        mark.putAll(linkedAsset);
        blobs.setMetadata(container, upload.blobName(prefix, upload.indicator()), mark);
    }
}
