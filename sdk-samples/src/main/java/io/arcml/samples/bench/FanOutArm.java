package io.arcml.samples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One arm's timed batches in one round of a fan-out benchmark (the arms run one at a time), and
 * where its submitting threads' time went: in the client's requests, in the rest of each
 * submission, or idle at the end of a batch waiting for the others.
 */
final class FanOutArm {
    private final List<SubmitPool.Batch> batches = new ArrayList<>();

    /** Adds a batch this arm ran. */
    void add(SubmitPool.Batch batch) {
        batches.add(batch);
    }

    /** When the batches ran, for the server's audit log. */
    List<AuditLog.Window> windows() {
        return batches.stream().map(SubmitPool.Batch::window).toList();
    }

    /** Trials submitted per second of the batches' wall-clock time. */
    double perSecond() {
        return trials() / (sum(SubmitPool.Batch::wallNanos) / 1e9);
    }

    /** Each batch's trials per second, in the order the batches ran. */
    double[] batchRates() {
        return batches.stream()
                .mapToDouble(b -> b.trials() / (b.wallNanos() / 1e9))
                .toArray();
    }

    /** The client process's CPU time per trial, in microseconds. */
    double cpuMicrosPerTrial() {
        return perTrialMicros(sum(SubmitPool.Batch::cpuNanos));
    }

    /** The server's processes' CPU time per trial, in microseconds. */
    double serverCpuMicrosPerTrial() {
        return perTrialMicros(sum(SubmitPool.Batch::serverCpuNanos));
    }

    /** The requests the client sent per trial. */
    double requestsPerTrial() {
        return sum(SubmitPool.Batch::requests) / (double) trials();
    }

    /** How many requests were in flight on average over the batches' wall-clock time. */
    double meanInFlight() {
        return sum(SubmitPool.Batch::inRequestNanos) / (double) sum(SubmitPool.Batch::wallNanos);
    }

    /** The most requests in flight at once in any batch. */
    int mostInFlight() {
        return batches.stream().mapToInt(SubmitPool.Batch::mostInFlight).max().orElse(0);
    }

    /** Thread time per trial spent waiting for the requests' answers, in microseconds. */
    double inRequestMicrosPerTrial() {
        return perTrialMicros(sum(SubmitPool.Batch::inRequestNanos));
    }

    /** Thread time per trial spent in a submission but outside its requests, in microseconds. */
    double outsideRequestMicrosPerTrial() {
        return perTrialMicros(sum(SubmitPool.Batch::inTaskNanos) - sum(SubmitPool.Batch::inRequestNanos));
    }

    /** Thread time per trial spent idle while the batch's last submissions ran, in microseconds. */
    double idleMicrosPerTrial(int threads) {
        return perTrialMicros(threads * sum(SubmitPool.Batch::wallNanos) - sum(SubmitPool.Batch::inTaskNanos));
    }

    /** Thread time per trial spent blocked on a monitor another thread held, in microseconds. */
    double blockedMicrosPerTrial() {
        return perTrialMicros(sum(SubmitPool.Batch::blockedNanos));
    }

    /** The garbage collectors' time per trial, in microseconds. */
    double gcMicrosPerTrial() {
        return perTrialMicros(sum(SubmitPool.Batch::gcNanos));
    }

    /** The bytes the process allocated per trial. */
    double allocatedBytesPerTrial() {
        return sum(SubmitPool.Batch::allocatedBytes) / (double) trials();
    }

    private double perTrialMicros(long nanos) {
        return nanos / 1e3 / trials();
    }

    private int trials() {
        return batches.stream().mapToInt(SubmitPool.Batch::trials).sum();
    }

    private long sum(ToLongFunction<SubmitPool.Batch> figure) {
        return batches.stream().mapToLong(figure).sum();
    }
}
