package io.arcml.testing;

import io.arcml.Workspace;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import io.arcml.transport.embedded.Fault;
import java.util.List;
import java.util.Objects;

/**
 * What one test gets from {@link ArcmlTest}: a workspace on its own embedded control plane, with
 * the faults the annotations asked for already injected. {@link ArcmlExtension} builds one per
 * test and closes it after the test; nothing is shared between tests.
 */
public final class ArcmlTestEnvironment implements AutoCloseable {
    private final TestLifetime lifetime;
    private final EmbeddedControlPlane controlPlane;
    private final Workspace workspace;
    private final List<Fault> injectedFaults;

    ArcmlTestEnvironment(String testName, EmbeddedControlPlane controlPlane, List<Fault> injectedFaults) {
        this.lifetime =
                new TestLifetime(Objects.requireNonNull(testName, "testName"), "arcml workspace", "a Workspace");
        this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
        this.workspace = Workspace.on(controlPlane);
        this.injectedFaults = List.copyOf(injectedFaults);
        injectedFaults.forEach(controlPlane::inject);
    }

    /**
     * The workspace of this test.
     *
     * @throws IllegalStateException when the test has ended: a workspace kept past its test would
     *                               leak state into the next one
     */
    public Workspace workspace() {
        lifetime.requireRunning();
        return workspace;
    }

    /** The embedded control plane behind {@link #workspace()}: inject more faults, seed computes, count requests. */
    public EmbeddedControlPlane controlPlane() {
        lifetime.requireRunning();
        return controlPlane;
    }

    /** The faults the annotations injected before the test started, as they were declared. */
    public List<Fault> injectedFaults() {
        return injectedFaults;
    }

    /** True once the test has ended and its workspace was closed. */
    public boolean isClosed() {
        return lifetime.ended();
    }

    /** Closes the workspace (and so its control plane); a second call does nothing. */
    @Override
    public void close() {
        if (lifetime.end()) {
            workspace.close();
        }
    }

    @Override
    public String toString() {
        return "ArcmlTestEnvironment{test=" + lifetime.testName() + ", workspace=" + workspace.name() + ", faults="
                + injectedFaults.size() + (lifetime.ended() ? ", closed" : "") + "}";
    }
}
