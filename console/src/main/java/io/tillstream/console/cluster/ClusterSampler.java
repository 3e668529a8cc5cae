package io.tillstream.console.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Takes a sample of the cluster on one thread, every interval ({@link ClusterReader} reads it,
 * {@link TopicRates} derives the throughput, {@link ThroughputHistory} keeps it for the charts), and
 * hands it to whoever listens. Pages read the latest sample instead of asking Kafka themselves, which
 * keeps them fast with hundreds of topics; with no page open it samples less often.
 */
public final class ClusterSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterSampler.class);

    private static final long UNWATCHED_AFTER_MS = 30_000;
    private static final long UNWATCHED_INTERVAL_MS = 10_000;
    private static final long CHANGE_VISIBLE_WITHIN_MS = 10_000;

    private final ClusterReader reader;
    private final long intervalMs;
    private final Timer duration;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "console-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final ThroughputHistory history;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot latest;
    private volatile RuntimeException failure;
    private volatile long lastReadMs;

    /**
     * @param metrics where the time each sample takes goes
     * @param tags    the timer's tags: the cluster's name when the console shows several
     */
    public ClusterSampler(Admin admin, long intervalMs, long windowMs, MeterRegistry metrics, Tags tags) {
        this.reader = new ClusterReader(admin);
        this.intervalMs = intervalMs;
        this.history = new ThroughputHistory(intervalMs, windowMs);
        this.duration = Timer.builder("tillstream.console.sample.duration")
            .description("Time one sample of the cluster through the Admin API takes, failed ones included")
            .tags(tags).publishPercentileHistogram().register(metrics);
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::sampleQuietly, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    public long intervalMs() {
        return intervalMs;
    }

    /**
     * Hands every new sample to {@code listener}, on the sampling thread, so a feature can keep its
     * own history without asking Kafka again. It must be quick and must not throw.
     */
    public void onSample(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    /** A topic with the sample it was read from. */
    public record SampledTopic(TopicState topic, Snapshot snapshot) {
    }

    /**
     * Topic {@code name} from the latest sample, or from a fresh one when it was made since, by
     * someone else.
     *
     * @throws TopicNotFoundException when there is no such topic
     */
    public SampledTopic topic(String name) {
        Snapshot snapshot = latest();
        TopicState topic = snapshot.topics().get(name);
        if (topic == null) {
            snapshot = refresh();
            topic = snapshot.topics().get(name);
        }
        if (topic == null) {
            throw new TopicNotFoundException(name);
        }
        return new SampledTopic(topic, snapshot);
    }

    /** The latest sample; takes one first if there is none yet. */
    public Snapshot latest() {
        lastReadMs = System.currentTimeMillis();
        Snapshot snapshot = latest;
        return snapshot != null ? snapshot : refresh();
    }

    /** The latest sample, or null before the first; unlike {@link #latest()} it neither samples nor counts as a reader. */
    public Snapshot peek() {
        return latest;
    }

    /** Why the last sample failed, or null if it succeeded. */
    public RuntimeException failure() {
        return failure;
    }

    /** Takes a sample now, after a change, so the next page shows it. */
    public Snapshot refresh() {
        return Futures.join(executor.submit(this::sample));
    }

    /**
     * Samples until the sample {@code shows} a change just made, for at most {@link #CHANGE_VISIBLE_WITHIN_MS}:
     * the controller acknowledges a change before every broker's metadata has it, and the page shown
     * next should not miss it. On two busy cores a broker has been seen to lag by more than two seconds.
     * Returns the last sample either way.
     */
    public Snapshot refreshUntil(Predicate<Snapshot> shows) {
        long deadline = System.currentTimeMillis() + CHANGE_VISIBLE_WITHIN_MS;
        Snapshot snapshot = refresh();
        while (!shows.test(snapshot) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return snapshot;
            }
            snapshot = refresh();
        }
        return snapshot;
    }

    /** The throughput samples taken after {@code since} (epoch millis), oldest first. */
    public List<ThroughputHistory.Sample> history(long since) {
        lastReadMs = System.currentTimeMillis();
        return history.since(since);
    }

    private void sampleQuietly() {
        long now = System.currentTimeMillis();
        Snapshot previous = latest;
        // With no page open, sample less often: a second-by-second Admin poll costs the process (and
        // the broker, when it shares the process) CPU that nobody is looking at.
        if (previous != null && now - lastReadMs > UNWATCHED_AFTER_MS && now - previous.time() < UNWATCHED_INTERVAL_MS) {
            return;
        }
        try {
            sample();
        } catch (RuntimeException e) {
            failure = e;
            log.debug("Sampling the cluster failed", e);
        }
    }

    private Snapshot sample() {
        return duration.record(this::takeSample);
    }

    private Snapshot takeSample() {
        ClusterReader.Reading reading = reader.read();
        Snapshot previous = latest;
        Map<String, Rates> topicRates = previous == null ? Map.of() : TopicRates.between(previous, reading);
        Rates total = TopicRates.total(topicRates, reading.topics());
        Snapshot snapshot = new Snapshot(reading.time(), reading.clusterId(), reading.metadataVersion(),
            reading.brokers(), reading.topics(), reading.commits(), total, topicRates);
        latest = snapshot;
        failure = null;
        listeners.forEach(listener -> listener.accept(snapshot));
        if (previous != null) {
            history.record(ThroughputHistory.Sample.of(snapshot.time(), total));
        }
        return snapshot;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
