package io.arcml.sweep;

import io.arcml.ValidationException;
import io.arcml.internal.AzureMlText;
import java.util.Locale;

/**
 * What a sweep optimises: a metric the trials report, and whether higher or lower is better.
 *
 * @param primaryMetric the metric's name, exactly as the training script logs it
 * @param goal maximise or minimise
 */
public record Objective(String primaryMetric, Goal goal) {

    /** Higher or lower is better. */
    public enum Goal {
        /** Higher is better. */
        MAXIMIZE,
        /** Lower is better. */
        MINIMIZE;

        /** Azure ML's spelling: {@code Maximize}, {@code Minimize}. */
        public String restName() {
            return this == MAXIMIZE ? "Maximize" : "Minimize";
        }
    }

    /** Canonical constructor: both parts required. */
    public Objective {
        if (primaryMetric == null || primaryMetric.isBlank()) {
            throw new ValidationException(
                    "objective.primary_metric",
                    primaryMetric,
                    "is empty",
                    "Name the metric the trials log, e.g. accuracy");
        }
        AzureMlText.requireWordCharacter(
                "objective.primary_metric", primaryMetric, "Name the metric the trials log, e.g. accuracy");
        if (goal == null) {
            throw new ValidationException("objective.goal", null, "is required", "Use MAXIMIZE or MINIMIZE");
        }
    }

    /** Maximise {@code metric}. */
    public static Objective maximize(String metric) {
        return new Objective(metric, Goal.MAXIMIZE);
    }

    /** Minimise {@code metric}. */
    public static Objective minimize(String metric) {
        return new Objective(metric, Goal.MINIMIZE);
    }

    /** True when {@code a} is strictly better than {@code b}. */
    public boolean isBetter(double a, double b) {
        return goal == Goal.MAXIMIZE ? a > b : a < b;
    }

    /** The better of two values. */
    public double best(double a, double b) {
        return isBetter(a, b) ? a : b;
    }

    @Override
    public String toString() {
        return goal.restName().toLowerCase(Locale.ROOT) + " " + primaryMetric;
    }
}
