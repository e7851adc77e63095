package io.arcml.testing;

import io.arcml.Workspace;
import io.arcml.transport.embedded.Fault;
import io.arcml.transport.embedded.EmbeddedControlPlane;
import java.util.List;
import java.util.Objects;

/**
 * What one test gets from {@link ArcmlTest}: a workspace on its own embedded control plane, with
 * the faults the annotations asked for already injected. {@link ArcmlExtension} builds one per
 * test and closes it after the test; nothing is shared between tests.
 */
public final class ArcmlTestEnvironment implements AutoCloseable {
    private final String testName;
    private final EmbeddedControlPlane controlPlane;
    private final Workspace workspace;
    private final List<Fault> injectedFaults;
    private volatile boolean closed;

    ArcmlTestEnvironment(String testName, EmbeddedControlPlane controlPlane, List<Fault> injectedFaults) {
        this.testName = Objects.requireNonNull(testName, "testName");
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
        requireOpen();
        return workspace;
    }

    /** The embedded control plane behind {@link #workspace()}: inject more faults, seed computes, count requests. */
    public EmbeddedControlPlane controlPlane() {
        requireOpen();
        return controlPlane;
    }

    /** The faults the annotations injected before the test started, as they were declared. */
    public List<Fault> injectedFaults() {
        return injectedFaults;
    }

    /** True once the test has ended and its workspace was closed. */
    public boolean isClosed() {
        return closed;
    }

    /** Closes the workspace (and so its control plane); a second call does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            workspace.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The arcml workspace of test '" + testName + "' was closed when that test ended. "
                    + "Inject a Workspace into each test (or its @BeforeEach method) instead of keeping one in a field across tests");
        }
    }

    @Override
    public String toString() {
        return "ArcmlTestEnvironment{test=" + testName + ", workspace=" + workspace.name() + ", faults=" + injectedFaults.size()
                + (closed ? ", closed" : "") + "}";
    }
}
