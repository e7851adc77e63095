package io.arcml.transport.arm;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.arcml.ArcmlException;
import java.net.URL;
import java.util.Locale;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Refuses a request the bearer token must not follow: to a host other than the management
 * endpoint's, or over plain HTTP to anything but a loopback address. It sits before the retry
 * policy in the pipeline: a refusal is a verdict on the URL, which no retry changes, so it fails
 * at once, without back-off and without the retry policy's error logs.
 */
final class TokenDestinationPolicy implements HttpPipelinePolicy {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final String endpointHost;

    TokenDestinationPolicy(String endpointHost) {
        this.endpointHost = endpointHost.toLowerCase(Locale.ROOT);
    }

    /** True for the host names of the local machine's loopback interface. */
    static boolean isLoopback(String host) {
        return host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            check(context.getHttpRequest().getUrl());
            return next.process();
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        check(context.getHttpRequest().getUrl());
        return next.processSync();
    }

    /** Throws when the token may not be sent to {@code url}. */
    void check(URL url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals(endpointHost)) {
            throw new ArcmlException("Refusing to send the Azure token to " + host
                    + ": Azure Resource Manager returned a URL " + "outside the management endpoint " + endpointHost
                    + ". Check the endpoint setting and any proxy in the way");
        }
        if (!"https".equalsIgnoreCase(url.getProtocol()) && !isLoopback(host)) {
            throw new ArcmlException("Refusing to send the Azure token over plain HTTP to " + host
                    + ": use https (plain http is only accepted for 127.0.0.1 or localhost, e.g. a test emulator)");
        }
    }
}
