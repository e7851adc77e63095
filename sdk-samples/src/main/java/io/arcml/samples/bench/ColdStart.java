package io.arcml.samples.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whole-process cold start: a {@code jshell} script that runs the embedded attach flow end to end,
 * against an empty {@code jshell} script, each run several times in fresh processes.
 */
final class ColdStart {
    /** The attach flow as a notebook user types it. */
    static final String FLOW = String.join(
            "\n",
            "import io.arcml.*;",
            "import io.arcml.compute.*;",
            "import io.arcml.transport.embedded.*;",
            "var ws = Workspace.on(EmbeddedControlPlane.builder().instant().build());",
            "var cfg = KubernetesCompute.attachConfiguration(\"/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c\").namespace(\"amlarc-testing\");",
            "var compute = ComputeTarget.attach(ws, \"amlarc-compute\", cfg).waitForCompletion(false);",
            "if (compute.provisioningState() != ProvisioningState.SUCCEEDED) System.exit(3);",
            "/exit 0",
            "");

    private ColdStart() {}

    /** Median wall time of {@code runs} fresh jshell processes for each script: {empty, flow}, in ms. */
    static long[] measure(String classPath, int runs) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("arcml-coldstart");
        Path empty = Files.writeString(dir.resolve("empty.jsh"), "/exit 0\n");
        Path flow = Files.writeString(dir.resolve("flow.jsh"), FLOW);
        String jshell =
                Path.of(System.getProperty("java.home"), "bin", "jshell").toString();
        long[] emptyMs = new long[runs];
        long[] flowMs = new long[runs];
        for (int i = 0; i < runs; i++) {
            emptyMs[i] = time(List.of(jshell, "--class-path", classPath, empty.toString()));
            flowMs[i] = time(List.of(jshell, "--class-path", classPath, flow.toString()));
        }
        return new long[] {median(emptyMs), median(flowMs)};
    }

    private static long time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jshell did not finish in 120 s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("jshell exited with " + p.exitValue() + ": " + command);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * The class path a notebook user of {@code arcml-core} has: its classes and its runtime
     * dependencies, taken from this process's class path.
     */
    static String coreClassPath(Path root) throws IOException {
        List<String> jars = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("sdk-core/target/runtime-dependencies.txt"))) {
            String[] parts = line.trim().split(" ")[0].split(":");
            if (line.contains("(optional)") || parts.length < 5) {
                continue; // optional dependencies (azure-identity) are not on a notebook user's class path
            }
            jars.add(
                    parts.length == 5
                            ? parts[1] + "-" + parts[3] + ".jar"
                            : parts[1] + "-" + parts[4] + "-" + parts[3] + ".jar");
        }
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (entry.contains("sdk-core") || jars.stream().anyMatch(name::equals)) {
                out.add(entry);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    /** The jars and dependency counts of each module, from the build's outputs. */
    static List<String> moduleSizes(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        for (String module : List.of("sdk-core", "sdk-k8s", "sdk-testing", "sdk-samples")) {
            Path target = root.resolve(module).resolve("target");
            long jar = 0;
            if (Files.isDirectory(target)) {
                try (var files = Files.list(target)) {
                    for (Path f :
                            files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                        jar += Files.size(f);
                    }
                }
            }
            Path deps = target.resolve("runtime-dependencies.txt");
            long count = Files.exists(deps)
                    ? Files.readAllLines(deps).stream()
                            .filter(l -> l.matches("\\s+\\S+:\\S+:\\S+:.*"))
                            .count()
                    : -1;
            out.add(String.format(
                    Locale.ROOT, "%-12s jar %7.1f KiB, %d runtime dependencies", module, jar / 1024.0, count));
        }
        return out;
    }
}
