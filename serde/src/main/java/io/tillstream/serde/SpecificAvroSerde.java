package io.tillstream.serde;

import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;

/**
 * A Kafka {@link Serde} (for Kafka Streams) of generated Avro classes in Confluent's wire format:
 * {@link KafkaAvroSerializer} and {@link KafkaAvroDeserializer} with {@code specific.avro.reader}
 * set, as Confluent's {@code SpecificAvroSerde} is.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final KafkaAvroSerializer serializer;
    private final KafkaAvroDeserializer deserializer;

    /** For Kafka to create and {@link #configure} by class name. */
    public SpecificAvroSerde() {
        this(null);
    }

    /** With a registry client shared with other serdes; {@link #close()} leaves it open. */
    public SpecificAvroSerde(SchemaRegistryClient registry) {
        this.serializer = new KafkaAvroSerializer(registry);
        this.deserializer = new KafkaAvroDeserializer(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> specific = new HashMap<>(configs);
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true);
        serializer.configure(specific, isKey);
        deserializer.configure(specific, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer::serialize;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Deserializer<T> deserializer() {
        return (topic, data) -> (T) deserializer.deserialize(topic, data);
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
