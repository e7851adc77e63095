package io.arcml.k8s;

import io.arcml.job.CommandJob;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;

/** The diamond pipeline the cluster tests run: prep, then left and right in parallel, then join. */
public final class DiamondPipeline {

    private DiamondPipeline() {}

    /** The pipeline {@code diamond}, each step a job made from {@code base} with its own command. */
    public static PipelineJob of(CommandJob.Builder base) {
        return PipelineJob.builder()
                .name("diamond")
                .step("prep", PipelineStep.of(base.command("python prep.py").build()))
                .step(
                        "left",
                        PipelineStep.of(base.command("python left.py").build()).dependsOn("prep"))
                .step(
                        "right",
                        PipelineStep.of(base.command("python right.py").build()).dependsOn("prep"))
                .step(
                        "join",
                        PipelineStep.of(base.command("python join.py").build()).dependsOn("left", "right"))
                .build();
    }
}
