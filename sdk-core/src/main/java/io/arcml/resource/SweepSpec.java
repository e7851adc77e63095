package io.arcml.resource;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep as a control plane receives it: what the hosted sweep capability of the transport SPI
 * submits. The user API's {@code io.arcml.sweep.SweepJob} has validated it and converts with
 * {@code toSpec()}; this record is also the one writer of the sweep's Azure ML REST body
 * ({@link #serialize()}).
 *
 * @param name the sweep's name
 * @param experimentName the experiment its trials are filed under
 * @param labels what Azure ML studio shows beside the name
 * @param identity the identity its trials run as on Azure ML, or {@code null}
 * @param trial the trial's command, its instance type resolved, its command with {@code ${{search_space.<name>}}} references
 * @param searchSpace the hyperparameters, by name
 * @param sampling how the space is sampled
 * @param primaryMetric the metric the trials log and the sweep optimizes
 * @param goal {@code Maximize} or {@code Minimize}
 * @param maxTotalTrials the most trials
 * @param maxConcurrentTrials the most trials at once
 * @param timeout the longest the sweep may run, or {@code null}
 * @param trialTimeout the longest a trial may run, or {@code null}
 * @param earlyTermination the early termination policy, or {@code null}
 */
public record SweepSpec(
        String name,
        String experimentName,
        LabelsSpec labels,
        IdentitySpec identity,
        CommandSpec trial,
        Map<String, ParameterSpec> searchSpace,
        SamplingSpec sampling,
        String primaryMetric,
        String goal,
        int maxTotalTrials,
        int maxConcurrentTrials,
        Duration timeout,
        Duration trialTimeout,
        EarlyTerminationSpec earlyTermination) {

    /** Canonical constructor: name, trial, sampling, metric and goal are required; the space is copied in its order. */
    public SweepSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(primaryMetric, "primaryMetric");
        Objects.requireNonNull(goal, "goal");
        experimentName = experimentName == null ? name : experimentName;
        labels = labels == null ? LabelsSpec.NONE : labels;
        searchSpace = searchSpace == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(searchSpace));
    }

    /** Whether higher values of the metric are better. */
    public boolean maximizes() {
        return goal.equals("Maximize");
    }

    /**
     * Refuses what only Azure ML does for a sweep, on a transport where the sweep runs without it:
     * an identity on the sweep or its trial, and an image Azure ML would build for the trial.
     *
     * @param transport the transport as the messages name it, e.g. {@code the direct cluster transport}
     * @throws io.arcml.ValidationException naming the first of them, its value and what to do instead
     */
    public void requireRunnableWithoutAzure(String transport) {
        IdentitySpec.requireNone(identity, "identity", transport);
        trial.requireRunnableWithoutAzure("trial.", transport);
    }

    /**
     * Refuses a search space with a nested search space, which only Azure ML samples.
     *
     * @param sampler what would sample the space, named in the message
     * @throws io.arcml.ValidationException naming the parameter that holds a nested space
     */
    public void requireFlat(String sampler) {
        ParameterSpec.requireFlat(searchSpace, sampler);
    }

    /**
     * The job's {@code properties} in Azure ML's REST shape ({@code jobType: Sweep}): sampling
     * algorithm, limits, early termination, objective, trial and search space, and the trial's
     * inputs and outputs, which Azure ML declares on the sweep; written by {@link SweepJobJson}.
     */
    public Map<String, Object> serialize() {
        return JobJson.map(SweepJobJson.of(this, JobAssets.NONE));
    }

    /** One readable line: name, objective, sampling, parameters and limits. */
    @Override
    public String toString() {
        return "SweepSpec{name=" + name + ", " + goal + " " + primaryMetric + ", sampling=" + sampling.rule()
                + ", space=" + searchSpace.keySet() + ", limits=" + maxTotalTrials + " trials/" + maxConcurrentTrials
                + " at once" + (earlyTermination == null ? "" : ", earlyTermination=" + earlyTermination.policyType())
                + "}";
    }
}
