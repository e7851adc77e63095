package io.arcml.charts.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.charts.Chart;
import io.arcml.charts.SweepCharts;
import io.arcml.sweep.Objective;
import io.arcml.sweep.SweepResults;
import io.arcml.sweep.TrialResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplaySystem;

/** Renders through rapaio-jupyter-kernel 3.0.1's own display system, which finds the provider as the kernel does. */
class RapaioDisplayProviderTest {
    static SweepResults results() {
        return new SweepResults(
                Objective.maximize("accuracy"),
                List.of(
                        new TrialResult(
                                0,
                                "t0",
                                Map.of("lr", 0.1),
                                TrialResult.State.COMPLETED,
                                0.8,
                                List.of(0.5, 0.8),
                                null,
                                null,
                                null),
                        new TrialResult(
                                1,
                                "t1",
                                Map.of("lr", 0.9),
                                TrialResult.State.EARLY_TERMINATED,
                                0.2,
                                List.of(0.2),
                                null,
                                null,
                                null)));
    }

    static BufferedImage decode(Object base64) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(base64.toString().replaceAll("\\s", ""))));
    }

    @Test
    void aChartAsTheLastExpressionOfACellShowsAsAPngImage() throws Exception {
        DisplaySystem.inst().refreshSpiDisplayHandlers();
        Chart chart = SweepCharts.of(results()).metricByStep().size(400, 300);

        DisplayData shown = DisplaySystem.inst().render(chart);

        BufferedImage image = decode(shown.data().get("image/png"));
        assertThat(image.getWidth()).isEqualTo(400);
        assertThat(image.getHeight()).isEqualTo(300);
        assertThat(shown.data().get("text/plain")).isEqualTo(chart.toString());
    }

    @Test
    void sweepResultsShowAsAnHtmlTableWithTheTextTableBeside() {
        DisplaySystem.inst().refreshSpiDisplayHandlers();
        SweepResults results = results();

        DisplayData shown = DisplaySystem.inst().render(results);

        assertThat(shown.data().get("text/html").toString())
                .startsWith("<table")
                .contains("<td>EARLY_TERMINATED</td>");
        assertThat(shown.data().get("text/plain")).isEqualTo(results.toString());
    }
}
