package io.tillstream.retail.generator;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.tillstream.metrics.MetricsEndpoint;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Streams sales into a Kafka topic at a given pace and keeps an honest account of them: a record is
 * counted as sent once the producer took it and as acknowledged only when the broker said so.
 *
 * <pre>{@code
 * try (SalesGenerator generator = SalesGenerator.open(config, producerSettings, registrySettings, rejects)) {
 *     Summary summary = generator.run();   // another thread may call generator.stop()
 * }
 * }</pre>
 *
 * <p>Sending stops at the count or duration limit, at the end of a file, on {@link #stop()}, or at the
 * first record that fails; then the producer is closed, waiting up to the timeout for outstanding
 * acknowledgements, so that in the {@link Summary} every sent record is either acknowledged or failed.
 */
public final class SalesGenerator implements AutoCloseable {

    /** How long a wait for the next due record may go without looking whether a stop was asked for. */
    private static final long MAX_PARK_NANOS = Duration.ofMillis(100).toNanos();

    private final GeneratorConfig config;
    private final Map<String, Object> producerSettings;
    private final Map<String, ?> registrySettings;
    private final OptionalLong seed;
    private final SaleSource source;
    private final RejectsFile rejectsFile;
    private final DeliveryStats stats = new DeliveryStats();
    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopRequested;
    private MetricsEndpoint metrics;

    private SalesGenerator(GeneratorConfig config, Map<String, Object> producerSettings, Map<String, ?> registrySettings,
                           RejectListener rejects) {
        this.config = config;
        this.producerSettings = producerSettings;
        this.registrySettings = registrySettings;
        this.rejectsFile = config.rejectsFile().map(RejectsFile::create).orElse(null);
        RejectListener counted = (file, row) -> stats.rejected();
        RejectListener all = counted.andThen(rejects);
        if (rejectsFile != null) {
            all = all.andThen(rejectsFile);
        }
        if (config.isCsv()) {
            this.seed = OptionalLong.empty();
            this.source = openCsv(all);
        } else {
            this.seed = OptionalLong.of(config.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong(1_000_000_000L)));
            this.source = SaleSource.synthetic(seed.getAsLong(), config.customers(), clock);
        }
    }

    /**
     * Opens the source (and the rejects file, if any); nothing reaches the network yet.
     *
     * @param clientSettings   Kafka client settings: bootstrap.servers and security; see {@link ProducerSettings}
     * @param registrySettings serde settings for the registry formats ({@code schema.registry.url}, ...); unused for json
     * @param rejects          told about each input row that is not a valid sale
     * @throws io.tillstream.retail.SaleFileException if the file is missing or is not in the dataset's layout
     */
    public static SalesGenerator open(GeneratorConfig config, Map<String, ?> clientSettings, Map<String, ?> registrySettings,
                                      RejectListener rejects) {
        return new SalesGenerator(config, ProducerSettings.of(config, clientSettings), registrySettings, rejects);
    }

    private SaleSource openCsv(RejectListener rejects) {
        try {
            return SaleSource.csv(config.file(), clock, rejects);
        } catch (RuntimeException e) {
            closeRejectsFile();
            throw e;
        }
    }

    /** The seed of a synthetic stream, given or drawn, so that a run can be repeated; empty for a file. */
    public OptionalLong seed() {
        return seed;
    }

    /** Where the run stands; callable from any thread. */
    public Progress progress() {
        return stats.progress();
    }

    /**
     * Serves this run's counts, acknowledgement latencies and its producer's own metrics on {@code endpoint};
     * call before {@link #run()}.
     */
    public void serveMetrics(MetricsEndpoint endpoint) {
        this.metrics = endpoint;
        endpoint.register(new GeneratorMetrics(stats));
    }

    /** Asks a running {@link #run()} to stop sending and finish; callable from any thread. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Sends until a limit, the end of the source, a failure or {@link #stop()}, then waits for the
     * outstanding acknowledgements.
     *
     * @throws io.tillstream.serde.client.RegistryConnectionException if the registry (avro) cannot be reached
     *                                                                within the timeout; nothing was sent
     * @throws GeneratorException if the topic is not available within the timeout; nothing was sent
     */
    public Summary run() {
        try (SaleEncoder encoder = encoder()) {
            encoder.prepare(config.timeout());
            Producer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings);
            KafkaClientMetrics producerMetrics = metrics == null ? null : new KafkaClientMetrics(producer);
            try {
                if (producerMetrics != null) {
                    producerMetrics.bindTo(metrics.registry());
                }
                awaitTopic(producer);
                send(producer, encoder);
            } finally {
                producer.close(config.timeout());
                stats.finished();
                if (producerMetrics != null) {
                    producerMetrics.close();
                }
            }
        }
        return stats.summary();
    }

    private SaleEncoder encoder() {
        return switch (config.format()) {
            case GeneratorConfig.FORMAT_JSON -> new JsonSaleEncoder(config.key());
            case GeneratorConfig.FORMAT_JSON_SCHEMA ->
                RegistrySaleEncoder.jsonSchema(config.topic(), config.key(), registrySettings, config.timeout());
            case GeneratorConfig.FORMAT_PROTOBUF ->
                RegistrySaleEncoder.protobuf(config.topic(), config.key(), registrySettings, config.timeout());
            default -> new AvroSaleEncoder(config.topic(), config.key(), registrySettings, config.timeout());
        };
    }

    /** Fetches the topic's partitions, so that an unknown topic or unreachable cluster ends the run before it starts. */
    private void awaitTopic(Producer<byte[], byte[]> producer) {
        try {
            producer.partitionsFor(config.topic());
        } catch (KafkaException e) {
            throw new GeneratorException("topic " + config.topic() + " is not available at "
                + producerSettings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + " within "
                + Durations.format(config.timeout()) + ": " + e.getMessage() + "; nothing was sent", e);
        }
    }

    private void send(Producer<byte[], byte[]> producer, SaleEncoder encoder) {
        Pacer pacer = pacer();
        SaleRecords records = encoder.records(source, clock);
        // Read once: a config lookup per record is a measurable share of an unthrottled run.
        String topic = config.topic();
        long limit = config.count().orElse(Long.MAX_VALUE);
        long durationNanos = config.duration().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        stats.started();
        long start = System.nanoTime();
        for (long index = 0; index < limit && !stopRequested && !stats.hasFailure() && records.hasNext(); index++) {
            long due = records.nextDueNanos(pacer, index);
            long now = System.nanoTime();
            if (due >= durationNanos || now - start >= durationNanos) {
                return;
            }
            boolean early = start + due - now > 0;
            if (early && !awaitDue(start + due)) {
                return;
            }
            try {
                records.encode(early);
                byte[] key = records.key();
                byte[] value = records.value();
                producer.send(new ProducerRecord<>(topic, key, value), new Delivery(stats, size(key) + value.length));
            } catch (KafkaException e) {
                stats.stoppedBy("record " + (index + 1) + " was not sent: " + e.getMessage());
                return;
            }
            stats.sent();
        }
    }

    private Pacer pacer() {
        if (config.speedup().isPresent()) {
            return Pacer.replay(config.speedup().getAsDouble());
        }
        return config.rate() == 0 ? Pacer.unthrottled() : Pacer.rate(config.rate());
    }

    /** Sleeps until {@code dueNanos} (a {@link System#nanoTime()} value) unless a stop comes first; true if due. */
    private boolean awaitDue(long dueNanos) {
        for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
            if (stopRequested || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, MAX_PARK_NANOS));
        }
        return !stopRequested;
    }

    private static int size(byte[] key) {
        return key == null ? 0 : key.length;
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            closeRejectsFile();
        }
    }

    private void closeRejectsFile() {
        if (rejectsFile != null) {
            rejectsFile.close();
        }
    }

    /** Counts one record's outcome, on the producer's I/O thread. */
    private static final class Delivery implements Callback {
        private final DeliveryStats stats;
        private final long sentNanos = System.nanoTime();
        private final int bytes;

        Delivery(DeliveryStats stats, int bytes) {
            this.stats = stats;
            this.bytes = bytes;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                stats.acknowledged(bytes, System.nanoTime() - sentNanos);
            } else {
                stats.failed(exception.getClass().getSimpleName() + ": " + exception.getMessage());
            }
        }
    }
}
