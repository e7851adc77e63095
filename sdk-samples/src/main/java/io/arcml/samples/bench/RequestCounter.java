package io.arcml.samples.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, on the client side, every request a fabric8 client sends (creates, lists, watches,
 * retries), for a server that cannot tell one client's requests from its controllers'.
 */
final class RequestCounter implements Interceptor {
    /** The name the counter is registered under in the client's interceptors. */
    static final String NAME = "arcml-bench-request-counter";

    private final AtomicLong sent = new AtomicLong();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        sent.incrementAndGet();
    }

    /** The requests sent so far. */
    long sent() {
        return sent.get();
    }
}
