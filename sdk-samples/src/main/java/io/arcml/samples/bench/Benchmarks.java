package io.arcml.samples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs arcml's benchmarks in one process tree and prints each figure beside its goal. Figures
 * are medians of one run on this machine.
 */
public final class Benchmarks {
    private Benchmarks() {}

    /** A measured figure and its goal. */
    record Figure(String name, String measured, String goal, boolean met) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT, "%-60s %-22s goal %-20s %s", name, measured, goal, met ? "MET" : "NOT MET");
        }
    }

    /**
     * Runs every benchmark, or those named in {@code arcml.benchmarks} (comma-separated: attach,
     * podspec, arm, sweep, realsweep, coldstart), the sweeps' timed rounds set by {@code
     * arcml.benchmarks.rounds} when given; exits 0 whether goals are met or not, the table
     * says which. {@code realsweep} measures the sweep on the real control plane's kube-apiserver
     * ({@link RealApiServer}) and says so plainly when none is reachable.
     */
    public static void main(String[] args) throws Exception {
        // Per-request info lines would be timed with the figures; warnings still show.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Set<String> only = Set.of(System.getProperty("arcml.benchmarks", "attach,podspec,arm,sweep,realsweep,coldstart")
                .split(","));
        Integer rounds = Integer.getInteger("arcml.benchmarks.rounds");
        List<Figure> figures = new ArrayList<>();
        if (only.contains("attach")) {
            figures.add(attachFlow());
        }
        if (only.contains("podspec")) {
            figures.addAll(podSpecs());
        }
        if (only.contains("arm")) {
            figures.addAll(ArmAttachEconomy.figures());
        }
        if (only.contains("sweep")) {
            try (ApiServerProcess.Handle mock = new ApiServerProcess.Handle()) {
                figures.addAll(SweepFanOut.figures(mock, SweepFanOut.MOCK_ROUNDS.withRounds(rounds)));
            }
        }
        if (only.contains("realsweep")) {
            Optional<RealApiServer> real = RealApiServer.find();
            if (real.isPresent()) {
                try (RealApiServer server = real.get()) {
                    figures.addAll(SweepFanOut.figures(server, SweepFanOut.REAL_ROUNDS.withRounds(rounds)));
                }
            } else {
                figures.add(new Figure("sweep fan-out (kube-apiserver)", "not measured", "a reachable plane", false));
            }
        }
        Path root = Path.of(System.getProperty("arcml.root", "."));
        if (only.contains("coldstart")) {
            long[] cold = ColdStart.measure(ColdStart.coreClassPath(root), 5);
            long delta = cold[1] - cold[0];
            figures.add(new Figure("jshell cold start: empty script", cold[0] + " ms", "(reference)", true));
            figures.add(new Figure("jshell cold start: attach flow script", cold[1] + " ms", "(reference)", true));
            figures.add(
                    new Figure("jshell cold start: attach flow minus empty", delta + " ms", "< 1500 ms", delta < 1500));
        }
        System.out.println();
        System.out.println(
                "arcml benchmarks (medians of one run, " + Runtime.getRuntime().availableProcessors() + " cores)");
        figures.forEach(System.out::println);
        if (only.contains("coldstart")) {
            System.out.println();
            ColdStart.moduleSizes(root).forEach(System.out::println);
        }
    }

    /** A JVM for {@code main} on this JVM's class path, with warnings-only logging and the given JVM options and arguments. */
    static ProcessBuilder javaProcess(List<String> jvmOptions, Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    private static Figure attachFlow() throws Exception {
        double medianMicros = jmh(AttachFlowBenchmark.class.getSimpleName())
                .iterator()
                .next()
                .getPrimaryResult()
                .getStatistics()
                .getPercentile(50);
        return new Figure(
                "attach + wait + detach, embedded plane, zero delays (JMH)",
                String.format(Locale.ROOT, "%.1f us/flow", medianMicros),
                "< 1000 us/flow",
                medianMicros < 1000);
    }

    private static List<Figure> podSpecs() throws Exception {
        List<Figure> out = new ArrayList<>();
        for (RunResult result : jmh(PodSpecBenchmark.class.getSimpleName())) {
            double perSecond = result.getPrimaryResult().getStatistics().getPercentile(50);
            boolean template = result.getParams().getBenchmark().endsWith("podTemplate");
            out.add(new Figure(
                    template
                            ? "pod spec from a GPU instance type (JMH)"
                            : "  whole single-instance run (Indexed Job) (JMH)",
                    String.format(Locale.ROOT, "%,.0f specs/s", perSecond),
                    template ? "> 50,000 specs/s" : "(reference)",
                    !template || perSecond > 50_000));
        }
        return out;
    }

    /** Runs the JMH benchmarks whose names match, in one fork: 3 warm-up and 5 measured iterations of 1 s. */
    private static Collection<RunResult> jmh(String include) throws Exception {
        Options opts = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .build();
        return new Runner(opts).run();
    }
}
