package io.arcml.yaml;

import com.fasterxml.jackson.databind.JsonNode;
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
    /** The keys of a {@code sampling_algorithm} mapping arcml honours. */
    static final Set<String> SAMPLING_KEYS = Set.of("type", "seed", "rule");

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
            case "choice" -> {
                p.onlyKeys(Set.of("type", "values"), Map.of());
                JsonNode values = p.raw("values");
                if (values == null || !values.isArray()) {
                    throw new ValidationException(
                            p.field("values"),
                            values == null ? null : values.toString(),
                            "is not a list",
                            "Write values: [16, 32, 64]");
                }
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    JsonNode v = values.get(i);
                    list.add(
                            v.isObject()
                                    ? nestedSpace(YamlNode.mapping(
                                            v, p.field("values") + "[" + i + "]", p.problems(), p.directory()))
                                    : choiceValue(p.field("values"), v));
                }
                yield new Parameter.Choice(list);
            }
            case "randint" -> {
                p.onlyKeys(Set.of("type", "upper"), Map.of());
                Integer upper = p.integer("upper");
                if (upper == null) {
                    throw new ValidationException(
                            p.field("upper"), null, "is required", "Give the exclusive upper bound");
                }
                yield Parameter.randint(upper);
            }
            case "uniform", "loguniform" -> {
                p.onlyKeys(Set.of("type", "min_value", "max_value"), Map.of());
                double min = p.requireNumber("min_value");
                double max = p.requireNumber("max_value");
                yield type.equals("uniform") ? Parameter.uniform(min, max) : Parameter.loguniform(min, max);
            }
            case "quniform", "qloguniform" -> {
                p.onlyKeys(Set.of("type", "min_value", "max_value", "q"), Map.of());
                double min = p.requireNumber("min_value");
                double max = p.requireNumber("max_value");
                double q = p.requireNumber("q");
                yield type.equals("quniform") ? Parameter.quniform(min, max, q) : Parameter.qloguniform(min, max, q);
            }
            case "normal", "lognormal" -> {
                p.onlyKeys(Set.of("type", "mu", "sigma"), Map.of());
                yield type.equals("normal")
                        ? Parameter.normal(p.requireNumber("mu"), p.requireNumber("sigma"))
                        : Parameter.lognormal(p.requireNumber("mu"), p.requireNumber("sigma"));
            }
            case "qnormal", "qlognormal" -> {
                p.onlyKeys(Set.of("type", "mu", "sigma", "q"), Map.of());
                yield type.equals("qnormal")
                        ? Parameter.qnormal(p.requireNumber("mu"), p.requireNumber("sigma"), p.requireNumber("q"))
                        : Parameter.qlognormal(p.requireNumber("mu"), p.requireNumber("sigma"), p.requireNumber("q"));
            }
            default ->
                throw new ValidationException(
                        p.field("type"),
                        type,
                        "is not a search-space distribution",
                        "Use choice, randint, uniform, quniform, loguniform, qloguniform, normal, qnormal, lognormal or qlognormal");
        };
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
            YamlNode s = root.child("sampling_algorithm");
            s.onlyKeys(SAMPLING_KEYS, REFUSED_SAMPLING);
            type = s.requireText("type", "Give random, grid or bayesian");
            Integer sd = s.integer("seed");
            seed = sd == null ? null : sd.longValue();
            String rule = s.text("rule");
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
        o.onlyKeys(Set.of("goal", "primary_metric"), Map.of());
        String goal = o.requireText("goal", "Give maximize or minimize");
        String metric = o.requireText("primary_metric", "Name the metric the trials log");
        return switch (goal.toLowerCase(Locale.ROOT)) {
            case "maximize" -> Objective.maximize(metric);
            case "minimize" -> Objective.minimize(metric);
            default ->
                throw new ValidationException(o.field("goal"), goal, "is not a goal", "Use maximize or minimize");
        };
    }

    static SweepLimits limits(YamlNode l) {
        l.onlyKeys(Set.of("max_total_trials", "max_concurrent_trials", "timeout", "trial_timeout"), Map.of());
        int total = CommandYaml.orDefault(l.integer("max_total_trials"), 1000);
        // Azure ML accepts more concurrent trials than trials in all, and runs at most all of them at once.
        int concurrent = Math.min(CommandYaml.orDefault(l.integer("max_concurrent_trials"), total), total);
        Integer timeout = l.integer("timeout");
        Integer trialTimeout = l.integer("trial_timeout");
        return new SweepLimits(
                total,
                concurrent,
                timeout == null ? null : Duration.ofSeconds(timeout),
                trialTimeout == null ? null : Duration.ofSeconds(trialTimeout));
    }

    static EarlyTerminationPolicy policy(YamlNode p) {
        String type = p.requireText("type", "Give bandit, median_stopping or truncation_selection");
        int interval = CommandYaml.orDefault(p.integer("evaluation_interval"), 1);
        int delay = CommandYaml.orDefault(p.integer("delay_evaluation"), 0);
        return switch (type) {
            case "bandit" -> {
                p.onlyKeys(
                        Set.of("type", "slack_factor", "slack_amount", "evaluation_interval", "delay_evaluation"),
                        Map.of());
                Double factor = p.number("slack_factor");
                Double amount = p.number("slack_amount");
                yield new EarlyTerminationPolicy.BanditPolicy(
                        factor == null ? 0 : factor, amount == null ? 0 : amount, interval, delay);
            }
            case "median_stopping" -> {
                p.onlyKeys(Set.of("type", "evaluation_interval", "delay_evaluation"), Map.of());
                yield EarlyTerminationPolicy.medianStopping(interval, delay);
            }
            case "truncation_selection" -> {
                p.onlyKeys(
                        Set.of(
                                "type",
                                "truncation_percentage",
                                "evaluation_interval",
                                "delay_evaluation",
                                "exclude_finished_jobs"),
                        Map.of());
                Integer pct = p.integer("truncation_percentage");
                if (pct == null) {
                    throw new ValidationException(
                            p.field("truncation_percentage"), null, "is required", "Give a percentage from 1 to 99");
                }
                Boolean exclude = p.bool("exclude_finished_jobs");
                yield EarlyTerminationPolicy.truncationSelection(pct, interval, delay, exclude != null && exclude);
            }
            default ->
                throw new ValidationException(
                        p.field("type"),
                        type,
                        "is not an early termination policy",
                        "Use bandit, median_stopping or truncation_selection");
        };
    }
}
