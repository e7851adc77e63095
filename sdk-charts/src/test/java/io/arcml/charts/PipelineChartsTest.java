package io.arcml.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.pipeline.PipelineRun.StepState;
import io.arcml.pipeline.PipelineRun.StepStatus;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;

class PipelineChartsTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC);

    private static StepStatus step(StepState state, Integer startMin, Integer endMin) {
        return new StepStatus(
                state,
                "job",
                "run",
                null,
                startMin == null ? null : T0.plusMinutes(startMin),
                endMin == null ? null : T0.plusMinutes(endMin));
    }

    /** prep, then train_a and train_b in parallel (train_b fails), eval skipped. */
    static Map<String, StepStatus> steps() {
        Map<String, StepStatus> steps = new LinkedHashMap<>();
        steps.put("prep", step(StepState.COMPLETED, 0, 2));
        steps.put("train_a", step(StepState.COMPLETED, 2, 9));
        steps.put("train_b", step(StepState.FAILED, 2, 5));
        steps.put("eval", step(StepState.SKIPPED, null, null));
        return steps;
    }

    @Test
    void timelineHasARowPerStepAndABarFromStartToEndColouredByState() {
        XYPlot plot = PipelineCharts.of("pipeline 'diamond'", steps())
                .timeline()
                .jfreeChart()
                .getXYPlot();

        assertThat(((SymbolAxis) plot.getRangeAxis()).getSymbols())
                .containsExactly("prep", "train_a", "train_b", "eval");
        IntervalXYDataset bars = (IntervalXYDataset) plot.getDataset();
        List<Comparable<?>> keys = new ArrayList<>();
        for (int s = 0; s < bars.getSeriesCount(); s++) {
            keys.add(bars.getSeriesKey(s));
        }
        assertThat(keys).containsExactly("COMPLETED", "FAILED");
        assertThat(bars.getItemCount(0)).isEqualTo(2);
        // train_a: row 1, from minute 2 to minute 9.
        assertThat(bars.getYValue(0, 1)).isEqualTo(1.0);
        assertThat(bars.getStartXValue(0, 1))
                .isEqualTo(T0.plusMinutes(2).toInstant().toEpochMilli());
        assertThat(bars.getEndXValue(0, 1))
                .isEqualTo(T0.plusMinutes(9).toInstant().toEpochMilli());
        assertThat(bars.getYValue(1, 0)).isEqualTo(2.0);
        assertThat(plot.getRenderer().getSeriesPaint(0))
                .isNotEqualTo(plot.getRenderer().getSeriesPaint(1));
    }

    @Test
    void stepsThatNeverRanAreNamedUnderTheTitle() {
        JFreeChart chart = PipelineCharts.of("p", steps()).timeline().jfreeChart();

        assertThat(((TextTitle) chart.getSubtitle(1)).getText()).isEqualTo("not run: eval skipped");
    }

    @Test
    void aRunningStepsBarEndsNow() {
        Map<String, StepStatus> running = Map.of(
                "train",
                new StepStatus(
                        StepState.RUNNING,
                        "job",
                        "run",
                        null,
                        OffsetDateTime.now().minusMinutes(3),
                        null));

        IntervalXYDataset bars = (IntervalXYDataset) PipelineCharts.of("p", running)
                .timeline()
                .jfreeChart()
                .getXYPlot()
                .getDataset();

        assertThat(bars.getSeriesKey(0)).isEqualTo("RUNNING");
        assertThat(bars.getEndXValue(0, 0)).isGreaterThanOrEqualTo(System.currentTimeMillis() - 60_000);
    }

    @Test
    void timelineDrawsAsANonBlankImageAndAnSvgNamingTheSteps() {
        Chart chart = PipelineCharts.of("pipeline 'diamond'", steps()).timeline();

        BufferedImage image = ChartImages.png(chart.toPng());
        assertThat(image.getWidth()).isEqualTo(Chart.DEFAULT_WIDTH);
        assertThat(ChartImages.distinctColours(image)).isGreaterThan(20);
        int failedColour = ((Color) chart.jfreeChart().getXYPlot().getRenderer().getSeriesPaint(1)).getRGB();
        assertThat(ChartImages.pixelsOf(image, failedColour)).isGreaterThan(500);
        assertThat(ChartImages.texts(ChartImages.svg(chart.toSvg())))
                .contains("prep", "train_a", "train_b", "eval", "COMPLETED", "FAILED", "pipeline 'diamond' steps");
    }
}
