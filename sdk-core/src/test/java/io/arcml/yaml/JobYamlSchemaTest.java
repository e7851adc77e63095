package io.arcml.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arcml.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key of Azure ML's CLI v2 job schemas is honoured or refused with a reason; none is
 * dropped. The key lists are the loadable fields of Azure ML's YAML schemas as the Azure ML SDK v2
 * defines them ({@code azure/ai/ml/_schema}: {@code BaseJobSchema}, {@code CommandJobSchema},
 * {@code ParameterizedCommandSchema}, {@code SweepJobSchema}, {@code ParameterizedSweepSchema},
 * {@code PipelineJobSchema}, {@code PipelineJobSettingsSchema}, the pipeline's {@code CommandSchema}
 * node, {@code JobResourceConfigurationSchema}, the inline environment and
 * {@code RandomSamplingAlgorithmSchema}); output-only fields ({@code id}, {@code status},
 * {@code creation_context}, {@code log_files}, {@code parameters}) are left out.
 */
class JobYamlSchemaTest {
    private static final List<String> BASE_JOB = List.of(
            "$schema",
            "type",
            "name",
            "display_name",
            "description",
            "tags",
            "properties",
            "experiment_name",
            "compute",
            "identity",
            "services");
    private static final List<String> COMMAND_BODY = List.of(
            "command", "code", "environment", "environment_variables", "resources", "distribution", "queue_settings");
    private static final List<String> COMMAND_JOB =
            concat(BASE_JOB, COMMAND_BODY, List.of("limits", "inputs", "outputs", "parent_job_name"));
    /** The sweep's own keys ({@code ParameterizedSweepSchema}), of a sweep job and of a pipeline's sweep node alike. */
    private static final List<String> SWEEP_BODY = List.of(
            "sampling_algorithm",
            "search_space",
            "objective",
            "early_termination",
            "limits",
            "queue_settings",
            "resources");

    private static final List<String> SWEEP_JOB = concat(BASE_JOB, List.of("trial", "inputs", "outputs"), SWEEP_BODY);
    private static final List<String> PIPELINE_JOB = concat(BASE_JOB, List.of("settings", "inputs", "outputs", "jobs"));
    private static final List<String> PIPELINE_SETTINGS = List.of(
            "default_datastore",
            "default_compute",
            "continue_on_step_failure",
            "force_rerun",
            "on_init",
            "on_finalize");
    private static final List<String> COMMAND_STEP = concat(
            COMMAND_BODY,
            List.of(
                    "inputs",
                    "outputs",
                    "properties",
                    "component",
                    "type",
                    "compute",
                    "limits",
                    "services",
                    "name",
                    "display_name",
                    "description",
                    "tags",
                    "experiment_name",
                    "identity",
                    "comment"));
    /** A pipeline's sweep node ({@code SweepSchema}: {@code BaseNodeSchema} and {@code ParameterizedSweepSchema}). */
    private static final List<String> SWEEP_STEP = concat(
            List.of("type", "compute", "trial", "inputs", "outputs", "properties", "comment"),
            SWEEP_BODY,
            List.of("name", "display_name", "description", "tags", "experiment_name", "identity"));

    private static final List<String> RESOURCES = List.of(
            "instance_count",
            "instance_type",
            "properties",
            "docker_args",
            "shm_size",
            "max_instance_count",
            "locations");
    private static final List<String> INLINE_ENVIRONMENT = List.of(
            "$schema",
            "name",
            "version",
            "description",
            "tags",
            "properties",
            "image",
            "build",
            "conda_file",
            "os_type",
            "inference_config");
    private static final List<String> RANDOM_SAMPLING = List.of("type", "seed", "logbase", "rule");
    /** A job's data input ({@code azure/ai/ml/_schema/job/input_output_entry.py}: data and model inputs, with the base input's fields). */
    private static final List<String> DATA_INPUT =
            List.of("type", "path", "mode", "datastore", "description", "optional");

    private static final String COMMAND = "command: python t.py\nenvironment:\n  image: python:3.11\n";
    private static final String SWEEP =
            "type: sweep\ntrial:\n  command: t ${{search_space.x}}\n  environment:\n    image: i\n%s"
                    + "search_space:\n  x:\n    type: choice\n    values: [1, 2]\nsampling_algorithm: grid\nobjective:\n  goal: maximize\n  primary_metric: acc\n";
    private static final String SWEEP_STEP_PIPELINE = "type: pipeline\njobs:\n  s:\n    type: sweep\n    trial:\n"
            + "      type: command\n      inputs:\n        x: {type: number}\n      environment: {image: i}\n"
            + "      command: t ${{inputs.x}}\n    search_space:\n      x: {type: choice, values: [1, 2]}\n"
            + "    sampling_algorithm: grid\n    objective: {goal: maximize, primary_metric: acc}\n%s";
    private static final String PIPELINE =
            "type: pipeline\njobs:\n  a:\n    command: x\n    environment:\n      image: i\n%s";

