package io.arcml.transport.arm;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An ARM error response as kept by the {@code ManagementException} inside an {@link ArmException}:
 * status, headers and body, read and buffered, so that it outlives the connection. Also the answer
 * the pipeline's logging sees in place of one whose secrets {@link ProtectedBodyPolicy} withholds. Its request is a
 * bare copy (method and URL without the query), so that neither the bearer token of the
 * {@code Authorization} header nor the signature in an operation URL's query is reachable from the exception.
 */
final class ArmErrorResponse extends HttpResponse {
    private final int statusCode;
    private final HttpHeaders headers;
    private final byte[] body;

    ArmErrorResponse(HttpMethod method, String urlWithoutQuery, int statusCode, HttpHeaders headers, String body) {
        super(new HttpRequest(method, urlWithoutQuery));
        this.statusCode = statusCode;
        this.headers = new HttpHeaders(headers);
        this.body = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int getStatusCode() {
        return statusCode;
    }

    @Override
    @Deprecated
    public String getHeaderValue(String name) {
        return headers.getValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
        return Flux.just(ByteBuffer.wrap(body.clone()));
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
        return Mono.just(body.clone());
    }

    @Override
    public Mono<String> getBodyAsString() {
        return getBodyAsString(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<String> getBodyAsString(Charset charset) {
        return Mono.just(new String(body, charset));
    }
}
