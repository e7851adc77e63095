package io.arcml.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Attaching a compute loads no charting class, even with arcml-charts and JFreeChart on the
 * classpath: a fresh JVM runs the attach flow with {@code -verbose:class} and lists what it loaded.
 */
class AttachPathLoadsNoChartsTest {
    private static final String ARC =
            "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/c";

    /** The attach flow as a user types it; run in the child JVM. */
    public static final class AttachOnly {
        private AttachOnly() {}

        /** Attaches a compute on the embedded control plane and prints its state. */
        public static void main(String[] args) {
            Workspace ws = Workspace.on(EmbeddedControlPlane.builder().instant().build());
            KubernetesCompute compute = ComputeTarget.attach(
                            ws,
                            "amlarc-compute",
                            KubernetesCompute.attachConfiguration(ARC).namespace("amlarc-testing"))
                    .waitForCompletion(false);
            System.out.println("attached: " + compute.getStatus().serialize());
        }
    }

    @Test
    void attachingAComputeLoadsNoChartingClass() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-verbose:class",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AttachOnly.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(out).contains("attached: ").contains("io.arcml.compute.KubernetesCompute ");
        List<String> charting = out.lines()
                .filter(l -> l.startsWith("[") && l.contains("class,load"))
                .filter(l -> l.contains(" org.jfree.")
                        || (l.contains(" io.arcml.charts.")
                                && !l.contains(getClass().getSimpleName())))
                .toList();
        assertThat(charting).isEmpty();
    }
}
