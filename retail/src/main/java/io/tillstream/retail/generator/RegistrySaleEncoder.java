package io.tillstream.retail.generator;

import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.RegistryConnectionException;
import io.tillstream.serde.client.RegistryException;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import org.apache.kafka.common.errors.SerializationException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * What the encoders that write through the serde's serializers share: values in Confluent's wire
 * format with the schema registered (or looked up) under {@code <topic>-value} by default, keys as
 * UTF-8 strings, and a {@link #prepare} that gets the schema's ID before the run's first record.
 */
abstract class RegistrySaleEncoder implements SaleEncoder {

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(1);

    protected final String topic;
    protected final SchemaRegistryClient registry;
    /** The serializers' settings, with HTTP timeouts defaulting to the run's timeout. */
    protected final Map<String, Object> settings;
    private final SaleKey key;

    /**
     * @param registrySettings serde settings under Confluent's names ({@code schema.registry.url}, ...);
     *                         HTTP timeouts default to {@code timeout}
     */
    RegistrySaleEncoder(String topic, SaleKey key, Map<String, ?> registrySettings, Duration timeout) {
        this.topic = topic;
        this.key = key;
        this.settings = new HashMap<>(registrySettings);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.putIfAbsent(SchemaRegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS_CONFIG, millis);
        settings.putIfAbsent(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS_CONFIG, millis);
        this.registry = new CachedSchemaRegistryClient(settings);
    }

    @Override
    public byte[] key(Sale sale) {
        String value = key.of(sale);
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** The serializer's bytes for {@code sale}, which the serializer's registry answer decides. */
    abstract byte[] serialize(Sale sale);

    /** Called with the sample's bytes once the schema is registered; the encoder may switch to a faster writer. */
    void prepared(byte[] sample) {
    }

    /**
     * Serializes a sample sale, which registers (or looks up) the schema and caches its ID, retrying
     * while the registry cannot be reached, so that the run's records never wait for the registry.
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
                prepared(serialize(sample));
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

    /** Closes the serializer; the registry client is closed after it. */
    abstract void closeSerializer();

    @Override
    public void close() {
        closeSerializer();
        registry.close();
    }
}
