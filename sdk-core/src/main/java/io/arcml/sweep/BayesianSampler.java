package io.arcml.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Bayesian optimisation with a tree-structured Parzen estimator: after a few random trials, the
 * finished trials are split into the best quarter and the rest, each parameter's density is
 * estimated in both groups, and the candidate with the highest ratio good/rest is proposed.
 * Supports {@code choice}, {@code uniform} and {@code quniform}, as Azure ML's bayesian sampling does.
 */
final class BayesianSampler implements Sampler {
    private static final int CANDIDATES = 24;
    private static final double GOOD_FRACTION = 0.25;

    private final SearchSpace space;
    private final Objective objective;
    private final long seed;
    private final int startupTrials;

    BayesianSampler(SearchSpace space, Objective objective, long seed) {
        this.space = space;
        this.objective = objective;
        this.seed = seed;
        this.startupTrials = Math.max(5, 2 * space.parameters().size());
    }

    @Override
    public Optional<Map<String, Object>> next(List<TrialResult> history) {
        Random random = new Random(RandomSampler.mix(seed, history.size()));
        List<TrialResult> observed = new ArrayList<>();
        for (TrialResult r : history) {
            if (r.primaryMetric() != null) {
                observed.add(r);
            }
        }
        if (observed.size() < startupTrials) {
            return Optional.of(RandomSampler.draw(space, random));
        }
        observed.sort((a, b) -> objective.isBetter(a.primaryMetric(), b.primaryMetric())
                ? -1
                : objective.isBetter(b.primaryMetric(), a.primaryMetric()) ? 1 : 0);
        int nGood = Math.max(1, (int) Math.ceil(GOOD_FRACTION * observed.size()));
        List<TrialResult> good = observed.subList(0, nGood);
        List<TrialResult> rest = observed.subList(nGood, observed.size());
        Map<String, Object> out = new LinkedHashMap<>();
        space.parameters().forEach((name, p) -> out.put(name, propose(name, p, good, rest, random)));
        return Optional.of(out);
    }

    private static Object propose(
            String name, Parameter p, List<TrialResult> good, List<TrialResult> rest, Random random) {
        if (p instanceof Parameter.Choice c) {
            int k = c.values().size();
            double[] l = new double[k];
            double[] g = new double[k];
            for (int i = 0; i < k; i++) {
                Object v = c.values().get(i);
                l[i] = (count(good, name, v) + 1.0) / (good.size() + k);
                g[i] = (count(rest, name, v) + 1.0) / (rest.size() + k);
            }
            int bestIndex = -1;
            double bestScore = -1;
            for (int n = 0; n < CANDIDATES; n++) {
                int i = sampleIndex(l, random);
                if (l[i] / g[i] > bestScore) {
                    bestScore = l[i] / g[i];
                    bestIndex = i;
                }
            }
            return c.values().get(bestIndex);
        }
        double min;
        double max;
        double q;
        if (p instanceof Parameter.Uniform u) {
            min = u.min();
            max = u.max();
            q = 0;
        } else if (p instanceof Parameter.QUniform u) {
            min = u.min();
            max = u.max();
            q = u.q();
        } else {
            throw new IllegalStateException(
                    "bayesian sampling does not support " + p.type() + " (checked before sampling)");
        }
        double[] lPoints = values(good, name);
        double[] gPoints = values(rest, name);
        double bandwidth = Math.max((max - min) * Math.pow(lPoints.length + 1, -0.2) / 5, 1e-12);
        double bestX = min;
        double bestScore = -1;
        for (int n = 0; n < CANDIDATES; n++) {
            double centre = lPoints[random.nextInt(lPoints.length)];
            double x = Math.min(max, Math.max(min, centre + bandwidth * random.nextGaussian()));
            double score = density(x, lPoints, bandwidth, min, max) / density(x, gPoints, bandwidth, min, max);
            if (score > bestScore) {
                bestScore = score;
                bestX = x;
            }
        }
        return q > 0 ? Math.round(bestX / q) * q : bestX;
    }

    /** A Parzen density with a uniform prior component, so that it is never zero. */
    private static double density(double x, double[] points, double bw, double min, double max) {
        double sum = 1.0 / (max - min);
        for (double c : points) {
            double z = (x - c) / bw;
            sum += Math.exp(-0.5 * z * z) / (bw * Math.sqrt(2 * Math.PI));
        }
        return sum / (points.length + 1);
    }

    private static double[] values(List<TrialResult> trials, String name) {
        double[] out = new double[trials.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) trials.get(i).parameters().get(name)).doubleValue();
        }
        return out;
    }

    private static int count(List<TrialResult> trials, String name, Object value) {
        int n = 0;
        for (TrialResult t : trials) {
            if (value.equals(t.parameters().get(name))) {
                n++;
            }
        }
        return n;
    }

    private static int sampleIndex(double[] weights, Random random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r <= 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
