package io.arcml.job;

import io.arcml.ValidationException;
import io.arcml.resource.NfsMountSpec;
import java.util.regex.Pattern;

/**
 * An NFS export mounted into every instance of a job, the how-to's NFS scenario:
 * {@code nfsMount("10.0.0.4", "/export/data", "/mnt/data", true)}.
 *
 * @param server the NFS server's host name or IP address
 * @param path the exported path on the server, absolute
 * @param mountPath where it appears in the container, absolute
 * @param readOnly whether the job may only read it
 */
public record NfsMount(String server, String path, String mountPath, boolean readOnly) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:]+\\]");

    /** Checks the fields; {@code field} prefixes are added by {@link CommandJob.Builder}. */
    public NfsMount {
        if (server == null || !HOST.matcher(server).matches()) {
            throw new ValidationException(
                    "nfsMount.server",
                    server,
                    "is not a host name or IP address",
                    "Give the NFS server as a host name or address, e.g. 10.0.0.4 or nfs.example.com");
        }
        requireAbsolute("nfsMount.path", path, "the exported directory, e.g. /export/data");
        requireAbsolute("nfsMount.mountPath", mountPath, "where the job reads it, e.g. /mnt/data");
        if (mountPath.equals("/") || mountPath.equals("/dev/shm") || mountPath.startsWith("/dev/shm/")) {
            throw new ValidationException(
                    "nfsMount.mountPath",
                    mountPath,
                    "would hide a path the job needs",
                    "Mount below a directory of its own, e.g. /mnt/data");
        }
    }

    private static void requireAbsolute(String field, String value, String example) {
        if (value == null || !value.startsWith("/") || value.contains("..")) {
            throw new ValidationException(field, value, "is not an absolute path", "Give " + example);
        }
    }

    /** For example {@code nfs://10.0.0.4/export/data -> /mnt/data (ro)}. */
    @Override
    public String toString() {
        return toSpec().toString();
    }

    /** The mount as the transport SPI takes it. */
    public NfsMountSpec toSpec() {
        return new NfsMountSpec(server, path, mountPath, readOnly);
    }
}
