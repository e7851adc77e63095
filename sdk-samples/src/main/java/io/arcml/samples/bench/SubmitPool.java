package io.arcml.samples.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * The threads a fan-out benchmark submits from, and what a batch of submissions cost them: the
 * time they spent in the client's requests (counted by the client's {@link RequestCounter}), in
 * the rest of each submission, blocked on monitors held by another thread, and idle at the end
 * of the batch; the process's CPU time meanwhile.
 */
final class SubmitPool implements AutoCloseable {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final int size;
    private final RequestCounter requests;
    private final ServerCpu server;
    private final List<Thread> threads = new ArrayList<>();
    private final ExecutorService pool;

    /**
     * @param size the threads
     * @param requests the counter registered on the client the submissions use
     * @param server the server's processes
     */
    SubmitPool(int size, RequestCounter requests, ServerCpu server) {
        this.size = size;
        this.requests = requests;
        this.server = server;
        if (THREADS.isThreadContentionMonitoringSupported()) {
            THREADS.setThreadContentionMonitoringEnabled(true);
        }
        this.pool = Executors.newFixedThreadPool(size, task -> {
            Thread t = new Thread(task, "submit-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        // Start every thread now, so that a batch finds them all and none is started while timed.
        List<Future<?>> started = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            started.add(pool.submit(() -> {}));
        }
        started.forEach(SubmitPool::join);
    }

    /** The threads. */
    int size() {
        return size;
    }

    /** Runs {@code creates} for indexes 0 to {@code count - 1} on the threads, and says what it cost. */
    Batch run(int count, IntConsumer creates) {
        LongAdder inTasks = new LongAdder();
        Instant from = Instant.now();
        long blocked = blockedNanos();
        long gc = gcMillis();
        Map<Long, Long> allocated = allocatedBytes();
        RequestCounter.Reading before = requests.read();
        long cpu = OS.getProcessCpuTime();
        long serverCpu = server.nanos();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                long taskStart = System.nanoTime();
                creates.accept(index);
                inTasks.add(System.nanoTime() - taskStart);
            }));
        }
        futures.forEach(SubmitPool::join);
        long wall = System.nanoTime() - start;
        long cpuNanos = OS.getProcessCpuTime() - cpu;
        long serverCpuNanos = server.nanos() - serverCpu;
        RequestCounter.Reading counted = requests.read().since(before);
        long gcNanos = (gcMillis() - gc) * 1_000_000L;
        Map<Long, Long> allocatedAfter = allocatedBytes();
        long allocatedBytes = allocatedAfter.entrySet().stream()
                .filter(e -> allocated.containsKey(e.getKey()))
                .mapToLong(e -> e.getValue() - allocated.get(e.getKey()))
                .sum();
        return new Batch(
                count,
                wall,
                cpuNanos,
                serverCpuNanos,
                counted.sent(),
                counted.waitedNanos(),
                counted.mostInFlight(),
                inTasks.sum(),
                blockedNanos() - blocked,
                gcNanos,
                allocatedBytes,
                new AuditLog.Window(from, Instant.now()));
    }

    /** The time the threads have spent blocked on monitors so far; 0 where the JVM does not measure it. */
    private long blockedNanos() {
        if (!THREADS.isThreadContentionMonitoringEnabled()) {
            return 0;
        }
        long[] ids = threads.stream().mapToLong(Thread::getId).toArray();
        return Arrays.stream(THREADS.getThreadInfo(ids))
                        .mapToLong(ThreadInfo::getBlockedTime)
                        .sum()
                * 1_000_000L;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    /** The bytes each live thread has allocated so far, by thread id. */
    private static Map<Long, Long> allocatedBytes() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }

    private static void join(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a batch ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A submission of the batch failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /**
     * What one batch cost.
     *
     * @param trials the submissions
     * @param wallNanos from the first submission handed to the threads to the last one's end
     * @param cpuNanos the process's CPU time meanwhile
     * @param serverCpuNanos the server's processes' CPU time meanwhile
     * @param requests the requests the client sent
     * @param inRequestNanos their times in flight, added up
     * @param mostInFlight the most requests in flight at once
     * @param inTaskNanos the submissions' times, added up
     * @param blockedNanos the threads' time blocked on monitors
     * @param gcNanos the time the garbage collectors took meanwhile
     * @param allocatedBytes the bytes the process's threads allocated meanwhile
     * @param window when, for the server's audit log
     */
    record Batch(
            int trials,
            long wallNanos,
            long cpuNanos,
            long serverCpuNanos,
            long requests,
            long inRequestNanos,
            int mostInFlight,
            long inTaskNanos,
            long blockedNanos,
            long gcNanos,
            long allocatedBytes,
            AuditLog.Window window) {}
}
