package io.arcml.job;

import io.arcml.ArcmlException;

/** A job run ended Failed or Canceled while it was waited for; {@link #status()} says why. */
public class JobFailedException extends ArcmlException {
    private static final long serialVersionUID = 1L;

    private final transient JobStatus status;

    /** Creates the exception for a run's terminal status. */
    public JobFailedException(String message, JobStatus status) {
        super(message);
        this.status = status;
    }

    /** The terminal status. */
    public JobStatus status() {
        return status;
    }
}
