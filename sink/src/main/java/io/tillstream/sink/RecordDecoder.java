package io.tillstream.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import io.tillstream.retail.lake.DayPartition;
import io.tillstream.serde.AvroSerdeConfig;
import io.tillstream.serde.KafkaAvroDeserializer;
import io.tillstream.serde.KafkaJsonSchemaDeserializer;
import io.tillstream.serde.KafkaProtobufDeserializer;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.RegistryConnectionException;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.internals.BoundedCache;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a record's value into a row of its day directory, or says why it cannot be landed. The value
 * of an Avro record schema with day fields is checked and routed by walking its datum ({@link DatumDays});
 * any other Avro value, and one that walk finds wrong, is read with the serde's Avro deserializer without
 * logical-type conversions, which says why it cannot be landed: Parquet takes a decimal's bytes, a
 * date's days and a timestamp's millis as they are, so nothing is converted twice. A Protobuf or a JSON
 * Schema value is read with the serde's deserializer of its format and lands as the Avro record
 * {@link ProtobufRecords} or {@link JsonSchemaRecords} makes of it. Thread-safe: the writer threads share one.
 */
final class RecordDecoder implements AutoCloseable {

    private final SchemaRegistryClient registry;
    private final KafkaAvroDeserializer avro;
    private final KafkaProtobufDeserializer<Message> protobuf;
    private final ProtobufRecords protobufRecords;
    private final KafkaJsonSchemaDeserializer<JsonNode> jsonSchema;
    private final JsonSchemaRecords jsonSchemaRecords;
    /** Per schema ID, how to walk its datums; empty for a schema left to the deserializer. */
    private final BoundedCache<Integer, Optional<Walk>> walks;
    /**
     * The schema ID looked up last and its walk: a topic's records mostly carry one ID, and the cache's lookup
     * for every record was 4 % of a writer thread. An ID's schema never changes, so this is never stale.
     */
    private volatile LastWalk lastWalk;

    RecordDecoder(SchemaRegistryClient registry, Map<String, Object> settings) {
        this.registry = registry;
        this.avro = new KafkaAvroDeserializer(registry);
        Map<String, Object> avroSettings = new HashMap<>(settings);
        avroSettings.put(AvroSerdeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS_CONFIG, false);
        avro.configure(avroSettings, false);
        int cacheCapacity = new AvroSerdeConfig(avroSettings).cacheCapacity();
        this.walks = new BoundedCache<>(cacheCapacity);
        this.protobuf = new KafkaProtobufDeserializer<>(registry);
        protobuf.configure(settings, false);
        this.protobufRecords = new ProtobufRecords(cacheCapacity);
        this.jsonSchema = new KafkaJsonSchemaDeserializer<>(registry);
        jsonSchema.configure(settings, false);
        this.jsonSchemaRecords = new JsonSchemaRecords(cacheCapacity);
    }

    /** A writer schema and the walk of its datums. */
    private record Walk(Schema schema, DatumDays days) {
    }

    private record LastWalk(int id, Optional<Walk> walk) {
    }

    sealed interface Decoded {
    }

    /**
     * @param schema     the datum's writer schema
     * @param value      the record's Avro datum from {@code datumStart} on: the bytes on the wire after their
     *                   header for an Avro value, the datum of its Avro record for another
     */
    record Row(Schema schema, DayPartition day, byte[] value, int datumStart) implements Decoded {
    }

    /** @param reason one line, naming the record's topic, partition and offset */
    record Rejected(String reason) implements Decoded {
    }

