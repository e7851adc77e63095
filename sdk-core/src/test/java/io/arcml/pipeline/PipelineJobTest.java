package io.arcml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.InputMode;
import io.arcml.job.JobInput;
import io.arcml.job.NfsMount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineJobTest {
    static final NfsMount STORAGE = new NfsMount("10.0.0.4", "/export/pipelines", "/mnt/pipelines", false);

    static CommandJob job(String command) {
        return CommandJob.builder().image("python:3.11").command(command).build();
    }

    static PipelineJob diamond(boolean continueOnFailure) {
        return PipelineJob.builder()
                .name("diamond")
                .sharedStorage(STORAGE)
                .continueOnStepFailure(continueOnFailure)
                .step(
                        "prep",
                        PipelineStep.of(job("python prep.py --out ${{outputs.data}}"))
                                .output("data"))
                .step(
                        "train_a",
                        PipelineStep.of(job("python train.py --data ${{inputs.data}} --model ${{outputs.model}}"))
                                .input("data", "${{parent.jobs.prep.outputs.data}}")
                                .output("model"))
                .step(
                        "train_b",
                        PipelineStep.of(job("python train_b.py --data ${{inputs.data}}"))
                                .input("data", "${{parent.jobs.prep.outputs.data}}"))
                .step(
                        "eval",
                        PipelineStep.of(job("python eval.py --model ${{inputs.model}}"))
                                .input("model", "${{parent.jobs.train_a.outputs.model}}")
                                .dependsOn("train_b"))
                .build();
    }

    @Test
    void ordersStepsSoThatEachComesAfterWhatItDependsOn() {
        PipelineJob p = diamond(false);
        List<String> order = p.topologicalOrder();
        assertThat(order).containsExactly("prep", "train_a", "train_b", "eval");
        assertThat(p.steps().get("eval").upstream()).containsExactlyInAnyOrder("train_a", "train_b");
        assertThat(p.toString()).contains("eval <- [train_b, train_a]");
    }

    @Test
    void resolvesInputsAndOutputsToPathsOnTheSharedStorage() {
        CommandJob train = diamond(false).stepJob("train_a");

        assertThat(train.name()).isEqualTo("diamond-train-a");
        assertThat(train.command())
                .isEqualTo(
                        "mkdir -p /mnt/pipelines/diamond/train_a/model && "
                                + "python train.py --data /mnt/pipelines/diamond/prep/data --model /mnt/pipelines/diamond/train_a/model");
        assertThat(train.nfsMounts()).containsExactly(STORAGE);
        assertThat(diamond(false).stepJob("train_b").command()).doesNotContain("mkdir");
    }

    @Test
    void rejectsCyclesNamingThem() {
        var b = PipelineJob.builder()
                .step("a", PipelineStep.of(job("a")).dependsOn("c"))
                .step("b", PipelineStep.of(job("b")).dependsOn("a"))
                .step("c", PipelineStep.of(job("c")).dependsOn("b"));
        assertThatThrownBy(b::build)
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("jobs: 'a -> c -> b -> a' form a cycle");
        assertThatThrownBy(() -> PipelineJob.builder()
                        .step("a", PipelineStep.of(job("a")).dependsOn("a"))
                        .build())
                .hasMessageContaining("makes the step wait for itself");
    }

    @Test
    void rejectsReferencesToMissingStepsAndOutputs() {
        assertThatThrownBy(() -> PipelineJob.builder()
                        .step("a", PipelineStep.of(job("a")).dependsOn("nope"))
                        .build())
                .hasMessageStartingWith("jobs.a.dependsOn: 'nope' names no step of the pipeline [a]");
        assertThatThrownBy(() -> PipelineJob.builder()
                        .sharedStorage(STORAGE)
                        .step("a", PipelineStep.of(job("a ${{outputs.x}}")).output("x"))
                        .step("b", PipelineStep.of(job("b ${{inputs.in}}")).input("in", "${{parent.jobs.a.outputs.y}}"))
                        .build())
                .hasMessageContaining("refers to an output step 'a' does not declare (it has [x])");
        assertThatThrownBy(() -> PipelineJob.builder()
                        .step("a", PipelineStep.of(job("a --in ${{inputs.data}}")))
                        .build())
                .hasMessageStartingWith("jobs.a.command: '${{inputs.data}}' uses an undeclared input");
    }

    @Test
    void aBuiltPipelineKeepsItsStepsAsTheyWereAtBuild() {
        PipelineStep a = PipelineStep.of(job("a"));
        PipelineStep b = PipelineStep.of(job("b")).dependsOn("a");
        PipelineJob p =
                PipelineJob.builder().name("frozen").step("a", a).step("b", b).build();

        a.dependsOn("b"); // a cycle, made after build
        b.input("extra", "/mnt/data/raw").output("late");

        assertThat(p.steps().get("a").upstream()).isEmpty();
        assertThat(p.steps().get("b").inputs()).isEmpty();
        assertThat(p.steps().get("b").outputs()).isEmpty();
        assertThat(p.topologicalOrder()).containsExactly("a", "b");
        assertThat(p.toString()).contains("steps=[a, b <- [a]]");
    }

    @Test
    void theStepsOfABuiltPipelineRefuseChanges() {
        PipelineJob p = PipelineJob.builder()
                .name("frozen")
                .step("a", PipelineStep.of(job("a")))
                .step("b", PipelineStep.of(job("b")).dependsOn("a"))
                .build();
        PipelineStep built = p.steps().get("a");

        assertThatThrownBy(() -> built.dependsOn("b"))
                .isInstanceOfSatisfying(
                        ValidationException.class, e -> assertThat(e.field()).isEqualTo("dependsOn"))
                .hasMessageContaining("'b' cannot be added to a step of a built pipeline")
                .hasMessageContaining("build a new pipeline");
        assertThatThrownBy(() -> built.input("data", "/mnt/data"))
                .hasMessageStartingWith("inputs.data: '/mnt/data' cannot be added");
        assertThatThrownBy(() -> built.output("model")).hasMessageStartingWith("outputs: 'model' cannot be added");
        assertThat(p.steps().get("a").upstream()).isEmpty();
    }

    @Test
    void outputsNeedSharedStorage() {
        assertThatThrownBy(() -> PipelineJob.builder()
                        .step("a", PipelineStep.of(job("a ${{outputs.x}}")).output("x"))
                        .build())
                .hasMessageStartingWith("sharedStorage: missing is required when steps have outputs");
    }

    @Test
    void rejectsBadNamesAndBindings() {
        assertThatThrownBy(() -> PipelineJob.builder().step("bad-name", PipelineStep.of(job("a"))))
                .hasMessageStartingWith("jobs: 'bad-name'");
        assertThatThrownBy(() -> PipelineStep.of(job("a")).input("in", "relative/path"))
                .hasMessageContaining("neither a step output nor an absolute path");
        assertThatThrownBy(() -> PipelineJob.builder().build()).hasMessageStartingWith("jobs: missing is empty");
        var b = PipelineJob.builder().step("a", PipelineStep.of(job("a")));
        assertThatThrownBy(() -> b.step("a", PipelineStep.of(job("b")))).hasMessageContaining("is defined twice");
    }

    @Test
    void serializesStepsAsJobsWithTheirBindings() {
        Map<String, Object> body = diamond(false).serialize();
        assertThat(body)
                .containsEntry("jobType", "Pipeline")
                .containsEntry("settings", Map.of("continue_on_step_failure", false));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) body.get("jobs");
        assertThat(jobs).containsOnlyKeys("prep", "train_a", "train_b", "eval");
        assertThat(jobs.get("train_a").get("inputs"))
                .isEqualTo(Map.of(
                        "data", Map.of("job_input_type", "uri_folder", "uri", "${{parent.jobs.prep.outputs.data}}")));
        assertThat(jobs.get("prep").get("outputs")).isEqualTo(Map.of("data", Map.of("job_output_type", "uri_folder")));
        assertThat(jobs.get("prep")).containsEntry("type", "command");
    }

    @Test
    void aStepsDataInputsAreDeclaredBesideItsBindingsAndStayForAzureMlToResolve() {
        NfsMount storage = new NfsMount("10.0.0.4", "/export", "/mnt/pipelines", false);
        JobInput base = JobInput.mlflowModel("azureml:base:3").mode(InputMode.DOWNLOAD);
        PipelineJob p = PipelineJob.builder()
                .name("p")
                .sharedStorage(storage)
                .step("prep", PipelineStep.of(job("prep --out ${{outputs.d}}")).output("d"))
                .step(
                        "train",
                        PipelineStep.of(CommandJob.builder()
                                        .image("python:3.11")
                                        .command("train --in ${{inputs.d}} --base ${{inputs.base}}")
                                        .input("base", base)
                                        .build())
                                .input("d", "${{parent.jobs.prep.outputs.d}}"))
                .build();

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> jobs =
                (Map<String, Map<String, Object>>) p.serialize().get("jobs");
        assertThat(jobs.get("train").get("inputs"))
                .isEqualTo(Map.of(
                        "base", Map.of("jobInputType", "mlflow_model", "uri", "azureml:base:3", "mode", "Download"),
                        "d", Map.of("job_input_type", "uri_folder", "uri", "${{parent.jobs.prep.outputs.d}}")));
        assertThat(p.stepJob("train").command())
                .isEqualTo("train --in /mnt/pipelines/p/prep/d --base ${{inputs.base}}");
    }

    @Test
    void aPathInputAzureMlWouldRefuseIsRefusedWhenBound() {
        PipelineStep step = PipelineStep.of(CommandJob.builder()
                .image("python:3.11")
                .command("cat ${{inputs.raw}}")
                .build());
        assertThatThrownBy(() -> step.input("raw", "/"))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "inputs.raw: '/' has no letter, digit or '_', which Azure ML refuses. Give a path with a letter, digit or '_', "
                                + "such as /mnt/data/raw");
        assertThat(step.input("raw", "/mnt/data/raw").inputs()).containsEntry("raw", "/mnt/data/raw");
    }
}
