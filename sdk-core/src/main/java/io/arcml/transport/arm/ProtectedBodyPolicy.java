package io.arcml.transport.arm;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import java.net.URL;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * The last policy of the pipeline: puts the real body (with protected settings and connection
 * strings) on a copy of the request just before it is sent. Every policy before it, the logging
 * policy in particular, sees only the masked body; the retry policy re-sends from the masked
 * original, so the real body never stays on a request another policy reads.
 *
 * <p>The other way round for a response that carries secrets (a datastore's keys): when the
 * context holds {@link #SECRET_RESPONSE_KEY}, the real body is handed to the caller through that
 * holder and the policies before this one, logging included, see a body with the secrets left out.
 */
final class ProtectedBodyPolicy implements HttpPipelinePolicy {
    /** The {@link com.azure.core.util.Context} key of the real body. */
    static final String CONTEXT_KEY = "io.arcml.transport.arm.protected-body";
    /** The {@link com.azure.core.util.Context} key of an {@code AtomicReference<String>} that receives a secret response's body. */
    static final String SECRET_RESPONSE_KEY = "io.arcml.transport.arm.secret-response";

    private static final String WITHHELD = "{\"withheld\":\"the response carries secrets\"}";

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        reveal(context);
        return next.process().map(response -> withhold(context, response));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        reveal(context);
        return withhold(context, next.processSync());
    }

    private static void reveal(HttpPipelineCallContext context) {
        context.getData(CONTEXT_KEY)
                .ifPresent(body ->
                        context.setHttpRequest(context.getHttpRequest().copy().setBody((BinaryData) body)));
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse withhold(HttpPipelineCallContext context, HttpResponse response) {
        Object holder = context.getData(SECRET_RESPONSE_KEY).orElse(null);
        if (!(holder instanceof AtomicReference<?>) || response.getStatusCode() / 100 != 2) {
            return response;
        }
        try (response) {
            BinaryData body = response.getBodyAsBinaryData();
            ((AtomicReference<String>) holder).set(body == null ? "" : body.toString());
            HttpRequest request = response.getRequest();
            URL url = request.getUrl();
            return new ArmErrorResponse(
                    request.getHttpMethod(),
                    url.getProtocol() + "://" + url.getAuthority() + ArmClient.pathOf(url.toString()),
                    response.getStatusCode(),
                    response.getHeaders(),
                    WITHHELD);
        }
    }
}
