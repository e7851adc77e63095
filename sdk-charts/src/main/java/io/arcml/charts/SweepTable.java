package io.arcml.charts;

import io.arcml.sweep.SweepResults;
import io.arcml.sweep.TrialResult;
import java.util.List;

/**
 * A sweep's results as an HTML table, the form notebook kernels show for
 * {@link SweepResults} once arcml-charts is on the classpath; the best trial's row is bold.
 */
public final class SweepTable {
    private SweepTable() {}

    /** The results as an HTML {@code <table>}, every cell escaped, the best trial's row in bold. */
    public static String html(SweepResults results) {
        Integer best = results.best().map(TrialResult::index).orElse(null);
        StringBuilder sb = new StringBuilder("<table class=\"arcml-sweep\">\n<caption>")
                .append(escape("Sweep: " + results.objective() + ", "
                        + results.trials().size() + " trials"))
                .append("</caption>\n<thead><tr>");
        results.columns().forEach(c -> sb.append("<th>").append(escape(c)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        List<List<String>> rows = results.rows();
        for (int r = 0; r < rows.size(); r++) {
            boolean isBest = best != null && results.trials().get(r).index() == best;
            sb.append(isBest ? "<tr style=\"font-weight:bold\" title=\"best trial\">" : "<tr>");
            rows.get(r).forEach(c -> sb.append("<td>").append(escape(c)).append("</td>"));
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
