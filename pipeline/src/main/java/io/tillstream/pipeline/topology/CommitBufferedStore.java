package io.tillstream.pipeline.topology;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A store that keeps its writes in memory and hands them to the changelogged store below it only when
 * Kafka Streams flushes the task's caches ({@link #flushCache()}), which it does before it flushes the
 * task's producer and commits the transaction with the input offsets: the writes reach the changelog
 * in the same transaction as the offsets of the sales they count, so after a crash the store and the
 * offsets agree, as with Streams' own cache. That interface is in Streams' internals package (4.4's
 * ProcessorStateManager.flushCache calls it); the crash-safety of these stores rests on it, which is
 * why the Kafka version is pinned in the root pom.
 *
 * @param <S> the store below: in memory, changelogged, caching disabled
 */
abstract class CommitBufferedStore<S extends StateStore, K, V> implements StateStore, CachedStateStore<K, V> {

    /**
     * The stores each stream thread initialised. At a commit Kafka Streams flushes the thread's one exactly-once
     * producer once per task, each time just after writing that task's buffered writes, so with a dozen tasks
     * on a thread a commit waited for a dozen round trips in a row: the stream thread's longest stall, and the
     * tail of the sales' latency (docs/benchmarks.md). So the first store flushed at a commit writes the
     * buffers of every store of its thread, and the producer flushes after the first find nothing in flight.
     * Safe because under exactly_once_v2 one transaction covers every task of a thread, and Streams commits
     * every task that needs a commit together with any that does: a store holds writes only for a task that
     * has processed or punctuated since its last commit, which needs one.
     */
    private static final ThreadLocal<Set<CommitBufferedStore<?, ?, ?>>> THREAD_STORES =
        ThreadLocal.withInitial(ConcurrentHashMap::newKeySet);

    protected final S logged;
    private Set<CommitBufferedStore<?, ?, ?>> threadStores;

    protected CommitBufferedStore(S logged) {
        this.logged = logged;
    }

    /** A builder of {@code wrap(store)} over what {@code logged} builds; caching is this store's own job. */
    static <S extends StateStore, T extends StateStore> StoreBuilder<T> builder(StoreBuilder<S> logged, Function<S, T> wrap) {
        return new Builder<>(logged.withCachingDisabled(), wrap);
    }

    /**
     * Called by Kafka Streams before each commit: the buffered writes go down to the store and its changelog,
     * and those of every other store of this thread.
     */
    @Override
    public final void flushCache() {
        // Its own first, in case it was initialised on another thread than the one flushing it.
        writeBuffered();
        THREAD_STORES.get().forEach(CommitBufferedStore::writeBuffered);
    }

    /** Hands the buffered writes to the store below, whose changelog records join the open transaction. */
    protected abstract void writeBuffered();

    /** Called when a task's state is thrown away (it is restored from the changelog again). */
    @Override
    public abstract void clearCache();

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return logged.name();
    }

    /** The store below registers {@code root}, this store, so that the task flushes and queries this one. */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        logged.init(context, root);
        threadStores = THREAD_STORES.get();
        threadStores.add(this);
    }

    @Override
    public void flush() {
        flushCache();
        logged.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        logged.commit(changelogOffsets);
    }

    @Override
    public void close() {
        if (threadStores != null) {
            threadStores.remove(this);
        }
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

    private record Builder<S extends StateStore, T extends StateStore>(StoreBuilder<S> logged, Function<S, T> wrap)
        implements StoreBuilder<T> {

        @Override
        public StoreBuilder<T> withCachingEnabled() {
            throw new UnsupportedOperationException("store " + logged.name() + " is its own cache");
        }

        @Override
        public StoreBuilder<T> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
            return new Builder<>(logged.withLoggingEnabled(config), wrap);
        }

        @Override
        public StoreBuilder<T> withLoggingDisabled() {
            return new Builder<>(logged.withLoggingDisabled(), wrap);
        }

        @Override
        public T build() {
            return wrap.apply(logged.build());
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
