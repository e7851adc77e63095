package io.arcml.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every combination of the {@code choice} values, in order: the first parameter varies slowest. */
final class GridSampler implements Sampler {
    private final List<String> names = new ArrayList<>();
    private final List<List<Object>> values = new ArrayList<>();

    GridSampler(SearchSpace space) {
        space.parameters().forEach((name, p) -> {
            names.add(name);
            values.add(Parameter.gridValues(name, p));
        });
    }

    /** How many combinations the grid has. */
    long size() {
        long n = 1;
        for (List<Object> v : values) {
            n = Math.multiplyExact(n, v.size());
        }
        return n;
    }

    @Override
    public Optional<Map<String, Object>> next(List<TrialResult> history) {
        long index = history.size();
        if (index >= size()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        long rest = index;
        int[] digits = new int[names.size()];
        for (int i = names.size() - 1; i >= 0; i--) {
            digits[i] = (int) (rest % values.get(i).size());
            rest /= values.get(i).size();
        }
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), values.get(i).get(digits[i]));
        }
        return Optional.of(out);
    }
}
