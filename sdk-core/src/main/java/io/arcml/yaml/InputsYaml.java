package io.arcml.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ValidationException;
import io.arcml.internal.AssetReference;
import io.arcml.job.CommandJob;
import io.arcml.job.InputMode;
import io.arcml.job.JobInput;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code inputs} of a job, a sweep or a pipeline in Azure ML's YAML: literal values, which arcml
 * writes into the command, and data inputs ({@code type: uri_file|uri_folder|mltable|custom_model|
 * mlflow_model|triton_model} with {@code path} and {@code mode}), which Azure ML delivers. A
 * pipeline step's input may also be bound to another step's output or to a pipeline input.
 *
 * @param literals the literal values by name
 * @param data the data inputs by name
 */
record InputsYaml(Map<String, Object> literals, Map<String, JobInput> data) {
    /** A data input: its type ({@code uri_folder} when left out), where the data is, and how it is delivered. */
    record DataInput(
            @ScalarText String type,

            @Required("Give where the data is: a local path such as ./data, azureml:<name>:<version>,"
                    + " azureml://datastores/<datastore>/paths/<path> or an https:// URI")
            @ScalarText
            String path,

            @ScalarText String mode) {}

    /** The keys of a data input arcml honours. */
    static final Set<String> DATA_INPUT_KEYS = YamlBinding.keys(DataInput.class);

    static final Map<String, String> REFUSED_DATA_INPUT = Map.of(
            "datastore",
                    "a data input names its datastore in its path: write path: azureml://datastores/<datastore>/paths/<path>",
            "optional",
                    "a job's data input is always given: remove optional (components' optional inputs are not loaded)",
            "description",
                    "arcml sends a job's inputs without descriptions: remove it, or describe the data asset when registering it");

    private static final Pattern PARENT_INPUT = Pattern.compile("\\$\\{\\{\\s*parent\\.inputs\\.([A-Za-z0-9_]+)\\s*}}");
    private static final Pattern PARENT_OUTPUT =
            Pattern.compile("\\$\\{\\{\\s*parent\\.jobs\\.([A-Za-z0-9_]+)\\.outputs\\.[A-Za-z0-9_]+\\s*}}");

    /** No inputs. */
    static InputsYaml none() {
        return new InputsYaml(Map.of(), Map.of());
    }

    /** Reads {@code node.inputs}; an input with a problem is recorded in the node's problems and left out. */
    static InputsYaml read(YamlNode node) {
        Map<String, Object> literals = new LinkedHashMap<>();
        Map<String, JobInput> data = new LinkedHashMap<>();
        if (node.has("inputs")) {
            YamlNode inputs = node.child("inputs");
            for (String name : inputs.keys()) {
                if (!readData(inputs, name, data)) {
                    literals.put(name, YamlNode.scalar(inputs.raw(name)));
                }
            }
        }
        return new InputsYaml(literals, data);
    }

    /**
     * Reads a pipeline step's {@code inputs}: literal values, data inputs, pipeline inputs
     * ({@code ${{parent.inputs.x}}}, taken as the pipeline declares them) and other steps' outputs
     * ({@code ${{parent.jobs.<step>.outputs.<output>}}}, put in {@code bindings}).
     */
    static InputsYaml readStep(YamlNode inputs, InputsYaml parent, Map<String, String> bindings) {
        Map<String, Object> literals = new LinkedHashMap<>();
        Map<String, JobInput> data = new LinkedHashMap<>();
        for (String name : inputs.keys()) {
            if (readData(inputs, name, data)) {
                continue;
            }
            JsonNode v = inputs.raw(name);
            String text = v.asText().trim();
            Matcher fromParent = PARENT_INPUT.matcher(text);
            if (PARENT_OUTPUT.matcher(text).matches()) {
                bindings.put(name, text);
            } else if (fromParent.matches() && parent.data.containsKey(fromParent.group(1))) {
                data.put(name, parent.data.get(fromParent.group(1)));
            } else if (fromParent.matches() && parent.literals.containsKey(fromParent.group(1))) {
                literals.put(name, parent.literals.get(fromParent.group(1)));
            } else if (fromParent.matches()) {
                inputs.problems()
                        .add(new ValidationException(
                                inputs.field(name),
                                text,
                                "names no pipeline input " + parent.names(),
                                "Declare it under the pipeline's inputs"));
            } else {
                literals.put(name, YamlNode.scalar(v));
            }
        }
        return new InputsYaml(literals, data);
    }

    /**
     * Reads input {@code name} when it is not a scalar: a data input into {@code data}, or a problem
     * recorded (a data input that does not load, an input with no value).
     *
     * @return false for a scalar, which the caller reads
     */
    private static boolean readData(YamlNode inputs, String name, Map<String, JobInput> data) {
        JsonNode v = inputs.raw(name);
        if (v != null && v.isObject()) {
            JobInput input = inputs.problems().attempt(() -> dataInput(inputs.child(name)));
            if (input != null) {
                data.put(name, input);
            }
            return true;
        }
        if (v == null || !v.isValueNode() || v.isNull()) {
            inputs.problems().add(noValue(inputs.field(name), v));
            return true;
        }
        return false;
    }

    /** One data input: {@code type} (uri_folder when left out), {@code path}, {@code mode}. */
    private static JobInput dataInput(YamlNode input) {
        DataInput bound = input.bind(DataInput.class, REFUSED_DATA_INPUT);
        String typeWord = bound.type();
        JobInput.Type type = typeWord == null ? JobInput.Type.URI_FOLDER : JobInput.Type.of(typeWord);
        if (type == null) {
            throw new ValidationException(
                    input.field("type"),
                    typeWord,
                    "is not a data input type",
                    "Use one of "
                            + Arrays.stream(JobInput.Type.values())
                                    .map(JobInput.Type::wireName)
                                    .toList() + ", or give a literal value (name: value) for a number or text");
        }
        String path = bound.path();
        JobInput in = AssetReference.parse(path).form() == AssetReference.Form.LOCAL_PATH
                ? JobInput.of(type, input.localPath(path))
                : JobInput.of(type, path);
        String mode = bound.mode();
        if (mode != null) {
            in = in.mode(InputMode.parse(input.field("mode"), mode));
        }
        in.check(input.path());
        return in;
    }

    private static ValidationException noValue(String field, JsonNode v) {
        return new ValidationException(
                field,
                v == null || v.isNull() ? null : v.toString(),
                "is neither a value nor a data input",
                "Give a literal value (epochs: 10) or a data input (type: uri_folder, path: azureml:<name>:<version>)");
    }

    /** These inputs, with {@code defaults} for the literal values not given (nor bound, in {@code bound}). */
    InputsYaml withDefaults(Map<String, Object> defaults, Set<String> bound) {
        Map<String, Object> merged = new LinkedHashMap<>();
        defaults.forEach((name, value) -> {
            if (!data.containsKey(name) && !bound.contains(name)) {
                merged.put(name, value);
            }
        });
        merged.putAll(literals);
        return new InputsYaml(merged, data);
    }

    /** The names of all inputs. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>(literals.keySet());
        names.addAll(data.keySet());
        return names;
    }

    /** Declares the data inputs on a job; the literals go into its command. */
    void addDataInputs(CommandJob.Builder b) {
        data.forEach(b::input);
    }
}
