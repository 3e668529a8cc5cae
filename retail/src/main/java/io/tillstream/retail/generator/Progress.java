package io.tillstream.retail.generator;

import java.time.Duration;

/**
 * Where a run stands.
 *
 * @param sent         records handed to the producer (its {@code send} returned)
 * @param acknowledged records the broker acknowledged
 * @param failed       records whose delivery failed
 * @param rejected     input rows that were not valid sales, never sent
 * @param bytes        serialized key and value bytes of the acknowledged records
 * @param elapsed      since the first record was due
 */
public record Progress(long sent, long acknowledged, long failed, long rejected, long bytes, Duration elapsed) {

    /** Sent records whose outcome is not known yet. */
    public long outstanding() {
        return sent - acknowledged - failed;
    }

    /** Acknowledged records per second. */
    public double recordsPerSecond() {
        return perSecond(acknowledged);
    }

    /** Acknowledged megabytes (2^20 bytes, as Kafka's ProducerPerformance counts them) per second. */
    public double megabytesPerSecond() {
        return perSecond(bytes) / (1024 * 1024);
    }

    private double perSecond(long amount) {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : amount * 1e9 / nanos;
    }
}
