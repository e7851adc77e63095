package io.arcml.charts;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;

/**
 * arcml's look for every chart: a white plot with light grid lines, series in nine strong colours
 * and one more, orange, kept for what a chart highlights (the best trial).
 */
final class ChartStyle {
    /** The highlight colour, used by no other series. */
    static final Color HIGHLIGHT = new Color(255, 127, 14);
    /** Nine colours that stay apart on white and from the highlight (the Tableau 10 palette without its orange). */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180),
        new Color(44, 160, 44),
        new Color(214, 39, 40),
        new Color(148, 103, 189),
        new Color(140, 86, 75),
        new Color(127, 127, 127),
        new Color(188, 189, 34),
        new Color(23, 190, 207)
    };

    private static final Color GRID = new Color(220, 220, 220);

    private ChartStyle() {}

    /** Applies the look to a chart with an XY plot. */
    static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        return chart;
    }

    /** Colours the series of a renderer from the palette in turn, the highlighted ones in the highlight colour. */
    static void colourSeries(XYItemRenderer renderer, int seriesCount, List<Integer> highlighted) {
        int next = 0;
        for (int i = 0; i < seriesCount; i++) {
            renderer.setSeriesPaint(i, highlighted.contains(i) ? HIGHLIGHT : PALETTE[next++ % PALETTE.length]);
        }
    }
}
