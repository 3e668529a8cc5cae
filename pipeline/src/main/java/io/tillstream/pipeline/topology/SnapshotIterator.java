package io.tillstream.pipeline.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Iterates a copy of a store's entries in the copy's order: the write-once-per-commit stores answer a
 * range from their stored entries with the changed ones laid over them, which only a copy can merge.
 * Nothing to release on close.
 */
class SnapshotIterator<K, V> implements KeyValueIterator<K, V> {

    private final Iterator<Map.Entry<K, V>> entries;
    private Map.Entry<K, V> next;

    SnapshotIterator(NavigableMap<K, V> snapshot) {
        this.entries = snapshot.entrySet().iterator();
    }

    /** Windows of one key, by start. */
    static <V> WindowStoreIterator<V> ofWindows(NavigableMap<Long, V> snapshot) {
        return new Windows<>(snapshot);
    }

    @Override
    public boolean hasNext() {
        return next != null || entries.hasNext();
    }

    @Override
    public KeyValue<K, V> next() {
        Map.Entry<K, V> entry = next != null ? next : entries.next();
        next = null;
        return KeyValue.pair(entry.getKey(), entry.getValue());
    }

    @Override
    public K peekNextKey() {
        if (next == null) {
            next = entries.next();
        }
        return next.getKey();
    }

    @Override
    public void close() {
    }

    private static final class Windows<V> extends SnapshotIterator<Long, V> implements WindowStoreIterator<V> {
        Windows(NavigableMap<Long, V> snapshot) {
            super(snapshot);
        }
    }
}
