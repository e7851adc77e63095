package io.arcml.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.arcml.ValidationException;
import io.arcml.job.CommandJob;
import io.arcml.sweep.EarlyTerminationPolicy;
import io.arcml.sweep.Objective;
import io.arcml.sweep.Parameter;
import io.arcml.sweep.SamplingAlgorithm;
import io.arcml.sweep.SearchSpace;
import io.arcml.sweep.SweepJob;
import io.arcml.sweep.SweepLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code type: sweep} file of Azure ML's YAML: its {@code trial} (a command body), its
 * {@code inputs}, {@code search_space}, {@code sampling_algorithm}, {@code objective},
 * {@code limits} and {@code early_termination}, read into a {@link SweepJob}.
 */
final class SweepYaml {
    /** The keys a sweep job file may have, all honoured. */
    static final Set<String> SWEEP_KEYS = JobKeys.union(
            JobKeys.COMMON,
            Set.of(
                    "trial",
                    "inputs",
                    "search_space",
                    "sampling_algorithm",
                    "objective",
                    "limits",
                    "early_termination"));
    /** The keys of a sweep's trial, all honoured ({@code limits} with the trial's own timeout). */
    static final Set<String> TRIAL_KEYS = JobKeys.union(CommandYaml.BODY, Set.of("limits"));

    static final Map<String, String> REFUSED_SWEEP = JobKeys.union(
            JobKeys.REFUSED_JOB,
            Map.of(
                    "outputs",
                            "a sweep keeps no outputs of its own in arcml: let the trials write to an NFS mount, and remove outputs",
                    "resources", "arcml takes a sweep's resources from its trial: move resources under trial"));
    static final Map<String, String> REFUSED_TRIAL = Map.of("queue_settings", CommandYaml.REFUSED_QUEUE);
    /** The older placeholder form {@code {search_space.x}} of Azure ML's sweep samples, read as {@code ${{search_space.x}}}. */
    private static final Pattern BARE_SEARCH_SPACE = Pattern.compile("(?<!\\$\\{)\\{(search_space\\.[A-Za-z0-9_]+)}");
    /** A {@code sampling_algorithm} written as a mapping. */
    record Sampling(
            @Required("Give random, grid or bayesian") @ScalarText
            String type,

            Long seed,
            @ScalarText String rule) {}

    /** The sweep's {@code objective}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ObjectiveKeys(
            @Required("Give maximize or minimize") @ScalarText
            String goal,

            @Required("Name the metric the trials log") @ScalarText
            String primaryMetric) {}

    /** The sweep's {@code limits}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Limits(Integer maxTotalTrials, Integer maxConcurrentTrials, Integer timeout, Integer trialTimeout) {}

    /** A search-space entry of {@code type: choice}: its values, plain or nested search spaces. */
    record Choice(@ScalarText String type, List<JsonNode> values) {}

    /** A search-space entry of {@code type: randint}. */
    record Randint(
            @ScalarText String type,
            @Required("Give the exclusive upper bound") Integer upper) {}

    /** A search-space entry of {@code type: uniform} or {@code loguniform}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Uniform(
            @ScalarText String type,
            @Required(GIVE_A_NUMBER) Double minValue,
            @Required(GIVE_A_NUMBER) Double maxValue) {}

    /** A search-space entry of {@code type: quniform} or {@code qloguniform}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record QUniform(
            @ScalarText String type,
            @Required(GIVE_A_NUMBER) Double minValue,
            @Required(GIVE_A_NUMBER) Double maxValue,
            @Required(GIVE_A_NUMBER) Double q) {}

    /** A search-space entry of {@code type: normal} or {@code lognormal}. */
    record Normal(
            @ScalarText String type,
            @Required(GIVE_A_NUMBER) Double mu,
            @Required(GIVE_A_NUMBER) Double sigma) {}

    /** A search-space entry of {@code type: qnormal} or {@code qlognormal}. */
    record QNormal(
            @ScalarText String type,
            @Required(GIVE_A_NUMBER) Double mu,
            @Required(GIVE_A_NUMBER) Double sigma,
            @Required(GIVE_A_NUMBER) Double q) {}

