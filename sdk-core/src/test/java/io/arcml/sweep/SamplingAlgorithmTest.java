package io.arcml.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SamplingAlgorithmTest {
    private static final Objective ACCURACY = Objective.maximize("accuracy");

    private static List<Map<String, Object>> propose(
            Sampler sampler, int n, Function<Map<String, Object>, Double> metric) {
        List<TrialResult> history = new ArrayList<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var next = sampler.next(history);
            if (next.isEmpty()) {
                break;
            }
            out.add(next.get());
            Double value = metric == null ? null : metric.apply(next.get());
            history.add(new TrialResult(
                    i, "t" + i, next.get(), TrialResult.State.COMPLETED, value, null, null, null, null));
        }
        return out;
    }

    @Test
    void gridProposesExactlyEveryCombinationOnce() {
        SearchSpace space = SearchSpace.builder()
                .parameter("a", Parameter.choice(1, 2, 3))
                .parameter("b", Parameter.choice("x", "y"))
                .build();

        List<Map<String, Object>> all = propose(SamplingAlgorithm.grid().newSampler(space, ACCURACY), 100, null);

        assertThat(all).hasSize(6).doesNotHaveDuplicates();
        assertThat(all.get(0)).isEqualTo(Map.of("a", 1, "b", "x"));
        assertThat(all.get(1)).isEqualTo(Map.of("a", 1, "b", "y"));
        assertThat(all.get(5)).isEqualTo(Map.of("a", 3, "b", "y"));
        assertThat(SamplingAlgorithm.grid().size(space)).isEqualTo(6);
    }

    @Test
    void gridAcceptsChoiceOnly() {
        SearchSpace space =
                SearchSpace.builder().parameter("lr", Parameter.uniform(0, 1)).build();
        assertThatThrownBy(() -> SamplingAlgorithm.grid().check(space, null))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("search_space.lr: 'uniform' cannot be grid-sampled");
    }

    @Test
    void aRandomSeedBeyond32BitsIsRefusedWithTheRangeAzureMlAccepts() {
        assertThatThrownBy(() -> SamplingAlgorithm.random(2_147_483_648L))
                .isInstanceOf(ValidationException.class)
                .hasMessage(
                        "sampling_algorithm.seed: '2147483648' is beyond the 32-bit range Azure ML takes for a seed. "
                                + "Give a seed from -2147483648 to 2147483647, e.g. SamplingAlgorithm.random(42)");
        assertThatThrownBy(() -> SamplingAlgorithm.random(Integer.MIN_VALUE - 1L))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'-2147483649'");
        assertThat(SamplingAlgorithm.random(Integer.MAX_VALUE).seed()).isEqualTo(Integer.MAX_VALUE);
        assertThat(SamplingAlgorithm.random(Integer.MIN_VALUE).seed()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void seededRandomSamplingIsReproducibleAndSeedsDiffer() {
        SearchSpace space = SearchSpace.builder()
                .parameter("lr", Parameter.loguniform(-6, -1))
                .parameter("bs", Parameter.choice(16, 32, 64))
                .build();

        var first = propose(SamplingAlgorithm.random(7).newSampler(space, ACCURACY), 20, null);
        var again = propose(SamplingAlgorithm.random(7).newSampler(space, ACCURACY), 20, null);
        var other = propose(SamplingAlgorithm.random(8).newSampler(space, ACCURACY), 20, null);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        Set<Object> lrs = new HashSet<>();
        first.forEach(m -> lrs.add(m.get("lr")));
        assertThat(lrs).hasSize(20);
    }

    @Test
    void theNthRandomProposalDoesNotDependOnEarlierResults() {
        SearchSpace space =
                SearchSpace.builder().parameter("lr", Parameter.uniform(0, 1)).build();
        Sampler s = SamplingAlgorithm.random(3).newSampler(space, ACCURACY);
        List<TrialResult> fiveDone = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fiveDone.add(new TrialResult(
                    i, "t" + i, Map.of("lr", 0.5), TrialResult.State.FAILED, null, null, null, null, null));
        }
        assertThat(s.next(fiveDone))
                .isEqualTo(propose(SamplingAlgorithm.random(3).newSampler(space, ACCURACY), 6, null).stream()
                        .skip(5)
                        .findFirst());
    }

    @Test
    void bayesianAcceptsChoiceUniformQuniformAndNoPolicy() {
        SearchSpace ok = SearchSpace.builder()
                .parameter("a", Parameter.choice(1))
                .parameter("b", Parameter.uniform(0, 1))
                .parameter("c", Parameter.quniform(0, 10, 1))
                .build();
        SamplingAlgorithm.bayesian().check(ok, null);

        SearchSpace normal =
                SearchSpace.builder().parameter("n", Parameter.normal(0, 1)).build();
        assertThatThrownBy(() -> SamplingAlgorithm.bayesian().check(normal, null))
                .hasMessageStartingWith("search_space.n: 'normal' cannot be sampled by bayesian sampling");
        assertThatThrownBy(() -> SamplingAlgorithm.bayesian().check(ok, EarlyTerminationPolicy.medianStopping(1, 0)))
                .hasMessageStartingWith(
                        "early_termination: 'MedianStopping' cannot be combined with bayesian sampling");
        SamplingAlgorithm.random().check(normal, EarlyTerminationPolicy.medianStopping(1, 0));
    }

    @Test
    void bayesianConcentratesWhereTheObjectiveIsBest() {
        SearchSpace space = SearchSpace.builder()
                .parameter("x", Parameter.uniform(0, 1))
                .parameter("act", Parameter.choice("relu", "tanh", "gelu"))
                .build();
        Function<Map<String, Object>, Double> metric = m -> {
            double x = (double) m.get("x");
            return -(x - 0.7) * (x - 0.7) + ("gelu".equals(m.get("act")) ? 0.1 : 0);
        };

        var bayes = propose(SamplingAlgorithm.bayesian().newSampler(space, ACCURACY), 60, metric);
        var random = propose(SamplingAlgorithm.random(0).newSampler(space, ACCURACY), 60, metric);

        assertThat(meanDistance(bayes.subList(30, 60))).isLessThan(meanDistance(random.subList(30, 60)) / 2);
        assertThat(bayes.subList(30, 60).stream()
                        .filter(m -> "gelu".equals(m.get("act")))
                        .count())
                .isGreaterThan(15);
        assertThat(propose(SamplingAlgorithm.bayesian().newSampler(space, ACCURACY), 60, metric))
                .isEqualTo(bayes);
    }

    private static double meanDistance(List<Map<String, Object>> proposals) {
        return proposals.stream()
                .mapToDouble(m -> Math.abs((double) m.get("x") - 0.7))
                .average()
                .orElseThrow();
    }
}
