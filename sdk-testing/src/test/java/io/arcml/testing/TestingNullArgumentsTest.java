package io.arcml.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.arcml.testing.sim.PodBehavior;
import io.arcml.testing.sim.SimulatedCluster;
import io.arcml.testing.sim.SimulatedNode;
import io.arcml.testsupport.ApiSamples;
import io.arcml.testsupport.NullArgumentWalker;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sdk-core's null-argument walk over sdk-testing's public API: the JUnit extensions' callbacks
 * (JUnit's contexts are given as interface proxies), the test environment, and the simulated
 * cluster of {@code io.arcml.testing.sim}.
 */
class TestingNullArgumentsTest {
    /** Parameters where null is documented: it means "none". */
    private static final Set<String> NULL_MEANS_NONE = Set.of(
            "PodBehavior#fails.terminationMessage", "PodBehavior#terminationMessage.message",
            "SimulatedNode$Taint#<init>.value", "SimulatedNode#taint.value");

    private static SimulatedCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = SimulatedCluster.builder()
                .node(SimulatedNode.named("n").cpu("4").memory("8Gi"))
                .build();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static boolean exempt(Class<?> type, Executable e, Parameter p) {
        return NULL_MEANS_NONE.contains(NullArgumentWalker.key(type, e, p))
                || (type.isEnum() && e.getName().equals("valueOf"));
    }

    @Test
    void everyPublicMethodNamesTheParameterItIsGivenNullFor() throws Exception {
        ApiSamples samples = ApiSamples.core()
                .put(ArcmlExtension.class, ArcmlExtension::new)
                .put(SimulatedClusterExtension.class, SimulatedClusterExtension::new)
                .put(SimulatedCluster.class, () -> cluster)
                .put(SimulatedCluster.Builder.class, SimulatedCluster::builder)
                .put(SimulatedNode.class, () -> SimulatedNode.named("n"))
                .put(PodBehavior.class, PodBehavior::succeeds)
                .named("effect", "NoSchedule");
        NullArgumentWalker.Result result = new NullArgumentWalker(samples, TestingNullArgumentsTest::exempt)
                .walk(ArcmlExtension.class, List.of("io.arcml.testing", "io.arcml.testing.sim"));
        assertThat(result.calls()).as("calls with a null argument").isGreaterThanOrEqualTo(35);
        assertThat(result.failures())
                .as(result.failures().size() + " of " + result.calls() + " calls")
                .isEmpty();
    }
}
