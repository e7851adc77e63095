package io.arcml.sweep;

import io.arcml.ArcmlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The trials of a sweep as a table: prints as aligned text (the last expression of a notebook
 * cell), writes as CSV, and names the best trial.
 */
public final class SweepResults {
    private final Objective objective;
    private final List<TrialResult> trials;

    /** The results of {@code trials} under {@code objective}. */
    public SweepResults(Objective objective, List<TrialResult> trials) {
        this.objective = objective;
        this.trials = List.copyOf(trials);
    }

    /** Every trial, in the order they were proposed. */
    public List<TrialResult> trials() {
        return trials;
    }

    /** The objective. */
    public Objective objective() {
        return objective;
    }

    /** The completed trial with the best primary metric, if any completed with one. */
    public Optional<TrialResult> best() {
        TrialResult best = null;
        for (TrialResult t : trials) {
            if (t.state() == TrialResult.State.COMPLETED
                    && t.primaryMetric() != null
                    && (best == null || objective.isBetter(t.primaryMetric(), best.primaryMetric()))) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** How many trials are in a state. */
    public long count(TrialResult.State state) {
        return trials.stream().filter(t -> t.state() == state).count();
    }

    /**
     * One line of progress: {@code 12/50 trials, 4 running, best accuracy=0.931 (trial 7)}.
     *
     * @param plannedTrials how many trials the sweep can run ({@link SweepJob#plannedTrials()})
     */
    public String progressLine(int plannedTrials) {
        long ended = trials.stream().filter(t -> t.state().isTerminal()).count();
        String best = best().map(b -> ", best " + objective.primaryMetric() + "="
                        + SearchSpace.format(b.primaryMetric()) + " (trial " + b.index() + ")")
                .orElse("");
        return ended + "/" + plannedTrials + " trials, " + count(TrialResult.State.RUNNING) + " running" + best;
    }

    /**
     * The table's column names: {@code trial}, {@code state}, each hyperparameter, then the
     * primary metric; what the text, CSV and HTML forms show.
     */
    public List<String> columns() {
        Set<String> params = new LinkedHashSet<>();
        trials.forEach(t -> params.addAll(t.parameters().keySet()));
        List<String> cols = new ArrayList<>(List.of("trial", "state"));
        cols.addAll(params);
        cols.add(objective.primaryMetric());
        return cols;
    }

    /** The table's rows, one per trial in {@link #trials()} order, each cell formatted as in {@link #columns()}. */
    public List<List<String>> rows() {
        List<String> cols = columns();
        List<List<String>> rows = new ArrayList<>();
        for (TrialResult t : trials) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(t.index()));
            row.add(t.state().name());
            for (String p : cols.subList(2, cols.size() - 1)) {
                Object v = t.parameters().get(p);
                row.add(v == null ? "" : SearchSpace.format(v));
            }
            row.add(t.primaryMetric() == null ? "" : SearchSpace.format(t.primaryMetric()));
            rows.add(row);
        }
        return rows;
    }

    /** Writes the table as CSV (RFC 4180 quoting), header first. */
    public void writeCsv(Writer out) {
        try {
            out.write(csvLine(columns()));
            for (List<String> row : rows()) {
                out.write(csvLine(row));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the table as a CSV file. */
    public void writeCsv(Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(w);
        } catch (IOException e) {
            throw new ArcmlException("Cannot write sweep results to '" + file + "': " + e.getMessage(), e);
        }
    }

    private static String csvLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) {
                sb.append(',');
            }
            if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.append("\r\n").toString();
    }

    /** The table as aligned text, the best trial marked with {@code *}. */
    @Override
    public String toString() {
        List<String> cols = columns();
        List<List<String>> rows = rows();
        int[] width = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            width[i] = cols.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder("Sweep: ")
                .append(objective)
                .append(", ")
                .append(trials.size())
                .append(" trials\n");
        appendRow(sb, cols, width, ' ');
        Integer bestIndex = best().map(TrialResult::index).orElse(null);
        for (int r = 0; r < rows.size(); r++) {
            appendRow(sb, rows.get(r), width, bestIndex != null && trials.get(r).index() == bestIndex ? '*' : ' ');
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width, char mark) {
        sb.append(mark).append(' ');
        for (int i = 0; i < cells.size(); i++) {
            sb.append(String.format("%-" + width[i] + "s", cells.get(i)));
            sb.append(i == cells.size() - 1 ? "\n" : "  ");
        }
    }
}
