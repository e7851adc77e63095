package io.arcml.k8s.internal;

/**
 * What the transport remembers of a run to find its objects again.
 *
 * @param runId the run's id
 * @param computeName the compute
 * @param namespace the compute's namespace
 * @param jobName the job's name
 * @param engine the engine that runs it
 * @param decisiveInstances how many instances must succeed
 */
public record RunHandle(
        String runId, String computeName, String namespace, String jobName, RunEngine engine, int decisiveInstances) {}