    /** An {@code early_termination} of {@code type: bandit}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Bandit(
            @ScalarText String type,
            Double slackFactor,
            Double slackAmount,
            Integer evaluationInterval,
            Integer delayEvaluation) {}

    /** An {@code early_termination} of {@code type: median_stopping}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MedianStopping(@ScalarText String type, Integer evaluationInterval, Integer delayEvaluation) {}

    /** An {@code early_termination} of {@code type: truncation_selection}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TruncationSelection(
            @ScalarText String type,
            @Required("Give a percentage from 1 to 99") Integer truncationPercentage,
            Integer evaluationInterval,
            Integer delayEvaluation,
            Boolean excludeFinishedJobs) {}

    private static final String GIVE_A_NUMBER = "Give a number";

    /** The keys of a {@code sampling_algorithm} mapping arcml honours. */
    static final Set<String> SAMPLING_KEYS = YamlBinding.keys(Sampling.class);

    static final Map<String, String> REFUSED_SAMPLING =
            Map.of("logbase", "arcml's random sampling draws log distributions in base e: remove logbase");

    private SweepYaml() {}

    /** The file {@code root} as a sweep job. */
    static SweepJob sweepJob(YamlNode root) {
        YamlProblems problems = root.problems();
        root.onlyKeys(SWEEP_KEYS, REFUSED_SWEEP);
        SweepJob.Builder b = SweepJob.builder().name(root.text("name")).experimentName(root.text("experiment_name"));
        problems.check(() -> b.labels(CommandYaml.labels(root)).identity(IdentityYaml.identity(root)));
        YamlNode trialNode = problems.attempt(() -> root.child("trial"));
        if (trialNode != null) {
            trialNode.onlyKeys(TRIAL_KEYS, REFUSED_TRIAL);
            int since = problems.count();
            CommandJob trial = CommandYaml.build(
                    trialNode,
                    CommandYaml.body(trialNode, InputsYaml.read(root), CommandYaml.declaredInputs(root)),
                    since);
            if (trial != null) {
                b.trial(trial.toBuilder()
                        .command(bareSearchSpaceToPlaceholders(trial.command()))
                        .build());
            }
        }
        SweepJob sweep = build(root, b, 0);
        problems.throwIfAny();
        return sweep;
    }

    /**
     * Reads the sweep keys of {@code node} (a sweep job file or a pipeline's sweep step):
     * {@code search_space}, {@code sampling_algorithm}, {@code objective}, {@code limits} and
     * {@code early_termination}, into {@code b}, and builds the sweep.
     *
     * @param since {@link YamlProblems#count()} before the node's parts were read: the sweep is built when none was
     *     found since
     * @return the sweep, or {@code null} when the node has problems (recorded)
     */
    static SweepJob build(YamlNode node, SweepJob.Builder b, int since) {
        YamlProblems problems = node.problems();
        SearchSpace space = problems.attempt(() -> searchSpace(node.child("search_space")));
        SamplingAlgorithm sampling = problems.attempt(() -> sampling(node));
        problems.check(() -> b.objective(objective(node.child("objective"))));
        if (node.has("limits")) {
            problems.check(() -> b.limits(limits(node.child("limits"))));
        }
        EarlyTerminationPolicy policy =
                node.has("early_termination") ? problems.attempt(() -> policy(node.child("early_termination"))) : null;
        b.searchSpace(space).samplingAlgorithm(sampling).earlyTermination(policy);
        // The sweep-wide checks (the name, the trial's references to the search space, the algorithm's
        // rules) report with the keys' problems; a part missing only because its key did not load is not
        // reported twice.
        b.problems().stream()
                .filter(p -> !problems.reportedUnder(node.field(p.field())))
                .map(node::located)
                .forEach(problems::add);
        return problems.noneSince(since)
                ? problems.attempt(() -> {
                    try {
                        return b.build();
                    } catch (ValidationException e) {
                        throw node.located(e);
                    }
                })
                : null;
    }

    private static String bareSearchSpaceToPlaceholders(String command) {
        return BARE_SEARCH_SPACE.matcher(command).replaceAll("\\$\\{\\{$1}}");
    }

