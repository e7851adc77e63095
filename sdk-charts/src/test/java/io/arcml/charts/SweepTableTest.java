package io.arcml.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.sweep.Objective;
import io.arcml.sweep.SweepResults;
import io.arcml.sweep.TrialResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SweepTableTest {

    @Test
    void theTableHasAHeaderRowAndARowPerTrialWithTheBestInBold() {
        Document html = ChartImages.svg(SweepTable.html(SweepChartsTest.results()));

        NodeList rows = html.getElementsByTagName("tr");
        assertThat(rows.getLength()).isEqualTo(6);
        assertThat(rows.item(0).getTextContent()).isEqualTo("trialstatelraccuracy");
        Element best = (Element) rows.item(2);
        assertThat(best.getAttribute("style")).isEqualTo("font-weight:bold");
        assertThat(best.getTextContent()).startsWith("1COMPLETED");
        assertThat(((Element) rows.item(1)).getAttribute("style")).isEmpty();
    }

    @Test
    void cellsAreEscaped() {
        SweepResults results = new SweepResults(
                Objective.maximize("accuracy"),
                List.of(new TrialResult(
                        0,
                        "t0",
                        Map.of("act", "<script>&"),
                        TrialResult.State.COMPLETED,
                        0.5,
                        null,
                        null,
                        null,
                        null)));

        String html = SweepTable.html(results);

        assertThat(html).contains("<td>&lt;script&gt;&amp;</td>").doesNotContain("<script>");
    }
}
