package io.arcml.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.arcml.internal.Arguments;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code properties} of Azure ML's sweep job ({@code jobType: Sweep}), bound with Jackson:
 * sampling algorithm, limits, early termination, objective, the trial's inputs and outputs (which
 * Azure ML declares on the sweep), the trial and the search space. {@link #of(SweepSpec,
 * JobAssets)} is its one writer.
 *
 * @param jobType {@code Sweep}
 * @param labels display name, description, tags and properties, written beside the other keys
 * @param experimentName the experiment its trials are filed under
 * @param identity the identity its trials run as, or {@code null}
 * @param samplingAlgorithm how the space is sampled
 * @param limits trials, concurrency and timeouts
 * @param earlyTermination the early termination policy, or {@code null}
 * @param objective the metric and its goal
 * @param inputs the trial's inputs, or {@code null} when none
 * @param outputs the trial's outputs, or {@code null} when none
 * @param trial the trial's command
 * @param searchSpace each hyperparameter's REST expression, e.g. {@code ["uniform", [0.01, 0.1]]}
 * @param computeId the compute's resource ID, or {@code null} until placed
 */
@JsonPropertyOrder({
    "jobType",
    "labels",
    "experimentName",
    "identity",
    "samplingAlgorithm",
    "limits",
    "earlyTermination",
    "objective",
    "inputs",
    "outputs",
    "trial",
    "searchSpace",
    "computeId"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepJobJson(
        String jobType,
        @JsonUnwrapped JobJson.Labels labels,
        String experimentName,
        JobJson.Identity identity,
        SamplingAlgorithm samplingAlgorithm,
        Limits limits,
        EarlyTermination earlyTermination,
        Objective objective,
        Map<String, JobJson.Input> inputs,
        Map<String, JobJson.Output> outputs,
        Trial trial,
        Map<String, List<Object>> searchSpace,
        String computeId) {

    /**
     * How the space is sampled: {@code {"samplingAlgorithmType": "Random", "seed": 42, "rule": "Random"}},
     * or the type alone.
     *
     * @param samplingAlgorithmType {@code Grid}, {@code Random} or {@code Bayesian}
     * @param seed a random sampling's seed, else {@code null}
     * @param rule {@code Random} or {@code Sobol} for random sampling, else {@code null}
     */
    @JsonPropertyOrder({"samplingAlgorithmType", "seed", "rule"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SamplingAlgorithm(String samplingAlgorithmType, Long seed, String rule) {

        /** The REST form of a sampling: Sobol is Azure ML's random sampling with the Sobol rule. */
        static SamplingAlgorithm of(SamplingSpec spec) {
            Arguments.nonNull(spec, "spec");
            return switch (spec.rule()) {
                case "Random", "Sobol" -> new SamplingAlgorithm("Random", spec.seed(), spec.rule());
                default -> new SamplingAlgorithm(spec.rule(), null, null);
            };
        }
    }

    /**
     * A sweep's limits.
     *
     * @param jobLimitsType {@code Sweep}
     * @param maxTotalTrials the most trials
     * @param maxConcurrentTrials the most trials at once
     * @param timeout the longest the sweep may run (ISO-8601), or {@code null}
     * @param trialTimeout the longest a trial may run (ISO-8601), or {@code null}
     */
    @JsonPropertyOrder({"jobLimitsType", "maxTotalTrials", "maxConcurrentTrials", "timeout", "trialTimeout"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Limits(
            String jobLimitsType, int maxTotalTrials, int maxConcurrentTrials, String timeout, String trialTimeout) {}

    /**
     * An early termination policy: its type, its own settings (those above zero), how often and
     * from when it is applied.
     *
     * @param policyType {@code Bandit}, {@code MedianStopping} or {@code TruncationSelection}
     * @param slackFactor a bandit policy's slack as a ratio, or {@code null}
     * @param slackAmount a bandit policy's slack as an amount, or {@code null}
     * @param truncationPercentage a truncation policy's percentage, or {@code null}
     * @param evaluationInterval how often, in metric steps, the policy is applied
     * @param delayEvaluation how many steps pass before its first application
     */
    @JsonPropertyOrder({
        "policyType",
        "slackFactor",
        "slackAmount",
        "truncationPercentage",
        "evaluationInterval",
        "delayEvaluation"
    })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EarlyTermination(
            String policyType,
            Double slackFactor,
            Double slackAmount,
            Integer truncationPercentage,
            int evaluationInterval,
            int delayEvaluation) {

        /** The REST form of a policy. */
        static EarlyTermination of(EarlyTerminationSpec spec) {
            Arguments.nonNull(spec, "spec");
            return new EarlyTermination(
                    spec.policyType(),
                    spec.slackFactor() > 0 ? spec.slackFactor() : null,
                    spec.slackAmount() > 0 ? spec.slackAmount() : null,
                    spec.truncationPercentage() > 0 ? spec.truncationPercentage() : null,
                    spec.evaluationInterval(),
                    spec.delayEvaluation());
        }
    }

    /**
     * The metric the sweep optimizes.
     *
     * @param primaryMetric the metric the trials log
     * @param goal {@code Maximize} or {@code Minimize}
     */
    @JsonPropertyOrder({"primaryMetric", "goal"})
    public record Objective(String primaryMetric, String goal) {}

    /**
     * The trial's command: what of a command job body a sweep's trial carries.
     *
     * @param command the command, with its {@code ${{search_space.<name>}}} references
     * @param resources instance count and type
     * @param distribution how it spreads over the instances, or {@code null}
     * @param environmentVariables the variables it sets, or {@code null}
     * @param codeId the code asset, or {@code null}
     * @param environmentId the environment version's resource ID, or {@code null} until placed
     */
    @JsonPropertyOrder({"command", "resources", "distribution", "environmentVariables", "codeId", "environmentId"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trial(
            String command,
            JobJson.Resources resources,
            JobJson.Distribution distribution,
            Map<String, String> environmentVariables,
            String codeId,
            String environmentId) {}

    /**
     * The body of a sweep: as the user wrote it with {@link JobAssets#NONE}, or with the compute, and
     * the trial's environment, code and data input URIs a control plane placed.
     */
    public static SweepJobJson of(SweepSpec sweep, JobAssets assets) {
        Arguments.nonNull(sweep, "sweep");
        Arguments.nonNull(assets, "assets");
        CommandJobJson trial = CommandJobJson.of(sweep.trial(), assets);
        Map<String, List<Object>> space = new LinkedHashMap<>();
        sweep.searchSpace().forEach((name, p) -> space.put(name, p.serialize()));
        return new SweepJobJson(
                "Sweep",
                JobJson.Labels.of(sweep.labels(), sweep.name()),
                sweep.experimentName(),
                sweep.identity() == null ? null : JobJson.Identity.of(sweep.identity()),
                SamplingAlgorithm.of(sweep.sampling()),
                new Limits(
                        "Sweep",
                        sweep.maxTotalTrials(),
                        sweep.maxConcurrentTrials(),
                        iso(sweep.timeout()),
                        iso(sweep.trialTimeout())),
                sweep.earlyTermination() == null ? null : EarlyTermination.of(sweep.earlyTermination()),
                new Objective(sweep.primaryMetric(), sweep.goal()),
                // The trial's command refers to the sweep's inputs and outputs: Azure ML declares them on the sweep.
                trial.inputs(),
                trial.outputs(),
                new Trial(
                        trial.command(),
                        trial.resources(),
                        trial.distribution(),
                        trial.environmentVariables(),
                        trial.codeId(),
                        trial.environmentId()),
                space,
                assets.computeId());
    }

    private static String iso(Duration d) {
        return d == null ? null : d.toString();
    }
}
