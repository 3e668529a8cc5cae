package io.tillstream.retail.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleJsonSchema;
import io.tillstream.retail.SaleProtobuf;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.JsonSchemaEnvelope;
import io.tillstream.serde.KafkaJsonSchemaSerializer;
import io.tillstream.serde.KafkaProtobufSerializer;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.RegistryConnectionException;
import io.tillstream.serde.client.RegistryException;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Writes through one of the serde's serializers: values in Confluent's wire format with the schema
 * registered (or looked up) under {@code <topic>-value} by default, keys as UTF-8 strings, and a
 * {@link #prepare} that gets the schema's ID before the run's first record. JSON Schema values go in
 * an envelope with the shipped {@code Sale.schema.json} (the price written from its BigDecimal);
 * Protobuf values are DynamicMessages of the shipped {@code sale.proto} (the price a google.type.Money),
 * whose google imports the registry knows, so no references.
 *
 * @param <T> what the serializer takes
 */
class RegistrySaleEncoder<T> implements SaleEncoder {

    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(1);

    private final String topic;
    protected final SchemaRegistryClient registry;
    protected final SaleKey key;
    private final Serializer<T> serializer;
    private final Function<Sale, T> toValue;

    /**
     * @param registrySettings serde settings under Confluent's names ({@code schema.registry.url}, ...);
     *                         HTTP timeouts default to {@code timeout}
     * @param serializerFor    the serializer, on the encoder's registry client
     * @param toValue          a sale as the serializer takes it
     */
    RegistrySaleEncoder(String topic, SaleKey key, Map<String, ?> registrySettings, Duration timeout,
                        Function<SchemaRegistryClient, Serializer<T>> serializerFor, Function<Sale, T> toValue) {
        this.topic = topic;
        this.key = key;
        Map<String, Object> settings = new HashMap<>(registrySettings);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.putIfAbsent(SchemaRegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS_CONFIG, millis);
        settings.putIfAbsent(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS_CONFIG, millis);
        this.registry = new CachedSchemaRegistryClient(settings);
        this.serializer = serializerFor.apply(registry);
        serializer.configure(settings, false);
        this.toValue = toValue;
    }

    static RegistrySaleEncoder<JsonNode> jsonSchema(String topic, SaleKey key, Map<String, ?> registrySettings, Duration timeout) {
        return new RegistrySaleEncoder<>(topic, key, registrySettings, timeout, KafkaJsonSchemaSerializer::new,
            sale -> JsonSchemaEnvelope.of(SaleJsonSchema.SCHEMA, SaleJsonSchema.toJson(sale)));
    }

    static RegistrySaleEncoder<Message> protobuf(String topic, SaleKey key, Map<String, ?> registrySettings, Duration timeout) {
        return new RegistrySaleEncoder<>(topic, key, registrySettings, timeout, KafkaProtobufSerializer::new,
            SaleProtobuf::toMessage);
    }

    @Override
    public byte[] key(Sale sale) {
        String value = key.of(sale);
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] value(Sale sale) {
        return serialize(sale);
    }

    /** The serializer's bytes for {@code sale}. */
    final byte[] serialize(Sale sale) {
        return serializer.serialize(topic, toValue.apply(sale));
    }

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

    @Override
    public void close() {
        serializer.close();
        registry.close();
    }
}
