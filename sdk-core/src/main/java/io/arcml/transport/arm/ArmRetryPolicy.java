package io.arcml.transport.arm;

import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.RetryStrategy;
import io.arcml.ArcmlException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * The ARM pipeline's retry policy: azure-core's, with the user's {@link RetryOptions}, except that
 * a refusal raised by arcml's own policies inside the pipeline (a credential that cannot give a
 * token, a token headed to a host it must not reach) is a setup error, not a network one. It fails
 * at once: retrying it would only ask the credential again after each back-off pause.
 *
 * <p>azure-core asks its retry condition about the thrown exception and then about each of its
 * causes, so the causes of a refusal (the credential's own exception) are remembered and refused too.
 */
final class ArmRetryPolicy implements Predicate<RequestRetryCondition> {
    private final Predicate<RequestRetryCondition> retried;
    private final Set<Throwable> refusalCauses =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private ArmRetryPolicy(Predicate<RequestRetryCondition> retried) {
        this.retried = retried;
    }

    /** A retry policy following {@code options} that never retries an {@link ArcmlException} nor its causes. */
    static RetryPolicy create(RetryOptions options) {
        RetryOptions copy = options.getExponentialBackoffOptions() != null
                ? new RetryOptions(options.getExponentialBackoffOptions())
                : new RetryOptions(options.getFixedDelayOptions());
        RetryStrategy plain = options.getExponentialBackoffOptions() != null
                ? new ExponentialBackoff(options.getExponentialBackoffOptions())
                : new FixedDelay(options.getFixedDelayOptions());
        Predicate<RequestRetryCondition> retried = options.getShouldRetryCondition() != null
                ? options.getShouldRetryCondition()
                : plain::shouldRetryCondition;
        return new RetryPolicy(copy.setShouldRetryCondition(new ArmRetryPolicy(retried)));
    }

    @Override
    public boolean test(RequestRetryCondition condition) {
        Throwable thrown = condition.getThrowable();
        if (thrown instanceof ArcmlException) {
            for (Throwable cause = thrown.getCause();
                    cause != null && refusalCauses.add(cause);
                    cause = cause.getCause()) {
                // remembered, so that azure-core's question about each cause gets the same answer
            }
            return false;
        }
        return !(thrown != null && refusalCauses.contains(thrown)) && retried.test(condition);
    }
}
