package io.arcml.job;

/** How Azure ML writes an output to its datastore, as Azure ML's output {@code mode}. */
public enum OutputMode {
    /** The output folder is a mount of the datastore, written as the job runs (Azure ML's default). */
    RW_MOUNT("ReadWriteMount"),
    /** The output folder is local to the job and uploaded when it ends. */
    UPLOAD("Upload"),
    /** The job writes to the datastore's URI itself (Azure ML's {@code direct}). */
    DIRECT("Direct");

    private final String restName;

    OutputMode(String restName) {
        this.restName = restName;
    }

    /** The {@code mode} of Azure ML's REST API, e.g. {@code Upload}. */
    public String restName() {
        return restName;
    }
}