    static Stream<Arguments> contexts() {
        return Stream.of(
                Arguments.of(
                        "command job", COMMAND_JOB, CommandYaml.FILE_KEYS, JobKeys.REFUSED_JOB, COMMAND + "%s", ""),
                Arguments.of(
                        "sweep job",
                        SWEEP_JOB,
                        SweepYaml.SWEEP_KEYS,
                        SweepYaml.REFUSED_SWEEP,
                        SWEEP.formatted("") + "%s",
                        ""),
                Arguments.of("sweep trial", COMMAND_BODY, SweepYaml.TRIAL_KEYS, SweepYaml.REFUSED_TRIAL, SWEEP, "  "),
                Arguments.of(
                        "pipeline job",
                        PIPELINE_JOB,
                        PipelineYaml.PIPELINE_KEYS,
                        PipelineYaml.REFUSED_PIPELINE,
                        PIPELINE.formatted("") + "%s",
                        ""),
                Arguments.of(
                        "pipeline settings",
                        PIPELINE_SETTINGS,
                        PipelineYaml.SETTINGS_KEYS,
                        PipelineYaml.REFUSED_SETTINGS,
                        PIPELINE.formatted("") + "settings:\n%s",
                        "  "),
                Arguments.of(
                        "pipeline step",
                        COMMAND_STEP,
                        PipelineYaml.STEP_KEYS,
                        PipelineYaml.REFUSED_STEP,
                        PIPELINE,
                        "    "),
                Arguments.of(
                        "pipeline sweep step",
                        SWEEP_STEP,
                        PipelineYaml.SWEEP_STEP_KEYS,
                        PipelineYaml.REFUSED_SWEEP_STEP,
                        SWEEP_STEP_PIPELINE,
                        "    "),
                Arguments.of(
                        "resources",
                        RESOURCES,
                        CommandYaml.RESOURCE_KEYS,
                        CommandYaml.REFUSED_RESOURCES,
                        COMMAND + "resources:\n%s",
                        "  "),
                Arguments.of(
                        "inline environment",
                        INLINE_ENVIRONMENT,
                        CommandYaml.ENVIRONMENT_KEYS,
                        CommandYaml.REFUSED_ENVIRONMENT,
                        "command: t\nenvironment:\n  image: i\n%s",
                        "  "),
                Arguments.of(
                        "data input",
                        DATA_INPUT,
                        InputsYaml.DATA_INPUT_KEYS,
                        InputsYaml.REFUSED_DATA_INPUT,
                        COMMAND + "inputs:\n  data:\n    type: uri_folder\n    path: azureml:d:1\n%s",
                        "    "),
                Arguments.of(
                        "sampling_algorithm",
                        RANDOM_SAMPLING,
                        SweepYaml.SAMPLING_KEYS,
                        SweepYaml.REFUSED_SAMPLING,
                        SWEEP.formatted("")
                                .replace("sampling_algorithm: grid\n", "sampling_algorithm:\n  type: random\n%s"),
                        "  "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contexts")
    void everySchemaKeyIsHonouredOrRefusedWithAReason(
            String context,
            List<String> schemaKeys,
            Set<String> honoured,
            Map<String, String> refused,
            String template,
            String indent) {
        for (String key : schemaKeys) {
            assertThat(honoured.contains(key) ^ refused.containsKey(key))
                    .as("%s key '%s' is either honoured or refused", context, key)
                    .isTrue();
            if (refused.containsKey(key)) {
                String file = template.formatted(indent + key + ": x\n");
                ValidationException e = catchThrowableOfType(() -> JobYaml.parse(file), ValidationException.class);
                assertThat(e).as("%s key '%s' in%n%s", context, key, file).isNotNull();
                List<ValidationException> problems = e instanceof JobYamlException all ? all.problems() : List.of(e);
                assertThat(problems)
                        .as("%s key '%s'", context, key)
                        .anySatisfy(p -> assertThat(p.getMessage())
                                .contains(key + ": ")
                                .contains("is not supported by arcml")
                                .contains(refused.get(key)));
            }
        }
        // arcml honours nothing the schema lacks, except a trial's own timeout (limits).
        assertThat(honoured)
                .allSatisfy(
                        k -> assertThat(schemaKeys.contains(k) || (context.equals("sweep trial") && k.equals("limits")))
                                .as("%s honours '%s', which Azure ML's schema has", context, k)
                                .isTrue());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).distinct().toList();
    }
}
