package io.arcml.sweep;

import io.arcml.ValidationException;
import io.arcml.internal.Arguments;
import io.arcml.job.CommandJob;
import io.arcml.job.ParentJob;
import io.arcml.job.ParentJobBuilder;
import io.arcml.resource.SweepSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A hyperparameter sweep, as Azure ML's {@code sweep} job: a trial command job whose command
 * refers to search-space parameters, a sampling algorithm, an objective, limits and an optional
 * early-termination policy. Its trials run as jobs named {@code <sweep>-t<index>}.
 *
 * <pre>{@code
 * SweepJob sweep = SweepJob.builder()
 *     .trial(CommandJob.builder().image(img)
 *         .command("python train.py --lr ${{search_space.lr}} --bs ${{search_space.bs}}").build())
 *     .searchSpace(SearchSpace.builder()
 *         .parameter("lr", Parameter.loguniform(-6, -1))
 *         .parameter("bs", Parameter.choice(16, 32, 64)).build())
 *     .samplingAlgorithm(SamplingAlgorithm.random(42))
 *     .objective(Objective.maximize("accuracy"))
 *     .limits(SweepLimits.of(20, 4))
 *     .earlyTermination(EarlyTerminationPolicy.bandit(0.1, 1, 2))
 *     .build();
 * }</pre>
 */
