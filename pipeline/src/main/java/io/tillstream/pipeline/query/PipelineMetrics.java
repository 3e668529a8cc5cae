package io.tillstream.pipeline.query;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.pipeline.topology.LatencyHistogram;
import io.tillstream.pipeline.topology.SalesTopology;
import io.tillstream.retail.DeadLetters;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pipeline's figures for Prometheus, all read when scraped so the sale's path gains nothing:
 * Kafka Streams' own metrics (Micrometer's binder), sales accepted and the event-time latency
 * histogram (from the {@link LatencyHistogram} the JSON API reads too), and dead letters by class
 * (from the store the topology counts them in).
 */
public final class PipelineMetrics implements MultiCollector, AutoCloseable {

    static final String ACCEPTED = "tillstream_pipeline_sales_accepted";
    static final String DEAD_LETTERS = "tillstream_pipeline_dead_letters";
    static final String LATENCY = "tillstream_pipeline_event_time_latency_seconds";
    static final String STORE_ENTRIES = "tillstream_pipeline_state_store_entries";
    private static final String STATE_METRICS = "kafka.stream.state.";
    /** The key-value stores whose sizes are served; the window store has no count short of reading it all. */
    private static final List<String> COUNTED_STORES = List.of(SalesTopology.TOTALS_STORE, SalesTopology.DEAD_LETTER_STORE);
    /** Bucket bounds: a sale normally reaches the totals in tens of milliseconds; a backlog takes seconds. */
    private static final long[] BOUNDS_MS = {5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000};

    private final LatencyHistogram latency;
    private volatile LocalQueries queries;
    private KafkaStreamsMetrics streamsMetrics;

    public PipelineMetrics(LatencyHistogram latency, MetricsEndpoint endpoint) {
        this.latency = latency;
        endpoint.register(this);
    }

    /**
     * Adds {@code streams}' own metrics, its dead-letter counts and store sizes, once it is made.
     *
     * @param recordingLevel Streams' {@code metrics.recording.level}
     */
    public void bindTo(KafkaStreams streams, MetricsEndpoint endpoint, String recordingLevel) {
        if (Sensor.RecordingLevel.forName(recordingLevel) == Sensor.RecordingLevel.INFO) {
            // Streams records its state-store metrics at DEBUG only: at INFO they are some 900 series of NaN that
            // made a third of every scrape.
            endpoint.registry().config().meterFilter(MeterFilter.deny(id -> id.getName().startsWith(STATE_METRICS)));
        }
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(endpoint.registry());
        queries = new LocalQueries(streams);
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        LatencyHistogram.Buckets buckets = latency.buckets(BOUNDS_MS);
        long count = 0;
        for (long c : buckets.counts()) {
            count += c;
        }
        double[] bounds = new double[BOUNDS_MS.length + 1];
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            bounds[i] = BOUNDS_MS[i] / 1000.0;
        }
        bounds[BOUNDS_MS.length] = Double.POSITIVE_INFINITY;
        snapshots.add(HistogramSnapshot.builder().name(LATENCY)
            .help("Time from a sale's event time to its reaching the queryable totals")
            .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, buckets.counts()))
                .sum(buckets.sumMs() / 1000.0).build())
            .build());
        snapshots.add(CounterSnapshot.builder().name(ACCEPTED).help("Valid sales added to the totals")
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(count).build()).build());
        GaugeSnapshot.Builder entries = GaugeSnapshot.builder().name(STORE_ENTRIES)
            .help("Entries in this instance's state stores (Streams' approximate count)");
        for (String store : COUNTED_STORES) {
            Long size = available(current -> current.entries(store));
            if (size != null) {
                entries.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("store", store))
                    .value(size).build());
            }
        }
        snapshots.add(entries.build());
        Map<String, Long> deadLetters = available(LocalQueries::deadLetters);
        if (deadLetters != null) {
            CounterSnapshot.Builder builder = CounterSnapshot.builder().name(DEAD_LETTERS)
                .help("Records sent to the dead-letter topic, by error class (decode, invalid)");
            for (String errorClass : List.of(DeadLetters.DECODE, DeadLetters.INVALID)) {
                builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("class", errorClass)).value(deadLetters.getOrDefault(errorClass, 0L)).build());
            }
            snapshots.add(builder.build());
        }
        return new MetricSnapshots(snapshots);
    }

    /** What {@code query} reads from this instance's stores, or null while they are not queryable (starting, rebalancing). */
    private <T> T available(Function<LocalQueries, T> query) {
        LocalQueries current = queries;
        if (current == null) {
            return null;
        }
        try {
            return query.apply(current);
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
    }
}