    static SearchSpace searchSpace(YamlNode node) {
        SearchSpace.Builder b = SearchSpace.builder();
        for (String name : node.keys()) {
            b.parameter(name, parameter(node.child(name)));
        }
        return b.build();
    }

    /** One distribution; a {@code choice} value may be a nested search space (names to distributions or plain values). */
    private static Parameter parameter(YamlNode p) {
        String type =
                p.requireText("type", "Give the distribution: choice, randint, uniform, quniform, loguniform, ...");
        return switch (type) {
            case "choice" -> choice(p);
            case "randint" -> Parameter.randint(p.bind(Randint.class).upper());
            case "uniform", "loguniform" -> {
                Uniform u = p.bind(Uniform.class);
                yield type.equals("uniform")
                        ? Parameter.uniform(u.minValue(), u.maxValue())
                        : Parameter.loguniform(u.minValue(), u.maxValue());
            }
            case "quniform", "qloguniform" -> {
                QUniform u = p.bind(QUniform.class);
                yield type.equals("quniform")
                        ? Parameter.quniform(u.minValue(), u.maxValue(), u.q())
                        : Parameter.qloguniform(u.minValue(), u.maxValue(), u.q());
            }
            case "normal", "lognormal" -> {
                Normal n = p.bind(Normal.class);
                yield type.equals("normal")
                        ? Parameter.normal(n.mu(), n.sigma())
                        : Parameter.lognormal(n.mu(), n.sigma());
            }
            case "qnormal", "qlognormal" -> {
                QNormal n = p.bind(QNormal.class);
                yield type.equals("qnormal")
                        ? Parameter.qnormal(n.mu(), n.sigma(), n.q())
                        : Parameter.qlognormal(n.mu(), n.sigma(), n.q());
            }
            default ->
                throw new ValidationException(
                        p.field("type"),
                        type,
                        "is not a search-space distribution",
                        "Use choice, randint, uniform, quniform, loguniform, qloguniform, normal, qnormal, lognormal or qlognormal");
        };
    }

