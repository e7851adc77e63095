package io.arcml.samples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CPU time the API server's processes have used (kube-apiserver, etcd, the controllers and
 * kwok of the real control plane; the mock server's process), read from {@code /proc}, so that
 * each arm's cost on the server side is seen beside its cost in the client.
 */
final class ServerCpu {
    /** {@code /proc/<pid>/stat} counts in clock ticks of 10 ms (USER_HZ on Linux). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final List<Long> pids;

    ServerCpu(List<Long> pids) {
        this.pids = List.copyOf(pids);
    }

    /** The processes whose ids the real control plane's script keeps in {@code <state>/pids/}; none when unset. */
    static ServerCpu ofPlane(String stateDirectory) {
        if (stateDirectory == null) {
            return new ServerCpu(List.of());
        }
        try (Stream<Path> files = Files.list(Path.of(stateDirectory, "pids"))) {
            return new ServerCpu(
                    files.map(ServerCpu::pidIn).filter(pid -> pid > 0).toList());
        } catch (IOException e) {
            return new ServerCpu(List.of());
        }
    }

    private static long pidIn(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The processes' user and system CPU time so far, in nanoseconds; processes gone count nothing. */
    long nanos() {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // The fields after the command name in parentheses, which may hold spaces: utime and stime are 14 and
                // 15.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                // gone, or not Linux
            }
        }
        return ticks * NANOS_PER_TICK;
    }
}
