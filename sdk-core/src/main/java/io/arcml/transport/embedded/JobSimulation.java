package io.arcml.transport.embedded;

import io.arcml.internal.Arguments;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the embedded control plane plays one job run: it runs no container, so a harness (or the
 * default) says how long the run takes, how it ends and what it prints. Log lines appear one by
 * one while the run goes, evenly spread over {@code runTime}, so that a tracker sees intermediate
 * output as it would on a cluster.
 *
 * @param runTime how long the run runs
 * @param exitCode 0 for success
 * @param logLines what the run prints
 */
public record JobSimulation(Duration runTime, int exitCode, List<String> logLines) {

    /** Canonical constructor: copies the lines. */
    public JobSimulation {
        Objects.requireNonNull(runTime, "runTime");
        if (runTime.isNegative()) {
            throw new IllegalArgumentException("runTime: " + runTime + " must be zero or more");
        }
        logLines = List.copyOf(Arguments.nonNull(logLines, "logLines"));
    }

    /** A run that succeeds after {@code runTime}, printing {@code logLines}. */
    public static JobSimulation succeeds(Duration runTime, List<String> logLines) {
        return new JobSimulation(runTime, 0, logLines);
    }

    /** A run that fails with {@code exitCode} after {@code runTime}. */
    public static JobSimulation fails(Duration runTime, int exitCode, List<String> logLines) {
        if (exitCode == 0) {
            throw new IllegalArgumentException("exitCode: a failing run needs a non-zero exit code");
        }
        return new JobSimulation(runTime, exitCode, logLines);
    }
}
