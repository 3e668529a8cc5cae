package io.tillstream.retail.generator;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts latencies in a fixed set of logarithmic buckets, so that percentiles of millions of
 * acknowledgements cost a few kilobytes and never grow the heap. Each power of two is split into
 * {@value #SUB_BUCKETS} buckets, so a percentile is off by at most 1/{@value #SUB_BUCKETS} of its
 * value (it is reported as its bucket's upper bound: never optimistic). Values below
 * {@code 2 * SUB_BUCKETS} are counted exactly. Safe to record from one thread while others read.
 */
public final class LatencyHistogram {

    static final int SUB_BUCKETS = 8;
    private static final int SUB_BITS = Integer.numberOfTrailingZeros(SUB_BUCKETS);
    private static final int EXACT = 2 * SUB_BUCKETS;
    /** Up to 2^40 microseconds (12 days), far past any delivery timeout; larger values land in the last bucket. */
    private static final int MAX_EXPONENT = 40;
    static final int BUCKETS = EXACT + (MAX_EXPONENT - SUB_BITS) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long value) {
        counts.incrementAndGet(bucket(Math.max(0, value)));
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * The value below or at which {@code percent} percent of the recorded values lie, as the upper
     * bound of its bucket; 0 when nothing was recorded.
     */
    public long percentile(double percent) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    /**
     * The counts in buckets up to {@code upperBounds} (ascending), the last entry everything above the last
     * bound. Each of this histogram's buckets lands where its own upper bound does, so a count may sit one
     * bucket higher than its value alone would put it (never lower).
     */
    public long[] counts(long[] upperBounds) {
        long[] result = new long[upperBounds.length + 1];
        int target = 0;
        for (int i = 0; i < BUCKETS; i++) {
            while (target < upperBounds.length && upperBound(i) > upperBounds[target]) {
                target++;
            }
            result[target] += counts.get(i);
        }
        return result;
    }

    static int bucket(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int index = EXACT + (exponent - SUB_BITS - 1) * SUB_BUCKETS + (int) ((value >>> (exponent - SUB_BITS)) - SUB_BUCKETS);
        return Math.min(index, BUCKETS - 1);
    }

    /** The largest value that falls in bucket {@code index}. */
    static long upperBound(int index) {
        if (index < EXACT) {
            return index;
        }
        int exponent = (index - EXACT) / SUB_BUCKETS + SUB_BITS + 1;
        long mantissa = SUB_BUCKETS + (index - EXACT) % SUB_BUCKETS;
        return ((mantissa + 1) << (exponent - SUB_BITS)) - 1;
    }
}
