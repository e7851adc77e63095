package io.arcml.samples.bench;

import java.util.Arrays;

/**
 * The median of a run's ratios and a distribution-free 95% confidence interval for it: the
 * order statistics {@code x(r)} and {@code x(n+1-r)} of the sorted values, with {@code r} the
 * largest rank for which fewer than {@code r} of {@code n} values fall below the true median
 * with probability at most 2.5% (each value falls below it with probability one half). It
 * assumes nothing about the ratios' spread, only that turns are independent, so that a run can
 * say whether its median is above a goal or only near it.
 *
 * @param median the middle value (the upper of the two for an even count, as the benchmark's other medians)
 * @param low the interval's lower end; the smallest value when there are too few to say more
 * @param high the interval's upper end; the largest value when there are too few to say more
 */
record MedianInterval(double median, double low, double high) {
    /** The two-sided coverage aimed at: each tail at most this. */
    private static final double TAIL = 0.025;

    /** The median of these values and the interval around it. */
    static MedianInterval of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a median needs at least one value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int r = lowerRank(n);
        return new MedianInterval(sorted[n / 2], sorted[Math.max(r, 1) - 1], sorted[n - Math.max(r, 1)]);
    }

    /**
     * The largest rank {@code r} (1-based) with {@code P(X <= r - 1) <= 2.5%} for {@code X} binomial
     * with {@code n} trials and one half; 0 when even {@code r = 1} is too likely (fewer than six values).
     */
    static int lowerRank(int n) {
        double cumulative = 0;
        double logHalfToN = n * Math.log(0.5);
        double logChoose = 0; // log C(n, 0)
        int r = 0;
        for (int k = 0; k < n; k++) {
            cumulative += Math.exp(logChoose + logHalfToN);
            if (cumulative > TAIL) {
                break;
            }
            r = k + 1;
            logChoose += Math.log(n - k) - Math.log(k + 1.0);
        }
        return r;
    }
}
