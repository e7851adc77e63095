package io.arcml.samples.bench;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, on the client side, every request a fabric8 client sends (creates, lists, watches,
 * retries), for a server that cannot tell one client's requests from its controllers', and how
 * many were in flight at once: from the request leaving the client to its answer's headers coming
 * back.
 */
final class RequestCounter implements Interceptor {
    /** The name the counter is registered under in the client's interceptors. */
    static final String NAME = "arcml-bench-request-counter";

    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    /** The sum of the send times of the requests sent, and of the answer times of those answered. */
    private final LongAdder sentAtNanos = new LongAdder();

    private final LongAdder answeredAtNanos = new LongAdder();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        sentAtNanos.add(System.nanoTime());
        sent.incrementAndGet();
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        answered();
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        answered();
    }

    private void answered() {
        answeredAtNanos.add(System.nanoTime());
        answered.incrementAndGet();
        inFlight.decrementAndGet();
    }

    /** The requests sent so far. */
    long sent() {
        return sent.get();
    }

    /** What has been counted so far; the difference of two readings is what happened between them. */
    Reading read() {
        return new Reading(
                sent.get(),
                answered.get(),
                answeredAtNanos.sum() - sentAtNanos.sum(),
                mostInFlight.getAndSet(inFlight.get()));
    }

    /**
     * The counts at one moment.
     *
     * @param sent requests sent
     * @param answered requests answered (or failed to connect)
     * @param waitedNanos the sum of the answer times less the sum of the send times: between two
     *     readings with nothing in flight at either, the time all requests in between spent in
     *     flight, added up
     * @param mostInFlight the most requests in flight at once since the reading before
     */
    record Reading(long sent, long answered, long waitedNanos, int mostInFlight) {
        /** What was counted from {@code earlier} to this reading. */
        Reading since(Reading earlier) {
            return new Reading(
                    sent - earlier.sent, answered - earlier.answered, waitedNanos - earlier.waitedNanos, mostInFlight);
        }
    }
}
