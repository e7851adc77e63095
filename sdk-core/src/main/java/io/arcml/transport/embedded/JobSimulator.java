package io.arcml.transport.embedded;

import io.arcml.resource.CommandSpec;

/**
 * Decides how the embedded control plane plays a submitted job. Harnesses plug one in to script
 * outcomes (a training curve, a crash) with {@link EmbeddedControlPlane.Builder#jobSimulator(JobSimulator)}.
 */
@FunctionalInterface
public interface JobSimulator {

    /** How this job's run goes, from the job as the control plane received it. Called once per submitted job. */
    JobSimulation simulate(CommandSpec job);
}
