package io.arcml.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.resource.ResourceState;
import io.arcml.transport.ComputeResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentComputesTest {
    private static final Duration REUSE = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong();
    private final RecentComputes recent = new RecentComputes(REUSE, now::get);
    private final AtomicInteger reads = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void whileOneSubmissionReadsAStaleRecordAgainTheOthersGoOnWithTheRecordItReplaces() throws Exception {
        recent.get("c", reading(record("c", "first")));
        now.addAndGet(REUSE.toNanos());
        CountDownLatch readStarted = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        Future<StoredCompute> rereading = threads.submit(() -> recent.get("c", name -> {
            readStarted.countDown();
            await(answer);
            return reading(record("c", "second")).apply(name);
        }));
        assertThat(readStarted.await(10, TimeUnit.SECONDS)).isTrue();

        // Each of these would wait for the answer held above if the other submissions waited for the re-read.
        List<Future<StoredCompute>> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            others.add(threads.submit(() -> recent.get("c", reading(record("c", "unexpected")))));
        }
        for (Future<StoredCompute> other : others) {
            assertThat(other.get(10, TimeUnit.SECONDS).resource().location()).isEqualTo("first");
        }
        answer.countDown();

        assertThat(rereading.get(10, TimeUnit.SECONDS).resource().location()).isEqualTo("second");
        assertThat(recent.get("c", reading(record("c", "unexpected")))
                        .resource()
                        .location())
                .isEqualTo("second");
        assertThat(reads).as("reads of the record").hasValue(2);
    }

    @Test
    void theFirstSubmissionsToAComputeShareOneRead() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        List<CompletableFuture<StoredCompute>> submissions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            submissions.add(CompletableFuture.supplyAsync(
                    () -> recent.get("c", name -> {
                        await(answer);
                        return reading(record("c", "first")).apply(name);
                    }),
                    threads));
        }
        answer.countDown();

        for (CompletableFuture<StoredCompute> s : submissions) {
            assertThat(s.get(10, TimeUnit.SECONDS).resource().location()).isEqualTo("first");
        }
        assertThat(reads).hasValue(1);
    }

    @Test
    void aComputeReadForItsStatusServesTheSubmissionsThatFollowWithoutARead() {
        recent.remember(record("c", "read-for-status"));

        assertThat(recent.get("c", reading(record("c", "unexpected")))
                        .resource()
                        .location())
                .isEqualTo("read-for-status");
        assertThat(reads).hasValue(0);
    }

    @Test
    void aStaleRecordWhoseReadFailsIsForgottenSoTheNextSubmissionReadsAgain() {
        recent.get("c", reading(record("c", "first")));
        now.addAndGet(REUSE.toNanos());

        assertThatThrownBy(() -> recent.get("c", name -> {
                    throw new IllegalStateException("compute c is detached");
                }))
                .hasMessage("compute c is detached");
        assertThat(recent.get("c", reading(record("c", "attached-again")))
                        .resource()
                        .location())
                .isEqualTo("attached-again");
    }

    @Test
    void aForgottenComputeIsReadAgain() {
        recent.get("c", reading(record("c", "first")));
        recent.forget("c");

        assertThat(recent.get("c", reading(record("c", "second"))).resource().location())
                .isEqualTo("second");
        assertThat(reads).hasValue(2);
    }

    private Function<String, StoredCompute> reading(StoredCompute compute) {
        return name -> {
            reads.incrementAndGet();
            return compute;
        };
    }

    /** A record told apart from the others by its location. */
    private static StoredCompute record(String name, String location) {
        return new StoredCompute(
                new ComputeResource(
                        "/computes/" + name,
                        name,
                        location,
                        ComputeResource.KUBERNETES,
                        null,
                        ResourceState.SUCCEEDED,
                        List.of(),
                        true,
                        null,
                        null,
                        Map.of()),
                null,
                List.of());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
