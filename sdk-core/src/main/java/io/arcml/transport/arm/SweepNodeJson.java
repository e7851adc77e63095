package io.arcml.transport.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.arcml.resource.JobAssets;
import io.arcml.resource.JobJson;
import io.arcml.resource.PipelineStepJson;
import io.arcml.resource.SweepJobJson;
import io.arcml.resource.SweepSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pipeline's sweep step as Azure ML's CLI sends it, bound with Jackson: a node of
 * {@code type: sweep} whose {@code trial} references a command component, with the sweep's keys in
 * the node's own (YAML-named) shape: {@code search_space}, {@code sampling_algorithm},
 * {@code objective}, {@code limits}, {@code early_termination}. {@link #of(String, SweepSpec,
 * PipelineStepJson, String)} is its one writer.
 *
 * @param step type, name, the sweep's labels, inputs, outputs, compute and comment
 * @param limits trials, concurrency and timeouts in seconds
 * @param samplingAlgorithm {@code random}, {@code grid} or {@code bayesian}, or a {@link Sampling} when it has a seed or a rule
 * @param objective the goal and the metric
 * @param searchSpace each hyperparameter's distribution
 * @param earlyTermination the early termination policy, or {@code null}
 * @param trial the trial's component
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"step", "limits", "sampling_algorithm", "objective", "search_space", "early_termination", "trial"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record SweepNodeJson(
        @JsonUnwrapped NodeJson.Step step,
        Limits limits,
        Object samplingAlgorithm,
        Objective objective,
        Map<String, SearchDistribution> searchSpace,
        EarlyTermination earlyTermination,
        Trial trial) {

    /** {@code {"max_total_trials": 6, "max_concurrent_trials": 2, "timeout": 7200}}: timeouts in seconds. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"max_total_trials", "max_concurrent_trials", "timeout", "trial_timeout"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Limits(int maxTotalTrials, int maxConcurrentTrials, Long timeout, Long trialTimeout) {}

    /** A sampling with a seed or a rule: {@code {"type": "random", "seed": 7, "rule": "sobol"}}. */
    @JsonPropertyOrder({"type", "seed", "rule"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sampling(String type, Long seed, String rule) {}

    /** {@code {"goal": "minimize", "primary_metric": "loss"}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"goal", "primary_metric"})
    record Objective(String goal, String primaryMetric) {}

    /** An early termination policy in the node's spelling ({@code policy_type}, {@code slack_factor}, ...). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({
        "policy_type",
        "slack_factor",
        "slack_amount",
        "truncation_percentage",
        "evaluation_interval",
        "delay_evaluation"
    })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EarlyTermination(
            String policyType,
            Double slackFactor,
            Double slackAmount,
            Integer truncationPercentage,
            int evaluationInterval,
            int delayEvaluation) {
        static EarlyTermination of(SweepJobJson.EarlyTermination e) {
            return e == null
                    ? null
                    : new EarlyTermination(
                            e.policyType(),
                            e.slackFactor(),
                            e.slackAmount(),
                            e.truncationPercentage(),
                            e.evaluationInterval(),
                            e.delayEvaluation());
        }
    }

    /**
     * A hyperparameter in the YAML shape: {@code {"type": "uniform", "min_value": 0.01, "max_value": 0.1}}.
     * A {@code choice}'s values may be nested search spaces, each a map of its parameters.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"type", "values", "upper", "min_value", "max_value", "mu", "sigma", "q"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchDistribution(
            String type,
            List<Object> values,
            Object upper,
            Object minValue,
            Object maxValue,
            Object mu,
            Object sigma,
            Object q) {

        /** The YAML shape of a parameter's REST expression ({@code ["uniform", [min, max]]}). */
        static SearchDistribution of(List<?> rest) {
            String type = rest.get(0).toString();
            List<?> a = (List<?>) rest.get(1);
            return switch (type) {
                case "choice" ->
                    new SearchDistribution(type, values((List<?>) a.get(0)), null, null, null, null, null, null);
                case "randint" -> new SearchDistribution(type, null, a.get(0), null, null, null, null, null);
                case "uniform", "loguniform" ->
                    new SearchDistribution(type, null, null, a.get(0), a.get(1), null, null, null);
                case "quniform", "qloguniform" ->
                    new SearchDistribution(type, null, null, a.get(0), a.get(1), null, null, a.get(2));
                case "normal", "lognormal" ->
                    new SearchDistribution(type, null, null, null, null, a.get(0), a.get(1), null);
                default -> new SearchDistribution(type, null, null, null, null, a.get(0), a.get(1), a.get(2));
            };
        }

        /** A choice's values, a nested search space as a map of its parameters in this shape. */
        private static List<Object> values(List<?> choices) {
            List<Object> out = new ArrayList<>();
            for (Object v : choices) {
                if (v instanceof Map<?, ?> nested) {
                    Map<String, Object> space = new LinkedHashMap<>();
                    nested.forEach((n, p) -> space.put(n.toString(), p instanceof List<?> expr ? of(expr) : p));
                    out.add(space);
                } else {
                    out.add(v);
                }
            }
            return out;
        }
    }

    /**
     * The trial: the component it runs.
     *
     * @param componentId the component's resource ID
     */
    record Trial(@JsonProperty("componentId") String componentId) {}

    /**
     * The node of sweep step {@code stepName} (its trial's assets placed, its inputs, outputs and
     * compute in {@code step}) whose trial is registered as component {@code componentId}.
     */
    static SweepNodeJson of(String stepName, SweepSpec sweep, PipelineStepJson step, String componentId) {
        SweepJobJson rest = SweepJobJson.of(sweep, JobAssets.NONE);
        Map<String, SearchDistribution> space = new LinkedHashMap<>();
        rest.searchSpace().forEach((name, expr) -> space.put(name, SearchDistribution.of(expr)));
        return new SweepNodeJson(
                // The step's labels are the sweep's: the trial component is anonymous.
                NodeJson.Step.of("sweep", step, JobJson.Labels.of(sweep.labels(), stepName)),
                new Limits(
                        sweep.maxTotalTrials(),
                        sweep.maxConcurrentTrials(),
                        seconds(sweep.timeout()),
                        seconds(sweep.trialTimeout())),
                sampling(rest.samplingAlgorithm()),
                new Objective(sweep.goal().toLowerCase(Locale.ROOT), sweep.primaryMetric()),
                space,
                EarlyTermination.of(rest.earlyTermination()),
                new Trial(componentId));
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }

    /** {@code random}, {@code grid} or {@code bayesian} as a word, or a {@link Sampling} when it has a seed or a rule. */
    private static Object sampling(SweepJobJson.SamplingAlgorithm rest) {
        String type = rest.samplingAlgorithmType().toLowerCase(Locale.ROOT);
        if (rest.seed() == null && rest.rule() == null) {
            return type;
        }
        return new Sampling(
                type, rest.seed(), rest.rule() == null ? null : rest.rule().toLowerCase(Locale.ROOT));
    }
}
