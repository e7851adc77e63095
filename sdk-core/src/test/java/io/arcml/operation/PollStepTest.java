package io.arcml.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.OperationStatus.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What {@link PollStep} hands azure-core's polling loop. */
class PollStepTest {

    @Test
    void thePauseHandedToAzureCoreIsRoundedUpToWholeMillisecondsSoItsLoopNeverWakesEarly() {
        Duration pause = Duration.ofNanos(999_600_000);
        OperationStatus running = new OperationStatus(State.IN_PROGRESS, "Creating", null, pause);
        PollStep step = new PollStep("attach of compute 'gpu'", LongRunningOperation.completed(running));

        Duration handed = step.activate().getRetryAfter();

        assertThat(handed).isEqualTo(Duration.ofMillis(1000));
        assertThat(PollStep.wholeMillisAtLeast(Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(250));
        assertThat(PollStep.wholeMillisAtLeast(Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThat(PollStep.wholeMillisAtLeast(Duration.ofNanos(1))).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void timeSpentShowingAReadingIsNotWaitedOnTopOfThePause() {
        OperationStatus running = new OperationStatus(State.IN_PROGRESS, "Creating", null, Duration.ofMillis(1000));
        PollStep step = new PollStep(
                "attach of compute 'gpu'", LongRunningOperation.completed(running), this::showSlowly, Long.MAX_VALUE);

        Duration handed = step.activate().getRetryAfter();

        // showSlowly took at least 50 ms of the pause, which azure-core's loop must not wait again.
        assertThat(handed).isLessThanOrEqualTo(Duration.ofMillis(951));
    }

    private void showSlowly(OperationStatus reading) {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
