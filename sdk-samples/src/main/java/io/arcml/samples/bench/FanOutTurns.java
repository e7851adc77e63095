package io.arcml.samples.bench;

import io.arcml.k8s.KubernetesControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.IntConsumer;

/**
 * One round of the sweep fan-out: {@link SweepFanOut.Rounds#turns()} turns, in each of which the
 * three compared arms create a batch each back to back, in the order {@link TurnOrder} gives, so
 * that the batches of a turn meet the same load on the machine; then the raw creates a batch.
 * Each arm's Jobs have names of their own.
 */
final class FanOutTurns {
    private final SubmitPool pool;
    private final KubernetesClient client;
    private final TrialJobs jobs;
    private final String compute;
    private final SweepFanOut.Rounds sizes;

    /**
     * @param pool the threads every arm submits from
     * @param client the client of the typed creates (arcml's control plane is on the same one)
     * @param jobs the Jobs of the typed and raw creates
     * @param compute the compute arcml submits to
     * @param sizes the turns and their batches
     */
    FanOutTurns(SubmitPool pool, KubernetesClient client, TrialJobs jobs, String compute, SweepFanOut.Rounds sizes) {
        this.pool = pool;
        this.client = client;
        this.jobs = jobs;
        this.compute = compute;
        this.sizes = sizes;
    }

    /**
     * Runs round {@code n} (counted from 0), arcml's trials submitted through {@code plane} (as a
     * sweep submits its trials); the turns are counted on from the previous rounds', so that the
     * order of the arms goes on rotating from round to round.
     */
    SweepFanOut.Round run(KubernetesControlPlane plane, String name, int n) {
        SweepFanOut.Round r = new SweepFanOut.Round(new FanOutArm(), new FanOutArm(), new FanOutArm(), new FanOutArm());
        for (int turn = 0; turn < sizes.turns(); turn++) {
            String sweep = name + "b" + turn;
            for (TurnOrder.Arm arm : TurnOrder.of(n * sizes.turns() + turn)) {
                arm.in(r).add(pool.run(sizes.batch(), creating(arm, plane, sweep)));
            }
            r.raw().add(pool.run(sizes.batch(), jobs.creating("raw" + sweep)));
        }
        return r;
    }

    private IntConsumer creating(TurnOrder.Arm arm, KubernetesControlPlane plane, String sweep) {
        return switch (arm) {
            case ARCML ->
                i -> plane.submitJob(compute, SweepFanOut.trial(sweep, i).toSpec());
            case TYPED -> jobs.creatingWith(client, "typed" + sweep);
            case TYPED_AGAIN -> jobs.creatingWith(client, "again" + sweep);
        };
    }
}
