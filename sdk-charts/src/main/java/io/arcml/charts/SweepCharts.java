package io.arcml.charts;

import io.arcml.sweep.Objective;
import io.arcml.sweep.SweepResults;
import io.arcml.sweep.SweepRun;
import io.arcml.sweep.TrialResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of a sweep: each trial's primary metric by step, and the best result so far as
 * trials complete, by count and by time.
 *
 * <pre>{@code
 * SweepCharts charts = SweepCharts.of(run);
 * charts.metricByStep();                 // the last expression of a notebook cell shows it
 * charts.bestSoFar().writeSvg(Path.of("best-so-far.svg"));
 * }</pre>
 */
public final class SweepCharts {
    /** The key of the series that marks where early termination stopped trials. */
    public static final String STOPPED_SERIES = "stopped early";
    /** What the best trial's series key ends with. */
    public static final String BEST_SUFFIX = " (best)";
    /** The key of the series of each completed trial's result. */
    public static final String TRIAL_RESULTS_SERIES = "completed trial";
    /** The key of the best-so-far series. */
    public static final String BEST_SO_FAR_SERIES = "best so far";

    static final float TRIAL_LINE_WIDTH = 1.5f;
    static final float BEST_LINE_WIDTH = 4f;
    static final Color STOP_MARK = new Color(230, 20, 140);

    private final SweepResults results;
    private final String name;

    private SweepCharts(SweepResults results, String name) {
        this.results = results;
        this.name = name;
    }

    /** The charts of a sweep run, as its trials stand now. */
    public static SweepCharts of(SweepRun run) {
        return new SweepCharts(run.results(), "sweep '" + run.sweep().name() + "'");
    }

    /** The charts of a sweep's results. */
    public static SweepCharts of(SweepResults results) {
        return new SweepCharts(results, "sweep");
    }

    private String metric() {
        return results.objective().primaryMetric();
    }

    /** The series key of a trial: {@code trial 3}, or {@code trial 3 (best)} for the best one. */
    public static String trialKey(TrialResult trial, boolean best) {
        return "trial " + trial.index() + (best ? BEST_SUFFIX : "");
    }

