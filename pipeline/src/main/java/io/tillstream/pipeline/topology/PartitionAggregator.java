package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.EnrichedSale;
import io.tillstream.pipeline.Totals;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Sums the sales of one source partition: running totals of every breakdown and 1-minute windows
 * per mall, in stores that the HTTP API queries (adding up the partitions). Every
 * {@value #FORWARD_INTERVAL_MS} ms the groups that changed go on, as this partition's running
 * totals, to {@link TotalsMerger} and the compacted topics.
 *
 * <p>Why here rather than after a repartition by group: a sale touches six groups, and sending it to
 * each group's owner cost six records through Kafka per sale. Summed where it is read, a sale costs
 * six in-memory updates, and each group at most one record per interval, whatever the rate. The
 * totals store ({@link TotalsStore}) and the window store ({@link MinuteTotalsStore}) write to their
 * changelogs once per changed group or window per commit. Since the
 * stores commit with the offsets, what is sent is always consistent with what was read, and a
 * restart sends every group again, which the merger's replace-by-partition makes harmless.
 */
final class PartitionAggregator implements Processor<byte[], EnrichedSale, String, PartitionTotals> {

    static final long FORWARD_INTERVAL_MS = 100;
    /** values() copies its array on every call, and process() runs for every sale. */
    private static final Breakdown[] BREAKDOWNS = Breakdown.values();
    private static final long WINDOW_MS = SalesTopology.WINDOW.toMillis();

    private final long windowGraceMs;
    private final LatencyHistogram latency;
    private ProcessorContext<String, PartitionTotals> context;
    private int partition;
    private KeyValueStore<String, Totals> totals;
    private WindowStore<String, Totals> minutes;
    private Set<String> changedGroups;
    private Set<Minute> changedMinutes;
    /**
     * The store keys of the malls, categories, payment methods and days seen, by breakdown and group: a sale's
     * keys are then the same Strings each time, hashed once, instead of new concatenations hashed again by each
     * map they meet. Not the customers': most sales are a customer's first.
     */
    private final Map<Object, String>[] groupKeys = newGroupKeys();
    private boolean sendEverything;
    /** The latest event time seen: the clock that closes windows, as Kafka Streams' stream time would after a repartition. */
    private long observedEventTime = Long.MIN_VALUE;

    /** A mall's 1-minute window, by its start. */
    private record Minute(String key, long start) {
    }

    PartitionAggregator(Duration windowGrace, LatencyHistogram latency) {
        this.windowGraceMs = windowGrace.toMillis();
        this.latency = latency;
    }

    @Override
    public void init(ProcessorContext<String, PartitionTotals> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.totals = context.getStateStore(SalesTopology.TOTALS_STORE);
        this.minutes = context.getStateStore(SalesTopology.PER_MINUTE_STORE);
        this.changedGroups = new LinkedHashSet<>();
        this.changedMinutes = new LinkedHashSet<>();
        // A new task may have been restored from its changelog: what it sent before may not have been committed.
        this.sendEverything = true;
        context.schedule(Duration.ofMillis(FORWARD_INTERVAL_MS), PunctuationType.WALL_CLOCK_TIME, this::send);
    }

    @Override
    public void process(Record<byte[], EnrichedSale> record) {
        EnrichedSale sale = record.value();
        Totals contribution = Totals.of(sale);
        String mallKey = null;
        for (Breakdown breakdown : BREAKDOWNS) {
            String key = breakdown == Breakdown.CUSTOMER ? breakdown.keyOf(sale)
                : groupKeys[breakdown.ordinal()].computeIfAbsent(breakdown.groupValue(sale), group -> breakdown.keyOf(sale));
            Totals before = totals.get(key);
            totals.put(key, before == null ? contribution : before.plus(contribution));
            if (breakdown.hasTopic()) {
                changedGroups.add(key);
            }
            if (breakdown == Breakdown.MALL) {
                mallKey = key;
            }
        }
        addToMinute(mallKey, record.timestamp(), contribution);
        latency.record(System.currentTimeMillis() - record.timestamp());
    }

    /**
     * Like Kafka Streams' own windows: a sale for a window that closed longer than the grace period
     * before the latest event time seen is not counted in it.
     */
    private void addToMinute(String key, long eventTime, Totals contribution) {
        observedEventTime = Math.max(observedEventTime, eventTime);
        long start = eventTime - Math.floorMod(eventTime, WINDOW_MS);
        if (start + WINDOW_MS <= observedEventTime - windowGraceMs) {
            return;
        }
        Totals before = minutes.fetch(key, start);
        minutes.put(key, before == null ? contribution : before.plus(contribution), start);
        changedMinutes.add(new Minute(key, start));
    }

    private void send(long now) {
        if (sendEverything) {
            sendEverything = false;
            for (Breakdown breakdown : Breakdown.withTopics()) {
                try (KeyValueIterator<String, Totals> groups = totals.prefixScan(breakdown.prefix(), Serdes.String().serializer())) {
                    groups.forEachRemaining(group -> send(group.key, group.value, now));
                }
            }
            try (KeyValueIterator<Windowed<String>, Totals> windows = minutes.all()) {
                windows.forEachRemaining(window -> send(SalesTopology.minuteKey(window.key.key(), window.key.window().start()),
                    window.value, now));
            }
        } else {
            for (String key : changedGroups) {
                send(key, totals.get(key), now);
            }
            for (Minute minute : changedMinutes) {
                Totals sum = minutes.fetch(minute.key(), minute.start());
                if (sum != null) {
                    send(SalesTopology.minuteKey(minute.key(), minute.start()), sum, now);
                }
            }
        }
        changedGroups.clear();
        changedMinutes.clear();
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, String>[] newGroupKeys() {
        Map<Object, String>[] keys = new Map[BREAKDOWNS.length];
        Arrays.setAll(keys, breakdown -> new HashMap<>());
        return keys;
    }

    private void send(String key, Totals sum, long now) {
        context.forward(new Record<>(key, new PartitionTotals(partition, sum), now));
    }
}
