package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SweepJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobYamlTest {
    private static Path file(String name) throws Exception {
        return Path.of(JobYamlTest.class.getResource(name).toURI());
    }

    @Test
    void loadsACommandJob() throws Exception {
        JobYaml yaml = JobYaml.read(file("command.yml"));
        CommandJob job = yaml.commandJob();

        assertThat(yaml.kind()).isEqualTo(JobYaml.Kind.COMMAND);
        assertThat(yaml.compute()).isEqualTo("amlarc-compute");
        assertThat(job.name()).isEqualTo("mnist-ddp");
        assertThat(job.command()).isEqualTo("python train.py --epochs 10 --lr 0.01");
        assertThat(job.image()).startsWith("mcr.microsoft.com/azureml/openmpi");
        assertThat(job.instanceType()).isEqualTo("gpu_instance");
        assertThat(job.instanceCount()).isEqualTo(2);
        assertThat(job.distribution().serialize()).containsEntry("distributionType", "PyTorch");
        assertThat(job.environmentVariables()).containsEntry("NCCL_DEBUG", "INFO");
        assertThat(job.timeout()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void loadsASweepJob() throws Exception {
        SweepJob sweep = JobYaml.read(file("sweep.yml")).sweepJob();

        assertThat(sweep.name()).isEqualTo("lr-sweep");
        assertThat(sweep.trial().command()).isEqualTo("python train.py --lr ${{search_space.learning_rate}} --bs ${{search_space.batch_size}} --epochs 5");
        assertThat(sweep.searchSpace().parameters()).containsEntry("learning_rate", Parameter.loguniform(-6, -1))
                .containsEntry("batch_size", Parameter.choice(16, 32, 64));
        assertThat(sweep.samplingAlgorithm()).isEqualTo(SamplingAlgorithm.random(42));
        assertThat(sweep.objective().primaryMetric()).isEqualTo("accuracy");
        assertThat(sweep.limits().maxConcurrentTrials()).isEqualTo(4);
        assertThat(sweep.limits().trialTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(sweep.earlyTermination()).isEqualTo(EarlyTerminationPolicy.bandit(0.1, 1, 2));
    }

    @Test
    void loadsAPipelineWithItsBindings() throws Exception {
        JobYaml yaml = JobYaml.read(file("pipeline.yml"));
        PipelineJob pipeline = yaml.pipelineJob(new NfsMount("10.0.0.4", "/export/p", "/mnt/p", false));

        assertThat(pipeline.topologicalOrder()).containsExactly("prep", "train", "evaluate");
        assertThat(pipeline.stepJob("train").command())
                .isEqualTo("mkdir -p /mnt/p/train-pipeline/train/model && python train.py --data /mnt/p/train-pipeline/prep/data --epochs 3 --model /mnt/p/train-pipeline/train/model");
        assertThatThrownBy(yaml::pipelineJob).hasMessageStartingWith("sharedStorage: missing is required");
    }

    @Test
    void readingTheWrongKindSaysWhichItIs() throws Exception {
        assertThatThrownBy(() -> JobYaml.read(file("sweep.yml")).commandJob())
                .isInstanceOf(ArcmlException.class).hasMessageContaining("holds a sweep job").hasMessageContaining("sweepJob()");
    }

    @Test
    void unsupportedKeysAreErrorsWithAFix() {
        String base = "command: python t.py\nenvironment:\n  image: python:3.11\n";
        assertThatThrownBy(() -> JobYaml.parse(base + "code: ./src\n"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("code: './src' is a local path, which arcml cannot upload")
                .hasMessageContaining("build the code into the image");
        assertThatThrownBy(() -> JobYaml.parse(base + "comand: typo\n")).hasMessageStartingWith("comand: 'comand' is not a known key here");
        assertThatThrownBy(() -> JobYaml.parse("command: t\nenvironment: file:./env.yml\n"))
                .hasMessageContaining("arcml does not read environment files");
        assertThatThrownBy(() -> JobYaml.parse(base + "inputs:\n  data:\n    type: uri_folder\n    path: azureml://datastores/x\n"))
                .hasMessageStartingWith("inputs.data:").hasMessageContaining("data input");
        assertThatThrownBy(() -> JobYaml.parse(base + "resources:\n  shm_size: 8g\n")).hasMessageStartingWith("resources.shm_size");
        assertThatThrownBy(() -> JobYaml.parse("command: t --x ${{inputs.x}}\nenvironment:\n  image: i\n")).hasMessageContaining("names no literal input");
        assertThatThrownBy(() -> JobYaml.parse("type: automl\n")).hasMessageStartingWith("type: 'automl'");
        assertThatThrownBy(() -> JobYaml.parse("command: [unclosed\n")).hasMessageContaining("not valid YAML");
    }

    @Test
    void sweepRulesApplyToFiles() {
        String sweep = "type: sweep\ntrial:\n  command: t ${{search_space.x}}\n  environment:\n    image: i\n"
                + "objective:\n  goal: maximize\n  primary_metric: acc\n";
        assertThatThrownBy(() -> JobYaml.parse(sweep + "sampling_algorithm: grid\nsearch_space:\n  x:\n    type: uniform\n    min_value: 0\n    max_value: 1\n"))
                .hasMessageContaining("cannot be grid-sampled");
        assertThatThrownBy(() -> JobYaml.parse(sweep + "sampling_algorithm: random\nsearch_space:\n  x:\n    type: gaussian\n"))
                .hasMessageStartingWith("search_space.x.type: 'gaussian'");
        assertThatThrownBy(() -> JobYaml.parse(sweep + "sampling_algorithm:\n  type: random\n  rule: sobol\nsearch_space:\n  x:\n    type: choice\n    values: [1]\n"))
                .hasMessageStartingWith("sampling_algorithm.rule: 'sobol'");
        JobYaml ok = JobYaml.parse(sweep + "sampling_algorithm: grid\nsearch_space:\n  x:\n    type: choice\n    values: [1, 2.5, relu, true]\n");
        assertThat(ok.sweepJob().searchSpace().parameters().get("x")).isEqualTo(new Parameter.Choice(List.of(1, 2.5, "relu", true)));
    }

    @Test
    void pipelineReferencesAreChecked() {
        String p = "type: pipeline\njobs:\n  a:\n    command: x\n    environment:\n      image: i\n  b:\n    command: y ${{inputs.d}}\n    environment:\n      image: i\n"
                + "    inputs:\n      d: ${{parent.jobs.zzz.outputs.o}}\n";
        assertThatThrownBy(() -> JobYaml.parse(p)).hasMessageStartingWith("jobs.b.inputs.d: 'zzz' names no step of the pipeline [a, b]");
        assertThat(JobYaml.parse("type: pipeline\njobs:\n  only:\n    command: x\n    environment:\n      image: i\n").pipelineJob().steps())
                .containsOnlyKeys("only");
        assertThat(Map.of()).isEmpty();
    }
}
