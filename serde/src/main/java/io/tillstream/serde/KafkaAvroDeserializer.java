package io.tillstream.serde;

import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.internals.AvroData;
import io.tillstream.serde.internals.BoundedCache;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads bytes in Confluent's wire format, fetching the writer's schema by the ID they carry: records
 * come back as GenericRecord (or, with {@code specific.avro.reader}, as their generated class),
 * primitive schemas as Boolean, Integer, Long, Float, Double, String or byte[].
 *
 * <p>Bytes that are not in the format (another magic byte, an unknown schema ID, truncated)
 * raise a {@link SerializationException} naming the topic and the cause. A {@code KafkaConsumer}
 * wraps it in a {@link org.apache.kafka.common.errors.RecordDeserializationException} that adds
 * the partition and offset; code that decodes records it polled as bytes calls
 * {@link #deserialize(ConsumerRecord)}, which names them itself.
 *
 * <p>The registry is asked once per schema ID. Thread-safe.
 */
public class KafkaAvroDeserializer extends AbstractSerde implements Deserializer<Object> {

    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    private boolean specificReader;
    private GenericData genericData;
    private BoundedCache<Integer, SchemaReader> readers;

    /**
     * How to read the bytes written with one schema ID: the reader, resolving the writer's schema
     * to the reader's, or none for a bytes schema, whose bytes are the value itself.
     */
    private record SchemaReader(DatumReader<Object> reader, boolean string) {
    }

    /** For Kafka to create and {@link #configure} by class name. */
    public KafkaAvroDeserializer() {
        super(null);
    }

    /** With a registry client shared with other serdes; {@link #close()} leaves it open. */
    public KafkaAvroDeserializer(SchemaRegistryClient registry) {
        super(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        configureCommon(config, isKey);
        this.specificReader = config.specificAvroReader();
        this.genericData = AvroData.genericData(config.useLogicalTypeConverters());
        this.readers = new BoundedCache<>(config.cacheCapacity());
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return decode(topic, null, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        return decode(topic, null, data);
    }

    /**
     * The record's key or value, whichever this deserializer was configured for; a failure names
     * the record's topic, partition and offset.
     */
    public Object deserialize(ConsumerRecord<byte[], byte[]> record) {
        return decode(record.topic(), record, isKey ? record.key() : record.value());
    }

    private Object decode(String topic, ConsumerRecord<?, ?> record, byte[] data) {
        if (data == null) {
            return null;
        }
        if (readers == null) {
            throw new SerializationException("KafkaAvroDeserializer is not configured: call configure() first");
        }
        int id = schemaId(topic, record, data, false);
        SchemaReader schemaReader;
        try {
            schemaReader = readers.computeIfAbsent(id, this::prepare);
        } catch (RegistryClientException e) {
            String reason = e.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND ? "unknown schema ID " + id
                : "cannot fetch schema ID " + id;
            throw readFailure(topic, record, reason + ": " + Errors.describe(e), e);
        } catch (RuntimeException e) {
            throw readFailure(topic, record, "cannot use schema ID " + id + ": " + Errors.describe(e), e);
        }
        try {
            return read(schemaReader, data);
        } catch (IOException | RuntimeException e) {
            throw readFailure(topic, record, "the bytes after the header are not Avro of schema ID " + id
                + " (truncated or corrupt): " + Errors.describe(e), e);
        }
    }

    private SchemaReader prepare(int id) {
        Schema writer = registry.getAvroSchema(id);
        if (writer.getType() == Schema.Type.BYTES) {
            return new SchemaReader(null, false);
        }
        if (specificReader && writer.getType() == Schema.Type.RECORD) {
            SpecificData model = AvroData.specificData();
            Class<?> type = model.getClass(writer);
            if (type == null) {
                throw new SerializationException("no generated class " + writer.getFullName() + " on the classpath, which "
                    + AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG + " needs");
            }
            return new SchemaReader(new SpecificDatumReader<>(writer, model.getSchema(type), model), false);
        }
        return new SchemaReader(new GenericDatumReader<>(writer, writer, genericData), writer.getType() == Schema.Type.STRING);
    }

    private Object read(SchemaReader schemaReader, byte[] data) throws IOException {
        if (schemaReader.reader() == null) {
            return Arrays.copyOfRange(data, WireFormat.HEADER_SIZE, data.length);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
            data.length - WireFormat.HEADER_SIZE, decoders.get());
        decoders.set(decoder);
        Object value = schemaReader.reader().read(null, decoder);
        // Avro reads strings as Utf8; a String value is what a String was written from.
        return schemaReader.string() ? value.toString() : value;
    }
}
