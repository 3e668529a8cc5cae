package io.tillstream.pipeline.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Running totals by group, written to their changelogged in-memory store once per commit rather than
 * on every sale: each partition's totals ({@code V} = {@link io.tillstream.pipeline.Totals}), and what each
 * partition last reported to the merger ({@link SplitTotals}), whose store was Streams' own cached store and
 * cost a producer round trip per merging task at every commit ({@link CommitBufferedStore} says why). A sale
 * changes six groups; through Kafka Streams' own cached store each change was a serialized put into a sorted
 * byte-keyed cache (about a quarter of the stream thread's time). Here
 * a put only replaces the group's latest value in a hash map, and only the last value of each group
 * changed since the previous commit goes down to the store and its changelog, at the commit
 * ({@link CommitBufferedStore} says why that is safe).
 *
 * <p>Every group stays in a hash map as well: the stream thread's first read copies the whole store
 * into it (restored from the changelog by then), so a read never goes down to the sorted byte-keyed
 * store below, which costs a serialized key and a tree lookup. That matters for the customers: most
 * sales are a customer's first, a group not yet seen, and looking each up below was 8 % of the stream
 * thread. Reads (the stream thread's and the HTTP API's, from other threads) see that map first, so
 * the queryable totals are as current as with a cache. Only the stream thread writes.
 *
 * <p>A range or prefix query reads the sorted store below and lays over it only the groups changed
 * since the last commit: copying the map of every group for each query (ten thousand customers per
 * partition) cost the HTTP threads, polled five times a second, half as much CPU as the stream thread.
 *
 * <p>Each group's entry is a {@link Slot} that the stream thread updates in place: a sale's put into a
 * group already seen is then a field write, and the group joins the changed groups once per commit, not
 * once per sale. With a hash-map write into both maps for each of a sale's six groups, those maps were a
 * quarter of the stream thread (docs/benchmarks.md).
 */
final class TotalsStore<V> extends CommitBufferedStore<KeyValueStore<String, V>, String, V> implements KeyValueStore<String, V> {

    /** Every group read or written since the task started, and once {@link #complete} every group: the store's values without a lookup in its sorted byte map. */
    private final Map<String, Slot<V>> latest = new ConcurrentHashMap<>();
    /** Whether {@link #latest} holds every stored group, so that a group missing there is missing. */
    private volatile boolean complete;
    /** The groups written since the last commit; read by query threads too. */
    private final Map<String, Slot<V>> changed = new ConcurrentHashMap<>();
    /** The stream thread that owns the task: queries from other threads read through without filling {@link #latest}. */
    private volatile Thread writer;

    /** A group's latest value, and whether it is among the {@link #changed} groups; only the stream thread writes either. */
    private static final class Slot<V> {
        volatile V value;
        boolean changed;

        Slot(V value) {
            this.value = value;
        }
    }

    private TotalsStore(KeyValueStore<String, V> logged) {
        super(logged);
    }

    /** An in-memory store named {@code name}, changelogged, with values in {@code values}' form. */
    static <V> StoreBuilder<TotalsStore<V>> builder(String name, Serde<V> values) {
        return builder(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values),
            TotalsStore::new);
    }

    @Override
    public void put(String key, V value) {
        Slot<V> slot = latest.get(key);
        if (slot == null) {
            slot = new Slot<>(value);
            latest.put(key, slot);
        } else {
            slot.value = value;
        }
        if (!slot.changed) {
            slot.changed = true;
            changed.put(key, slot);
        }
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(String key) {
        V before = get(key);
        changed.remove(key);
        latest.remove(key);
        logged.delete(key);
        return before;
    }

    @Override
    public V get(String key) {
        Slot<V> slot = latest.get(key);
        if (slot != null) {
            return slot.value;
        }
        if (complete) {
            return null;
        }
        if (Thread.currentThread() != writer) {
            return logged.get(key);
        }
        try (KeyValueIterator<String, V> stored = logged.all()) {
            stored.forEachRemaining(entry -> latest.putIfAbsent(entry.key, new Slot<>(entry.value)));
        }
        complete = true;
        slot = latest.get(key);
        return slot == null ? null : slot.value;
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        Map<String, V> changes = changes(key -> (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0));
        try (KeyValueIterator<String, V> stored = logged.range(from, to)) {
            return merged(stored, changes);
        }
    }

    @Override
    public KeyValueIterator<String, V> all() {
        Map<String, V> changes = changes(key -> true);
        try (KeyValueIterator<String, V> stored = logged.all()) {
            return merged(stored, changes);
        }
    }

    /** Only String prefixes: every key here is a String written as UTF-8, so a byte prefix is a String prefix. */
    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, V> prefixScan(
        P prefix, PS prefixKeySerializer) {
        if (!(prefix instanceof String text)) {
            throw new UnsupportedOperationException("the totals store is scanned by String prefixes only, not " + prefix);
        }
        Map<String, V> changes = changes(key -> key.startsWith(text));
        try (KeyValueIterator<String, V> stored = logged.prefixScan(prefix, prefixKeySerializer)) {
            return merged(stored, changes);
        }
    }

    /**
     * The wanted groups changed since the last commit. They are copied before the stored ones are read
     * ({@link #merged}): a value written down in between is then found in the copy.
     */
    private Map<String, V> changes(Predicate<String> wanted) {
        Map<String, V> changes = new HashMap<>();
        changed.forEach((key, slot) -> {
            if (wanted.test(key)) {
                changes.put(key, slot.value);
            }
        });
        return changes;
    }

    /** The stored entries with the changed values over them. */
    private static <V> KeyValueIterator<String, V> merged(KeyValueIterator<String, V> stored, Map<String, V> changes) {
        NavigableMap<String, V> entries = new TreeMap<>();
        stored.forEachRemaining(entry -> entries.put(entry.key, entry.value));
        entries.putAll(changes);
        return new SnapshotIterator<>(entries);
    }

    @Override
    public long approximateNumEntries() {
        return logged.approximateNumEntries() + changed.size();
    }

    @Override
    protected void writeBuffered() {
        changed.forEach((key, slot) -> {
            logged.put(key, slot.value);
            slot.changed = false;
        });
        changed.clear();
    }

    @Override
    public void clearCache() {
        complete = false;
        changed.clear();
        latest.clear();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        writer = Thread.currentThread();
        complete = false;
        super.init(context, root);
    }
}
