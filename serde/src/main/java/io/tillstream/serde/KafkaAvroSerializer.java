package io.tillstream.serde;

import io.tillstream.serde.client.RegisteredSchema;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.internals.AvroData;
import io.tillstream.serde.internals.BoundedCache;
import io.tillstream.serde.internals.ByteOutput;
import io.tillstream.serde.internals.ProjectingDatumWriter;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.Map;

/**
 * Writes Avro records (GenericRecord, SpecificRecord) and plain values (Boolean, Integer, Long,
 * Float, Double, String, byte[]) in Confluent's wire format, registering or looking up their schema
 * in a schema registry; the bytes are those Confluent's {@code KafkaAvroSerializer} writes.
 *
 * <pre>{@code
 * props.put("value.serializer", KafkaAvroSerializer.class.getName());
 * props.put("schema.registry.url", "http://127.0.0.1:8081");
 * }</pre>
 *
 * <p>Settings are {@link AvroSerdeConfig}'s. The registry is asked once per topic and schema; after
 * that a record costs its Avro encoding and one map lookup. Thread-safe.
 */
public class KafkaAvroSerializer extends AbstractSerde implements Serializer<Object> {

    private final ThreadLocal<Encoding> encodings = ThreadLocal.withInitial(Encoding::new);

    private AvroSerdeConfig config;
    private SubjectNameStrategy subjectNameStrategy;
    private GenericData genericData;
    private BoundedCache<WriterKey, SchemaWriter> writers;

    /** What decides how a record is written: the specific and generic models may differ for one schema. */
    private record WriterKey(String topic, Schema schema, boolean specific) {
    }

    /** The schema ID for the header and the writer for the body; no writer for byte[], whose bytes go out as they are. */
    private record SchemaWriter(int id, DatumWriter<Object> writer) {
    }

    /** One thread's buffer and encoder, reused record after record. */
    private static final class Encoding {
        final ByteOutput output = new ByteOutput();
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(output, null);
    }

    /** For Kafka to create and {@link #configure} by class name. */
    public KafkaAvroSerializer() {
        super(null);
    }

    /** With a registry client shared with other serdes; {@link #close()} leaves it open. */
    public KafkaAvroSerializer(SchemaRegistryClient registry) {
        super(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new AvroSerdeConfig(configs);
        configureCommon(config, isKey);
        this.subjectNameStrategy = config.subjectNameStrategy(isKey);
        this.genericData = AvroData.genericData(config.useLogicalTypeConverters());
        this.writers = new BoundedCache<>(config.cacheCapacity());
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new SerializationException("KafkaAvroSerializer is not configured: call configure() first");
        }
        try {
            WriterKey key = new WriterKey(topic, AvroData.schemaOf(data), data instanceof SpecificRecord);
            return write(writers.computeIfAbsent(key, this::prepare), data);
        } catch (RuntimeException | IOException e) {
            throw new SerializationException("Cannot serialize " + side() + " for topic " + topic
                + ": " + Errors.describe(e), e);
        }
    }

    /** Finds the schema ID, asking the registry, as Confluent does: register, else latest version, else look up. */
    private SchemaWriter prepare(WriterKey key) {
        String subject = subjectNameStrategy.subjectName(key.topic(), isKey, SubjectNameStrategy.recordName(key.schema()));
        if (config.autoRegisterSchemas()) {
            return new SchemaWriter(registry.register(subject, key.schema(), config.normalizeSchemas()), writer(key, key.schema()));
        }
        if (config.useLatestVersion()) {
            RegisteredSchema latest = registry.getLatestVersion(subject);
            Schema latestSchema = registry.getAvroSchema(latest.id());
            if (config.latestCompatibilityStrict()) {
                requireReadable(latestSchema, key.schema(), latest);
            }
            return new SchemaWriter(latest.id(), writer(key, latestSchema));
        }
        return new SchemaWriter(registry.getId(subject, key.schema(), config.normalizeSchemas()), writer(key, key.schema()));
    }

    private DatumWriter<Object> writer(WriterKey key, Schema schema) {
        GenericData model = key.specific() ? AvroData.specificData() : genericData;
        if (schema.getType() == Schema.Type.BYTES) {
            return null;
        } else if (!schema.equals(key.schema())) {
            return new ProjectingDatumWriter(schema, model);
        }
        return key.specific() ? new SpecificDatumWriter<>(schema, (SpecificData) model) : new GenericDatumWriter<>(schema, model);
    }

    private byte[] write(SchemaWriter schemaWriter, Object data) throws IOException {
        Encoding encoding = encodings.get();
        WireFormat.writeHeader(encoding.output.reset(WireFormat.HEADER_SIZE), schemaWriter.id());
        if (schemaWriter.writer() == null) {
            byte[] bytes = (byte[]) data;
            encoding.output.write(bytes, 0, bytes.length);
        } else {
            schemaWriter.writer().write(data, encoding.encoder);
            encoding.encoder.flush();
        }
        return encoding.output.toByteArray();
    }

    private static void requireReadable(Schema latest, Schema recordSchema, RegisteredSchema version) {
        SchemaCompatibility.SchemaPairCompatibility compatibility =
            SchemaCompatibility.checkReaderWriterCompatibility(latest, recordSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("The latest schema of subject " + version.subject() + " (version "
                + version.version() + ", ID " + version.id() + ") cannot read records of schema " + recordSchema.getFullName()
                + ": " + compatibility.getDescription());
        }
    }
}
