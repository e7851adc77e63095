package io.arcml.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.ErrorDetail;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.OperationStatus.State;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OperationGroupTest {
    private static OperationStatus running(long pauseMillis) {
        return new OperationStatus(State.IN_PROGRESS, "Canceling", null, Duration.ofMillis(pauseMillis));
    }

    private static final OperationStatus DONE = new OperationStatus(State.SUCCEEDED, "Succeeded", null, Duration.ZERO);

    /** An operation that answers its statuses in turn, counting its polls. */
    private static LongRunningOperation scripted(
            AtomicInteger polls, OperationStatus initial, OperationStatus... next) {
        Deque<OperationStatus> answers = new ArrayDeque<>(List.of(next));
        return OperationPollers.readings(() -> initial, () -> {
            polls.incrementAndGet();
            return answers.pop();
        });
    }

    @Test
    void waitsTheLongestPauseAnyRunningOneAsksForAndPollsOnlyThoseStillRunning() {
        AtomicInteger fastPolls = new AtomicInteger();
        AtomicInteger slowPolls = new AtomicInteger();
        OperationGroup group = new OperationGroup(
                List.of(scripted(fastPolls, running(10), DONE), scripted(slowPolls, running(300), running(200), DONE)));

        OperationStatus first = group.initialStatus();
        assertThat(first.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(first.retryAfter()).isEqualTo(Duration.ofMillis(300));
        assertThat(first.status()).isEqualTo("2 of 2 running");

        OperationStatus second = group.poll();
        assertThat(second.status()).isEqualTo("1 of 2 running");
        assertThat(second.retryAfter()).isEqualTo(Duration.ofMillis(200));

        assertThat(group.poll().state()).isEqualTo(State.SUCCEEDED);
        assertThat(fastPolls).as("the ended one is not read again").hasValue(1);
        assertThat(slowPolls).hasValue(2);
    }

    @Test
    void failsWithTheFirstFailureOnceAllHaveEnded() {
        OperationStatus failed = new OperationStatus(
                State.FAILED, "Failed", ErrorDetail.of("CancelFailed", "still running"), Duration.ZERO);
        OperationGroup group = new OperationGroup(
                List.of(scripted(new AtomicInteger(), failed), scripted(new AtomicInteger(), running(5), DONE)));

        assertThat(group.initialStatus().state()).isEqualTo(State.IN_PROGRESS);
        OperationStatus end = group.poll();

        assertThat(end.state()).isEqualTo(State.FAILED);
        assertThat(end.error().code()).isEqualTo("CancelFailed");
    }

    @Test
    void anEmptyGroupHasEndedAtOnce() {
        assertThat(new OperationGroup(List.of()).initialStatus().state()).isEqualTo(State.SUCCEEDED);
    }
}
