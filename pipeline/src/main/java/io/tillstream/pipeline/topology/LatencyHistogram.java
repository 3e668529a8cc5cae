package io.tillstream.pipeline.topology;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in whole milliseconds up to {@value #MAX_TRACKED_MS} ms (one counter each, so
 * percentiles are exact to the millisecond), longer ones in one overflow counter; thread-safe
 * without locks, since every stream thread records into it.
 */
public final class LatencyHistogram {

    static final int MAX_TRACKED_MS = 60_000;

    private final AtomicLongArray counts = new AtomicLongArray(MAX_TRACKED_MS + 2);
    private final AtomicLong max = new AtomicLong();

    /** Count, percentiles and maximum in milliseconds; a percentile beyond the tracked range reads as the maximum. */
    public record Snapshot(long count, long p50Ms, long p90Ms, long p99Ms, long p999Ms, long maxMs) {
    }

    /**
     * Counts between consecutive {@code upperBoundsMs} (ascending; each bucket holds latencies up to and
     * including its bound), the last entry everything above the last bound; and their sum in milliseconds, exact
     * to the millisecond except that a latency beyond the tracked range adds {@value #MAX_TRACKED_MS} + 1.
     */
    public record Buckets(long[] counts, long sumMs) {
    }

    /** The latencies in buckets up to {@code upperBoundsMs}: what a Prometheus histogram is made of. */
    public Buckets buckets(long[] upperBoundsMs) {
        long[] bucketCounts = new long[upperBoundsMs.length + 1];
        long sum = 0;
        int bucket = 0;
        for (int ms = 0; ms < counts.length(); ms++) {
            long count = counts.get(ms);
            while (bucket < upperBoundsMs.length && ms > upperBoundsMs[bucket]) {
                bucket++;
            }
            bucketCounts[bucket] += count;
            sum += count * ms;
        }
        return new Buckets(bucketCounts, sum);
    }

    void record(long millis) {
        long clamped = Math.max(0, millis);
        counts.incrementAndGet((int) Math.min(clamped, MAX_TRACKED_MS + 1));
        max.accumulateAndGet(clamped, Math::max);
    }

    public void reset() {
        for (int i = 0; i < counts.length(); i++) {
            counts.set(i, 0);
        }
        max.set(0);
    }

    public Snapshot snapshot() {
        long[] copy = new long[counts.length()];
        long total = 0;
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
            total += copy[i];
        }
        long maxMs = max.get();
        return new Snapshot(total, percentile(copy, total, 0.50, maxMs), percentile(copy, total, 0.90, maxMs),
            percentile(copy, total, 0.99, maxMs), percentile(copy, total, 0.999, maxMs), maxMs);
    }

    private static long percentile(long[] counts, long total, double fraction, long maxMs) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int ms = 0; ms <= MAX_TRACKED_MS; ms++) {
            seen += counts[ms];
            if (seen >= rank) {
                return ms;
            }
        }
        return maxMs;
    }
}
