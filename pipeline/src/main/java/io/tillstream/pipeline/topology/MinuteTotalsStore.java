package io.tillstream.pipeline.topology;

import io.tillstream.pipeline.Totals;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The 1-minute windows of totals, written to their changelogged in-memory window store once per
 * commit rather than on every sale, as {@link TotalsStore} does for the running totals
 * ({@link CommitBufferedStore} says why the commit is the right moment). Through Kafka Streams' cached window store, each sale's
 * window cost a serialized fetch and a serialized put into a sorted byte-keyed cache: 9 % of the
 * stream thread. Here a put replaces the window's value in a hash map, and the windows changed since
 * the last commit (a few: the current minute of each mall) go down to the store at the commit.
 *
 * <p>Reads see those changed windows over the stored ones, so the queryable windows are as current as
 * with a cache. Only the stream thread writes.
 */
final class MinuteTotalsStore extends CommitBufferedStore<WindowStore<String, Totals>, String, Totals> implements WindowStore<String, Totals> {

    private static final Comparator<Windowed<String>> BY_START_THEN_KEY = Comparator
        .<Windowed<String>>comparingLong(window -> window.window().start()).thenComparing(Windowed::key);

    private final long windowMs;
    /** The windows written since the last commit, by key and start; read by query threads too. */
    private final Map<Window, Totals> changed = new ConcurrentHashMap<>();

    private record Window(String key, long start) {
    }

    private MinuteTotalsStore(WindowStore<String, Totals> logged, long windowMs) {
        super(logged);
        this.windowMs = windowMs;
    }

    /** An in-memory window store named {@code name} of {@code window}-long windows, changelogged, with values in {@link TotalsSerdes#totals()} form. */
    static StoreBuilder<MinuteTotalsStore> builder(String name, Duration retention, Duration window) {
        return builder(Stores.windowStoreBuilder(Stores.inMemoryWindowStore(name, retention, window, false),
            Serdes.String(), TotalsSerdes.totals()), logged -> new MinuteTotalsStore(logged, window.toMillis()));
    }

    @Override
    public void put(String key, Totals value, long windowStart) {
        changed.put(new Window(key, windowStart), value);
    }

    @Override
    public Totals fetch(String key, long windowStart) {
        Totals value = changed.get(new Window(key, windowStart));
        return value != null ? value : logged.fetch(key, windowStart);
    }

    @Override
    public WindowStoreIterator<Totals> fetch(String key, long timeFrom, long timeTo) {
        Map<Window, Totals> changes = Map.copyOf(changed);
        TreeMap<Long, Totals> windows = new TreeMap<>();
        try (WindowStoreIterator<Totals> stored = logged.fetch(key, timeFrom, timeTo)) {
            stored.forEachRemaining(entry -> windows.put(entry.key, entry.value));
        }
        changes.forEach((window, value) -> {
            if (window.key().equals(key) && window.start() >= timeFrom && window.start() <= timeTo) {
                windows.put(window.start(), value);
            }
        });
        return SnapshotIterator.ofWindows(windows);
    }

    @Override
    public KeyValueIterator<Windowed<String>, Totals> fetch(String keyFrom, String keyTo, long timeFrom, long timeTo) {
        Map<Window, Totals> changes = Map.copyOf(changed);
        return merged(logged.fetch(keyFrom, keyTo, timeFrom, timeTo), changes, window ->
            (keyFrom == null || window.key().compareTo(keyFrom) >= 0) && (keyTo == null || window.key().compareTo(keyTo) <= 0)
                && window.start() >= timeFrom && window.start() <= timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<String>, Totals> fetchAll(long timeFrom, long timeTo) {
        Map<Window, Totals> changes = Map.copyOf(changed);
        return merged(logged.fetchAll(timeFrom, timeTo), changes, window -> window.start() >= timeFrom && window.start() <= timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<String>, Totals> all() {
        Map<Window, Totals> changes = Map.copyOf(changed);
        return merged(logged.all(), changes, window -> true);
    }

    /**
     * The stored windows with the changed values over them, by start and then key. The changes are copied
     * before the stored windows are read: a value written down in between is then found in the copy.
     */
    private KeyValueIterator<Windowed<String>, Totals> merged(KeyValueIterator<Windowed<String>, Totals> stored,
                                                              Map<Window, Totals> changes, Predicate<Window> wanted) {
        TreeMap<Windowed<String>, Totals> windows = new TreeMap<>(BY_START_THEN_KEY);
        try (stored) {
            stored.forEachRemaining(entry -> windows.put(entry.key, entry.value));
        }
        changes.forEach((window, value) -> {
            if (wanted.test(window)) {
                windows.put(new Windowed<>(window.key(), new TimeWindow(window.start(), window.start() + windowMs)), value);
            }
        });
        return new SnapshotIterator<>(windows);
    }

    @Override
    protected void writeBuffered() {
        for (Map.Entry<Window, Totals> entry : changed.entrySet()) {
            logged.put(entry.getKey().key(), entry.getValue(), entry.getKey().start());
        }
        changed.clear();
    }

    @Override
    public void clearCache() {
        changed.clear();
    }
}
