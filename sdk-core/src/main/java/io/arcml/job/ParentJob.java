package io.arcml.job;

import io.arcml.internal.Arguments;

/**
 * A job that runs other jobs (a sweep's trials, a pipeline's steps): its name, the experiment it
 * and its children are filed under, the labels Azure ML studio shows for it and the identity its
 * children run with, as its {@link ParentJobBuilder} gave them.
 */
public abstract class ParentJob {
    private final String name;
    private final String experimentName;
    private final JobLabels labels;
    private final JobIdentity identity;

    /**
     * For sweeps and pipelines.
     *
     * @param name the job's name, already checked (or generated)
     * @param settings the builder that gave the experiment, labels and identity
     */
    protected ParentJob(String name, ParentJobBuilder<?> settings) {
        this.name = Arguments.nonNull(name, "name");
        this.experimentName = settings.chosenExperimentName();
        this.labels = settings.chosenLabels();
        this.identity = settings.chosenIdentity();
    }

    /** The job's name, unique in the workspace; the jobs it runs are named after it. */
    public String name() {
        return name;
    }

    /** The experiment the job and all the jobs it runs are filed under; defaults to the job's name. */
    public String experimentName() {
        return experimentName != null ? experimentName : name;
    }

    /** The display name, description, tags and properties Azure ML studio shows for the job. */
    public JobLabels labels() {
        return labels;
    }

    /**
     * The identity the jobs it runs reach Azure resources with (unless one names its own), or
     * {@code null} for Azure ML's default.
     */
    public JobIdentity identity() {
        return identity;
    }

    /**
     * Gives {@code builder} this job's experiment (as it was given, not defaulted), labels and
     * identity: where a changed copy starts.
     */
    protected <B extends ParentJobBuilder<B>> B copySettingsTo(B builder) {
        return Arguments.nonNull(builder, "builder")
                .experimentName(experimentName)
                .labels(labels)
                .identity(identity);
    }
}
