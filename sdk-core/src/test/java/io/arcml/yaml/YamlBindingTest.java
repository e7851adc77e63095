package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ValidationException;
import io.arcml.internal.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The leaves of a CLI v2 file bound to records ({@link YamlBinding}): what Jackson refuses becomes
 * one problem naming its key where it stands in the file, and each leaf is bound on its own so
 * that a file's problems are reported together.
 */
class YamlBindingTest {
    private static final String STEP = "type: pipeline\njobs:\n  train:\n    command: python t.py\n"
            + "    environment:\n      image: python:3.11\n";

    /** A leaf with a list, whose items Jackson names by index. */
    record Sizes(List<Integer> sizes) {}

    private static YamlNode node(String yaml, String path, YamlProblems problems) throws Exception {
        JsonNode tree = Json.yamlMapper().readTree(yaml);
        return YamlNode.mapping(tree, path, problems, Path.of("."));
    }

    @Test
    void aValueOfTheWrongTypeInALeafIsOneProblemNamingItsFullPath() {
        ValidationException e = catchThrowableOfType(
                () -> JobYaml.parse(STEP + "    resources:\n      instance_count: two\n"), ValidationException.class);

        assertThat(e).isNotInstanceOf(JobYamlException.class);
        assertThat(e.field()).isEqualTo("jobs.train.resources.instance_count");
        assertThat(e.value()).isEqualTo("two");
        assertThat(e.getMessage())
                .isEqualTo(
                        "jobs.train.resources.instance_count: 'two' is not a whole number. Write a number such as 4");
    }

    @Test
    void aKeyTheLeafDoesNotHaveIsOneProblemNamingItsFullPathAndTheKeysThatAre() {
        ValidationException e = catchThrowableOfType(
                () -> JobYaml.parse(STEP + "    distribution:\n      type: pytorch\n      process_count: 2\n"),
                ValidationException.class);

        assertThat(e).isNotInstanceOf(JobYamlException.class);
        assertThat(e.getMessage())
                .isEqualTo("jobs.train.distribution.process_count: 'process_count' is not a known key here. "
                        + "Use only [process_count_per_instance, type]; keys are case-sensitive");
    }

    @Test
    void aRequiredKeyLeftOutOrEmptyIsOneProblemNamingItsFullPathAndTheFix() {
        String build = "type: pipeline\njobs:\n  train:\n    command: python t.py\n"
                + "    environment:\n      build:\n        dockerfile_path: Dockerfile\n";

        assertThatThrownBy(() -> JobYaml.parse(build))
                .isNotInstanceOf(JobYamlException.class)
                .hasMessage("jobs.train.environment.build.path: missing is required. "
                        + "Give the Docker context's folder, e.g. path: docker-context");
        assertThatThrownBy(() -> JobYaml.parse(build + "        path:\n"))
                .isNotInstanceOf(JobYamlException.class)
                .hasMessageStartingWith("jobs.train.environment.build.path: missing is required.");
        assertThatThrownBy(() -> JobYaml.parse(build + "        path: \"  \"\n"))
                .isNotInstanceOf(JobYamlException.class)
                .hasMessage("jobs.train.environment.build.path: missing is required. "
                        + "Give the Docker context's folder, e.g. path: docker-context");
    }

    @Test
    void twoBadLeavesOfOneFileAreTwoProblems() {
        JobYamlException e = catchThrowableOfType(
                () -> JobYaml.parse(
                        STEP + "    resources:\n      instance_count: two\n" + "    limits:\n      timeout: soon\n"),
                JobYamlException.class);

        assertThat(e.problems())
                .extracting(ValidationException::field)
                .containsExactly("jobs.train.resources.instance_count", "jobs.train.limits.timeout");
    }

    @Test
    void aLeafWithAnUnknownKeyAndAWrongTypeReportsBoth() {
        JobYamlException e = catchThrowableOfType(
                () -> JobYaml.parse(STEP + "    resources:\n      instance_count: two\n      instance_typ: gpu\n"),
                JobYamlException.class);

        assertThat(e.problems())
                .extracting(ValidationException::field)
                .containsExactly("jobs.train.resources.instance_typ", "jobs.train.resources.instance_count");
    }

    @Test
    void aFractionWhereAWholeNumberIsExpectedIsRefusedNotCut() {
        assertThatThrownBy(() -> JobYaml.parse(STEP + "    resources:\n      instance_count: 2.5\n"))
                .hasMessage(
                        "jobs.train.resources.instance_count: '2.5' is not a whole number. Write a number such as 4");
    }

    @Test
    void aWholeNumberInQuotesIsReadAsTheNumberAsTheAzureMlCliReadsIt() {
        assertThat(JobYaml.parse(STEP + "    resources:\n      instance_count: \"4\"\n")
                        .pipelineJob()
                        .steps()
                        .get("train")
                        .job()
                        .instanceCount())
                .isEqualTo(4);
    }

    @Test
    void aScalarIsTheTextOfATextKeyAndAListIsNot() {
        assertThat(JobYaml.parse(STEP + "    resources:\n      instance_type: 4\n")
                        .pipelineJob()
                        .steps()
                        .get("train")
                        .job()
                        .instanceType())
                .isEqualTo("4");
        assertThatThrownBy(() -> JobYaml.parse(STEP + "    resources:\n      instance_type: [a, b]\n"))
                .hasMessage(
                        "jobs.train.resources.instance_type: '[\"a\",\"b\"]' is not a scalar. Write a single value");
    }

    @Test
    void anItemOfAListInALeafIsNamedByItsIndexUnderTheNodesPath() throws Exception {
        YamlProblems problems = new YamlProblems();
        YamlNode leaf = node("sizes: [1, two]\n", "jobs.a.shape", problems);

        assertThatThrownBy(() -> leaf.bind(Sizes.class))
                .isInstanceOf(ValidationException.class)
                .hasMessage("jobs.a.shape.sizes[1]: 'two' is not a whole number. Write a number such as 4");
    }

    @Test
    void aRefusedKeyIsRecordedWithItsReasonAndBindingGoesOn() throws Exception {
        YamlProblems problems = new YamlProblems();
        YamlNode leaf = node("sizes: [1, 2]\nshape: round\n", "jobs.a.shape", problems);

        Sizes sizes = leaf.bind(Sizes.class, Map.of("shape", "arcml draws no shapes: remove shape"));

        assertThat(sizes.sizes()).containsExactly(1, 2);
        assertThatThrownBy(problems::throwIfAny)
                .hasMessage(
                        "jobs.a.shape.shape: '\"round\"' is not supported by arcml. arcml draws no shapes: remove shape");
    }

    @Test
    void theKeysOfALeafAreItsRecordsInSnakeCase() {
        assertThat(CommandYaml.RESOURCE_KEYS).containsExactlyInAnyOrder("instance_type", "instance_count");
        assertThat(CommandYaml.ENVIRONMENT_KEYS)
                .containsExactlyInAnyOrder("$schema", "name", "version", "image", "os_type", "build", "conda_file");
        assertThat(ComponentYaml.INPUT_KEYS).containsExactlyInAnyOrder("type", "default", "optional", "description");
    }
}
