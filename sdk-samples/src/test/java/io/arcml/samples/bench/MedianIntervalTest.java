package io.arcml.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MedianIntervalTest {
    @Test
    void theLowerRankIsTheBinomialTablesOne() {
        // The sign test's ranks, from the binomial sums (Python: the largest r with
        // sum(comb(n, k) for k < r) / 2**n <= 0.025): n = 6 -> 1, 10 -> 2, 20 -> 6, 45 -> 16, 130 -> 54.
        assertThat(MedianInterval.lowerRank(5)).isZero();
        assertThat(MedianInterval.lowerRank(6)).isEqualTo(1);
        assertThat(MedianInterval.lowerRank(10)).isEqualTo(2);
        assertThat(MedianInterval.lowerRank(20)).isEqualTo(6);
        assertThat(MedianInterval.lowerRank(45)).isEqualTo(16);
        assertThat(MedianInterval.lowerRank(130)).isEqualTo(54);
    }

    @Test
    void theIntervalIsThoseOrderStatisticsOfTheSortedValues() {
        // 20 values 1..20 given out of order: ranks 6 and 15, the median the upper middle value.
        double[] values =
                IntStream.rangeClosed(1, 20).map(i -> 21 - i).asDoubleStream().toArray();

        assertThat(MedianInterval.of(values)).isEqualTo(new MedianInterval(11, 6, 15));
    }

    @Test
    void tooFewValuesGiveTheWholeRange() {
        assertThat(MedianInterval.of(new double[] {3, 1, 2})).isEqualTo(new MedianInterval(2, 1, 3));
        assertThatThrownBy(() -> MedianInterval.of(new double[0])).hasMessageContaining("at least one value");
    }
}