    /**
     * The primary metric at each step a trial reported, one line per trial that reported a step;
     * the best trial is drawn with a thick line and named {@code (best)}, and each trial that
     * early termination stopped has a red cross at the last step it reported (the series
     * {@value #STOPPED_SERIES}, in the plot's second dataset).
     */
    public Chart metricByStep() {
        Integer bestIndex = results.best().map(TrialResult::index).orElse(null);
        XYSeriesCollection trials = new XYSeriesCollection();
        XYSeries stopped = new XYSeries(STOPPED_SERIES, false);
        List<Integer> bestSeries = new ArrayList<>();
        for (TrialResult t : results.trials()) {
            if (t.intermediate().isEmpty()) {
                continue;
            }
            boolean best = bestIndex != null && t.index() == bestIndex;
            XYSeries s = new XYSeries(trialKey(t, best), false);
            for (int step = 1; step <= t.intermediate().size(); step++) {
                s.add(step, t.intermediate().get(step - 1));
            }
            if (best) {
                bestSeries.add(trials.getSeriesCount());
            }
            trials.addSeries(s);
            if (t.state() == TrialResult.State.EARLY_TERMINATED) {
                stopped.add(t.lastStep(), t.intermediate().get(t.lastStep() - 1));
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                metric() + " by step", "step", metric(), trials, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setDefaultStroke(new BasicStroke(TRIAL_LINE_WIDTH));
        lines.setAutoPopulateSeriesStroke(false);
        for (int i = 0; i < trials.getSeriesCount(); i++) {
            lines.setSeriesStroke(i, new BasicStroke(bestSeries.contains(i) ? BEST_LINE_WIDTH : TRIAL_LINE_WIDTH));
        }
        ChartStyle.colourSeries(lines, trials.getSeriesCount(), bestSeries);
        plot.setRenderer(0, lines);
        XYLineAndShapeRenderer marks = new XYLineAndShapeRenderer(false, true);
        marks.setSeriesShape(0, cross(6));
        marks.setSeriesPaint(0, STOP_MARK);
        marks.setSeriesOutlineStroke(0, new BasicStroke(3f));
        marks.setSeriesShapesFilled(0, false);
        marks.setSeriesVisibleInLegend(0, !stopped.isEmpty());
        marks.setUseOutlinePaint(false);
        plot.setDataset(1, new XYSeriesCollection(stopped));
        plot.setRenderer(1, marks);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        chart.addSubtitle(new TextTitle(subtitle()));
        return new Chart(ChartStyle.apply(chart));
    }

    private String subtitle() {
        Objective objective = results.objective();
        return name + ": " + results.trials().size() + " trials, " + results.count(TrialResult.State.EARLY_TERMINATED)
                + " stopped early, goal " + objective.goal().toString().toLowerCase(Locale.ROOT) + " " + metric()
                + results.best().map(b -> ", best trial " + b.index()).orElse("");
    }

    /** An X of half-size {@code r}, drawn with the series' stroke. */
    private static Shape cross(double r) {
        Path2D.Double x = new Path2D.Double();
        x.moveTo(-r, -r);
        x.lineTo(r, r);
        x.moveTo(-r, r);
        x.lineTo(r, -r);
        return x;
    }

    /**
     * The best primary metric so far against the number of trials completed (in the order they
     * ended), with each completed trial's own result as a point.
     */
    public Chart bestSoFar() {
        List<TrialResult> done = completedInOrder();
        XYSeries points = new XYSeries(TRIAL_RESULTS_SERIES, false);
        XYSeries best = new XYSeries(BEST_SO_FAR_SERIES, false);
        Double sofar = null;
        for (int i = 0; i < done.size(); i++) {
            double v = done.get(i).primaryMetric();
            sofar = sofar == null ? v : results.objective().best(sofar, v);
            points.add(i + 1, v);
            best.add(i + 1, sofar);
        }
        JFreeChart chart = progressChart("best " + metric() + " by trials completed", "trials completed", points, best);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return new Chart(chart);
    }

    /**
     * The best primary metric so far against the minutes since the first trial started, each
     * completed trial placed where it ended. Trials whose times the control plane did not report
     * are left out.
     */
    public Chart bestSoFarOverTime() {
        Optional<OffsetDateTime> first = results.trials().stream()
                .map(TrialResult::startTime)
                .filter(t -> t != null)
                .min(Comparator.naturalOrder());
        XYSeries points = new XYSeries(TRIAL_RESULTS_SERIES, false);
        XYSeries best = new XYSeries(BEST_SO_FAR_SERIES, false);
        Double sofar = null;
        for (TrialResult t : completedInOrder()) {
            if (t.endTime() == null || first.isEmpty()) {
                continue;
            }
            double minutes = Duration.between(first.get(), t.endTime()).toMillis() / 60_000.0;
            sofar = sofar == null ? t.primaryMetric() : results.objective().best(sofar, t.primaryMetric());
            points.add(minutes, t.primaryMetric());
            best.add(minutes, sofar);
        }
        return new Chart(progressChart(
                "best " + metric() + " over time", "minutes since the first trial started", points, best));
    }

    /** The completed trials with a primary metric, in the order they ended (by index where times are unknown). */
    private List<TrialResult> completedInOrder() {
        List<TrialResult> done = new ArrayList<>();
        for (TrialResult t : results.trials()) {
            if (t.state() == TrialResult.State.COMPLETED && t.primaryMetric() != null) {
                done.add(t);
            }
        }
        done.sort(Comparator.comparing(TrialResult::endTime, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(TrialResult::index));
        return done;
    }

    private JFreeChart progressChart(String title, String xLabel, XYSeries points, XYSeries best) {
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, metric(), new XYSeriesCollection(best), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYStepRenderer step = new XYStepRenderer();
        step.setSeriesStroke(0, new BasicStroke(BEST_LINE_WIDTH / 1.5f));
        plot.setRenderer(0, step);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesPaint(0, new Color(127, 127, 127));
        step.setSeriesPaint(0, new Color(31, 119, 180));
        plot.setDataset(1, new XYSeriesCollection(points));
        plot.setRenderer(1, dots);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        chart.addSubtitle(new TextTitle(subtitle()));
        return ChartStyle.apply(chart);
    }
}
