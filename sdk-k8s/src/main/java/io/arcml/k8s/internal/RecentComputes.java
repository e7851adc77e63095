package io.arcml.k8s.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Compute records read in the last while, for submissions: a sweep submits hundreds of trials to
 * one compute from several threads, and each would otherwise read the record before its create.
 *
 * <p>The first submission to a compute this process knows no record of reads it, and the others
 * wait for that one read. A record older than the reuse period is read again by the one
 * submission that finds it so; the others go on with the record it replaces until the new one is
 * back, so that a sweep's fan-out never stops for a read the typed creates of the same objects do
 * not make. A compute read for any other purpose (its status, before a sweep's trials are
 * submitted) is remembered too.
 */
public final class RecentComputes {
    private final long reuseNanos;
    private final LongSupplier clock;
    private final Map<String, Recent> recent = new ConcurrentHashMap<>();
    /** The computes whose record one submission is reading again. */
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    /** Held while a compute's first record is read. */
    private final Object firstRead = new Object();

    private record Recent(StoredCompute compute, long readAtNanos) {}

    /**
     * @param reuse how long a record read serves submissions before it is read again
     * @param clock {@link System#nanoTime()}, or a test's
     */
    public RecentComputes(Duration reuse, LongSupplier clock) {
        this.reuseNanos = reuse.toNanos();
        this.clock = clock;
    }

    /**
     * The compute's recent record, else the one {@code read} returns (and its exceptions).
     *
     * @param read reads a compute's record from the cluster, by name
     */
    public StoredCompute get(String name, Function<String, StoredCompute> read) {
        Recent known = recent.get(name);
        if (known != null && (fresh(known) || !refreshing.add(name))) {
            return known.compute();
        }
        if (known != null) {
            try {
                return remember(read.apply(name));
            } catch (RuntimeException e) {
                recent.remove(name);
                throw e;
            } finally {
                refreshing.remove(name);
            }
        }
        synchronized (firstRead) {
            known = recent.get(name);
            return known != null ? known.compute() : remember(read.apply(name));
        }
    }

    /** Remembers a record just read. */
    public StoredCompute remember(StoredCompute compute) {
        recent.put(compute.resource().name(), new Recent(compute, clock.getAsLong()));
        return compute;
    }

    /** Forgets a compute's record: it was attached again or detached. */
    public void forget(String name) {
        recent.remove(name);
    }

    private boolean fresh(Recent known) {
        return clock.getAsLong() - known.readAtNanos() < reuseNanos;
    }
}
