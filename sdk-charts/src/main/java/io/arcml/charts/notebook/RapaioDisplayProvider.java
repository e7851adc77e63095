package io.arcml.charts.notebook;

import io.arcml.charts.Chart;
import io.arcml.charts.SweepTable;
import io.arcml.sweep.SweepResults;
import java.util.List;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * Shows arcml's charts and sweep results inline in rapaio-jupyter-kernel: the kernel finds this
 * provider through {@code META-INF/services} when {@code %jars} adds arcml-charts, then renders a
 * {@link Chart} as {@code image/png} (the kernel knows no SVG type) and {@link SweepResults} as an
 * HTML table, each with its {@code toString()} as the plain-text form.
 */
public final class RapaioDisplayProvider implements DisplayProvider {
    static final String PNG = "image/png";
    static final String HTML = "text/html";
    static final String TEXT = "text/plain";

    /** Created by the kernel's service loader. */
    public RapaioDisplayProvider() {}

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new ChartRenderer(), new SweepResultsRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    /** A chart as PNG. */
    private static final class ChartRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return Chart.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || PNG.equals(mime);
        }

        @Override
        public DisplayData render(String mime, Object o) {
            Chart chart = (Chart) o;
            DisplayData data = DisplayData.withType(PNG, chart.toPngBase64());
            data.putText(chart.toString());
            return data;
        }
    }

    /** A sweep's results as an HTML table by default, or as text when asked. */
    private static final class SweepResultsRenderer implements DisplayRenderer {
        @Override
        public Class<?> rendererClass() {
            return SweepResults.class;
        }

        @Override
        public boolean canRender(String mime) {
            return mime == null || HTML.equals(mime) || TEXT.equals(mime);
        }

        @Override
        public DisplayData render(String mime, Object o) {
            SweepResults results = (SweepResults) o;
            if (TEXT.equals(mime)) {
                return DisplayData.fromText(results.toString());
            }
            DisplayData data = DisplayData.fromHtml(SweepTable.html(results));
            data.putText(results.toString());
            return data;
        }
    }
}
