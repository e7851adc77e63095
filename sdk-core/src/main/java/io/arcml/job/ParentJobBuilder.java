package io.arcml.job;

/**
 * The settings of a job that runs other jobs (a sweep's trials, a pipeline's steps): the
 * experiment it and its children are filed under, the identity they run with, and the labels Azure ML studio shows for it.
 *
 * @param <B> the concrete builder, returned by each setter for chaining
 */
public abstract class ParentJobBuilder<B extends ParentJobBuilder<B>> {
    private String experimentName;
    private JobLabels labels = JobLabels.none();
    private JobIdentity identity;

    /** For the builders of sweeps and pipelines. */
    protected ParentJobBuilder() {}

    /** The experiment to file the job and the jobs it runs under; defaults to the job's name. */
    public B experimentName(String experimentName) {
        this.experimentName = experimentName;
        return self();
    }

    /** The display name, description, tags and properties Azure ML studio shows for the job; none by default. */
    public B labels(JobLabels labels) {
        this.labels = labels == null ? JobLabels.none() : labels;
        return self();
    }

    /** The identity the job and the jobs it runs reach Azure resources with ({@link JobIdentity}); Azure only. */
    public B identity(JobIdentity identity) {
        this.identity = identity;
        return self();
    }

    /** The experiment given, or {@code null} for the job's name. */
    public String chosenExperimentName() {
        return experimentName;
    }

    /** The labels given. */
    public JobLabels chosenLabels() {
        return labels;
    }

    /** The identity given, or {@code null} for Azure ML's default. */
    public JobIdentity chosenIdentity() {
        return identity;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
