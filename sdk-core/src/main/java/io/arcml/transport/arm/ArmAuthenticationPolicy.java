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
import java.time.Duration;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * Adds the bearer token from a {@link TokenCredential} (cached until five minutes before it expires)
 * and guards where it goes: only to the management endpoint's host, and over plain HTTP only to
 * a loopback address ({@code 127.0.0.1}, {@code localhost}, {@code ::1}) such as a test emulator.
 * URLs the service hands out (operation status, {@code nextLink}) pass the same check, the
 * {@link TokenDestinationPolicy}'s; that policy also runs before the retry policy, so a refusal
 * fails at once and this check is the guard of last resort.
 */
final class ArmAuthenticationPolicy implements HttpPipelinePolicy {
    /** A token this close to its expiry is renewed before it is sent. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final TokenRequestContext tokenRequest;
    private final TokenDestinationPolicy destination;
    private final String scope;
    private AccessToken cached;

    ArmAuthenticationPolicy(TokenCredential credential, String scope, String endpointHost) {
        this.credential = credential;
        this.tokenRequest = new TokenRequestContext().addScopes(scope);
        this.scope = scope;
        this.destination = new TokenDestinationPolicy(endpointHost);
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            destination.check(context.getHttpRequest().getUrl());
            authorize(context, token());
            return next.process();
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        destination.check(context.getHttpRequest().getUrl());
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
}
