package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arcml.ValidationException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Azure ML's own CLI v2 sample files (unmodified copies from Azure/azureml-examples and
 * azure-sdk-for-python, see {@code cli-v2/README.md}): each loads, or is refused only for what
 * arcml cannot do, with every problem of the file reported in one go. The README's YAML section
 * lists the same outcomes. A sample whose local files (component YAML, conda files) are in
 * {@code cli-v2-files/<sample>/} is read beside them, as in its repository.
 */
class CliV2SamplesTest {
    private static final String SDK = "azure-sdk-for-python__sdk__ml__azure-ai-ml__tests__test_configs__";
    /** Each sample and the keys arcml refuses in it, in the file's order; empty when it loads. */
    private static final Map<String, List<String>> OUTCOMES = Map.ofEntries(
            Map.entry(SDK + "compute__compute-kubernetes.yaml", List.of("type")),
            Map.entry(
                    SDK + "sweep_job__object_sampling_algorithm__sweep_job_bayesian_sampling_algorithm_object.yml",
                    List.of()),
            Map.entry(SDK + "sweep_job__sampling_algorithm_properties__sweep_job_random_rule.yml", List.of()),
            Map.entry(
                    SDK + "sweep_job__string_sampling_algorithm__sweep_job_bayesian_sampling_algorithm_string.yml",
                    List.of()),
            Map.entry(
                    SDK + "sweep_job__string_sampling_algorithm__sweep_job_grid_sampling_algorithm_string.yml",
                    List.of("search_space.lr")),
            Map.entry(SDK + "sweep_job__sweep-bandit.yaml", List.of()),
            Map.entry(SDK + "sweep_job__sweep-median.yaml", List.of()),
            Map.entry(SDK + "sweep_job__sweep-search.yaml", List.of()),
            Map.entry(SDK + "sweep_job__sweep-truncation.yaml", List.of()),
            Map.entry(SDK + "sweep_job__sweep_job_recursive_search_space.yaml", List.of()),
            Map.entry("cli__jobs__basics__hello-code.yml", List.of()),
            Map.entry("cli__jobs__basics__hello-model-as-output.yml", List.of()),
            Map.entry("cli__jobs__basics__hello-pipeline-io.yml", List.of()),
            Map.entry("cli__jobs__basics__hello-world-env-var.yml", List.of()),
            Map.entry("cli__jobs__basics__hello-world-org.yml", List.of()),
            Map.entry("cli__jobs__basics__hello-world-output-data.yml", List.of()),
            Map.entry("cli__jobs__basics__hello-world.yml", List.of()),
            Map.entry("cli__jobs__pipelines-with-components__basics__1a_e2e_local_components__pipeline.yml", List.of()),
            Map.entry(
                    "cli__jobs__pipelines-with-components__basics__3c_pipeline_with_hyperparameter_sweep__pipeline.yml",
                    List.of()),
            Map.entry(
                    "cli__jobs__pipelines-with-components__pipeline_with_hyperparameter_sweep__pipeline.yml",
                    List.of()),
            Map.entry(
                    "cli__jobs__pipelines__add-column-and-word-count-using-spark__pipeline.yml",
                    List.of("jobs.add_greeting_columns.type", "jobs.count_by_rows.type")),
            Map.entry("cli__jobs__pipelines__cifar-10__pipeline.yml", List.of()),
            Map.entry("cli__jobs__pipelines__nyc-taxi__pipeline.yml", List.of()),
            Map.entry("cli__jobs__pipelines__tensorflow-image-segmentation__pipeline.yml", List.of()),
            Map.entry("cli__jobs__single-step__gpu_perf__gpu_perf_job.yml", List.of()),
            Map.entry("cli__jobs__single-step__lightgbm__iris__job-sweep.yml", List.of()),
            Map.entry("cli__jobs__single-step__on-behalf-of__job.yaml", List.of()),
            Map.entry("cli__jobs__single-step__pytorch__cifar-distributed__job.yml", List.of()),
            Map.entry("cli__jobs__single-step__scikit-learn__iris__job-docker-context.yml", List.of()),
            Map.entry("cli__jobs__single-step__tensorflow__mnist-distributed__job.yml", List.of()));

    @TempDir
    Path work;

    static Path samples() throws URISyntaxException {
        return Path.of(CliV2SamplesTest.class.getResource("cli-v2").toURI());
    }

    /** The sample, copied beside its local files when they are among the fixtures; else where it is. */
    static Path besideItsFiles(Path sample, Path work) throws Exception {
        Path files = samples().resolveSibling("cli-v2-files").resolve(sample.getFileName());
        if (!Files.isDirectory(files)) {
            return sample;
        }
        Path dir = Files.createDirectories(work.resolve(sample.getFileName().toString() + ".d"));
        try (Stream<Path> s = Files.walk(files)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Path to = dir.resolve(files.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        return Files.copy(sample, dir.resolve(sample.getFileName()));
    }

    @Test
    void everySampleLoadsOrIsRefusedOnlyForWhatArcmlCannotDoWithAllItsProblemsAtOnce() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(samples())) {
            files = s.filter(f -> !f.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
        assertThat(files.stream().map(f -> f.getFileName().toString()))
                .containsExactlyInAnyOrderElementsOf(OUTCOMES.keySet());

        for (Path file : files) {
            List<String> expected = OUTCOMES.get(file.getFileName().toString());
            Path read = besideItsFiles(file, work);
            ValidationException e = catchThrowableOfType(() -> JobYaml.read(read), ValidationException.class);
            List<String> refused = e == null
                    ? List.of()
                    : e instanceof JobYamlException all
                            ? all.problems().stream()
                                    .map(ValidationException::field)
                                    .toList()
                            : List.of(e.field());
            assertThat(refused)
                    .as("%s%n%s", file.getFileName(), e == null ? "" : e.getMessage())
                    .containsExactlyElementsOf(expected);
        }
    }
}
