package io.arcml.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arcml.ValidationException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline step's local command component ({@code component: ./train.yml}, or the component
 * written inline): read relative to the pipeline file and inlined as the step, its
 * {@code command}, {@code code}, {@code environment}, {@code environment_variables},
 * {@code resources} and {@code distribution} (the step's own {@code resources},
 * {@code distribution}, {@code environment_variables} and {@code limits} win), its inputs'
 * defaults and its outputs. What the component carries that arcml cannot do is reported under
 * {@code jobs.<step>.component.<key>}.
 */
final class ComponentYaml {

    /** The keys of a command component arcml honours ({@code name} and {@code version} name the file only: arcml registers no component). */
    static final Set<String> COMPONENT_KEYS = Set.of(
            "$schema",
            "type",
            "name",
            "version",
            "display_name",
            "description",
            "tags",
            "inputs",
            "outputs",
            "command",
            "code",
            "environment",
            "environment_variables",
            "resources",
            "distribution");

    static final Map<String, String> REFUSED_COMPONENT = Map.of(
            "is_deterministic",
                    "arcml inlines the component as the step's command, whose results Azure ML does not reuse: remove is_deterministic",
            "additional_includes",
                    "arcml uploads no files with a component: put them in the code asset and remove additional_includes",
            "services", CommandYaml.REFUSED_SERVICES);
    /** A component's input: its type, its default value, whether it may be left out, its description. */
    record Input(
            @ScalarText String type,
            @JsonProperty("default") JsonNode defaultValue,
            Boolean optional,
            @ScalarText String description) {}

    /** The keys of a component's input arcml honours. */
    static final Set<String> INPUT_KEYS = YamlBinding.keys(Input.class);

    static final Map<String, String> REFUSED_INPUT = Map.of(
            "min", "arcml does not check a component input's range: remove min and check it in the script",
            "max", "arcml does not check a component input's range: remove max and check it in the script",
            "enum", "arcml does not check a component input's allowed values: remove enum and check it in the script");
    /** The keys of the component's body, which the step may not also give. */
    private static final List<String> COMPONENT_BODY = List.of("command", "code", "environment");
    /** The body keys the step may give to override the component's. */
    private static final List<String> STEP_OVERRIDES =
            List.of("resources", "distribution", "environment_variables", "limits");
    /** An optional part of a component's command, kept when every input it names has a value. */
    private static final Pattern OPTIONAL_PART = Pattern.compile("\\$\\[\\[(.*?)]]", Pattern.DOTALL);

    private static final Pattern INPUT_REF = Pattern.compile("\\$\\{\\{\\s*inputs\\.([A-Za-z0-9_]+)\\s*}}");

    /**
     * The component, inlined.
     *
     * @param body the step's body: the component's, with the step's overrides, at {@code jobs.<step>.component}
     * @param defaults the default values of the component's inputs
     * @param inputs the names of the component's inputs
     * @param outputs the names of the component's outputs
     */
    record Component(YamlNode body, Map<String, Object> defaults, Set<String> inputs, Set<String> outputs) {}

    private ComponentYaml() {}

    /** Reads the component of {@code step} and inlines it; its problems are recorded, a component that cannot be read throws. */
    static Component inline(YamlNode step) {
        return inline(step, "component", STEP_OVERRIDES, Set.of());
    }

