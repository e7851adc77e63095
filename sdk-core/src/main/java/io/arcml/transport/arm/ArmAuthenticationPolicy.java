package io.arcml.transport.arm;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import io.arcml.ArcmlException;
import reactor.core.publisher.Mono;

/**
 * azure-core-management's {@link ArmChallengeAuthenticationPolicy} (bearer token cached and
 * renewed before it expires; a 401 carrying a {@code WWW-Authenticate: Bearer ... claims="..."}
 * challenge, as Continuous Access Evaluation sends after a session is revoked, gets a new token for
 * those claims and the request is sent once more), behind arcml's guard on where the token goes:
 * only to the management endpoint's host, and over plain HTTP only to a loopback address such as a
 * test emulator. URLs the service hands out (operation status, {@code nextLink}) pass the same
 * check, the {@link TokenDestinationPolicy}'s; that policy also runs before the retry policy, so a
 * refusal fails at once and this check is the guard of last resort.
 *
 * <p>The library refuses every plain-HTTP URL. For the loopback emulators the destination check
 * lets through, this policy runs the library's own steps ({@link #authorizeRequestSync},
 * {@link #authorizeRequestOnChallengeSync}) around the send itself.
 */
final class ArmAuthenticationPolicy extends ArmChallengeAuthenticationPolicy {
    private final TokenDestinationPolicy destination;

    ArmAuthenticationPolicy(TokenCredential credential, String scope, String endpointHost) {
        super(new ExplainedCredential(credential, scope), scope);
        this.destination = new TokenDestinationPolicy(endpointHost);
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.defer(() -> {
            destination.check(context.getHttpRequest().getUrl());
            if (isHttps(context)) {
                return super.process(context, next);
            }
            return authorizeRequest(context)
                    .then(Mono.defer(() -> next.clone().process()))
                    .flatMap(response -> !isChallenge(response)
                            ? Mono.just(response)
                            : authorizeRequestOnChallenge(context, response).flatMap(retry -> {
                                if (!retry) {
                                    return Mono.just(response);
                                }
                                response.close();
                                return next.process();
                            }));
        });
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        destination.check(context.getHttpRequest().getUrl());
        if (isHttps(context)) {
            return super.processSync(context, next);
        }
        authorizeRequestSync(context);
        HttpResponse response = next.clone().processSync();
        if (isChallenge(response) && authorizeRequestOnChallengeSync(context, response)) {
            response.close();
            return next.processSync();
        }
        return response;
    }

    private static boolean isHttps(HttpPipelineCallContext context) {
        return "https".equals(context.getHttpRequest().getUrl().getProtocol());
    }

    private static boolean isChallenge(HttpResponse response) {
        return response.getStatusCode() == 401 && response.getHeaderValue(HttpHeaderName.WWW_AUTHENTICATE) != null;
    }

    /**
     * The user's credential, with its failures told as what they are: a setup problem (no login, no
     * environment variables, no managed identity), not a network one, so they fail at once with the fix.
     */
    private static final class ExplainedCredential implements TokenCredential {
        private final TokenCredential credential;
        private final String scope;

        ExplainedCredential(TokenCredential credential, String scope) {
            this.credential = credential;
            this.scope = scope;
        }

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.defer(() -> credential.getToken(request))
                    .onErrorMap(RuntimeException.class, this::explain)
                    .switchIfEmpty(Mono.error(this::noToken));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            AccessToken token;
            try {
                token = credential.getTokenSync(request);
            } catch (RuntimeException e) {
                throw explain(e);
            }
            if (token == null) {
                throw noToken();
            }
            return token;
        }

        private ArcmlException explain(RuntimeException e) {
            return new ArcmlException(
                    "Could not get an Azure token for " + scope + " from "
                            + credential.getClass().getSimpleName()
                            + ": " + e.getMessage()
                            + ". With DefaultAzureCredential, run 'az login', or set AZURE_CLIENT_ID, "
                            + "AZURE_TENANT_ID and AZURE_CLIENT_SECRET, or run where a managed identity is assigned",
                    e);
        }

        private ArcmlException noToken() {
            return new ArcmlException(
                    "The credential " + credential.getClass().getSimpleName() + " gave no token for " + scope);
        }
    }
}
