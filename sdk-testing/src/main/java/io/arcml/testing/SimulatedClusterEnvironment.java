package io.arcml.testing;

import static io.arcml.testing.PerTestEnvironments.millis;

import io.arcml.Workspace;
import io.arcml.compute.ComputeTarget;
import io.arcml.compute.KubernetesCompute;
import io.arcml.k8s.KubernetesControlPlane;
import io.arcml.testing.sim.SimulatedCluster;
import java.time.Duration;
import java.util.Objects;

/**
 * What one test gets from {@link WithSimulatedCluster}: a running simulated cluster, a workspace on
 * the direct cluster transport over it and, when the annotation names one, an attached compute.
 * {@link SimulatedClusterExtension} builds one per test and closes it after the test; nothing is
 * shared between tests.
 */
public final class SimulatedClusterEnvironment implements AutoCloseable {
    private final TestLifetime lifetime;
    private final SimulatedCluster cluster;
    private final Workspace workspace;
    private final KubernetesCompute compute;

    private SimulatedClusterEnvironment(
            String testName, SimulatedCluster cluster, Workspace workspace, KubernetesCompute compute) {
        this.lifetime =
                new TestLifetime(testName, "simulated cluster", "a SimulatedCluster, Workspace or KubernetesCompute");
        this.cluster = cluster;
        this.workspace = workspace;
        this.compute = compute;
    }

    /** Starts the fleet, connects a workspace and attaches the compute; closes what it started when a step fails. */
    static SimulatedClusterEnvironment start(String testName, WithSimulatedCluster settings) {
        Objects.requireNonNull(testName, "testName");
        SimulatedFleet fleet = SimulatedFleet.of(settings);
        Duration pollInterval = millis(settings.pollIntervalMillis(), "pollIntervalMillis");
        SimulatedCluster cluster = fleet.startCluster(settings.katib());
        Workspace workspace = null;
        try {
            workspace = Workspace.on(KubernetesControlPlane.builder(cluster.client())
                    .pollInterval(pollInterval)
                    .build());
            KubernetesCompute compute = null;
            if (fleet.attachConfiguration().isPresent()) {
                compute = ComputeTarget.attach(
                                workspace,
                                settings.compute(),
                                fleet.attachConfiguration().get())
                        .waitForCompletion(false);
            }
            return new SimulatedClusterEnvironment(testName, cluster, workspace, compute);
        } catch (RuntimeException e) {
            if (workspace != null) {
                workspace.close();
            }
            cluster.close();
            throw e;
        }
    }

    /**
     * The simulated cluster: add nodes, script pods with {@code workload(..)}, read events.
     *
     * @throws IllegalStateException when the test has ended
     */
    public SimulatedCluster cluster() {
        lifetime.requireRunning();
        return cluster;
    }

    /**
     * The workspace on the direct cluster transport over {@link #cluster()}.
     *
     * @throws IllegalStateException when the test has ended
     */
    public Workspace workspace() {
        lifetime.requireRunning();
        return workspace;
    }

    /**
     * The compute attached before the test, in state {@code Succeeded}.
     *
     * @throws IllegalStateException when the annotation names no compute, or the test has ended
     */
    public KubernetesCompute compute() {
        lifetime.requireRunning();
        if (compute == null) {
            throw new IllegalStateException(
                    "Test '" + lifetime.testName() + "' has no attached compute: its @WithSimulatedCluster names none. "
                            + "Give compute = \"gpu-compute\" and its instanceTypes, or attach one in the test with ComputeTarget.attach");
        }
        return compute;
    }

    /** True once the test has ended and its workspace and cluster were closed. */
    public boolean isClosed() {
        return lifetime.ended();
    }

    /** Closes the workspace, then the cluster; a second call does nothing. */
    @Override
    public void close() {
        if (lifetime.end()) {
            try {
                workspace.close();
            } finally {
                cluster.close();
            }
        }
    }

    @Override
    public String toString() {
        return "SimulatedClusterEnvironment{test=" + lifetime.testName() + ", cluster=" + cluster.masterUrl()
                + (compute == null ? "" : ", compute=" + compute.name()) + (lifetime.ended() ? ", closed" : "") + "}";
    }
}
