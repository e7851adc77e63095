package io.arcml.charts;

import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;

/** arcml's look for every chart: a white plot with light grid lines and a palette of ten strong colours. */
final class ChartStyle {
    /** Ten colours that stay apart on white (the Tableau 10 palette). */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207), new Color(0, 0, 128)};
    private static final Color GRID = new Color(220, 220, 220);

    private ChartStyle() {
    }

    /** Applies the look to a chart with an XY plot. */
    static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        return chart;
    }

    /** Colours the series of a renderer from the palette, in turn. */
    static void colourSeries(XYItemRenderer renderer, int seriesCount) {
        for (int i = 0; i < seriesCount; i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
    }
}
