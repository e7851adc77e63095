package io.arcml.transport.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.internal.Json;
import java.util.List;

/**
 * The asset shapes of Azure ML that a job's submission reads and writes, bound with Jackson (unknown
 * keys ignored): an asset container's latest version, a page of code versions, the upload location
 * {@code startPendingUpload} hands out, and the body that registers a code version.
 */
final class AssetJson {
    private AssetJson() {}

    /**
     * An asset container ({@code data/<name>}, {@code models/<name>}, {@code codes/<name>}, ...).
     *
     * @param properties its properties, or {@code null}
     */
    record Container(ContainerProperties properties) {
        /** The latest version's name, or {@code ""} when there is none. */
        static String latestVersion(JsonNode body) {
            Container c = body == null ? null : Json.mapper().convertValue(body, Container.class);
            return c == null || c.properties() == null || c.properties().latestVersion() == null
                    ? ""
                    : c.properties().latestVersion();
        }
    }

    /**
     * An asset container's properties.
     *
     * @param latestVersion its latest version, or {@code null}
     */
    record ContainerProperties(String latestVersion) {}

    /**
     * A page of resources.
     *
     * @param value the resources on the page, or {@code null}
     */
    record Page(List<Resource> value) {
        /** The ID of the first resource of a page, or {@code ""} when it is empty. */
        static String firstId(JsonNode body) {
            Page page = body == null ? null : Json.mapper().convertValue(body, Page.class);
            return page == null
                            || page.value() == null
                            || page.value().isEmpty()
                            || page.value().get(0).id() == null
                    ? ""
                    : page.value().get(0).id();
        }
    }

    /**
     * A resource, by its ID.
     *
     * @param id its resource ID, or {@code null}
     */
    record Resource(String id) {}

    /**
     * The request of {@code startPendingUpload}.
     *
     * @param pendingUploadType {@code TemporaryBlobReference}
     */
    record PendingUploadRequest(String pendingUploadType) {
        static final PendingUploadRequest TEMPORARY_BLOB = new PendingUploadRequest("TemporaryBlobReference");
    }

    /**
     * What {@code startPendingUpload} answers.
     *
     * @param blobReferenceForConsumption where to write, or {@code null}
     */
    record PendingUpload(BlobReference blobReferenceForConsumption) {
        /** The SAS URI of the location handed out, or {@code ""} when the answer has none. */
        static String sasUri(JsonNode body) {
            PendingUpload p = body == null ? null : Json.mapper().convertValue(body, PendingUpload.class);
            return p == null
                            || p.blobReferenceForConsumption() == null
                            || p.blobReferenceForConsumption().credential() == null
                            || p.blobReferenceForConsumption().credential().sasUri() == null
                    ? ""
                    : p.blobReferenceForConsumption().credential().sasUri();
        }
    }

    /**
     * A blob location handed out.
     *
     * @param credential its credential, or {@code null}
     */
    record BlobReference(Credential credential) {}

    /**
     * A SAS credential (never logged: the client redacts the answer).
     *
     * @param sasUri the container's URI with its SAS token, or {@code null}
     */
    record Credential(String sasUri) {
        @Override
        public String toString() {
            return "Credential{sasUri=***}";
        }
    }

    /**
     * The body that registers a code version.
     *
     * @param properties the version's properties
     */
    record CodeVersion(CodeProperties properties) {
        /** An anonymous code version at {@code codeUri} holding content of that hash, as azure-ai-ml registers one. */
        static CodeVersion anonymous(String codeUri, String hash, String hashVersion) {
            return new CodeVersion(new CodeProperties(codeUri, true, new ContentHash(hash, hashVersion)));
        }
    }

    /**
     * A code version's properties.
     *
     * @param codeUri where the code is
     * @param isAnonymous whether it is anonymous
     * @param properties azure-ai-ml's {@code hash_sha256} and {@code hash_version}
     */
    @JsonPropertyOrder({"codeUri", "isAnonymous", "properties"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CodeProperties(
            String codeUri, @JsonProperty("isAnonymous") boolean isAnonymous, ContentHash properties) {}

    /**
     * azure-ai-ml's hash of a code version's content.
     *
     * @param hash the SHA-256 of the content
     * @param hashVersion the version of the hashing rules
     */
    @JsonPropertyOrder({"hash_sha256", "hash_version"})
    record ContentHash(
            @JsonProperty("hash_sha256") String hash,
            @JsonProperty("hash_version") String hashVersion) {}
}
