package io.arcml.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepResultsTest {
    private final SweepResults results = new SweepResults(
            Objective.maximize("accuracy"),
            List.of(
                    new TrialResult(
                            0, "s-0", params(0.01, "relu"), TrialResult.State.COMPLETED, 0.91, null, null, null, null),
                    new TrialResult(
                            1, "s-1", params(0.1, "a,b"), TrialResult.State.COMPLETED, 0.931, null, null, null, null),
                    new TrialResult(
                            2,
                            "s-2",
                            params(0.5, "relu"),
                            TrialResult.State.EARLY_TERMINATED,
                            0.4,
                            null,
                            null,
                            null,
                            null),
                    new TrialResult(
                            3, "s-3", params(0.2, "relu"), TrialResult.State.RUNNING, null, null, null, null, null)));

    private static Map<String, Object> params(double lr, String act) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lr", lr);
        m.put("act", act);
        return m;
    }

    @Test
    void theBestIsTheBestCompletedTrial() {
        assertThat(results.best()).map(TrialResult::index).contains(1);
        assertThat(new SweepResults(Objective.minimize("accuracy"), results.trials()).best())
                .map(TrialResult::index)
                .contains(0);
    }

    @Test
    void printsAnAlignedTableWithTheBestMarked() {
        String table = results.toString();
        assertThat(table).startsWith("Sweep: maximize accuracy, 4 trials\n");
        assertThat(table.lines().skip(1).findFirst())
                .hasValueSatisfying(h -> assertThat(h)
                        .contains("trial")
                        .contains("state")
                        .contains("lr")
                        .contains("accuracy"));
        assertThat(table.lines().filter(l -> l.startsWith("*")))
                .singleElement()
                .asString()
                .contains("0.931");
        assertThat(table.lines().skip(1).map(String::length).distinct()).hasSize(1);
    }

    @Test
    void writesCsvWithQuoting(@TempDir Path dir) throws Exception {
        StringWriter w = new StringWriter();
        results.writeCsv(w);
        assertThat(w.toString().split("\r\n"))
                .containsExactly(
                        "trial,state,lr,act,accuracy",
                        "0,COMPLETED,0.01,relu,0.91",
                        "1,COMPLETED,0.1,\"a,b\",0.931",
                        "2,EARLY_TERMINATED,0.5,relu,0.4",
                        "3,RUNNING,0.2,relu,");
        Path f = dir.resolve("r.csv");
        results.writeCsv(f);
        assertThat(Files.readString(f)).isEqualTo(w.toString());
    }

    @Test
    void progressLineCountsEndedAndRunningTrials() {
        assertThat(results.progressLine(50)).isEqualTo("3/50 trials, 1 running, best accuracy=0.931 (trial 1)");
    }

    @Test
    void limitsCheckAzureMlsBounds() {
        Assertions.assertThatThrownBy(() -> SweepLimits.of(0, 1)).hasMessageContaining("1..1000");
        Assertions.assertThatThrownBy(() -> SweepLimits.of(10, 11))
                .hasMessageStartingWith("limits.max_concurrent_trials: '11'");
        Assertions.assertThatThrownBy(() -> SweepLimits.of(10, 2).withTimeout(Duration.ZERO))
                .hasMessageStartingWith("limits.timeout");
    }
}
