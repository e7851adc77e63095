package io.arcml.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ArcmlException;
import io.arcml.ErrorDetail;
import io.arcml.OperationTimeoutException;
import io.arcml.transport.ControlPlaneException;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.OperationStatus.State;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OperationWaiterTest {
    private static OperationStatus status(State state, String text) {
        return new OperationStatus(state, text, null, Duration.ZERO);
    }

    private static Supplier<OperationStatus> sequence(OperationStatus... statuses) {
        Deque<OperationStatus> q = new ArrayDeque<>(List.of(statuses));
        return q::pop;
    }

    @Test
    void printsTheStateADotPerUnchangedReadAndEachNewState() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

        OperationStatus end = OperationWaiter.await(
                "attach",
                () -> status(State.IN_PROGRESS, "Creating"),
                sequence(
                        status(State.IN_PROGRESS, "Creating"),
                        status(State.IN_PROGRESS, "Creating"),
                        status(State.IN_PROGRESS, "Updating"),
                        status(State.SUCCEEDED, "Succeeded")),
                null,
                out);

        assertThat(end.state()).isEqualTo(State.SUCCEEDED);
        assertThat(buf.toString(StandardCharsets.UTF_8))
                .isEqualTo("Creating..UpdatingSucceeded" + System.lineSeparator());
    }

    @Test
    void aTerminalInitialStatusSendsNoRead() {
        AtomicInteger reads = new AtomicInteger();
        OperationWaiter.await(
                "op",
                () -> status(State.SUCCEEDED, "Succeeded"),
                () -> {
                    reads.incrementAndGet();
                    return status(State.SUCCEEDED, "Succeeded");
                },
                null,
                null);
        assertThat(reads).hasValue(0);
    }

    @Test
    void waitsTheRetryAfterTheServiceAsksForBetweenReads() {
        OperationStatus slow = new OperationStatus(State.IN_PROGRESS, "Creating", null, Duration.ofMillis(60));
        long[] times = new long[3];
        AtomicInteger i = new AtomicInteger();
        OperationWaiter.await(
                "op",
                () -> {
                    times[0] = System.nanoTime();
                    return slow;
                },
                () -> {
                    int n = i.incrementAndGet();
                    times[n] = System.nanoTime();
                    return n < 2 ? slow : status(State.SUCCEEDED, "Succeeded");
                },
                null,
                null);

        assertThat(Duration.ofNanos(times[1] - times[0])).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        assertThat(Duration.ofNanos(times[2] - times[1])).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    }

    @Test
    void aNonRetryableReadFailureEndsTheWait() {
        ControlPlaneException notFound =
                new ControlPlaneException(404, ErrorDetail.of("NotFound", "no such operation"), null);
        assertThatThrownBy(() -> OperationWaiter.await(
                        "op",
                        () -> status(State.IN_PROGRESS, "Creating"),
                        () -> {
                            throw notFound;
                        },
                        null,
                        null))
                .isSameAs(notFound);
    }

    @Test
    void retryableReadFailuresAreRetriedUpToTheBudget() {
        AtomicInteger reads = new AtomicInteger();
        ControlPlaneException throttled =
                new ControlPlaneException(429, ErrorDetail.of("TooManyRequests", "slow down"), Duration.ZERO);

        assertThatThrownBy(() -> OperationWaiter.await(
                        "op",
                        () -> status(State.IN_PROGRESS, "Creating"),
                        () -> {
                            reads.incrementAndGet();
                            throw throttled;
                        },
                        null,
                        null))
                .isSameAs(throttled);
        assertThat(reads).hasValue(OperationWaiter.MAX_CONSECUTIVE_POLL_FAILURES);
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheInterruptFlag() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                OperationWaiter.await(
                        "attach of compute 'x'",
                        () -> new OperationStatus(State.IN_PROGRESS, "Creating", null, Duration.ofMinutes(5)),
                        () -> status(State.SUCCEEDED, "Succeeded"),
                        null,
                        null);
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        t.start();
        t.interrupt();
        t.join(10_000);

        assertThat(thrown.get())
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("Interrupted while waiting for the attach of compute 'x'");
        assertThat(flag.get()).isTrue();
    }

    @Test
    void aFailedReadAndATimeoutEndTheWaitWithoutAzureCoresErrorLog() {
        ControlPlaneException notFound =
                new ControlPlaneException(404, ErrorDetail.of("NotFound", "no such operation"), null);
        OperationStatus creating = new OperationStatus(State.IN_PROGRESS, "Creating", null, Duration.ofMillis(20));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            AtomicInteger reads = new AtomicInteger();
            assertThatThrownBy(() -> OperationWaiter.await(
                            "op",
                            () -> creating,
                            () -> {
                                if (reads.incrementAndGet() > 1) {
                                    throw notFound;
                                }
                                return creating;
                            },
                            null,
                            null))
                    .isSameAs(notFound);
            assertThatThrownBy(() -> OperationWaiter.await(
                            "attach", () -> creating, () -> creating, Duration.ofMillis(100), null))
                    .isInstanceOf(OperationTimeoutException.class);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .doesNotContain("PollingUtil")
                .doesNotContain("ERROR");
    }

    @Test
    void aTimeoutEndsTheWaitAtItsDeadlineEvenWhenTheServiceAsksForALongerPause() {
        AtomicInteger reads = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> OperationWaiter.await(
                        "attach",
                        () -> new OperationStatus(State.IN_PROGRESS, "Creating", null, Duration.ofMinutes(5)),
                        () -> {
                            reads.incrementAndGet();
                            return status(State.SUCCEEDED, "Succeeded");
                        },
                        Duration.ofMillis(200),
                        null))
                .isInstanceOfSatisfying(
                        OperationTimeoutException.class,
                        e -> assertThat(e.lastStatus()).isEqualTo("Creating"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(reads).as("no read before the service's pause").hasValue(0);
    }
}
