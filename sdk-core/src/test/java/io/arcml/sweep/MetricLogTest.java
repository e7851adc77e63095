package io.arcml.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricLogTest {

    @Test
    void aReportFollowedByMoreOutputOnItsLineIsStillRead() {
        MetricLog log = MetricLog.parse("""
                epoch 1
                ##arcml[metric] {"loss": 0.5} (epoch 1 of 3)
                ##arcml[metric] {"loss": 0.25}
                ##arcml[final] {"accuracy": 0.9} done
                """);

        assertThat(log.series("loss")).containsExactly(0.5, 0.25);
        assertThat(log.finalMetrics()).containsEntry("accuracy", 0.9);
    }
}