    /** @throws SinkUnreachableException when the registry cannot answer, which is no fault of the record */
    Decoded decode(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            return new Rejected("no value (a tombstone) at " + where(record));
        }
        if (WireFormat.hasHeader(value)) {
            Optional<Walk> walk = walk(WireFormat.schemaId(value));
            if (walk.isPresent()) {
                try {
                    DayPartition day = walk.get().days().day(value, WireFormat.HEADER_SIZE);
                    if (day != null) {
                        return new Row(walk.get().schema(), day, value, WireFormat.HEADER_SIZE);
                    }
                } catch (RuntimeException e) {
                    // Not a datum of its schema: the deserializer below says why, as it words every other rejection.
                }
            }
        }
        try {
            int id = WireFormat.hasHeader(value) ? WireFormat.schemaId(value) : -1;
            SchemaDefinition schema = id < 0 ? null : registry.getSchema(id);
            String type = schema == null ? SchemaDefinition.AVRO : schema.schemaType();
            if (SchemaDefinition.PROTOBUF.equals(type)) {
                return converted(record, "Protobuf", () -> protobufRecords.toRecord(protobuf.deserialize(record)));
            }
            if (SchemaDefinition.JSON.equals(type)) {
                return converted(record, "JSON Schema",
                    () -> jsonSchemaRecords.toRecord(id, schema.schema(), jsonSchema.deserialize(record)));
            }
            if (!SchemaDefinition.AVRO.equals(type)) {
                return new Rejected(type + " value at " + where(record) + ": the sink lands Avro, JSON Schema and Protobuf"
                    + " values");
            }
            if (!(avro.deserialize(record) instanceof GenericRecord row)) {
                return new Rejected("the value at " + where(record) + " is not an Avro record");
            }
            return row(record, row, value, WireFormat.HEADER_SIZE);
        } catch (SerializationException | RegistryClientException | RegistryConnectionException e) {
            if (unreachable(e)) {
                throw new SinkUnreachableException("the Schema Registry cannot be used: " + rootMessage(e), e);
            }
            return new Rejected(e instanceof SerializationException ? e.getMessage()
                : "cannot fetch the schema of the value at " + where(record) + ": " + e.getMessage());
        }
    }

    /**
     * A value of another format as the datum of the Avro record {@code convert} makes of it; the deserializer in
     * {@code convert} throws when the value is not one of its schema, which the caller words.
     */
    private static Decoded converted(ConsumerRecord<byte[], byte[]> record, String format, Supplier<GenericRecord> convert) {
        GenericRecord row;
        try {
            row = convert.get();
        } catch (IllegalArgumentException | AvroRuntimeException e) {
            return new Rejected("the " + format + " value at " + where(record) + " cannot be a Parquet row: " + e.getMessage());
        }
        ByteArrayOutputStream datum = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(datum, null);
        try {
            new GenericDatumWriter<GenericRecord>(row.getSchema(), GenericData.get()).write(row, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return row(record, row, datum.toByteArray(), 0);
    }

    /** The row of {@code row}, whose datum is {@code datum} from {@code datumStart} on, in its day's directory. */
    private static Decoded row(ConsumerRecord<?, ?> record, GenericRecord row, byte[] datum, int datumStart) {
        Optional<DayPartition> day = DayPartition.of(row);
        return day.<Decoded>map(d -> new Row(row.getSchema(), d, datum, datumStart)).orElseGet(() -> new Rejected(
            "the record at " + where(record) + " has no invoice date (" + DayPartition.YEAR + "/" + DayPartition.MONTH
                + "/" + DayPartition.DAY + " or " + DayPartition.DATE + ")"));
    }

    /**
     * How to walk the datums of a schema ID, or empty to leave them to the deserializer: a schema that is
     * not Avro, not a record with day fields, or that cannot be fetched now (the deserializer says why).
     */
    private Optional<Walk> walk(int id) {
        LastWalk last = lastWalk;
        if (last != null && last.id() == id) {
            return last.walk();
        }
        try {
            Optional<Walk> walk = walks.computeIfAbsent(id, key -> {
                if (!SchemaDefinition.AVRO.equals(registry.getSchema(key).schemaType())) {
                    return Optional.empty();
                }
                Schema schema = registry.getAvroSchema(key);
                return DatumDays.of(schema).map(days -> new Walk(schema, days));
            });
            lastWalk = new LastWalk(id, walk);
            return walk;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Only for a rejection's reason: a sale's path builds no string. */
    private static String where(ConsumerRecord<?, ?> record) {
        return "topic " + record.topic() + " partition " + record.partition() + " offset " + record.offset();
    }

    /** A registry that cannot be reached or fails answers so for every record alike, good or bad. */
    private static boolean unreachable(RuntimeException e) {
        Throwable cause = e instanceof SerializationException ? e.getCause() : e;
        return cause instanceof RegistryConnectionException
            || cause instanceof RegistryClientException client && client.status() >= 500;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e instanceof SerializationException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }

    @Override
    public void close() {
        avro.close();
        protobuf.close();
        jsonSchema.close();
    }
}