    /**
     * Reads the trial component of a sweep step ({@code trial}) and inlines it: the sweep's own keys
     * ({@code limits} is the sweep's) override nothing of it.
     *
     * @param swept the inputs the sweep's search space gives a value to each trial
     */
    static Component trial(YamlNode step, Set<String> swept) {
        Component c = inline(step, "trial", List.of(), swept);
        ObjectNode body = (ObjectNode) c.body().rawTree();
        JsonNode command = body.get("command");
        if (command != null && command.isTextual()) {
            // Azure ML passes each trial's hyperparameters to the component's inputs of the same names.
            Matcher m = INPUT_REF.matcher(command.asText());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String ref = swept.contains(m.group(1)) ? "${{search_space." + m.group(1) + "}}" : m.group();
                m.appendReplacement(sb, Matcher.quoteReplacement(ref));
            }
            m.appendTail(sb);
            body.put("command", sb.toString());
        }
        Map<String, Object> defaults = new LinkedHashMap<>(c.defaults());
        defaults.keySet().removeAll(swept);
        return new Component(c.body(), defaults, c.inputs(), c.outputs());
    }

    /**
     * @param key where the step names its component
     * @param overrides the keys of the step that win over the component's
     * @param given inputs that have a value though neither the step nor the component gives one
     */
    private static Component inline(YamlNode step, String key, List<String> overrides, Set<String> given) {
        for (String part : COMPONENT_BODY) {
            if (step.has(part)) {
                throw new ValidationException(
                        step.field(part),
                        step.raw(part).asText(),
                        "is given by the component too",
                        "Remove it from the step: the component's " + part + " runs");
            }
        }
        YamlNode component = component(step, key);
        component.onlyKeys(COMPONENT_KEYS, REFUSED_COMPONENT);
        String type = component.text("type");
        if (type != null && !"command".equalsIgnoreCase(type)) {
            throw new ValidationException(
                    component.field("type"),
                    type,
                    "is not a component type arcml inlines",
                    "Use a command component, or run the step on Azure ML from a registered component");
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        Set<String> inputs = new LinkedHashSet<>();
        if (component.has("inputs")) {
            YamlNode in = component.child("inputs");
            for (String name : in.keys()) {
                inputs.add(name);
                component.problems().check(() -> {
                    JsonNode value =
                            in.child(name).bind(Input.class, REFUSED_INPUT).defaultValue();
                    if (YamlNode.given(value) && value.isValueNode()) {
                        defaults.put(name, YamlNode.scalar(value));
                    }
                });
            }
        }
        Set<String> outputs = component.has("outputs")
                ? new LinkedHashSet<>(component.child("outputs").keys())
                : Set.of();
        Set<String> withValue = new LinkedHashSet<>(defaults.keySet());
        withValue.addAll(given);
        if (step.has("inputs")) {
            withValue.addAll(step.child("inputs").keys());
        }
        ObjectNode body = ((ObjectNode) component.rawTree()).deepCopy();
        overrides.forEach(k -> {
            if (step.has(k)) {
                body.set(k, step.raw(k));
            }
        });
        String command = component.text("command");
        if (command != null) {
            body.put("command", optionalParts(command, withValue));
        }
        return new Component(
                YamlNode.mapping(body, component.path(), component.problems(), component.directory()),
                defaults,
                inputs,
                outputs);
    }

    /** The component mapping: written inline, or read from its file relative to the pipeline file. */
    private static YamlNode component(YamlNode step, String key) {
        JsonNode raw = step.raw(key);
        if (raw == null || raw.isNull()) {
            throw new ValidationException(
                    step.field(key),
                    null,
                    "is required",
                    "Give the path of the component's YAML file, e.g. ./train.yml");
        }
        if (raw.isObject()) {
            return step.child(key);
        }
        String ref = step.requireText(key, "Give the path of the component's YAML file, e.g. ./train.yml");
        if (ref.startsWith("azureml:")) {
            throw new ValidationException(
                    step.field(key),
                    ref,
                    "is a registered component, which arcml does not load",
                    "Give the path of the component's YAML file, or write the component inline");
        }
        return step.linkedFile(key, ref, "Put the component file there, or write the component inline under " + key);
    }

    /** The command with each {@code $[[...]]} part kept (without its brackets) when every input it names is given, else left out. */
    static String optionalParts(String command, Set<String> given) {
        Matcher m = OPTIONAL_PART.matcher(command);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Matcher refs = INPUT_REF.matcher(m.group(1));
            boolean all = true;
            while (refs.find()) {
                all &= given.contains(refs.group(1));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(all ? m.group(1) : ""));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
