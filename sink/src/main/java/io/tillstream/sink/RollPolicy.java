package io.tillstream.sink;

import java.time.Duration;

/**
 * When a partition's open files are completed: once they hold {@code maxRecords} records or
 * {@code maxBytes} bytes, or the first of them was opened {@code maxAge} ago. The boundaries need not
 * be the same when a batch is rewritten after a crash (see {@link PartitionBatch}).
 */
record RollPolicy(long maxRecords, long maxBytes, Duration maxAge) {

    boolean due(long records, long bytes, long ageMillis) {
        return records >= maxRecords || bytes >= maxBytes || ageMillis >= maxAge.toMillis();
    }
}
