package io.tillstream.retail.generator;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * A run's counts for Prometheus, read from its {@link DeliveryStats} when scraped: the sending
 * loop and the producer's callbacks do nothing more than they did without metrics.
 */
final class GeneratorMetrics implements MultiCollector {

    /** Acknowledgement latency bounds in microseconds: a local broker acknowledges in about a millisecond. */
    private static final long[] BOUNDS_MICROS = {500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000,
        500_000, 1_000_000, 2_500_000, 10_000_000, 30_000_000};

    private final DeliveryStats stats;

    GeneratorMetrics(DeliveryStats stats) {
        this.stats = stats;
    }

    @Override
    public MetricSnapshots collect() {
        Progress progress = stats.progress();
        double[] bounds = new double[BOUNDS_MICROS.length + 1];
        for (int i = 0; i < BOUNDS_MICROS.length; i++) {
            bounds[i] = BOUNDS_MICROS[i] / 1e6;
        }
        bounds[BOUNDS_MICROS.length] = Double.POSITIVE_INFINITY;
        return MetricSnapshots.of(
            counter("tillstream_generator_records_sent", "Records the producer took", progress.sent()),
            counter("tillstream_generator_records_acknowledged", "Records the brokers acknowledged", progress.acknowledged()),
            counter("tillstream_generator_records_failed", "Records that failed to be delivered", progress.failed()),
            counter("tillstream_generator_records_rejected", "Input rows that were not valid sales, not sent", progress.rejected()),
            counter("tillstream_generator_acknowledged_bytes", "Key and value bytes of the acknowledged records", progress.bytes()),
            HistogramSnapshot.builder().name("tillstream_generator_ack_latency_seconds")
                .help("Time from handing a record to the producer to its acknowledgement")
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, stats.latencyMicros().counts(BOUNDS_MICROS)))
                    .sum(stats.latencyMicrosSum() / 1e6).build())
                .build());
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
