package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.RegistryConnectionException;
import io.tillstream.serde.client.RegistryException;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import org.apache.kafka.common.errors.SerializationException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Values in Confluent's wire format; keys as UTF-8 strings. Tillstream's {@link KafkaAvroSerializer}
 * registers (or looks up) the sale schema, as {@code <topic>-value} by default, and writes the sample
 * in {@link #prepare}; after that the same bytes come from a {@link SaleBinaryWriter}, at a fraction
 * of Avro's cost, whenever the serializer writes with Sale's own schema.
 */
final class AvroSaleEncoder implements SaleEncoder {

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(1);

    private final String topic;
    private final SaleKey key;
    private final SchemaRegistryClient registry;
    private final KafkaAvroSerializer serializer;
    /** Set by {@link #prepare}, unless the serializer writes with another schema, e.g. a subject's latest. */
    private SaleBinaryWriter writer;

    /**
     * @param registrySettings serde settings under Confluent's names ({@code schema.registry.url}, ...);
     *                         HTTP timeouts default to {@code timeout}
     */
    AvroSaleEncoder(String topic, SaleKey key, Map<String, ?> registrySettings, Duration timeout) {
        this.topic = topic;
        this.key = key;
        Map<String, Object> settings = new HashMap<>(registrySettings);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.putIfAbsent(SchemaRegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS_CONFIG, millis);
        settings.putIfAbsent(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS_CONFIG, millis);
        this.registry = new CachedSchemaRegistryClient(settings);
        this.serializer = new KafkaAvroSerializer(registry);
        serializer.configure(settings, false);
    }

    @Override
    public byte[] key(Sale sale) {
        String value = key.of(sale);
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] value(Sale sale) {
        if (writer != null) {
            try {
                return writer.write(sale);
            } catch (RuntimeException refused) {
                // A sale the writer does not handle goes through Avro, which writes it or fails as it always did.
            }
        }
        return serializer.serialize(topic, sale);
    }

    /**
     * Serializes a sample sale, which registers (or looks up) the schema and caches its ID, retrying
     * while the registry cannot be reached, so that the run's records never wait for the registry;
     * then switches to the binary writer if the ID in the sample's header names Sale's own schema.
     *
     * @throws RegistryConnectionException if the registry could not be reached within {@code timeout}
     * @throws RegistryException           if it answered with an error, e.g. an incompatible schema
     */
    @Override
    public void prepare(Duration timeout) {
        Sale sample = new SyntheticSales(0, 1, Clock.systemUTC()).next();
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                useBinaryWriter(serializer.serialize(topic, sample));
                return;
            } catch (SerializationException e) {
                if (!(e.getCause() instanceof RegistryConnectionException unreachable)) {
                    throw e.getCause() instanceof RegistryException refused ? refused : e;
                }
                if (System.nanoTime() + pause.toNanos() - deadline > 0) {
                    throw new RegistryConnectionException(unreachable.getMessage() + "; gave up after "
                        + Durations.format(timeout) + ", nothing was sent", unreachable);
                }
                LockSupport.parkNanos(pause.toNanos());
                if (Thread.currentThread().isInterrupted()) {
                    throw unreachable;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
            }
        }
    }

    /**
     * The serializer wrote with the schema its ID names, which the registry client has cached since;
     * with {@code use.latest.version} that can be another schema, which the binary writer cannot write.
     */
    private void useBinaryWriter(byte[] sample) {
        if (registry.getAvroSchema(WireFormat.schemaId(sample)).equals(Sale.getClassSchema())) {
            writer = new SaleBinaryWriter(Arrays.copyOf(sample, WireFormat.HEADER_SIZE));
        }
    }

    @Override
    public void close() {
        serializer.close();
        registry.close();
    }
}
