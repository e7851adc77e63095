package io.arcml.transport.arm;

import io.arcml.resource.ParameterSpec;
import io.arcml.resource.PipelineStepJson;
import io.arcml.resource.SweepSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A pipeline's sweep step as Azure ML's CLI sends it: a node of {@code type: sweep}
 * ({@link SweepNodeJson}) whose {@code trial} is a command component the CLI registers first,
 * anonymously ({@link AnonymousComponents}). The search-space parameters are the component's inputs
 * of the same names, as Azure ML passes each trial's hyperparameters.
 */
final class ArmSweepNodes {
    private static final Pattern SEARCH_SPACE_REF =
            Pattern.compile("\\$\\{\\{\\s*search_space\\.([A-Za-z0-9_]+)\\s*}}");

    private final AnonymousComponents components;

    ArmSweepNodes(AnonymousComponents components) {
        this.components = components;
    }

    /**
     * The sweep node of a step (the trial's environment and code placed, its inputs, outputs and
     * compute), its trial component registered.
     */
    SweepNodeJson node(String stepName, SweepSpec sweep, PipelineStepJson step) {
        return SweepNodeJson.of(stepName, sweep, step, components.register(component(sweep, step)));
    }

    /** The trial as a command component: its command reads the hyperparameters as inputs. */
    private static ComponentJson.CommandComponent component(SweepSpec sweep, PipelineStepJson step) {
        Map<String, ComponentJson.Typed> hyperparameters = new LinkedHashMap<>();
        sweep.searchSpace().forEach((name, p) -> hyperparameters.put(name, new ComponentJson.Typed(inputType(p))));
        // A sweep node has no environment variables of its own: the trial's component carries them.
        return ComponentJson.CommandComponent.of(
                        step,
                        sweep.trial(),
                        SEARCH_SPACE_REF.matcher(step.job().command()).replaceAll("\\${{inputs.$1}}"))
                .asTrial(hyperparameters, step.job().environmentVariables());
    }

    private static String inputType(ParameterSpec p) {
        if (p.type().equals("choice")) {
            boolean allNumbers = p.choices().stream().allMatch(v -> v instanceof Number);
            boolean allIntegers = p.choices().stream().allMatch(v -> v instanceof Integer || v instanceof Long);
            return allIntegers ? "integer" : allNumbers ? "number" : "string";
        }
        return "randint".equals(p.type()) ? "integer" : "number";
    }
}
