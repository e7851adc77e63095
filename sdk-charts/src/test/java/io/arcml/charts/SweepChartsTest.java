package io.arcml.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import io.arcml.sweep.Objective;
import io.arcml.sweep.SweepResults;
import io.arcml.sweep.TrialResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SweepChartsTest {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC);

    private static TrialResult trial(int index, TrialResult.State state, List<Double> steps, int startMin, int endMin) {
        Double last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        return new TrialResult(
                index,
                "s-t" + index,
                Map.of("lr", 0.1 * (index + 1)),
                state,
                last,
                steps,
                Map.of(),
                null,
                null,
                T0.plusMinutes(startMin),
                T0.plusMinutes(endMin));
    }

    /** Trial 1 is the best; trials 2 and 4 were stopped early at steps 2 and 1; trial 3 ended first. */
    static SweepResults results() {
        return new SweepResults(
                Objective.maximize("accuracy"),
                List.of(
                        trial(0, TrialResult.State.COMPLETED, List.of(0.5, 0.6, 0.7), 0, 9),
                        trial(1, TrialResult.State.COMPLETED, List.of(0.6, 0.8, 0.9), 0, 12),
                        trial(2, TrialResult.State.EARLY_TERMINATED, List.of(0.2, 0.25), 0, 5),
                        trial(3, TrialResult.State.COMPLETED, List.of(0.55, 0.65), 1, 4),
                        trial(4, TrialResult.State.EARLY_TERMINATED, List.of(0.1), 5, 6)));
    }

    @Test
    void metricByStepHasOneSeriesPerTrialStepByStep() {
        XYPlot plot = SweepCharts.of(results()).metricByStep().jfreeChart().getXYPlot();

        XYDataset trials = plot.getDataset(0);
        assertThat(trials.getSeriesCount()).isEqualTo(5);
        assertThat(List.of(trials.getSeriesKey(0), trials.getSeriesKey(1), trials.getSeriesKey(4)))
                .containsExactly("trial 0", "trial 1 (best)", "trial 4");
        assertThat(trials.getItemCount(1)).isEqualTo(3);
        assertThat(trials.getXValue(1, 2)).isEqualTo(3.0);
        assertThat(trials.getYValue(1, 2)).isEqualTo(0.9);
    }

    @Test
    void metricByStepMarksEachStoppedTrialAtTheStepWhereItWasStopped() {
        XYPlot plot = SweepCharts.of(results()).metricByStep().jfreeChart().getXYPlot();

        XYDataset marks = plot.getDataset(1);
        assertThat(marks.getSeriesKey(0)).isEqualTo(SweepCharts.STOPPED_SERIES);
        assertThat(marks.getItemCount(0)).isEqualTo(2);
        assertThat(List.of(marks.getXValue(0, 0), marks.getYValue(0, 0), marks.getXValue(0, 1), marks.getYValue(0, 1)))
                .containsExactly(2.0, 0.25, 1.0, 0.1);
        assertThat(plot.getRenderer(1).getSeriesShape(0)).isNotNull();
    }

    @Test
    void metricByStepDrawsTheBestTrialThickerThanTheOthers() {
        XYItemRenderer lines = SweepCharts.of(results())
                .metricByStep()
                .jfreeChart()
                .getXYPlot()
                .getRenderer(0);

        assertThat(((BasicStroke) lines.getSeriesStroke(1)).getLineWidth()).isEqualTo(SweepCharts.BEST_LINE_WIDTH);
        for (int other : new int[] {0, 2, 3, 4}) {
            assertThat(((BasicStroke) lines.getSeriesStroke(other)).getLineWidth())
                    .isEqualTo(SweepCharts.TRIAL_LINE_WIDTH);
        }
    }

    @Test
    void theBestTrialAloneHasTheHighlightColourEvenWithMoreTrialsThanColours() {
        List<TrialResult> many = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            many.add(trial(i, TrialResult.State.COMPLETED, List.of(0.5, i == 11 ? 0.95 : 0.6), 0, i + 1));
        }
        XYItemRenderer lines = SweepCharts.of(new SweepResults(Objective.maximize("accuracy"), many))
                .metricByStep()
                .jfreeChart()
                .getXYPlot()
                .getRenderer(0);

        assertThat(lines.getSeriesPaint(11)).isEqualTo(ChartStyle.HIGHLIGHT);
        for (int i = 0; i < 15; i++) {
            if (i != 11) {
                assertThat(lines.getSeriesPaint(i)).as("trial %d", i).isNotEqualTo(ChartStyle.HIGHLIGHT);
            }
        }
    }

    @Test
    void metricByStepDrawsAnImageOfItsSizeWithTheLinesAndTheRedStopMarks() {
        Chart chart = SweepCharts.of(results()).metricByStep().size(640, 400);

        BufferedImage image = ChartImages.png(chart.toPng());

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(ChartImages.distinctColours(image)).isGreaterThan(20);
        assertThat(ChartImages.pixelsOf(image, SweepCharts.STOP_MARK.getRGB())).isGreaterThan(20);
        int bestColour = ((Color) chart.jfreeChart().getXYPlot().getRenderer(0).getSeriesPaint(1)).getRGB();
        assertThat(ChartImages.pixelsOf(image, bestColour)).isGreaterThan(100);
    }

    @Test
    void aSweepWithoutStoppedTrialsHasNoStopMarks() {
        SweepResults none = new SweepResults(
                Objective.maximize("accuracy"),
                List.of(trial(0, TrialResult.State.COMPLETED, List.of(0.5, 0.6), 0, 3)));

        Chart chart = SweepCharts.of(none).metricByStep();

        assertThat(chart.jfreeChart().getXYPlot().getDataset(1).getItemCount(0)).isZero();
        assertThat(ChartImages.pixelsOf(ChartImages.png(chart.toPng()), SweepCharts.STOP_MARK.getRGB()))
                .isZero();
    }

    @Test
    void metricByStepAsSvgParsesAndNamesEveryTrialTheBestAndTheStopMarks() {
        Document svg = ChartImages.svg(SweepCharts.of(results()).metricByStep().toSvg());

        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getAttribute("width")).isEqualTo("800.0");
        assertThat(ChartImages.texts(svg))
                .contains(
                        "trial 0",
                        "trial 1 (best)",
                        "trial 2",
                        "trial 3",
                        "trial 4",
                        SweepCharts.STOPPED_SERIES,
                        "accuracy by step");
    }

    @Test
    void bestSoFarFollowsTheCompletedTrialsInTheOrderTheyEnded() {
        XYPlot plot = SweepCharts.of(results()).bestSoFar().jfreeChart().getXYPlot();

        XYDataset best = plot.getDataset(0);
        XYDataset each = plot.getDataset(1);
        assertThat(best.getSeriesKey(0)).isEqualTo(SweepCharts.BEST_SO_FAR_SERIES);
        assertThat(each.getSeriesKey(0)).isEqualTo(SweepCharts.TRIAL_RESULTS_SERIES);
        // Trial 3 ended first (0.65), then trial 0 (0.7), then trial 1 (0.9); stopped trials do not count.
        assertThat(List.of(each.getYValue(0, 0), each.getYValue(0, 1), each.getYValue(0, 2)))
                .containsExactly(0.65, 0.7, 0.9);
        assertThat(List.of(best.getXValue(0, 0), best.getXValue(0, 2))).containsExactly(1.0, 3.0);
        assertThat(List.of(best.getYValue(0, 0), best.getYValue(0, 1), best.getYValue(0, 2)))
                .containsExactly(0.65, 0.7, 0.9);
    }

    @Test
    void bestSoFarForAMinimizedMetricKeepsTheLowest() {
        SweepResults loss = new SweepResults(
                Objective.minimize("loss"),
                List.of(
                        trial(0, TrialResult.State.COMPLETED, List.of(0.3), 0, 1),
                        trial(1, TrialResult.State.COMPLETED, List.of(0.5), 0, 2),
                        trial(2, TrialResult.State.COMPLETED, List.of(0.2), 0, 3)));

        XYDataset best =
                SweepCharts.of(loss).bestSoFar().jfreeChart().getXYPlot().getDataset(0);

        assertThat(List.of(best.getYValue(0, 0), best.getYValue(0, 1), best.getYValue(0, 2)))
                .containsExactly(0.3, 0.3, 0.2);
    }

    @Test
    void bestSoFarOverTimePlacesEachTrialAtTheMinuteItEnded() {
        XYDataset best = SweepCharts.of(results())
                .bestSoFarOverTime()
                .jfreeChart()
                .getXYPlot()
                .getDataset(0);

        assertThat(List.of(best.getXValue(0, 0), best.getXValue(0, 1), best.getXValue(0, 2)))
                .containsExactly(4.0, 9.0, 12.0);
        assertThat(best.getYValue(0, 2)).isEqualTo(0.9);
    }

    @Test
    void filesOpenAsPngAndSvg(@TempDir Path dir) throws Exception {
        Chart chart = SweepCharts.of(results()).bestSoFar();

        Path png = chart.writePng(dir.resolve("out/best.png"));
        Path svg = chart.writeSvg(dir.resolve("out/best.svg"));

        BufferedImage image = ChartImages.png(Files.readAllBytes(png));
        assertThat(image.getWidth()).isEqualTo(Chart.DEFAULT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(Chart.DEFAULT_HEIGHT);
        assertThat(ChartImages.texts(ChartImages.svg(Files.readString(svg)))).contains(SweepCharts.BEST_SO_FAR_SERIES);
    }

    @Test
    void aFileThatCannotBeWrittenIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> SweepCharts.of(results()).bestSoFar().writePng(blocker.resolve("best.png")))
                .isInstanceOf(ArcmlException.class)
                .hasMessageContaining("not-a-dir")
                .hasMessageContaining("as PNG");
    }

    @Test
    void aSizeOutOfRangeNamesTheFieldAndTheFix() {
        assertThatThrownBy(() -> SweepCharts.of(results()).bestSoFar().size(0, 400))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("width")
                .hasMessageContaining("0")
                .hasMessageContaining("between 50 and 10000");
    }

    @Test
    void printsAsALineNamingTheChartItsSizeAndSeries() {
        assertThat(SweepCharts.of(results()).metricByStep()).hasToString("Chart 'accuracy by step' 800x480, 6 series");
    }
}
