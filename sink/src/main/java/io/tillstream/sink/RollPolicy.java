package io.tillstream.sink;

import java.time.Duration;

/**
 * When a partition's open files are completed: once they hold {@code maxRecords} records or
 * {@code maxBytes} bytes, or the first of them was opened {@code maxAge} ago, or the records held for
 * every partition's open files together take more than {@code maxHeldBytes}. The boundaries need not
 * be the same when a batch is rewritten after a crash (see {@link PartitionBatch}).
 */
record RollPolicy(long maxRecords, long maxBytes, Duration maxAge, long maxHeldBytes) {

    /** Whether a partition's batch of {@code records} and {@code bytes} rolls, with {@code heldBytes} held in all. */
    boolean due(long records, long bytes, long ageMillis, long heldBytes) {
        return records >= maxRecords || bytes >= maxBytes || ageMillis >= maxAge.toMillis() || heldBytes > maxHeldBytes;
    }
}
