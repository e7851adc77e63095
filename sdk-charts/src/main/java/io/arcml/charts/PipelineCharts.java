package io.arcml.charts;

import io.arcml.pipeline.PipelineRun;
import io.arcml.pipeline.PipelineRun.StepState;
import io.arcml.pipeline.PipelineRun.StepStatus;
import java.awt.Color;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * The charts of a pipeline: its steps on a time line, one row per step, a bar from when its job
 * started to when it ended, coloured by how it ended, so what ran in parallel and what waited
 * shows at a glance.
 *
 * <pre>{@code
 * PipelineCharts.of(run).timeline().writePng(Path.of("pipeline.png"));
 * }</pre>
 */
public final class PipelineCharts {
    private static final Map<StepState, Color> COLORS = new EnumMap<>(Map.of(
            StepState.COMPLETED, new Color(46, 139, 87),
            StepState.RUNNING, new Color(70, 130, 180),
            StepState.FAILED, new Color(200, 0, 0),
            StepState.CANCELED, new Color(255, 140, 0)));
    private static final double BAR_HALF_HEIGHT = 0.3;

    private final String name;
    private final Map<String, StepStatus> steps;

    private PipelineCharts(String name, Map<String, StepStatus> steps) {
        this.name = name;
        this.steps = new LinkedHashMap<>(steps);
    }

    /** The charts of a pipeline run, as its steps stand now. */
    public static PipelineCharts of(PipelineRun run) {
        return new PipelineCharts("pipeline '" + run.pipeline().name() + "'", run.steps());
    }

    /** The charts of steps by name, in the order given (a pipeline's {@link PipelineRun#steps()}). */
    public static PipelineCharts of(String name, Map<String, StepStatus> steps) {
        return new PipelineCharts(name, steps);
    }

    /**
     * The steps on a time line: one row per step in the pipeline's order, one series per state
     * ({@code COMPLETED}, {@code RUNNING}, {@code FAILED}, {@code CANCELED}) so the legend reads
     * as a key. A running step's bar ends now; steps that never ran (waiting, queued, skipped) keep
     * their row, empty, and are named in the subtitle.
     */
    public Chart timeline() {
        OffsetDateTime now = OffsetDateTime.now();
        Map<StepState, XYIntervalSeries> byState = new EnumMap<>(StepState.class);
        List<String> rows = new ArrayList<>(steps.keySet());
        List<String> notRun = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            StepStatus s = steps.get(rows.get(row));
            if (s.startTime() == null || !COLORS.containsKey(s.state())) {
                notRun.add(rows.get(row) + " " + s.state().toString().toLowerCase(Locale.ROOT));
                continue;
            }
            OffsetDateTime end = s.endTime() == null ? now : s.endTime();
            double start = s.startTime().toInstant().toEpochMilli();
            byState.computeIfAbsent(s.state(), st -> new XYIntervalSeries(st.name()))
                    .add(
                            start,
                            start,
                            end.toInstant().toEpochMilli(),
                            row,
                            row - BAR_HALF_HEIGHT,
                            row + BAR_HALF_HEIGHT);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        XYBarRenderer bars = new XYBarRenderer();
        bars.setUseYInterval(true);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        byState.forEach((state, series) -> {
            bars.setSeriesPaint(data.getSeriesCount(), COLORS.get(state));
            data.addSeries(series);
        });
        SymbolAxis stepAxis = new SymbolAxis("step", rows.toArray(new String[0]));
        stepAxis.setInverted(true);
        stepAxis.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(data, new DateAxis("time"), stepAxis, bars);
        JFreeChart chart = new JFreeChart(name + " steps", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        if (!notRun.isEmpty()) {
            chart.addSubtitle(new TextTitle("not run: " + String.join(", ", notRun)));
        }
        return new Chart(ChartStyle.apply(chart));
    }
}
