package io.arcml.transport.arm;

import io.arcml.ArcmlException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A blob container arcml may write to, and the shared access signature that lets it: the
 * container's URL (no query) and the SAS query, a secret that is never logged, shown or put in a
 * message ({@link #toString()} names the container only). Only {@code https} is taken, or plain
 * {@code http} to a loopback address (a test emulator).
 */
final class BlobContainer {
    private final String url;
    private final String sas;

    private BlobContainer(String url, String sas) {
        this.url = url;
        this.sas = sas;
    }

    /**
     * The container of a SAS URI as Azure ML hands it out ({@code https://<account>.blob.core.windows.net/<container>?sv=...}):
     * the first path segment is the container.
     *
     * @param what where the URI came from, as a message names it
     */
    static BlobContainer ofSasUri(String sasUri, String what) {
        URI uri;
        try {
            uri = new URI(sasUri);
        } catch (URISyntaxException e) {
            throw new ArcmlException(what + " is not a URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+", "");
        String container = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (uri.getHost() == null || container.isEmpty() || uri.getRawQuery() == null) {
            throw new ArcmlException(what + " names no blob container with a shared access signature (https://"
                    + uri.getHost() + "/" + container + ")");
        }
        return of(uri.getScheme() + "://" + uri.getRawAuthority() + "/" + container, uri.getRawQuery(), what);
    }

    /** The container at {@code containerUrl}, written with the SAS query {@code sas} (without {@code ?}). */
    static BlobContainer of(String containerUrl, String sas, String what) {
        URI uri = URI.create(containerUrl);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && TokenDestinationPolicy.isLoopback(uri.getHost()))) {
            throw new ArcmlException("Refusing to send a storage signature over " + scheme + " to " + uri.getHost()
                    + ": " + what + " is not https");
        }
        return new BlobContainer(containerUrl.replaceAll("/+$", ""), sas.startsWith("?") ? sas.substring(1) : sas);
    }

    /** The container's URL, without the signature: {@code https://<account>.blob.core.windows.net/<container>}. */
    String url() {
        return url;
    }

    /** The URL of a blob, without the signature. */
    String blobUrl(String blobName) {
        StringBuilder sb = new StringBuilder(url);
        for (String segment : blobName.split("/")) {
            sb.append('/')
                    .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    /** The URL of a blob with the signature and {@code extraQuery} ({@code comp=block&blockid=...}, or empty): what is sent. */
    String signedUrl(String blobName, String extraQuery) {
        return blobUrl(blobName) + "?" + (extraQuery.isEmpty() ? "" : extraQuery + "&") + sas;
    }

    @Override
    public String toString() {
        return "BlobContainer{" + url + "}";
    }
}
