package io.tillstream.retail.generator;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of a run, updated by the sending thread and the producer's callbacks and read by anyone.
 * A record is counted as sent only after the producer accepted it, and as acknowledged only in its
 * callback.
 */
final class DeliveryStats {

    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LatencyHistogram latencyMicros = new LatencyHistogram();
    private final LongAdder latencyMicrosSum = new LongAdder();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile long startNanos;
    private volatile long endNanos;

    void started() {
        startNanos = System.nanoTime();
    }

    void finished() {
        endNanos = System.nanoTime();
    }

    void sent() {
        sent.increment();
    }

    void acknowledged(int recordBytes, long latencyNanos) {
        bytes.add(recordBytes);
        latencyMicros.record(latencyNanos / 1000);
        latencyMicrosSum.add(latencyNanos / 1000);
        acknowledged.increment();
    }

    void failed(String reason) {
        failure.compareAndSet(null, reason);
        failed.increment();
    }

    /** Sending stopped for a reason other than a failed record, e.g. the producer refused one. */
    void stoppedBy(String reason) {
        failure.compareAndSet(null, reason);
    }

    boolean hasFailure() {
        return failure.get() != null;
    }

    void rejected() {
        rejected.increment();
    }

    Progress progress() {
        long start = startNanos;
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        long done = acknowledged.sum();
        long lost = failed.sum();
        // A callback can run before send() returns and the record is counted; it was handed over all the same.
        long handed = Math.max(sent.sum(), done + lost);
        return new Progress(handed, done, lost, rejected.sum(), bytes.sum(),
            start == 0 ? Duration.ZERO : Duration.ofNanos(end - start));
    }

    /** Acknowledgement latencies in microseconds. */
    LatencyHistogram latencyMicros() {
        return latencyMicros;
    }

    /** The sum of every acknowledgement latency, in microseconds. */
    long latencyMicrosSum() {
        return latencyMicrosSum.sum();
    }

    Summary summary() {
        return new Summary(progress(), Duration.ofNanos(latencyMicros.percentile(50) * 1000),
            Duration.ofNanos(latencyMicros.percentile(99) * 1000), Optional.ofNullable(failure.get()));
    }
}
