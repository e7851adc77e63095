package io.arcml.pipeline;

import io.arcml.ArcmlException;

/**
 * A pipeline ended because a step failed or was canceled outside it; names the step, why, and
 * the steps that could no longer run.
 */
public class PipelineFailedException extends ArcmlException {
    private static final long serialVersionUID = 1L;

    private final String failedStep;

    /** @param failedStep the step that failed @param message what happened */
    public PipelineFailedException(String failedStep, String message) {
        super(message);
        this.failedStep = failedStep;
    }

    /** The step that failed, or {@code null} when the service that ran the pipeline did not say. */
    public String failedStep() {
        return failedStep;
    }
}
