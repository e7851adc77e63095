package io.arcml.transport.arm;

import com.azure.core.credential.AccessToken;
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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Adds the bearer token from a {@link TokenCredential} (cached until five minutes before it expires)
 * and guards where it goes: only to the management endpoint's host, and over plain HTTP only to
 * a loopback address ({@code 127.0.0.1}, {@code localhost}, {@code ::1}) such as a test emulator.
 * URLs the service hands out (operation status, {@code nextLink}) pass the same check.
 */
final class ArmAuthenticationPolicy implements HttpPipelinePolicy {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    /** A token this close to its expiry is renewed before it is sent. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final TokenRequestContext tokenRequest;
    private final String endpointHost;
    private final String scope;
    private AccessToken cached;

    ArmAuthenticationPolicy(TokenCredential credential, String scope, String endpointHost) {
        this.credential = credential;
        this.tokenRequest = new TokenRequestContext().addScopes(scope);
        this.scope = scope;
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
            authorize(context, token());
            return next.process();
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        check(context.getHttpRequest().getUrl());
        authorize(context, token());
        return next.processSync();
    }

    /**
     * The cached token, or a new one when it is missing or about to expire. A credential that
     * cannot give a token is a setup problem, not a network one: it fails at once and is not retried.
     */
    private synchronized AccessToken token() {
        if (cached == null || cached.getExpiresAt().minus(RENEW_BEFORE_EXPIRY).isBefore(OffsetDateTime.now())) {
            AccessToken fresh;
            try {
                fresh = credential.getTokenSync(tokenRequest);
            } catch (RuntimeException e) {
                throw new ArcmlException("Could not get an Azure token for " + scope + " from " + credential.getClass().getSimpleName()
                        + ": " + e.getMessage() + ". With DefaultAzureCredential, run 'az login', or set AZURE_CLIENT_ID, "
                        + "AZURE_TENANT_ID and AZURE_CLIENT_SECRET, or run where a managed identity is assigned", e);
            }
            if (fresh == null) {
                throw new ArcmlException("The credential " + credential.getClass().getSimpleName() + " gave no token for " + scope);
            }
            cached = fresh;
        }
        return cached;
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
