package io.arcml.samples;

import io.arcml.Workspace;
import io.arcml.charts.Chart;
import io.arcml.charts.PipelineCharts;
import io.arcml.charts.SweepCharts;
import io.arcml.pipeline.PipelineRun;
import io.arcml.sweep.SweepRun;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of a sweep and a pipeline, written as PNG and SVG files: the sweep sample's trials
 * (each a real in-process training whose accuracy follows its learning rate and epochs, some
 * stopped by the bandit policy) and the pipeline sample's steps. The README's pictures come from
 * this program: {@code mvn -q -pl sdk-samples -am package -DskipTests} then
 * {@code java -cp ... io.arcml.samples.ChartsSample docs/images}.
 */
public final class ChartsSample {
    private ChartsSample() {}

    /** Runs the sweep and the pipeline on {@code ws} and writes their charts into {@code dir}; returns the files. */
    public static List<Path> run(Workspace ws, Path dir) throws IOException {
        Files.createDirectories(dir);
        SweepRun sweep = SweepSample.run(ws, dir.resolve("sweep-results.csv"));
        PipelineRun pipeline = PipelineSample.run(ws);

        SweepCharts sweepCharts = SweepCharts.of(sweep);
        Map<String, Chart> charts = new LinkedHashMap<>();
        charts.put("sweep-metric-by-step", sweepCharts.metricByStep());
        charts.put("sweep-best-so-far", sweepCharts.bestSoFar());
        charts.put("sweep-best-so-far-over-time", sweepCharts.bestSoFarOverTime());
        charts.put("pipeline-timeline", PipelineCharts.of(pipeline).timeline());

        List<Path> files = new ArrayList<>();
        charts.forEach((name, chart) -> {
            files.add(chart.writePng(dir.resolve(name + ".png")));
            files.add(chart.writeSvg(dir.resolve(name + ".svg")));
            System.out.println(chart + " -> " + dir.resolve(name + ".png") + ", .svg");
        });
        return files;
    }

    /** Runs on the embedded control plane, trials training in-process; writes into the directory given, else {@code charts}. */
    public static void main(String[] args) {
        EmbeddedControlPlane local = EmbeddedControlPlane.builder()
                .jobQueueTime(Duration.ofMillis(100))
                .jobSimulator(new ToyTraining(Duration.ofMillis(150)))
                .build();
        SampleRunner.main(Workspace.on(local), ws -> run(ws, Path.of(args.length > 0 ? args[0] : "charts")));
    }
}
