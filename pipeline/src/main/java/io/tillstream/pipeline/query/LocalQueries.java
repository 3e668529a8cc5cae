package io.tillstream.pipeline.query;

import io.tillstream.pipeline.Breakdown;
import io.tillstream.pipeline.Totals;
import io.tillstream.pipeline.topology.SalesTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads this instance's state stores: the partitions its stream threads hold as active tasks, not
 * the whole picture. Every partition has its own totals of every group, which are added up here;
 * {@link ClusterQueries} asks every instance and adds up theirs.
 */
final class LocalQueries {

    private final KafkaStreams streams;

    LocalQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Totals per group of {@code breakdown}, e.g. per mall. */
    Map<String, Totals> breakdown(Breakdown breakdown) {
        Map<String, Totals> groups = new HashMap<>();
        try (KeyValueIterator<String, Totals> entries = totalsStore().prefixScan(breakdown.prefix(), Serdes.String().serializer())) {
            entries.forEachRemaining(entry -> groups.merge(breakdown.groupOf(entry.key), entry.value, Totals::plus));
        }
        return groups;
    }

    /** One group's totals: the sum of what each of this instance's partitions holds of it. */
    Optional<Totals> group(Breakdown breakdown, String group) {
        String key = breakdown.key(group);
        Totals sum = null;
        try (KeyValueIterator<String, Totals> parts = totalsStore().range(key, key)) {
            while (parts.hasNext()) {
                Totals part = parts.next().value;
                sum = sum == null ? part : sum.plus(part);
            }
        }
        return Optional.ofNullable(sum);
    }

    /** Totals per 1-minute window starting between {@code from} and {@code to}, keyed by the window's start. */
    Map<String, Totals> perMinute(Instant from, Instant to) {
        ReadOnlyWindowStore<String, Totals> store = streams.store(StoreQueryParameters.fromNameAndType(
            SalesTopology.PER_MINUTE_STORE, QueryableStoreTypes.windowStore()));
        Map<String, Totals> minutes = new HashMap<>();
        try (KeyValueIterator<Windowed<String>, Totals> windows = store.fetchAll(from, to)) {
            windows.forEachRemaining(window -> minutes.merge(window.key.window().startTime().toString(), window.value, Totals::plus));
        }
        return minutes;
    }

    /** The approximate number of entries of key-value store {@code name} over this instance's partitions. */
    long entries(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, Object>keyValueStore()))
            .approximateNumEntries();
    }

    /** Records sent to the dead-letter topic, by error class. */
    Map<String, Long> deadLetters() {
        ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
            SalesTopology.DEAD_LETTER_STORE, QueryableStoreTypes.keyValueStore()));
        Map<String, Long> counts = new HashMap<>();
        // One store per partition, each with its own count under the same key: all() visits every one.
        try (KeyValueIterator<String, Long> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<String, Long> entry = entries.next();
                counts.merge(entry.key, entry.value, Long::sum);
            }
        }
        return counts;
    }

    private ReadOnlyKeyValueStore<String, Totals> totalsStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(SalesTopology.TOTALS_STORE, QueryableStoreTypes.keyValueStore()));
    }
}
