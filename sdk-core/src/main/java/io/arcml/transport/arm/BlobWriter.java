package io.arcml.transport.arm;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.DateTimeRfc1123;
import io.arcml.ArcmlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files to Azure Blob Storage over its REST API, through an azure-core pipeline on the
 * user's HTTP client that carries no bearer token (the container's SAS authorizes each request):
 * Put Blob for a file up to one block, Put Block for each block and Put Block List for a larger
 * one; Get Blob Properties and Set Blob Metadata for the upload's completion mark. Failures name the
 * blob's URL without its signature.
 */
final class BlobWriter {
    /** The Blob service version arcml speaks ({@code x-ms-version}). */
    static final String SERVICE_VERSION = "2023-11-03";
    /** The block size: files up to it go in one Put Blob. */
    static final int DEFAULT_BLOCK_SIZE = 4 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BlobWriter.class);
    private static final HttpHeaderName VERSION = HttpHeaderName.fromString("x-ms-version");
    private static final HttpHeaderName DATE = HttpHeaderName.fromString("x-ms-date");
    private static final HttpHeaderName BLOB_TYPE = HttpHeaderName.fromString("x-ms-blob-type");
    private static final HttpHeaderName ERROR_CODE = HttpHeaderName.fromString("x-ms-error-code");
    private static final String META = "x-ms-meta-";

    private final HttpPipeline pipeline;
    private final int blockSize;

    BlobWriter(HttpPipeline pipeline, int blockSize) {
        this.pipeline = pipeline;
        this.blockSize = blockSize;
    }

    /** Uploads {@code file} ({@code size} bytes) as the block blob {@code blobName}, replacing one of that name. */
    void upload(BlobContainer container, String blobName, Path file, long size) {
        if (size <= blockSize) {
            byte[] bytes = read(file, 0, (int) size);
            HttpRequest put = request(HttpMethod.PUT, container.signedUrl(blobName, ""), bytes);
            put.setHeader(BLOB_TYPE, "BlockBlob");
            send(put, container, blobName, 201);
            return;
        }
        List<String> ids = new ArrayList<>();
        for (long offset = 0; offset < size; offset += blockSize) {
            String id = Base64.getEncoder()
                    .encodeToString(
                            String.format(Locale.ROOT, "block-%08d", ids.size()).getBytes(StandardCharsets.UTF_8));
            ids.add(id);
            byte[] bytes = read(file, offset, (int) Math.min(blockSize, size - offset));
            String query = "comp=block&blockid="
                    + id.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
            send(request(HttpMethod.PUT, container.signedUrl(blobName, query), bytes), container, blobName, 201);
        }
        StringBuilder list = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        ids.forEach(id -> list.append("<Latest>").append(id).append("</Latest>"));
        list.append("</BlockList>");
        HttpRequest commit = request(
                HttpMethod.PUT,
                container.signedUrl(blobName, "comp=blocklist"),
                list.toString().getBytes(StandardCharsets.UTF_8));
        commit.setHeader(HttpHeaderName.CONTENT_TYPE, "application/xml");
        send(commit, container, blobName, 201);
        LOG.debug("Uploaded {} in {} blocks", blobName, ids.size());
    }

    /** The metadata of blob {@code blobName}, empty when there is no such blob. */
    Optional<Map<String, String>> metadata(BlobContainer container, String blobName) {
        HttpRequest head = request(HttpMethod.HEAD, container.signedUrl(blobName, ""), null);
        try (HttpResponse response = pipeline.sendSync(head, Context.NONE)) {
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            requireStatus(response, head, container, blobName, 200);
            Map<String, String> metadata = new LinkedHashMap<>();
            response.getHeaders().stream()
                    .filter(h -> h.getName().toLowerCase(Locale.ROOT).startsWith(META))
                    .forEach(h ->
                            metadata.put(h.getName().substring(META.length()).toLowerCase(Locale.ROOT), h.getValue()));
            return Optional.of(metadata);
        }
    }

    /** Replaces the metadata of blob {@code blobName}. */
    void setMetadata(BlobContainer container, String blobName, Map<String, String> metadata) {
        HttpRequest put = request(HttpMethod.PUT, container.signedUrl(blobName, "comp=metadata"), new byte[0]);
        metadata.forEach((k, v) -> put.setHeader(HttpHeaderName.fromString(META + k), v));
        send(put, container, blobName, 200);
    }

    private static HttpRequest request(HttpMethod method, String url, byte[] body) {
        HttpRequest request = new HttpRequest(method, url);
        request.setHeader(VERSION, SERVICE_VERSION);
        request.setHeader(DATE, new DateTimeRfc1123(OffsetDateTime.now(ZoneOffset.UTC)).toString());
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_LENGTH, Integer.toString(body.length));
            request.setBody(BinaryData.fromBytes(body));
        }
        return request;
    }

    private void send(HttpRequest request, BlobContainer container, String blobName, int expected) {
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            requireStatus(response, request, container, blobName, expected);
        }
    }

    private static void requireStatus(
            HttpResponse response, HttpRequest request, BlobContainer container, String blobName, int expected) {
        int status = response.getStatusCode();
        if (status != expected) {
            HttpHeaders headers = response.getHeaders();
            String code = headers.getValue(ERROR_CODE);
            throw new ArcmlException("Blob storage answered " + request.getHttpMethod() + " "
                    + container.blobUrl(blobName) + " with status " + status + (code == null ? "" : " " + code)
                    + (status == 403
                            ? ": the upload's shared access signature was refused (expired, or the storage account's"
                                    + " firewall does not let this machine in)"
                            : ""));
        }
    }

    private static byte[] read(Path file, long offset, int length) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            return in.readNBytes(length);
        } catch (IOException e) {
            throw new ArcmlException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
