package io.arcml.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import org.junit.jupiter.api.Test;

class ParentJobTest {
    private static final CommandJob TRIAL = CommandJob.builder()
            .image("python:3.11")
            .command("python train.py --lr ${{search_space.lr}}")
            .build();

    private static SweepJob.Builder sweep(String name) {
        return SweepJob.builder()
                .name(name)
                .trial(TRIAL)
                .searchSpace(SearchSpace.builder()
                        .parameter("lr", Parameter.uniform(0.001, 0.1))
                        .build())
                .samplingAlgorithm(SamplingAlgorithm.random(1))
                .objective(Objective.maximize("accuracy"))
                .limits(SweepLimits.of(4, 2));
    }

    @Test
    void sweepsAndPipelinesFileThemselvesUnderTheirOwnNameUnlessAnExperimentIsGiven() {
        ParentJob sweep = sweep("lr-sweep").build();
        ParentJob pipeline = PipelineJob.builder()
                .name("train-pipeline")
                .step(
                        "train",
                        PipelineStep.of(
                                TRIAL.toBuilder().command("python train.py").build()))
                .build();
        assertThat(sweep.experimentName()).isEqualTo("lr-sweep");
        assertThat(pipeline.experimentName()).isEqualTo("train-pipeline");
        assertThat(sweep("lr-sweep").experimentName("tuning").build().experimentName())
                .isEqualTo("tuning");
        assertThat(pipeline.labels()).isEqualTo(JobLabels.none());
        assertThat(pipeline.identity()).isNull();
    }

    @Test
    void aRenamedCopyOfASweepKeepsItsLabelsAndIdentityAndFilesUnderItsNewNameWhenNoExperimentWasGiven() {
        JobLabels labels = JobLabels.none().displayName("LR sweep").tag("team", "vision");
        SweepJob original = sweep("lr-sweep")
                .labels(labels)
                .identity(JobIdentity.amlToken())
                .build();

        SweepJob renamed = original.toBuilder().name("lr-sweep-2").build();

        assertThat(renamed.name()).isEqualTo("lr-sweep-2");
        assertThat(renamed.experimentName()).isEqualTo("lr-sweep-2");
        assertThat(renamed.labels()).isEqualTo(labels);
        assertThat(renamed.identity()).isEqualTo(JobIdentity.amlToken());
        assertThat(sweep("lr-sweep").experimentName("tuning").build().toBuilder()
                        .name("lr-sweep-2")
                        .build()
                        .experimentName())
                .isEqualTo("tuning");
    }
}
