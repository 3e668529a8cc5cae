package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.SalesTotals;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds up what each source partition last reported for a group and passes the sum on, for the
 * compacted topics. A group's 1-minute windows are dropped from its store once they are older than
 * the windows' retention, counted back from the newest window seen.
 */
final class TotalsMerger implements Processor<String, PartitionTotals, String, SalesTotals> {

    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);

    private final long windowRetentionMs;
    private ProcessorContext<String, SalesTotals> context;
    private KeyValueStore<String, SplitTotals> store;
    private long newestMinute = Long.MIN_VALUE;

    TotalsMerger(Duration windowRetention) {
        this.windowRetentionMs = windowRetention.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, SalesTotals> context) {
        this.context = context;
        this.store = context.getStateStore(SalesTopology.MERGED_STORE);
        context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> expireMinutes());
    }

    @Override
    public void process(Record<String, PartitionTotals> record) {
        SplitTotals before = store.get(record.key());
        SplitTotals after = (before == null ? SplitTotals.NONE : before).with(record.value());
        store.put(record.key(), after);
        if (SalesTopology.isMinuteKey(record.key())) {
            newestMinute = Math.max(newestMinute, SalesTopology.minuteStart(record.key()));
        }
        context.forward(record.withValue(after.sum().toAvro()));
    }

    /** Minute keys sort by their window's start, so the expired ones are one range. */
    private void expireMinutes() {
        if (newestMinute == Long.MIN_VALUE) {
            return;
        }
        String expired = SalesTopology.minuteKey(Instant.ofEpochMilli(newestMinute - windowRetentionMs));
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, SplitTotals> old = store.range(SalesTopology.minuteKey(Instant.EPOCH), expired)) {
            old.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }
}
