package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Totals;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Running totals by group, written to their changelogged in-memory store once per commit rather than
 * on every sale. A sale changes six groups; through Kafka Streams' own cached store each change was
 * a serialized put into a sorted byte-keyed cache (about a quarter of the stream thread's time). Here
 * a put only replaces the group's latest value in a hash map, and only the last value of each group
 * changed since the previous commit goes down to the store and its changelog.
 *
 * <p>When: Kafka Streams flushes every cached store of a task ({@link CachedStateStore#flushCache()})
 * before it flushes the task's producer and commits the transaction with the input offsets, so the
 * changed values reach the changelog inside the same transaction as the offsets of the sales they
 * count: after a crash the store and the offsets agree, as with Streams' own cache. That interface is
 * in Streams' internals package (4.4's ProcessorStateManager.flushCache calls it); the crash-safety
 * of this store rests on it, which is why the Kafka version is pinned in the root pom.
 *
 * <p>Each group read or written stays in a hash map as well, since nearly every sale is for a group
 * already seen: a read of the sorted byte-keyed store below costs a serialized key and a tree lookup.
 * Reads (the stream thread's and the HTTP API's, from other threads) see that map first, so the
 * queryable totals are as current as with a cache. Only the stream thread writes.
 */
final class TotalsStore implements KeyValueStore<String, Totals>, CachedStateStore<String, Totals> {

    private final KeyValueStore<String, Totals> logged;
    /** Every group read or written since the task started: the store's values without a lookup in its sorted byte map. */
    private final Map<String, Totals> latest = new ConcurrentHashMap<>();
    /** The groups written since the last commit; only the stream thread touches it. */
    private final Set<String> changed = new HashSet<>();
    /** The stream thread that owns the task: queries from other threads read through without filling {@link #latest}. */
    private volatile Thread writer;

    private TotalsStore(KeyValueStore<String, Totals> logged) {
        this.logged = logged;
    }

    /** An in-memory store named {@code name}, changelogged, with values in {@link TotalsSerdes#totals()} form. */
    static StoreBuilder<TotalsStore> builder(String name) {
        return new Builder(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), TotalsSerdes.totals())
            .withCachingDisabled());
    }

    @Override
    public void put(String key, Totals value) {
        latest.put(key, value);
        changed.add(key);
    }

    @Override
    public Totals putIfAbsent(String key, Totals value) {
        Totals current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, Totals>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public Totals delete(String key) {
        Totals before = get(key);
        changed.remove(key);
        latest.remove(key);
        logged.delete(key);
        return before;
    }

    @Override
    public Totals get(String key) {
        Totals value = latest.get(key);
        if (value == null) {
            value = logged.get(key);
            if (value != null && Thread.currentThread() == writer) {
                latest.put(key, value);
            }
        }
        return value;
    }

    @Override
    public KeyValueIterator<String, Totals> range(String from, String to) {
        Map<String, Totals> changes = Map.copyOf(latest);
        try (KeyValueIterator<String, Totals> stored = logged.range(from, to)) {
            return merged(stored, changes, key -> (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0));
        }
    }

    @Override
    public KeyValueIterator<String, Totals> all() {
        Map<String, Totals> changes = Map.copyOf(latest);
        try (KeyValueIterator<String, Totals> stored = logged.all()) {
            return merged(stored, changes, key -> true);
        }
    }

    /** Only String prefixes: every key here is a String written as UTF-8, so a byte prefix is a String prefix. */
    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, Totals> prefixScan(
        P prefix, PS prefixKeySerializer) {
        if (!(prefix instanceof String text)) {
            throw new UnsupportedOperationException("the totals store is scanned by String prefixes only, not " + prefix);
        }
        Map<String, Totals> changes = Map.copyOf(latest);
        try (KeyValueIterator<String, Totals> stored = logged.prefixScan(prefix, prefixKeySerializer)) {
            return merged(stored, changes, key -> key.startsWith(text));
        }
    }

    /**
     * The stored entries with the latest values over them. Those are copied before the stored ones are
     * read: a value written down in between is then found in the copy.
     */
    private static KeyValueIterator<String, Totals> merged(KeyValueIterator<String, Totals> stored, Map<String, Totals> changes,
                                                            Predicate<String> wanted) {
        NavigableMap<String, Totals> entries = new TreeMap<>();
        stored.forEachRemaining(entry -> entries.put(entry.key, entry.value));
        changes.forEach((key, value) -> {
            if (wanted.test(key)) {
                entries.put(key, value);
            }
        });
        Iterator<Map.Entry<String, Totals>> iterator = entries.entrySet().iterator();
        return new KeyValueIterator<>() {
            private Map.Entry<String, Totals> next;

            @Override
            public boolean hasNext() {
                return next != null || iterator.hasNext();
            }

            @Override
            public KeyValue<String, Totals> next() {
                Map.Entry<String, Totals> entry = next != null ? next : iterator.next();
                next = null;
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }

            @Override
            public String peekNextKey() {
                if (next == null) {
                    next = iterator.next();
                }
                return next.getKey();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public long approximateNumEntries() {
        return logged.approximateNumEntries() + changed.size();
    }

    /** Called by Kafka Streams before each commit: the changed values go down to the store and its changelog. */
    @Override
    public void flushCache() {
        for (String key : changed) {
            logged.put(key, latest.get(key));
        }
        changed.clear();
    }

    /** Called when a task's state is thrown away (it is restored from the changelog again). */
    @Override
    public void clearCache() {
        changed.clear();
        latest.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, Totals> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return logged.name();
    }

    /** The store below registers {@code root}, this store, so that the task flushes and queries this one. */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        writer = Thread.currentThread();
        logged.init(context, root);
    }

    @Override
    public void flush() {
        flushCache();
        logged.flush();
    }

    @Override
    public void commit(Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
        logged.commit(changelogOffsets);
    }

    @Override
    public void close() {
        clearCache();
        logged.close();
    }

    @Override
    public boolean persistent() {
        return logged.persistent();
    }

    @Override
    public boolean isOpen() {
        return logged.isOpen();
    }

    private record Builder(StoreBuilder<KeyValueStore<String, Totals>> logged) implements StoreBuilder<TotalsStore> {

        @Override
        public StoreBuilder<TotalsStore> withCachingEnabled() {
            throw new UnsupportedOperationException("the totals store is its own cache");
        }

        @Override
        public StoreBuilder<TotalsStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<TotalsStore> withLoggingEnabled(Map<String, String> config) {
            return new Builder(logged.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<TotalsStore> withLoggingDisabled() {
            return new Builder(logged.withLoggingDisabled());
        }

        @Override
        public TotalsStore build() {
            return new TotalsStore(logged.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return logged.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return logged.loggingEnabled();
        }

        @Override
        public String name() {
            return logged.name();
        }
    }
}
