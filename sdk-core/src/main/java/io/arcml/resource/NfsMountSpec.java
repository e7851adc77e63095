package io.arcml.resource;

/**
 * An NFS export mounted into every instance of a command, as a control plane receives it. The
 * user API's {@code io.arcml.job.NfsMount} converts with {@code toSpec()}.
 *
 * @param server the NFS server's host name or IP address
 * @param path the exported path on the server
 * @param mountPath where it appears in the container
 * @param readOnly whether the command may only read it
 */
public record NfsMountSpec(String server, String path, String mountPath, boolean readOnly) {

    /** For example {@code nfs://10.0.0.4/export/data -> /mnt/data (ro)}. */
    @Override
    public String toString() {
        return "nfs://" + server + path + " -> " + mountPath + (readOnly ? " (ro)" : " (rw)");
    }
}
