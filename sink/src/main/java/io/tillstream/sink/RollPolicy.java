package io.tillstream.sink;

import java.time.Duration;
import java.util.function.LongPredicate;

/**
 * When a partition's open files are completed: once they hold {@code maxRecords} records or
 * {@code maxBytes} bytes, or the first of them was opened {@code maxAge} ago. The boundaries need not
 * be the same when a batch is rewritten after a crash (see {@link PartitionBatch}).
 */
record RollPolicy(long maxRecords, long maxBytes, Duration maxAge) {

    /**
     * @param holdsAtLeast whether the open files hold at least the bytes given; asked last, as
     *                     answering may mean measuring every open file
     */
    boolean due(long records, long ageMillis, LongPredicate holdsAtLeast) {
        return records >= maxRecords || ageMillis >= maxAge.toMillis() || holdsAtLeast.test(maxBytes);
    }
}
