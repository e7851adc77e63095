package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.job.NfsMount;
import io.arcml.pipeline.PipelineJob;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SweepJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(sweep.trial().command())
                .isEqualTo(
                        "python train.py --lr ${{search_space.learning_rate}} --bs ${{search_space.batch_size}} --epochs 5");
        assertThat(sweep.searchSpace().parameters())
                .containsEntry("learning_rate", Parameter.loguniform(-6, -1))
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
                .isEqualTo(
                        "mkdir -p /mnt/p/train-pipeline/train/model && python train.py --data /mnt/p/train-pipeline/prep/data --epochs 3 --model /mnt/p/train-pipeline/train/model");
        assertThatThrownBy(yaml::pipelineJob).hasMessageStartingWith("sharedStorage: missing is required");
    }

    @Test
    void readingTheWrongKindSaysWhichItIs() throws Exception {
        assertThatThrownBy(() -> JobYaml.read(file("sweep.yml")).commandJob())
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("holds a sweep job")
                .hasMessageContaining("sweepJob()");
    }

    @Test
    void unsupportedKeysAreErrorsWithAFix() {
        String base = "command: python t.py\nenvironment:\n  image: python:3.11\n";
        assertThatThrownBy(() -> JobYaml.parse(base + "code: [a, b]\n"))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("code: ")
                .hasMessageContaining("is not a scalar");
        assertThatThrownBy(() -> JobYaml.parse(base + "comand: typo\n"))
                .hasMessageStartingWith("comand: 'comand' is not a known key here");
        assertThatThrownBy(() -> JobYaml.parse("command: t\nenvironment: file:./no-such-env.yml\n"))
                .hasMessageStartingWith("environment: './no-such-env.yml' cannot be read")
                .hasMessageContaining("Put the environment's YAML file there");
        assertThatThrownBy(() -> JobYaml.parse(
                        base + "inputs:\n  data:\n    type: uri_folder\n    path: azureml://datastores/x\n"))
                .hasMessageStartingWith("inputs.data:")
                .hasMessageContaining("data input");
        assertThatThrownBy(() -> JobYaml.parse(base + "resources:\n  shm_size: 8g\n"))
                .hasMessageStartingWith("resources.shm_size");
        assertThatThrownBy(() -> JobYaml.parse("command: t --x ${{inputs.x}}\nenvironment:\n  image: i\n"))
                .hasMessageContaining("names no literal input");
        assertThatThrownBy(() -> JobYaml.parse("type: automl\n")).hasMessageStartingWith("type: 'automl'");
        assertThatThrownBy(() -> JobYaml.parse("command: [unclosed\n")).hasMessageContaining("not valid YAML");
    }

    @Test
    void aMissingOrBrokenFileIsNamedWithTheLineAndTheFix(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nowhere.yml");
        assertThatThrownBy(() -> JobYaml.read(missing))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith(missing + ": no such file")
                .hasMessageContaining("Give the path of an existing job YAML file");

        Path broken = Files.writeString(dir.resolve("broken.yml"), "type: command\ncommand: [unclosed\n");
        ValidationException e = catchThrowableOfType(() -> JobYaml.read(broken), ValidationException.class);
        assertThat(e.getMessage())
                .isEqualTo(broken + ": not valid YAML at line 2: while parsing a flow sequence, "
                        + "expected ',' or ']', but got <stream end>. Fix the YAML syntax there");
        assertThat(e.field()).isEqualTo("file");
        assertThatThrownBy(() -> JobYaml.parse("a: [\n")).hasMessageStartingWith("job YAML: not valid YAML at line 1");
        assertThatThrownBy(() -> JobYaml.read(Files.writeString(dir.resolve("empty.yml"), "")))
                .hasMessageEndingWith("empty.yml: empty. "
                        + "Write the job as key: value lines, starting with type: command, sweep or pipeline");
    }

    @Test
    void sweepRulesApplyToFiles() {
        String sweep = "type: sweep\ntrial:\n  command: t ${{search_space.x}}\n  environment:\n    image: i\n"
                + "objective:\n  goal: maximize\n  primary_metric: acc\n";
        assertThatThrownBy(
                        () -> JobYaml.parse(
                                sweep
                                        + "sampling_algorithm: grid\nsearch_space:\n  x:\n    type: uniform\n    min_value: 0\n    max_value: 1\n"))
                .hasMessageContaining("cannot be grid-sampled");
        assertThatThrownBy(() ->
                        JobYaml.parse(sweep + "sampling_algorithm: random\nsearch_space:\n  x:\n    type: gaussian\n"))
                .hasMessageStartingWith("search_space.x.type: 'gaussian'");
        assertThatThrownBy(
                        () -> JobYaml.parse(
                                sweep
                                        + "sampling_algorithm:\n  type: random\n  rule: halton\nsearch_space:\n  x:\n    type: choice\n    values: [1]\n"))
                .hasMessageStartingWith("sampling_algorithm.rule: 'halton'");
        assertThatThrownBy(() -> JobYaml.parse(
                        sweep + "sampling_algorithm: sobol\nsearch_space:\n  x:\n    type: choice\n    values: [1]\n"))
                .hasMessageStartingWith("sampling_algorithm: 'sobol'")
                .hasMessageContaining("{type: random, rule: sobol}");
        JobYaml sobol = JobYaml.parse(
                sweep
                        + "sampling_algorithm:\n  type: random\n  rule: sobol\n  seed: 5\nsearch_space:\n  x:\n    type: choice\n    values: [1]\n");
        assertThat(sobol.sweepJob().samplingAlgorithm()).isEqualTo(SamplingAlgorithm.sobol(5));
        JobYaml ok = JobYaml.parse(
                sweep
                        + "sampling_algorithm: grid\nsearch_space:\n  x:\n    type: choice\n    values: [1, 2.5, relu, true]\n");
        assertThat(ok.sweepJob().searchSpace().parameters().get("x"))
                .isEqualTo(new Parameter.Choice(List.of(1, 2.5, "relu", true)));
    }

    @Test
    void aPipelinesBadKeysAndItsGraphProblemsAreReportedTogether() {
        String steps = "jobs:\n  a:\n    command: x\n    environment:\n      image: i\n    depends: [b]\n"
                + "  b:\n    command: y ${{inputs.d}} ${{outputs.m}}\n    environment:\n      image: i\n"
                + "    inputs:\n      d: ${{parent.jobs.zzz.outputs.o}}\n";
        JobYamlException e = catchThrowableOfType(
                () -> JobYaml.parse("type: pipeline\ndescripton: typo\n" + steps), JobYamlException.class);
        assertThat(e.problems())
                .extracting(ValidationException::field)
                .containsExactly("descripton", "jobs.a.depends", "jobs.b.inputs.d", "jobs.b.command");
        assertThat(e.getMessage())
                .contains("'zzz' names no step of the pipeline [a, b]", "'${{outputs.m}}' uses an undeclared output");

        // A step that did not load is not reported again as missing where another step binds to it.
        String unloaded =
                "type: pipeline\njobs:\n  a:\n    command: x\n    environment:\n      image: i\n    outputs:\n      o:\n"
                        + "    resources:\n      instance_count: two\n"
                        + "  b:\n    command: y ${{inputs.d}}\n    environment:\n      image: i\n    inputs:\n      d: ${{parent.jobs.a.outputs.o}}\n";
        assertThatThrownBy(() -> JobYaml.parse(unloaded))
                .isNotInstanceOf(JobYamlException.class)
                .hasMessageStartingWith("jobs.a.resources.instance_count: ")
                .hasMessageNotContaining("names no step");
    }

    @Test
    void aSweepsBadKeysAndItsSweepWideProblemsAreReportedTogether() {
        String sweep = "type: sweep\nname: -bad-name\ndescripton: typo\nsampling_algorithm: grid\n"
                + "trial:\n  command: t ${{search_space.lr}} ${{search_space.depth}}\n  environment:\n    image: i\n"
                + "objective:\n  goal: maximize\n  primary_metric: acc\n"
                + "search_space:\n  lr:\n    type: uniform\n    min_value: 0.1\n    max_value: 0.2\n";
        JobYamlException e = catchThrowableOfType(() -> JobYaml.parse(sweep), JobYamlException.class);
        assertThat(e.problems())
                .extracting(ValidationException::field)
                .containsExactly("descripton", "name", "trial.command", "search_space.lr");
        assertThat(e.getMessage())
                .contains("'${{search_space.depth}}' names no parameter of the search space [lr]", "grid");

        // A part that did not load is not reported again as missing.
        String noTrial = "type: sweep\nsampling_algorithm: random\ntrial:\n  command: t ${{search_space.lr}}\n"
                + "objective:\n  goal: maximize\n  primary_metric: acc\nsearch_space:\n  lr:\n    type: choice\n    values: [1, 2]\n";
        assertThatThrownBy(() -> JobYaml.parse(noTrial))
                .isNotInstanceOf(JobYamlException.class)
                .hasMessageNotContaining("is required: Give the trial");
    }

    @Test
    void aCycleIsReportedWithTheOtherProblems() {
        String p = "type: pipeline\nsettings:\n  force_rerun: true\njobs:\n"
                + "  a:\n    command: x ${{inputs.i}}\n    environment:\n      image: i\n    inputs:\n      i: ${{parent.jobs.b.outputs.o}}\n    outputs:\n      o:\n"
                + "  b:\n    command: y ${{inputs.i}}\n    environment:\n      image: i\n    inputs:\n      i: ${{parent.jobs.a.outputs.o}}\n    outputs:\n      o:\n";
        JobYamlException e = catchThrowableOfType(() -> JobYaml.parse(p), JobYamlException.class);
        assertThat(e.problems()).extracting(ValidationException::field).containsExactly("settings.force_rerun", "jobs");
        assertThat(e.problems().get(1).getMessage()).contains("form a cycle");
    }

    @Test
    void aNestedSearchSpaceLoadsAndGoesToAzureMlInItsRestShape() {
        String sweep =
                "type: sweep\nsampling_algorithm: random\ntrial:\n  command: t ${{search_space.model}}\n  environment:\n    image: i\n"
                        + "objective:\n  goal: maximize\n  primary_metric: acc\nsearch_space:\n  model:\n    type: choice\n    values:\n"
                        + "      - name: resnet\n        lr:\n          type: uniform\n          min_value: 0.01\n          max_value: 0.1\n"
                        + "      - name: vit\n        depth:\n          type: choice\n          values: [12, 24]\n      - plain\n";
        Parameter.Choice model = (Parameter.Choice)
                JobYaml.parse(sweep).sweepJob().searchSpace().parameters().get("model");

        assertThat(model.nested()).isTrue();
        assertThat(model.values())
                .containsExactly(
                        Map.of("name", "resnet", "lr", Parameter.uniform(0.01, 0.1)),
                        Map.of("name", "vit", "depth", Parameter.choice(12, 24)),
                        "plain");
        assertThat(model.serialize())
                .isEqualTo(List.of(
                        "choice",
                        List.of(List.of(
                                Map.of("name", "resnet", "lr", List.of("uniform", List.of(0.01, 0.1))),
                                Map.of("name", "vit", "depth", List.of("choice", List.of(List.of(12, 24)))),
                                "plain"))));
        assertThatThrownBy(
                        () -> JobYaml.parse(sweep.replace("      - plain\n", "      - x:\n          type: gaussian\n")))
                .hasMessageStartingWith("search_space.model.values[2].x.type: 'gaussian'");
        assertThatThrownBy(() -> JobYaml.parse(sweep.replace("      - plain\n", "      - x: [1, 2]\n")))
                .hasMessageStartingWith(
                        "search_space.model.values[2].x: '[1,2]' is neither a plain value nor a nested search space");
    }

    @Test
    void pipelineReferencesAreChecked() {
        String p =
                "type: pipeline\njobs:\n  a:\n    command: x\n    environment:\n      image: i\n  b:\n    command: y ${{inputs.d}}\n    environment:\n      image: i\n"
                        + "    inputs:\n      d: ${{parent.jobs.zzz.outputs.o}}\n";
        assertThatThrownBy(() -> JobYaml.parse(p))
                .hasMessageStartingWith("jobs.b.inputs.d: 'zzz' names no step of the pipeline [a, b]");
        assertThat(JobYaml.parse("type: pipeline\njobs:\n  only:\n    command: x\n    environment:\n      image: i\n")
                        .pipelineJob()
                        .steps())
                .containsOnlyKeys("only");
        assertThat(Map.of()).isEmpty();
    }

    private static Path sample(String name) throws Exception {
        return CliV2SamplesTest.samples().resolve(name);
    }

    @Test
    void labelsAndTheExperimentOfAFileReachTheJobAndItsRestBody() throws Exception {
        CommandJob job =
                JobYaml.read(sample("cli__jobs__basics__hello-world-org.yml")).commandJob();

        assertThat(job.labels().displayName()).isEqualTo("hello-world-example");
        assertThat(job.labels().description()).startsWith("# Azure Machine Learning \"hello world\" job");
        assertThat(job.labels().tags()).containsEntry("hello", "world");
        assertThat(job.experimentName()).isEqualTo("hello-world-example");
        Map<String, Object> rest = job.serialize();
        assertThat(rest)
                .containsEntry("displayName", "hello-world-example")
                .containsEntry("experimentName", "hello-world-example")
                .containsEntry("tags", Map.of("hello", "world"));
        assertThat(rest.get("description").toString()).startsWith("# Azure Machine Learning");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        String file =
                "display_name: fine\ncommand: python t.py\nenvironment:\n  image: python:3.11\n  conda_file: env.yml\n"
                        + "code: ./src\nidentity:\n  type: owner\ncomand: typo\nresources:\n  shm_size: 8g\n";

        JobYamlException e = catchThrowableOfType(() -> JobYaml.parse(file), JobYamlException.class);

        assertThat(e.problems())
                .extracting(ValidationException::field)
                .containsExactlyInAnyOrder("environment.conda_file", "identity.type", "comand", "resources.shm_size");
        assertThat(e)
                .hasMessageStartingWith("4 problems in the job file:")
                .hasMessageContaining("\n  - identity.type: ");
        assertThat(e.field()).isEqualTo(e.problems().get(0).field());
    }

    @Test
    void aSweepFilesItsTrialsUnderItsExperimentAndTakesAzureMlReferences() throws Exception {
        SweepJob sweep = JobYaml.read(
                        sample(
                                "azure-sdk-for-python__sdk__ml__azure-ai-ml__tests__test_configs__sweep_job__sweep-median.yaml"))
                .sweepJob();

        assertThat(sweep.experimentName()).isEqualTo("sweep-trial-v3");
        CommandJob trial = sweep.trialJob(0, Map.of("lr", 0.01, "conv_size", 5, "dropout_rate", 0.2));
        assertThat(trial.experimentName()).isEqualTo("sweep-trial-v3");
        assertThat(trial.command()).isEqualTo("python ./sweep_test.py --lr 0.01 --conv_size 5 --dropout_rate 0.2");
        assertThat(sweep.trial().codeId()).isEqualTo("azureml:testCode:1");
        assertThat(sweep.trial().environmentId()).isEqualTo("azureml:AzureML-sklearn-0.24-ubuntu18.04-py37-cpu:1");
        assertThat(sweep.serialize()).containsEntry("experimentName", "sweep-trial-v3");
        assertThat(JobYaml.parse(sweepWith("experiment_name: lr-study\nsampling_algorithm: grid\n"))
                        .sweepJob()
                        .trialJob(3, Map.of("x", 1))
                        .experimentName())
                .isEqualTo("lr-study");
    }

    private static String sweepWith(String extra) {
        return "type: sweep\nname: s\ntrial:\n  command: t ${{search_space.x}}\n  environment:\n    image: i\n"
                + "objective:\n  goal: maximize\n  primary_metric: acc\nsearch_space:\n  x:\n    type: choice\n    values: [1, 2]\n"
                + extra;
    }

    @Test
    void aSeedIsHonouredWithBayesianAndRandomSampling() {
        assertThat(JobYaml.parse(sweepWith("sampling_algorithm:\n  type: bayesian\n  seed: 7\n"))
                        .sweepJob()
                        .samplingAlgorithm())
                .isEqualTo(SamplingAlgorithm.bayesian(7));
        assertThat(JobYaml.parse(sweepWith("sampling_algorithm:\n  type: random\n  seed: 9\n"))
                        .sweepJob()
                        .samplingAlgorithm())
                .isEqualTo(SamplingAlgorithm.random(9));
        assertThatThrownBy(() -> JobYaml.parse(sweepWith("sampling_algorithm:\n  type: grid\n  seed: 9\n")))
                .hasMessageStartingWith("sampling_algorithm.seed: '9' has no effect on grid sampling");
    }

    @Test
    void pipelineComputeSettingsStepComputeStepNameAndExperimentAreHonoured() {
        JobYaml yaml = JobYaml.parse(
                "type: pipeline\nname: p\nexperiment_name: nightly\ndisplay_name: Nightly\n"
                        + "settings:\n  default_compute: azureml:cpu-cluster\n"
                        + "jobs:\n  prep:\n    name: Prepare\n    compute: azureml:gpu-cluster\n    command: x\n    environment:\n      image: i\n"
                        + "  train:\n    type: command\n    command: y\n    environment: azureml://registries/azureml/environments/sklearn-1.5/labels/latest\n");
        PipelineJob pipeline = yaml.pipelineJob();

        assertThat(yaml.compute()).isEqualTo("cpu-cluster");
        assertThat(pipeline.experimentName()).isEqualTo("nightly");
        assertThat(pipeline.labels().displayName()).isEqualTo("Nightly");
        assertThat(pipeline.steps().get("prep").compute()).isEqualTo("gpu-cluster");
        assertThat(pipeline.steps().get("train").compute()).isNull();
        assertThat(pipeline.steps().get("prep").job().labels().displayName()).isEqualTo("Prepare");
        assertThat(pipeline.stepJob("train").experimentName()).isEqualTo("nightly");
        assertThat(pipeline.steps().get("train").job().environmentId()).startsWith("azureml://registries/");
        assertThatThrownBy(() ->
                        JobYaml.parse("type: pipeline\ncompute: a-compute\nsettings:\n  default_compute: b-compute\n"
                                + "jobs:\n  s:\n    command: x\n    environment:\n      image: i\n"))
                .hasMessageStartingWith("settings.default_compute: 'b-compute' differs from compute (a-compute)");
    }

    @Test
    void aStepsCommentIsKeptForAzureMlAndABuiltPipelinesStepRefusesANewOne() {
        PipelineJob pipeline = JobYaml.parse(
                        "type: pipeline\nname: p\njobs:\n  prep:\n    comment: reads last night's data\n"
                                + "    command: x\n    environment:\n      image: i\n"
                                + "  tune:\n    type: sweep\n    comment: a quick sweep\n    trial:\n      command: t ${{search_space.x}}\n"
                                + "      environment:\n        image: i\n    objective:\n      goal: maximize\n      primary_metric: acc\n"
                                + "    sampling_algorithm: random\n    search_space:\n      x:\n        type: choice\n        values: [1, 2]\n"
                                + "    limits:\n      max_total_trials: 2\n")
                .pipelineJob();

        Map<?, ?> jobs = (Map<?, ?>) pipeline.serialize().get("jobs");
        assertThat(((Map<?, ?>) jobs.get("prep")).get("comment")).isEqualTo("reads last night's data");
        assertThat(((Map<?, ?>) jobs.get("tune")).get("comment")).isEqualTo("a quick sweep");
        assertThat(pipeline.steps().get("prep").toSpec().comment()).isEqualTo("reads last night's data");
        assertThatThrownBy(() -> pipeline.steps().get("prep").comment("another"))
                .hasMessageStartingWith("comment: 'another' cannot be added to a step of a built pipeline");
    }

    @Test
    void anEnvironmentByNameAndVersionCarriesItsImageAndCodeAndOutputsAreDeclared() {
        CommandJob job = JobYaml.parse(
                        "command: python t.py --out ${{outputs.model}}\ncode: azureml:src:2\n"
                                + "environment:\n  name: train-env\n  version: 3\n  image: python:3.11\noutputs:\n  model:\n    type: uri_folder\n")
                .commandJob();

        assertThat(job.environmentId()).isEqualTo("azureml:train-env:3");
        assertThat(job.image()).isEqualTo("python:3.11");
        assertThat(job.codeId()).isEqualTo("azureml:src:2");
        assertThat(job.outputs()).containsExactly("model");
        assertThat(JobYaml.parse("command: t\nenvironment: azureml:AzureML-sklearn-1.0@latest\n")
                        .commandJob()
                        .environmentId())
                .isEqualTo("azureml:AzureML-sklearn-1.0@latest");
        assertThatThrownBy(() -> JobYaml.parse("command: t\nenvironment:\n  name: e\n  image: i\n"))
                .hasMessageStartingWith("environment.version: missing is required with name");
    }

    @Test
    void localCodeAndDataPathsAreReadRelativeToTheYamlFile(@TempDir Path dir) throws IOException {
        Path file = Files.createDirectories(dir.resolve("jobs")).resolve("job.yml");
        Files.writeString(
                file,
                "command: python train.py --data ${{inputs.data}}\ncode: ./src\nenvironment:\n  image: python:3.11\n"
                        + "inputs:\n  data:\n    type: uri_folder\n    path: ../data\n"
                        + "  csv:\n    type: uri_file\n    path: file:./iris.csv\n");

        CommandJob job = JobYaml.read(file).commandJob();

        assertThat(job.localCode()).isEqualTo(dir.resolve("jobs/src").toAbsolutePath());
        assertThat(job.codeId()).isNull();
        assertThat(job.dataInputs().get("data").localPath())
                .isEqualTo(dir.resolve("data").toAbsolutePath());
        assertThat(job.dataInputs().get("csv").localPath())
                .isEqualTo(dir.resolve("jobs/iris.csv").toAbsolutePath());
        assertThat(JobYaml.parse("command: python t.py\ncode: azureml:src:2\nenvironment:\n  image: python:3.11\n")
                        .commandJob()
                        .codeId())
                .isEqualTo("azureml:src:2");
    }
}
