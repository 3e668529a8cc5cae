package io.tillstream.serde.internals;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A concurrent map that holds at most {@code capacity} entries. Reads take no lock because they sit
 * on the serializers' per-record path. Eviction drops an arbitrary entry rather than the least
 * recently used one: the working set of schemas is small, and a miss costs one registry call.
 */
public final class BoundedCache<K, V> {

    private final int capacity;
    private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();

    public BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The cached value, or the loader's, which is then cached. The loader runs outside any lock, so
     * a slow registry call doesn't hold up other keys; two threads missing at once both load.
     */
    public V computeIfAbsent(K key, Function<? super K, ? extends V> loader) {
        V value = entries.get(key);
        if (value != null) {
            return value;
        }
        value = loader.apply(key);
        put(key, value);
        return value;
    }

    public void put(K key, V value) {
        if (entries.size() >= capacity && !entries.containsKey(key)) {
            Iterator<K> oldest = entries.keySet().iterator();
            if (oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
        entries.put(key, value);
    }

    public void removeKeysIf(Predicate<? super K> condition) {
        entries.keySet().removeIf(condition);
    }
}
