package io.arcml.samples;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import io.arcml.sweep.SweepRun;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A hyperparameter sweep on an attached compute: random sampling of the learning rate and the
 * number of epochs, 12 trials, 3 at a time, a bandit policy cancelling laggards, the results as a
 * table and a CSV file. On the embedded control plane each trial is a real in-process training.
 */
public final class SweepSample {
    private SweepSample() {}

    /** The sweep the sample runs. */
    static SweepJob sweep() {
        return SweepJob.builder()
                .name("lr-sweep")
                .trial(CommandJob.builder()
                        .image("python:3.11")
                        .command("python train.py --lr ${{search_space.lr}} --epochs ${{search_space.epochs}}")
                        .build())
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.loguniform(Math.log(1e-4), Math.log(1.0)))
                        .parameter("epochs", Parameter.choice(2, 4, 8))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.random(42))
                .objective(Objective.maximize("accuracy"))
                .limits(SweepLimits.of(12, 3))
                .earlyTermination(EarlyTerminationPolicy.bandit(0.2, 1, 2))
                .build();
    }

    /** Runs the sweep on {@code ws}, writing the results to {@code csv}. */
    public static SweepRun run(Workspace ws, Path csv) {
        KubernetesCompute compute = ComputeTarget.attach(
                ws,
                "amlarc-compute",
                KubernetesCompute.attachConfiguration(SampleRunner.CLUSTER_ID).namespace("amlarc-testing"));
        compute.waitForCompletion(true);
        SweepRun run = compute.submit(sweep());
        run.waitForCompletion(true);
        run.results().writeCsv(csv);
        System.out.println("best trial: " + run.best().orElseThrow() + "\nresults written to " + csv);
        return run;
    }

    /** Runs on the embedded control plane, trials training in-process. */
    public static void main(String[] args) {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .jobQueueTime(Duration.ofMillis(100))
                .jobSimulator(new ToyTraining(Duration.ofMillis(150)))
                .build();
        SampleRunner.main(Workspace.on(local), ws -> run(ws, Path.of(args.length > 0 ? args[0] : "sweep-results.csv")));
    }
}
