package io.arcml.testing;

import static io.arcml.testing.ArcmlTestFaultsTest.attach;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.ProvisioningState;
import io.arcml.transport.ControlPlane;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small test classes through the JUnit engine and checks what the extension did to them:
 * one environment per test, closed after each test, passed or failed.
 */
class ArcmlExtensionLifecycleTest {
    /** The environments the fixtures saw, in the order they saw them. */
    static final List<ArcmlTestEnvironment> SEEN = new CopyOnWriteArrayList<>();
    /** The fixtures run only inside these tests, not on their own. */
    static volatile boolean runningFixtures;

    private static final String FIXTURES_RUNNING = "io.arcml.testing.ArcmlExtensionLifecycleTest#fixturesRunning";

    static boolean fixturesRunning() {
        return runningFixtures;
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        SEEN.clear();
        runningFixtures = true;
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(fixture))
                    .execute();
        } finally {
            runningFixtures = false;
        }
    }

    @Test
    void everyTestGetsItsOwnEmptyWorkspaceAndItIsClosedAfterTheTest() {
        Events events = run(IsolationFixture.class).testEvents();

        events.assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        assertThat(SEEN).hasSize(3).doesNotHaveDuplicates();
        assertThat(SEEN).allSatisfy(env -> assertThat(env.isClosed()).isTrue());
    }

    @Test
    void aClosedEnvironmentRefusesToHandOutItsWorkspace() {
        run(IsolationFixture.class);

        ArcmlTestEnvironment first = SEEN.get(0);
        assertThatThrownBy(first::workspace)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was closed when that test ended");
        assertThat(first.toString()).contains("closed");
    }

    @Test
    void theWorkspaceIsClosedAfterAFailedTestToo() {
        Events events = run(FailingFixture.class).testEvents();

        events.assertStatistics(s -> s.started(1).failed(1));
        assertThat(SEEN)
                .singleElement()
                .satisfies(env -> assertThat(env.isClosed()).isTrue());
    }

    @Test
    void userAfterEachMethodsStillHaveTheWorkspace() {
        Events events = run(AfterEachFixture.class).testEvents();

        events.assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(SEEN)
                .singleElement()
                .satisfies(env -> assertThat(env.isClosed()).isTrue());
    }

    @Test
    void injectingIntoBeforeAllFailsWithAnExplanation() {
        Events events = run(BeforeAllFixture.class).containerEvents();

        events.assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                message(m ->
                                        m.contains("fresh workspace for each test") && m.contains("@BeforeEach")))));
    }

    @Test
    void extendWithAloneGivesInstantOperationsAndTheDefaultWorkspace() {
        Events events = run(ExtendWithFixture.class).testEvents();

        events.assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(SEEN)
                .singleElement()
                .satisfies(env -> assertThat(env.isClosed()).isTrue());
    }

    @ArcmlTest
    @EnabledIf(FIXTURES_RUNNING)
    static class IsolationFixture {
        @Test
        void first(Workspace ws, ArcmlTestEnvironment env) {
            useAlone(ws, env);
        }

        @Test
        void second(Workspace ws, ArcmlTestEnvironment env) {
            useAlone(ws, env);
        }

        @Test
        void third(Workspace ws, ArcmlTestEnvironment env) {
            useAlone(ws, env);
        }

        /** Fails when another test's compute is visible: that would be shared state. */
        private static void useAlone(Workspace ws, ArcmlTestEnvironment env) {
            SEEN.add(env);
            assertThat(ComputeTarget.list(ws)).isEmpty();
            attach(ws, "shared-name").waitForCompletion(false);
            assertThat(ComputeTarget.list(ws)).containsOnlyKeys("shared-name");
        }
    }

    @ArcmlTest
    @EnabledIf(FIXTURES_RUNNING)
    static class FailingFixture {
        @Test
        void fails(ArcmlTestEnvironment env) {
            SEEN.add(env);
            throw new AssertionError("this fixture test fails on purpose");
        }
    }

    @ArcmlTest
    @EnabledIf(FIXTURES_RUNNING)
    static class AfterEachFixture {
        @Test
        void attaches(Workspace ws, ArcmlTestEnvironment env) {
            SEEN.add(env);
            attach(ws, "gpu");
        }

        @AfterEach
        void detachEverything(Workspace ws) {
            ComputeTarget.list(ws)
                    .keySet()
                    .forEach(name -> ControlPlane.of(ws.controlPlane())
                            .computes()
                            .orElseThrow()
                            .beginDetach(name));
            assertThat(ComputeTarget.list(ws)).isEmpty();
        }
    }

    @ArcmlTest
    @EnabledIf(FIXTURES_RUNNING)
    static class BeforeAllFixture {
        @BeforeAll
        static void setUp(Workspace ws) {
            throw new AssertionError("never reached: " + ws);
        }

        @Test
        void test() {}
    }

    @ExtendWith(ArcmlExtension.class)
    @EnabledIf(FIXTURES_RUNNING)
    static class ExtendWithFixture {
        @Test
        void test(Workspace ws, ArcmlTestEnvironment env) {
            SEEN.add(env);
            assertThat(ws.name()).isEqualTo("local-workspace");
            assertThat(attach(ws, "gpu").waitForCompletion(false).getStatus().provisioningState())
                    .as("instant")
                    .isEqualTo(ProvisioningState.SUCCEEDED);
            assertThat(env.injectedFaults()).isEmpty();
        }
    }
}
