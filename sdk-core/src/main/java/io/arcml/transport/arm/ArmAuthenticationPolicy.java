package io.arcml.transport.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.SimpleTokenCache;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
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
 * Adds the bearer token from a {@link TokenCredential} (cached until shortly before it expires)
 * and guards where it goes: only to the management endpoint's host, and over plain HTTP only to
 * a loopback address ({@code 127.0.0.1}, {@code localhost}, {@code ::1}) such as a test emulator.
 * URLs the service hands out (operation status, {@code nextLink}) pass the same check.
 */
final class ArmAuthenticationPolicy implements HttpPipelinePolicy {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final SimpleTokenCache tokens;
    private final String endpointHost;
    private final String scope;
    private final String credentialName;

    ArmAuthenticationPolicy(TokenCredential credential, String scope, String endpointHost) {
        TokenRequestContext request = new TokenRequestContext().addScopes(scope);
        this.tokens = new SimpleTokenCache(() -> credential.getToken(request));
        this.scope = scope;
        this.credentialName = credential.getClass().getSimpleName();
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
            return tokens.getToken().onErrorMap(e -> !(e instanceof ArcmlException), this::tokenFailure).flatMap(token -> {
                authorize(context, token);
                return next.process();
            });
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        check(context.getHttpRequest().getUrl());
        AccessToken token;
        try {
            token = tokens.getToken().block();
        } catch (RuntimeException e) {
            throw tokenFailure(e);
        }
        authorize(context, token);
        return next.processSync();
    }

    /** A credential that cannot give a token is a setup problem, not a network one: it is not retried. */
    private ArcmlException tokenFailure(Throwable e) {
        return new ArcmlException("Could not get an Azure token for " + scope + " from " + credentialName + ": " + e.getMessage()
                + ". With DefaultAzureCredential, run 'az login', or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET, "
                + "or run where a managed identity is assigned", e);
    }

    private static void authorize(HttpPipelineCallContext context, AccessToken token) {
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token.getToken());
    }

    private void check(URL url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals(endpointHost)) {
            throw new ArcmlException("Refusing to send the Azure token to " + host + ": Azure Resource Manager returned a URL "
                    + "outside the management endpoint " + endpointHost + ". Check the endpoint setting and any proxy in the way");
        }
        if (!"https".equalsIgnoreCase(url.getProtocol()) && !isLoopback(host)) {
            throw new ArcmlException("Refusing to send the Azure token over plain HTTP to " + host
                    + ": use https (plain http is only accepted for 127.0.0.1 or localhost, e.g. a test emulator)");
        }
    }
}
