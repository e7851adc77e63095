package io.arcml.samples;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.job.CommandJob;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineRun;
import io.arcml.pipeline.PipelineStep;

/**
 * A three-step pipeline on an attached compute: prepare data, train two models in parallel on
 * it, evaluate; outputs pass between steps through a shared NFS export (the how-to's NFS scenario).
 */
public final class PipelineSample {
    private PipelineSample() {}

    /** The pipeline the sample runs. */
    static PipelineJob pipeline() {
        return PipelineJob.builder()
                .name("train-pipeline")
                .sharedStorage(new NfsMount("10.0.0.4", "/export/pipelines", "/mnt/pipelines", false))
                .step(
                        "prep",
                        PipelineStep.of(job("python prep.py --out ${{outputs.data}}"))
                                .output("data"))
                .step(
                        "train_small",
                        PipelineStep.of(
                                        job(
                                                "python train.py --data ${{inputs.data}} --width 64 --model ${{outputs.model}}"))
                                .input("data", "${{parent.jobs.prep.outputs.data}}")
                                .output("model"))
                .step(
                        "train_large",
                        PipelineStep.of(
                                        job(
                                                "python train.py --data ${{inputs.data}} --width 512 --model ${{outputs.model}}"))
                                .input("data", "${{parent.jobs.prep.outputs.data}}")
                                .output("model"))
                .step(
                        "evaluate",
                        PipelineStep.of(job("python eval.py --a ${{inputs.a}} --b ${{inputs.b}}"))
                                .input("a", "${{parent.jobs.train_small.outputs.model}}")
                                .input("b", "${{parent.jobs.train_large.outputs.model}}"))
                .build();
    }

    private static CommandJob job(String command) {
        return CommandJob.builder().image("python:3.11").command(command).build();
    }

    /** Runs the pipeline on {@code ws}. */
    public static PipelineRun run(Workspace ws) {
        KubernetesCompute compute = ComputeTarget.attach(
                ws,
                "amlarc-compute",
                KubernetesCompute.attachConfiguration(SampleRunner.CLUSTER_ID).namespace("amlarc-testing"));
        compute.waitForCompletion(true);
        PipelineJob pipeline = pipeline();
        System.out.println(pipeline);
        PipelineRun run = compute.submit(pipeline).waitForCompletion(true);
        System.out.println(run);
        return run;
    }

    /** Runs on the embedded control plane. */
    public static void main(String[] args) {
        SampleRunner.main(PipelineSample::run);
    }
}
