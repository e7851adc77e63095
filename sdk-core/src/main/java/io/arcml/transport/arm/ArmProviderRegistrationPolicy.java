package io.arcml.transport.arm;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.resources.models.Provider;
import com.azure.resourcemanager.resources.models.Providers;
import io.arcml.ArcmlException;
import io.arcml.ErrorDetail;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers ARM's {@code MissingSubscriptionRegistration} for the resource providers arcml needs
 * ({@code Microsoft.KubernetesConfiguration}, {@code Microsoft.Kubernetes},
 * {@code Microsoft.MachineLearningServices}, the how-to's prerequisites): registers the provider on
 * the subscription through azure-resourcemanager-resources' {@link Providers}, waits until its
 * {@code registrationState} is {@code Registered} (one read per poll interval), then sends the
 * refused request once more. Any other namespace is left alone: the error reaches the caller.
 *
 * <p>azure-resourcemanager's own {@code ProviderRegistrationPolicy} is not used: it registers
 * whichever namespace the error names, answers only 409 (ARM also answers 400), polls on a fixed
 * 10 s for up to 30 rounds, and has only an asynchronous path.
 */
final class ArmProviderRegistrationPolicy implements HttpPipelinePolicy {
    /** The providers this policy registers, lower case. */
    static final Set<String> NAMESPACES =
            Set.of("microsoft.kubernetesconfiguration", "microsoft.kubernetes", "microsoft.machinelearningservices");
    /** How long a registration may take before the request fails; Azure's documentation speaks of minutes. */
    static final Duration REGISTRATION_LIMIT = Duration.ofMinutes(15);
    /** How the registration's poll ends azure-core's loop when the limit has passed. */
    private static final LongRunningOperationStatus TIMED_OUT =
            LongRunningOperationStatus.fromString("TIMED_OUT", true);

    private static final Logger LOG = LoggerFactory.getLogger(ArmProviderRegistrationPolicy.class);

    private final String subscriptionId;
    private final Duration pollInterval;
    private final Duration limit;
    private volatile Providers providers;

    ArmProviderRegistrationPolicy(String subscriptionId, Duration pollInterval) {
        this(subscriptionId, pollInterval, REGISTRATION_LIMIT);
    }

    /** With a registration limit of its own (tests). */
    ArmProviderRegistrationPolicy(String subscriptionId, Duration pollInterval, Duration limit) {
        this.subscriptionId = subscriptionId;
        this.pollInterval = pollInterval;
        this.limit = limit;
    }

    /** The providers API, on the pipeline this policy is part of (set once that pipeline is built). */
    void providers(Providers providers) {
        this.providers = providers;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpPipelineNextSyncPolicy again = next.clone();
        HttpResponse response = next.processSync();
        if (!mayBeMissingRegistration(response)) {
            return response;
        }
        HttpResponse buffered = response.buffer();
        String namespace = namespaceToRegister(buffered.getBodyAsBinaryData().toString());
        if (namespace == null) {
            return buffered;
        }
        buffered.close();
        register(namespace, context);
        return again.processSync();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        HttpPipelineNextPolicy again = next.clone();
        return next.process().flatMap(response -> {
            if (!mayBeMissingRegistration(response)) {
                return Mono.just(response);
            }
            HttpResponse buffered = response.buffer();
            return buffered.getBodyAsString().defaultIfEmpty("").flatMap(body -> {
                String namespace = namespaceToRegister(body);
                if (namespace == null) {
                    return Mono.just(buffered);
                }
                buffered.close();
                return Mono.fromRunnable(() -> register(namespace, context))
                        .subscribeOn(Schedulers.boundedElastic())
                        .then(again.process());
            });
        });
    }

    private static boolean mayBeMissingRegistration(HttpResponse response) {
        return response.getStatusCode() == 409 || response.getStatusCode() == 400;
    }

    /** The namespace to register, when the body is a {@code MissingSubscriptionRegistration} for one of {@link #NAMESPACES}. */
    static String namespaceToRegister(String body) {
        String namespace = ArmErrors.missingRegistrationNamespace(body);
        return namespace != null && NAMESPACES.contains(namespace.toLowerCase(Locale.ROOT)) ? namespace : null;
    }

    private void register(String namespace, HttpPipelineCallContext context) {
        String request = context.getHttpRequest().getHttpMethod() + " "
                + ArmClient.pathOf(context.getHttpRequest().getUrl().toString());
        LOG.info(
                "Subscription {} is not registered for {}: registering it (az provider register --namespace {}), then sending {} again",
                subscriptionId,
                namespace,
                namespace,
                request);
        long deadline = System.nanoTime() + limit.toNanos();
        Provider registering = read(namespace, () -> providers.register(namespace));
        // azure-core's polling loop, the one every wait of arcml runs on: a read per poll interval.
        PollResponse<Provider> end;
        try {
            end = SyncPoller.<Provider, Provider>createPoller(
                            pollInterval,
                            polling -> registration(registering, deadline),
                            polling -> registration(read(namespace, () -> providers.getByName(namespace)), deadline),
                            (polling, last) -> null,
                            polling -> polling.getLatestResponse().getValue())
                    .waitForCompletion();
        } catch (RuntimeException e) {
            throw unwrapped(e);
        }
        if (end.getStatus() == TIMED_OUT) {
            throw new ArcmlException("Resource provider " + namespace + " is still "
                    + end.getValue().registrationState() + " on subscription " + subscriptionId + " after "
                    + limit.toMinutes() + " minutes. Check it with "
                    + "'az provider show --namespace " + namespace
                    + " --query registrationState' and try again once it is Registered");
        }
        LOG.info("Resource provider {} is registered on subscription {}", namespace, subscriptionId);
    }

    /** The provider as a registration call answers it; a refusal (no right to register, say) becomes arcml's exception with the fix. */
    private Provider read(String namespace, Supplier<Provider> call) {
        try {
            return call.get();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null
                    ? ArmException.NO_RESPONSE
                    : e.getResponse().getStatusCode();
            ManagementError error = e instanceof ManagementException management ? management.getValue() : null;
            String path = "/subscriptions/" + subscriptionId + "/providers/" + namespace;
            throw new ArmException(
                    status,
                    ErrorDetail.of(
                            error == null ? "ProviderRegistrationFailed" : error.getCode(),
                            "Registering resource provider " + namespace + " failed"
                                    + (error == null ? "" : ": " + error.getMessage())
                                    + ". Ask someone with the subscription's Contributor role to run 'az provider register --namespace "
                                    + namespace + "'"),
                    null,
                    "POST",
                    path + "/register",
                    e.getResponse() == null
                            ? null
                            : e.getResponse().getHeaders().getValue(HttpHeaderName.X_MS_REQUEST_ID),
                    e);
        }
    }

    /** A read of the provider as a poll response: done once Registered, timed out past the deadline. */
    private static PollResponse<Provider> registration(Provider provider, long deadline) {
        if ("Registered".equalsIgnoreCase(provider.registrationState())) {
            return new PollResponse<>(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED, provider);
        }
        return new PollResponse<>(
                System.nanoTime() - deadline > 0 ? TIMED_OUT : LongRunningOperationStatus.IN_PROGRESS, provider);
    }

    /**
     * What azure-core's loop threw, as arcml's error: a refused read ({@link ArmException}) as it
     * was, an interrupt of the waiting thread as an {@link ArcmlException} with the flag kept.
     */
    private static RuntimeException unwrapped(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ArcmlException arcml) {
                return arcml;
            }
            if (cause instanceof InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new ArcmlException(
                        "Interrupted while waiting for a resource provider registration", interrupted);
            }
        }
        return e;
    }
}