public final class SweepJob extends ParentJob {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,200}");
    /** The placeholder of a trial's own name in its command, rendered by {@link #trialJob(int, Map)}. */
    public static final String TRIAL_NAME = "${{name}}";

    private final CommandJob trial;
    private final SearchSpace searchSpace;
    private final SamplingAlgorithm samplingAlgorithm;
    private final Objective objective;
    private final SweepLimits limits;
    private final EarlyTerminationPolicy earlyTermination;

    private SweepJob(Builder b, String name, SweepLimits limits) {
        super(name, b);
        this.trial = b.trial;
        this.searchSpace = b.searchSpace;
        this.samplingAlgorithm = b.samplingAlgorithm;
        this.objective = b.objective;
        this.limits = limits;
        this.earlyTermination = b.earlyTermination;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Refuses what only Azure ML does for a sweep, on a transport where arcml runs it itself: an
     * identity of the sweep or its trial, a conda file to build into the trial's image.
     *
     * @param transport the transport as the message names it, e.g. {@code the direct cluster transport}
     * @throws ValidationException naming the first of them, its value and what to do instead
     */
    public void requireRunnableWithoutAzure(String transport) {
        Arguments.nonNull(transport, "transport");
        toSpec().requireRunnableWithoutAzure(transport);
    }

    /** The trial template. */
    public CommandJob trial() {
        return trial;
    }

    /** The search space. */
    public SearchSpace searchSpace() {
        return searchSpace;
    }

    /** The sampling algorithm. */
    public SamplingAlgorithm samplingAlgorithm() {
        return samplingAlgorithm;
    }

    /** The objective. */
    public Objective objective() {
        return objective;
    }

    /** The limits. */
    public SweepLimits limits() {
        return limits;
    }

    /**
     * How many trials the sweep can actually run: its trial limit, or the number of grid points
     * when a grid has fewer (a 6-point grid with a limit of 20 runs 6).
     */
    public int plannedTrials() {
        return trialsWithin(limits.maxTotalTrials(), samplingAlgorithm, searchSpace);
    }

    private static int trialsWithin(int limit, SamplingAlgorithm algorithm, SearchSpace space) {
        return algorithm instanceof SamplingAlgorithm.Grid g ? (int) Math.min(limit, g.size(space)) : limit;
    }

    /** The early-termination policy, or {@code null} for none. */
    public EarlyTerminationPolicy earlyTermination() {
        return earlyTermination;
    }

    /** A copy with another trial template (the same checks apply). */
    public SweepJob withTrial(CommandJob trial) {
        return toBuilder().trial(Arguments.nonNull(trial, "trial")).build();
    }

    /** A builder holding this sweep's parts, to build a changed copy (the same checks apply). */
    public Builder toBuilder() {
        return copySettingsTo(builder().name(name()))
                .trial(trial)
                .searchSpace(searchSpace)
                .samplingAlgorithm(samplingAlgorithm)
                .objective(objective)
                .limits(limits)
                .earlyTermination(earlyTermination);
    }

    /** The name of trial {@code index}. */
    public String trialName(int index) {
        return name() + "-t" + index;
    }

    /**
     * The command job of trial {@code index} with these hyperparameters, filed under the sweep's
     * experiment. {@value #TRIAL_NAME} in the trial's command becomes the trial's name, as Azure ML
     * writes a job's name into its output paths: a pipeline's sweep step keeps each trial's outputs
     * in a folder of their own with it.
     */
    public CommandJob trialJob(int index, Map<String, Object> assignment) {
        String command = SearchSpace.render(trial.command(), assignment).replace(TRIAL_NAME, trialName(index));
        return trial.toBuilder()
                .name(trialName(index))
                .experimentName(experimentName())
                .command(command)
                .build();
    }

    /**
     * The job's {@code properties} in Azure ML's REST shape ({@code jobType: Sweep}): sampling
     * algorithm, limits, early termination, objective, trial and search space, and the trial's
     * inputs and outputs, which Azure ML declares on the sweep.
     */
    public Map<String, Object> serialize() {
        return toSpec().serialize();
    }

    /**
     * The sweep as the transport SPI takes it: the one conversion from the user's sweep to what a
     * hosted sweep service submits.
     */
    public SweepSpec toSpec() {
        return new SweepSpec(
                name(),
                experimentName(),
                labels().toSpec(),
                identity() == null ? null : identity().toSpec(),
                trial.toSpec(),
                searchSpace.toSpec(),
                samplingAlgorithm.toSpec(),
                objective.primaryMetric(),
                objective.goal().restName(),
                limits.maxTotalTrials(),
                limits.maxConcurrentTrials(),
                limits.timeout(),
                limits.trialTimeout(),
                earlyTermination == null ? null : earlyTermination.toSpec());
    }

    @Override
    public String toString() {
        return "SweepJob{name=" + name() + ", " + objective + ", sampling=" + samplingAlgorithm + ", space="
                + searchSpace.parameters().keySet()
                + ", limits=" + limits.maxTotalTrials() + " trials/" + limits.maxConcurrentTrials() + " at once"
                + (earlyTermination == null
                        ? ""
                        : ", earlyTermination=" + earlyTermination.serialize().get("policyType"))
                + "}";
    }

    /** Collects a sweep's parts; {@link #build()} checks them together. */
    public static final class Builder extends ParentJobBuilder<Builder> {
        private String name;
        private CommandJob trial;
        private SearchSpace searchSpace;
        private SamplingAlgorithm samplingAlgorithm;
        private Objective objective;
        private SweepLimits limits;
        private EarlyTerminationPolicy earlyTermination;

        private Builder() {}

        /** The sweep's name, unique in the workspace; generated ({@code sweep-<hex>}) when none is given. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The trial template; its command refers to parameters as {@code ${{search_space.<name>}}}. */
        public Builder trial(CommandJob trial) {
            this.trial = trial;
            return this;
        }

        /** The search space. */
        public Builder searchSpace(SearchSpace searchSpace) {
            this.searchSpace = searchSpace;
            return this;
        }

        /** The sampling algorithm. */
        public Builder samplingAlgorithm(SamplingAlgorithm algorithm) {
            this.samplingAlgorithm = algorithm;
            return this;
        }

        /** The objective. */
        public Builder objective(Objective objective) {
            this.objective = objective;
            return this;
        }

        /** The limits; default: every grid point, or Azure ML's 1000 trials, all at once. */
        public Builder limits(SweepLimits limits) {
            this.limits = limits;
            return this;
        }

        /** The early-termination policy; default none (every trial runs to its end). */
        public Builder earlyTermination(EarlyTerminationPolicy policy) {
            this.earlyTermination = policy;
            return this;
        }

        /**
         * Checks the sweep.
         *
         * @throws ValidationException naming the part that is missing or does not fit: the first of {@link #problems()}
         */
        public SweepJob build() {
            List<ValidationException> problems = problems();
            if (!problems.isEmpty()) {
                throw problems.get(0);
            }
            String n = name != null
                    ? name
                    : "sweep-"
                            + HexFormat.of()
                                    .toHexDigits(ThreadLocalRandom.current().nextInt());
            SweepLimits l = limits;
            if (l == null) {
                int total = trialsWithin(1000, samplingAlgorithm, searchSpace);
                l = SweepLimits.of(total, total);
            }
            return new SweepJob(this, n, l);
        }

        /**
         * Every problem {@link #build()} would report, all at once: an invalid name, a missing trial,
         * search space, sampling algorithm or objective, a trial command that names no parameter of
         * the search space, and what the sampling algorithm cannot do with the space or the policy.
         * Empty when the sweep builds.
         */
        public List<ValidationException> problems() {
            List<ValidationException> problems = new ArrayList<>();
            if (name != null && !NAME.matcher(name).matches()) {
                problems.add(new ValidationException(
                        "name",
                        name,
                        "is not a valid sweep name",
                        "Use letters, digits, '-' and '_', starting with a letter or digit, at most 200 characters"));
            }
            require(problems, "trial", trial, "Give the trial command job: trial(CommandJob.builder()...build())");
            require(
                    problems,
                    "search_space",
                    searchSpace,
                    "Give the search space: searchSpace(SearchSpace.builder()...build())");
            require(
                    problems,
                    "sampling_algorithm",
                    samplingAlgorithm,
                    "Give SamplingAlgorithm.grid(), random(seed) or bayesian()");
            require(
                    problems,
                    "objective",
                    objective,
                    "Give Objective.maximize(\"metric\") or Objective.minimize(\"metric\")");
            if (trial != null && searchSpace != null) {
                collect(problems, () -> searchSpace.checkCommand(trial.command()));
            }
            if (samplingAlgorithm != null && searchSpace != null) {
                collect(problems, () -> samplingAlgorithm.check(searchSpace, earlyTermination));
            }
            return problems;
        }

        private static void collect(List<ValidationException> problems, Runnable check) {
            try {
                check.run();
            } catch (ValidationException e) {
                problems.add(e);
            }
        }

        private static void require(List<ValidationException> problems, String field, Object value, String fix) {
            if (Objects.isNull(value)) {
                problems.add(new ValidationException(field, null, "is required", fix));
            }
        }
    }
}
