package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arcml.ValidationException;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.pipeline.PipelineStep;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline steps of {@code type: sweep}: a trial component, the sweep keys of a sweep file, the step's bindings. */
class SweepStepYamlTest {
    private static final NfsMount STORAGE = new NfsMount("10.0.0.4", "/export", "/mnt/pipelines", false);
    private static final String TRAIN = "type: command\ninputs:\n  data: {type: uri_folder}\n"
            + "  lr: {type: number, default: 0.5}\n  epochs: {type: integer, default: 3}\n"
            + "outputs:\n  model: {type: uri_folder}\nenvironment:\n  image: python:3.11\n"
            + "command: python train.py --data ${{inputs.data}} --lr ${{inputs.lr}} --epochs ${{inputs.epochs}}"
            + " --model ${{outputs.model}}\n";

    @TempDir
    Path dir;

    @Test
    void theSampleWithASweepStepLoadsItsTrialComponentAndBindsThePredictStepToTheSweepsOutputs() throws Exception {
        Path sample = CliV2SamplesTest.besideItsFiles(
                CliV2SamplesTest.samples()
                        .resolve(
                                "cli__jobs__pipelines-with-components__pipeline_with_hyperparameter_sweep__pipeline.yml"),
                dir);

        PipelineJob pipeline = JobYaml.read(sample).pipelineJob(STORAGE);

        PipelineStep step = pipeline.steps().get("sweep_step");
        SweepJob sweep = step.sweep().orElseThrow();
        assertThat(sweep.searchSpace().parameters()).containsOnlyKeys("c_value", "kernel", "coef0");
        assertThat(sweep.samplingAlgorithm()).isInstanceOf(SamplingAlgorithm.RandomSampling.class);
        assertThat(sweep.objective()).isEqualTo(Objective.minimize("training_f1_score"));
        assertThat(sweep.limits()).isEqualTo(SweepLimits.of(5, 3).withTimeout(Duration.ofSeconds(7200)));
        assertThat(step.job().command())
                .contains("--C ${{search_space.c_value}}", "--kernel ${{search_space.kernel}}")
                .contains("--coef0 ${{search_space.coef0}}", "--degree 3", "--data ${{inputs.data}}")
                .contains("--model_output ${{outputs.model_output}}");
        assertThat(step.job().dataInputs()).containsOnlyKeys("data");
        assertThat(step.outputs()).containsExactly("model_output", "test_data");
        assertThat(pipeline.steps().get("predict_step").inputs())
                .containsEntry("model", "${{parent.jobs.sweep_step.outputs.model_output}}")
                .containsEntry("test_data", "${{parent.jobs.sweep_step.outputs.test_data}}");
        assertThat(pipeline.topologicalOrder()).containsExactly("sweep_step", "predict_step");
    }

    @Test
    void aSweepStepWithAnInlineTrialTakesTheStepsInputsAndAnEarlyTerminationPolicy() throws Exception {
        Files.writeString(dir.resolve("train.yml"), TRAIN);
        Path file = dir.resolve("pipeline.yml");
        Files.writeString(
                file,
                "type: pipeline\njobs:\n  prep:\n    command: python prep.py --out ${{outputs.data}}\n"
                        + "    environment: {image: python:3.11}\n    outputs:\n      data:\n"
                        + "  tune:\n    type: sweep\n    display_name: Tune lr\n    trial: ./train.yml\n"
                        + "    inputs:\n      data: ${{parent.jobs.prep.outputs.data}}\n      epochs: 7\n"
                        + "    outputs:\n      model:\n"
                        + "    search_space:\n      lr: {type: choice, values: [0.01, 0.1]}\n"
                        + "    sampling_algorithm: grid\n    objective: {goal: maximize, primary_metric: acc}\n"
                        + "    early_termination: {type: median_stopping, evaluation_interval: 2}\n");

        PipelineJob pipeline = JobYaml.read(file).pipelineJob(STORAGE);

        PipelineStep tune = pipeline.steps().get("tune");
        SweepJob sweep = tune.sweep().orElseThrow();
        assertThat(sweep.labels().displayName()).isEqualTo("Tune lr");
        assertThat(sweep.earlyTermination()).isEqualTo(EarlyTerminationPolicy.medianStopping(2, 0));
        assertThat(tune.job().command())
                .isEqualTo("python train.py --data ${{inputs.data}} --lr ${{search_space.lr}} --epochs 7"
                        + " --model ${{outputs.model}}");
        assertThat(tune.inputs()).containsEntry("data", "${{parent.jobs.prep.outputs.data}}");
        assertThat(pipeline.stepJob("tune").command())
                .contains("--data /mnt/pipelines/" + pipeline.name() + "/prep/data")
                .contains("--model /mnt/pipelines/" + pipeline.name() + "/tune/model/${{name}}");
    }

    @Test
    void theSweepsOwnChecksNameTheStepsFields() throws Exception {
        Files.writeString(dir.resolve("train.yml"), TRAIN);
        Path file = dir.resolve("pipeline.yml");
        Files.writeString(
                file,
                "type: pipeline\njobs:\n  tune:\n    type: sweep\n    trial: ./train.yml\n"
                        + "    inputs:\n      data: /mnt/data\n"
                        + "    search_space:\n      lr: {type: uniform, min_value: 0.01, max_value: 0.1}\n"
                        + "    sampling_algorithm: grid\n    objective: {goal: maximize, primary_metric: acc}\n");

        ValidationException e = catchThrowableOfType(() -> JobYaml.read(file), ValidationException.class);

        assertThat(e.field()).isEqualTo("jobs.tune.search_space.lr");
        assertThat(e.getMessage()).startsWith("jobs.tune.search_space.lr: ");
    }

    @Test
    void aSweepStepsKeysArcmlCannotHonourAreAllRefusedAtOnce() throws Exception {
        Files.writeString(dir.resolve("train.yml"), TRAIN);
        Path file = dir.resolve("pipeline.yml");
        Files.writeString(
                file,
                "type: pipeline\njobs:\n  tune:\n    type: sweep\n    trial: ./train.yml\n"
                        + "    experiment_name: other\n    resources: {instance_count: 2}\n"
                        + "    inputs:\n      data: /mnt/data\n"
                        + "    search_space:\n      lr: {type: choice, values: [0.01]}\n"
                        + "    sampling_algorithm: grid\n    objective: {goal: maximize, primary_metric: acc}\n"
                        + "  untrialed:\n    type: sweep\n"
                        + "    search_space:\n      lr: {type: choice, values: [0.01]}\n"
                        + "    sampling_algorithm: grid\n    objective: {goal: maximize, primary_metric: acc}\n");

        JobYamlException e = catchThrowableOfType(() -> JobYaml.read(file), JobYamlException.class);

        assertThat(e.problems().stream().map(ValidationException::field))
                .containsExactly("jobs.tune.experiment_name", "jobs.tune.resources", "jobs.untrialed.trial");
        assertThat(e.getMessage())
                .contains("move resources into the trial component")
                .contains("jobs.untrialed.trial: missing is required");
    }
}
