package io.arcml.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.testing.sim.SimulatedCluster;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cluster transport's classes (arcml-k8s's jar, or its classes directory under {@code mvn test})
 * carry no test server: no simulated cluster and no class that refers to fabric8's mock API server.
 */
class ClusterTransportJarTest {
    private static final List<String> TEST_SERVER_PACKAGES =
            List.of("io/fabric8/kubernetes/client/server/mock/", "io/fabric8/mockwebserver/");

    /** Every class of the code source that holds {@code type}, by its path, as bytes. */
    private static Map<String, byte[]> classesBeside(Class<?> type) throws IOException, URISyntaxException {
        Path source =
                Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    classes.put(source.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (JarEntry entry :
                        jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        classes.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    @Test
    void theClusterTransportCarriesNoSimulatedClusterAndNoMockServer() throws Exception {
        Map<String, byte[]> classes = classesBeside(KubernetesControlPlane.class);

        assertThat(classes)
                .as("arcml-k8s's classes")
                .containsKey("io/arcml/k8s/KubernetesControlPlane.class")
                .hasSizeGreaterThan(20);
        assertThat(classes.keySet())
                .as("classes of a simulated cluster")
                .noneMatch(name -> name.contains("/sim/") || name.contains("Simulated"));
        List<String> referringToTestServer = new ArrayList<>();
        classes.forEach((name, bytes) -> {
            // A class's references to other classes are in its constant pool, as UTF-8 internal names.
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (TEST_SERVER_PACKAGES.stream().anyMatch(text::contains)) {
                referringToTestServer.add(name);
            }
        });
        assertThat(referringToTestServer)
                .as("classes that refer to fabric8's mock API server")
                .isEmpty();
    }

    @Test
    void theSimulatedClusterComesFromTheTestingArtifact() throws Exception {
        Map<String, byte[]> classes = classesBeside(SimulatedCluster.class);

        assertThat(classes)
                .containsKey("io/arcml/testing/sim/SimulatedCluster.class")
                .doesNotContainKey("io/arcml/k8s/KubernetesControlPlane.class");
        assertThat(classes.entrySet())
                .as("the simulator runs on fabric8's mock API server")
                .anyMatch(e ->
                        new String(e.getValue(), StandardCharsets.ISO_8859_1).contains(TEST_SERVER_PACKAGES.get(0)));
    }
}
