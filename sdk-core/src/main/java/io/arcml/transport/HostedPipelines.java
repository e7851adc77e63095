package io.arcml.transport;

import io.arcml.resource.PipelineSpec;

/**
 * A service that runs pipelines itself (Azure ML's pipeline jobs). Without it, arcml's own runner
 * runs the pipeline's steps through {@link JobOperations}.
 */
public interface HostedPipelines {

    /** Hands a pipeline to the service and returns its parent run; follow it with {@link JobOperations}. */
    JobResource submitPipeline(String computeName, PipelineSpec pipeline);
}