    /** {@code type: choice}: its values, each a plain value or a nested search space (walked: a value's kind is its shape). */
    private static Parameter choice(YamlNode p) {
        List<JsonNode> values = p.bind(Choice.class).values();
        if (values == null) {
            throw new ValidationException(p.field("values"), null, "is not a list", "Write values: [16, 32, 64]");
        }
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode v = values.get(i);
            list.add(v.isObject() ? nestedSpace(p.item("values", i, v)) : choiceValue(p.field("values"), v));
        }
        return new Parameter.Choice(list);
    }

    /** A nested search space: each key a distribution (a mapping with {@code type}) or a plain value. */
    private static Map<String, Object> nestedSpace(YamlNode space) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : space.keys()) {
            JsonNode v = space.raw(key);
            out.put(key, v.isObject() ? parameter(space.child(key)) : choiceValue(space.field(key), v));
        }
        return out;
    }

    private static Object choiceValue(String field, JsonNode v) {
        if (!v.isValueNode() || v.isNull()) {
            throw new ValidationException(
                    field,
                    v.toString(),
                    "is neither a plain value nor a nested search space",
                    "Give a text, number or boolean, or a mapping of names to distributions");
        }
        return YamlNode.scalar(v);
    }

    static SamplingAlgorithm sampling(YamlNode root) {
        JsonNode raw = root.raw("sampling_algorithm");
        if (raw == null || raw.isNull()) {
            throw new ValidationException(
                    root.field("sampling_algorithm"), null, "is required", "Give random, grid or bayesian");
        }
        String type;
        Long seed = null;
        boolean sobol = false;
        if (raw.isTextual()) {
            type = raw.asText();
        } else {
            Sampling s = root.child("sampling_algorithm").bind(Sampling.class, REFUSED_SAMPLING);
            type = s.type();
            seed = s.seed();
            String rule = s.rule();
            sobol = "sobol".equalsIgnoreCase(rule);
            if (rule != null && !sobol && !"random".equalsIgnoreCase(rule)) {
                throw new ValidationException(
                        root.field("sampling_algorithm.rule"),
                        rule,
                        "is not a rule of random sampling",
                        "Use random or sobol");
            }
            if (rule != null && !"random".equalsIgnoreCase(type)) {
                throw new ValidationException(
                        root.field("sampling_algorithm.rule"),
                        rule,
                        "applies to random sampling only",
                        "Remove rule, or use type: random");
            }
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "random" ->
                sobol
                        ? (seed == null ? SamplingAlgorithm.sobol() : SamplingAlgorithm.sobol(seed))
                        : seed == null ? SamplingAlgorithm.random() : SamplingAlgorithm.random(seed);
            case "sobol" ->
                throw new ValidationException(
                        root.field("sampling_algorithm"),
                        type,
                        "is a rule of random sampling, not an algorithm",
                        "Write sampling_algorithm: {type: random, rule: sobol}");
            case "grid" -> {
                if (seed != null) {
                    throw new ValidationException(
                            root.field("sampling_algorithm.seed"),
                            seed.toString(),
                            "has no effect on grid sampling",
                            "Remove the seed: a grid runs every combination");
                }
                yield SamplingAlgorithm.grid();
            }
            case "bayesian" -> seed == null ? SamplingAlgorithm.bayesian() : SamplingAlgorithm.bayesian(seed);
            default ->
                throw new ValidationException(
                        root.field("sampling_algorithm"),
                        type,
                        "is not a sampling algorithm",
                        "Use random, grid or bayesian");
        };
    }

    static Objective objective(YamlNode o) {
        ObjectiveKeys objective = o.bind(ObjectiveKeys.class);
        String goal = objective.goal();
        return switch (goal.toLowerCase(Locale.ROOT)) {
            case "maximize" -> Objective.maximize(objective.primaryMetric());
            case "minimize" -> Objective.minimize(objective.primaryMetric());
            default ->
                throw new ValidationException(o.field("goal"), goal, "is not a goal", "Use maximize or minimize");
        };
    }

    static SweepLimits limits(YamlNode l) {
        Limits limits = l.bind(Limits.class);
        int total = CommandYaml.orDefault(limits.maxTotalTrials(), 1000);
        // Azure ML accepts more concurrent trials than trials in all, and runs at most all of them at once.
        int concurrent = Math.min(CommandYaml.orDefault(limits.maxConcurrentTrials(), total), total);
        return new SweepLimits(total, concurrent, seconds(limits.timeout()), seconds(limits.trialTimeout()));
    }

    private static Duration seconds(Integer seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    static EarlyTerminationPolicy policy(YamlNode p) {
        String type = p.requireText("type", "Give bandit, median_stopping or truncation_selection");
        return switch (type) {
            case "bandit" -> {
                Bandit b = p.bind(Bandit.class);
                yield new EarlyTerminationPolicy.BanditPolicy(
                        b.slackFactor() == null ? 0 : b.slackFactor(),
                        b.slackAmount() == null ? 0 : b.slackAmount(),
                        interval(b.evaluationInterval()),
                        delay(b.delayEvaluation()));
            }
            case "median_stopping" -> {
                MedianStopping m = p.bind(MedianStopping.class);
                yield EarlyTerminationPolicy.medianStopping(
                        interval(m.evaluationInterval()), delay(m.delayEvaluation()));
            }
            case "truncation_selection" -> {
                TruncationSelection t = p.bind(TruncationSelection.class);
                yield EarlyTerminationPolicy.truncationSelection(
                        t.truncationPercentage(),
                        interval(t.evaluationInterval()),
                        delay(t.delayEvaluation()),
                        Boolean.TRUE.equals(t.excludeFinishedJobs()));
            }
            default ->
                throw new ValidationException(
                        p.field("type"),
                        type,
                        "is not an early termination policy",
                        "Use bandit, median_stopping or truncation_selection");
        };
    }

    /** A policy's {@code evaluation_interval}: every interval by default. */
    private static int interval(Integer evaluationInterval) {
        return CommandYaml.orDefault(evaluationInterval, 1);
    }

    /** A policy's {@code delay_evaluation}: none by default. */
    private static int delay(Integer delayEvaluation) {
        return CommandYaml.orDefault(delayEvaluation, 0);
    }
}
