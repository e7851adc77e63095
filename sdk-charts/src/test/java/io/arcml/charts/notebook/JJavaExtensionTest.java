package io.arcml.charts.notebook;

import static io.arcml.charts.notebook.RapaioDisplayProviderTest.decode;
import static io.arcml.charts.notebook.RapaioDisplayProviderTest.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.charts.Chart;
import io.arcml.charts.SweepCharts;
import java.awt.image.BufferedImage;
import java.util.ServiceLoader;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

/**
 * Renders through JJava's own {@link Renderer}, as its kernel does for a cell's last expression.
 * The kernel itself (installing the extension when a notebook adds the jar) is not run here.
 */
class JJavaExtensionTest {

    private static Renderer renderer() {
        Renderer renderer = new Renderer();
        JJavaExtension.register(renderer);
        return renderer;
    }

    @Test
    void theKernelFindsTheExtensionThroughItsServiceFile() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .contains(JJavaExtension.class);
    }

    @Test
    void aChartShowsAsAPngImage() throws Exception {
        Chart chart = SweepCharts.of(results()).metricByStep().size(500, 300);

        DisplayData shown = renderer().render(chart);

        BufferedImage image = decode(shown.getData(MIMEType.IMAGE_PNG));
        assertThat(image.getWidth()).isEqualTo(500);
        assertThat(image.getHeight()).isEqualTo(300);
    }

    @Test
    void aChartRenderedAsSvgIsAnSvgDocument() {
        DisplayData shown = renderer().renderAs(SweepCharts.of(results()).bestSoFar(), "image/svg+xml");

        assertThat(shown.getData(MIMEType.IMAGE_SVG).toString()).contains("<svg");
    }

    @Test
    void sweepResultsShowAsAnHtmlTableWithTheTextTableBeside() {
        DisplayData shown = renderer().render(results());

        assertThat(shown.getData(MIMEType.TEXT_HTML).toString()).startsWith("<table");
        assertThat(shown.getData(MIMEType.TEXT_PLAIN)).isEqualTo(results().toString());
    }
}
