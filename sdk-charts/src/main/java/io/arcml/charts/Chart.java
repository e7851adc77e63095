package io.arcml.charts;

import io.arcml.ArcmlException;
import io.arcml.ValidationException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.svg.SVGGraphics2D;

/**
 * A chart of a sweep or a pipeline, ready to show or save: as the last expression of a notebook
 * cell it shows inline (rapaio-jupyter-kernel, JJava), {@link #writePng(Path)} and
 * {@link #writeSvg(Path)} write files for reports and CI artefacts.
 *
 * <pre>{@code
 * SweepCharts.of(run).metricByStep().writePng(Path.of("trials.png"));
 * }</pre>
 *
 * Charts draw headless: no display is needed. The JFreeChart behind it is open to adjust colours,
 * fonts or axes through {@link #jfreeChart()}.
 */
public final class Chart {
    /** The default size, in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** The default height, in pixels. */
    public static final int DEFAULT_HEIGHT = 480;

    static {
        // Charts draw into images, never on a screen: unless the application chose otherwise,
        // AWT starts headless so that servers and CI agents without a display can draw them.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final JFreeChart chart;
    private final int width;
    private final int height;

    Chart(JFreeChart chart) {
        this(chart, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    private Chart(JFreeChart chart, int width, int height) {
        this.chart = chart;
        this.width = width;
        this.height = height;
    }

    /** The same chart drawn at another size, in pixels. */
    public Chart size(int width, int height) {
        checkSide("width", width);
        checkSide("height", height);
        return new Chart(chart, width, height);
    }

    private static void checkSide(String field, int pixels) {
        if (pixels < 50 || pixels > 10_000) {
            throw new ValidationException(
                    field,
                    Integer.toString(pixels),
                    "is outside 50..10000 pixels",
                    "Give a " + field + " between 50 and 10000, for example 800");
        }
    }

    /** The width in pixels. */
    public int width() {
        return width;
    }

    /** The height in pixels. */
    public int height() {
        return height;
    }

    /** The chart's title. */
    public String title() {
        return chart.getTitle() == null ? "" : chart.getTitle().getText();
    }

    /** The JFreeChart drawn, to adjust its look; changes show in every later drawing. */
    public JFreeChart jfreeChart() {
        return chart;
    }

    /** The chart drawn as an image. */
    public BufferedImage toImage() {
        return chart.createBufferedImage(width, height);
    }

    /** The chart as PNG bytes. */
    public byte[] toPng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(toImage(), "png", out);
        } catch (IOException e) {
            throw new ArcmlException("Cannot encode chart '" + title() + "' as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The chart as PNG, base64-encoded: what a notebook's {@code image/png} output holds. */
    public String toPngBase64() {
        return Base64.getEncoder().encodeToString(toPng());
    }

    /** The chart as an SVG document. */
    public String toSvg() {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(width, height));
        return g.getSVGDocument();
    }

    /** Writes the chart as a PNG file and returns its path. */
    public Path writePng(Path file) {
        return write(file, toPng(), "PNG");
    }

    /** Writes the chart as an SVG file and returns its path. */
    public Path writeSvg(Path file) {
        return write(file, toSvg().getBytes(StandardCharsets.UTF_8), "SVG");
    }

    private Path write(Path file, byte[] bytes, String format) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new ArcmlException(
                    "Cannot write chart '" + title() + "' as " + format + " to '" + file + "': " + e.getMessage()
                            + ". Check that the directory is writable",
                    e);
        }
    }

    /** For example {@code Chart 'accuracy by step' 800x480, 12 series}. */
    @Override
    public String toString() {
        int series = 0;
        if (chart.getPlot() instanceof XYPlot xy) {
            for (int i = 0; i < xy.getDatasetCount(); i++) {
                series += xy.getDataset(i) == null ? 0 : xy.getDataset(i).getSeriesCount();
            }
        }
        return "Chart '" + title() + "' " + width + "x" + height + ", " + series + " series";
    }
}
