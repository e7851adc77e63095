package io.arcml.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Independent draws from each parameter's distribution. The n-th proposal depends only on the
 * seed and n, so a restarted sweep draws the same values again.
 */
final class RandomSampler implements Sampler {
    private final SearchSpace space;
    private final long seed;

    RandomSampler(SearchSpace space, long seed) {
        this.space = space;
        this.seed = seed;
    }

    @Override
    public Optional<Map<String, Object>> next(List<TrialResult> history) {
        return Optional.of(draw(space, new Random(mix(seed, history.size()))));
    }

    static Map<String, Object> draw(SearchSpace space, Random random) {
        Map<String, Object> out = new LinkedHashMap<>();
        space.parameters().forEach((name, p) -> out.put(name, p.sample(random)));
        return out;
    }

    /** A per-trial seed: the trial index mixed into the sweep's seed (SplitMix64's finaliser). */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
