package io.arcml.transport.arm;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import reactor.core.publisher.Mono;

/**
 * The last policy of the pipeline: puts the real body (with protected settings and connection
 * strings) on a copy of the request just before it is sent. Every policy before it, the logging
 * policy in particular, sees only the masked body; the retry policy re-sends from the masked
 * original, so the real body never stays on a request another policy reads.
 */
final class ProtectedBodyPolicy implements HttpPipelinePolicy {
    /** The {@link com.azure.core.util.Context} key of the real body. */
    static final String CONTEXT_KEY = "io.arcml.transport.arm.protected-body";

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        reveal(context);
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        reveal(context);
        return next.processSync();
    }

    private static void reveal(HttpPipelineCallContext context) {
        context.getData(CONTEXT_KEY)
                .ifPresent(body ->
                        context.setHttpRequest(context.getHttpRequest().copy().setBody((BinaryData) body)));
    }
}
