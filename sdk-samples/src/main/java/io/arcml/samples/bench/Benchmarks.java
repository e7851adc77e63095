package io.arcml.samples.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs arcml's benchmarks in one process tree and prints each figure beside its goal. Figures
 * are medians of one run on this machine.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    /** A measured figure and its goal. */
    record Figure(String name, String measured, String goal, boolean met) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-60s %-22s goal %-20s %s", name, measured, goal, met ? "MET" : "NOT MET");
        }
    }

    /** Runs every benchmark; exits 0 whether goals are met or not, the table says which. */
    public static void main(String[] args) throws Exception {
        List<Figure> figures = new ArrayList<>();
        figures.add(attachFlow());
        String root = System.getProperty("arcml.root", ".");
        long[] cold = ColdStart.measure(ColdStart.coreClassPath(java.nio.file.Path.of(root)), 5);
        long delta = cold[1] - cold[0];
        figures.add(new Figure("jshell cold start: empty script", cold[0] + " ms", "(reference)", true));
        figures.add(new Figure("jshell cold start: attach flow script", cold[1] + " ms", "(reference)", true));
        figures.add(new Figure("jshell cold start: attach flow minus empty", delta + " ms", "< 1500 ms", delta < 1500));
        System.out.println();
        System.out.println("arcml benchmarks (medians of one run, " + Runtime.getRuntime().availableProcessors() + " cores)");
        figures.forEach(System.out::println);
        System.out.println();
        ColdStart.moduleSizes(java.nio.file.Path.of(root)).forEach(System.out::println);
    }

    private static Figure attachFlow() throws Exception {
        Options opts = new OptionsBuilder().include(AttachFlowBenchmark.class.getSimpleName())
                .forks(1).warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1)).build();
        Collection<RunResult> results = new Runner(opts).run();
        Statistics stats = results.iterator().next().getPrimaryResult().getStatistics();
        double medianMicros = stats.getPercentile(50);
        return new Figure("attach + wait + detach, embedded plane, zero delays (JMH)",
                String.format(Locale.ROOT, "%.1f us/flow", medianMicros), "< 1000 us/flow", medianMicros < 1000);
    }
}
