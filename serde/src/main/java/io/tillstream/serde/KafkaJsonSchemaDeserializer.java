package io.tillstream.serde;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.util.Map;

/**
 * Reads bytes in Confluent's wire format for JSON Schema, checking by the ID they carry that the
 * writer's schema is a JSON Schema: values come back as Jackson {@link JsonNode}s, or bound to the
 * class of {@code json.value.type} ({@code json.key.type} for keys). Decimals keep their exact value
 * and scale. With {@code json.fail.invalid.schema} each value is validated against the writer's
 * schema, references to other subjects included.
 *
 * <p>Bytes that are not in the format, or whose schema is of another type, raise a
 * {@link SerializationException} naming the topic and the cause; {@link #deserialize(ConsumerRecord)}
 * names the partition and offset too.
 *
 * <p>Settings are {@link JsonSchemaSerdeConfig}'s. The registry is asked once per schema ID. Thread-safe.
 */
public class KafkaJsonSchemaDeserializer<T> extends AbstractJsonSchemaSerde implements Deserializer<T> {

    private Class<?> type;
    private ObjectReader treeReader;
    private ObjectReader reader;

    /** For Kafka to create and {@link #configure} by class name. */
    public KafkaJsonSchemaDeserializer() {
        super(null);
    }

    /** With a registry client shared with other serdes; {@link #close()} leaves it open. */
    public KafkaJsonSchemaDeserializer(SchemaRegistryClient registry) {
        super(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        JsonSchemaSerdeConfig config = new JsonSchemaSerdeConfig(configs);
        configureJsonSchema(config, isKey);
        this.type = config.type(isKey);
        this.treeReader = mapper.readerFor(JsonNode.class);
        this.reader = type == null ? treeReader : mapper.readerFor(type);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return decode(topic, null, data);
    }

    /**
     * The record's key or value, whichever this deserializer was configured for; a failure names
     * the record's topic, partition and offset.
     */
    public T deserialize(ConsumerRecord<byte[], byte[]> record) {
        return decode(record.topic(), record, isKey ? record.key() : record.value());
    }

    private T decode(String topic, ConsumerRecord<?, ?> record, byte[] data) {
        if (data == null) {
            return null;
        }
        if (!configured()) {
            throw new SerializationException("KafkaJsonSchemaDeserializer is not configured: call configure() first");
        }
        int id = schemaId(topic, record, data, false);
        SchemaDefinition schema;
        try {
            schema = registry.getSchema(id);
        } catch (RegistryClientException e) {
            String reason = e.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND ? "unknown schema ID " + id
                : "cannot fetch schema ID " + id;
            throw readFailure(topic, record, reason + ": " + oneLine(e), e);
        } catch (RuntimeException e) {
            throw readFailure(topic, record, "cannot fetch schema ID " + id + ": " + oneLine(e), e);
        }
        if (!SchemaDefinition.JSON.equals(schema.schemaType())) {
            throw readFailure(topic, record, "schema ID " + id + " is " + schema.schemaType() + ", not a JSON Schema", null);
        }
        if (data.length == WireFormat.HEADER_SIZE) {
            throw readFailure(topic, record, "there is no JSON after the header", null);
        }
        try {
            return validate ? readValidated(id, data) : reader.readValue(data, WireFormat.HEADER_SIZE,
                data.length - WireFormat.HEADER_SIZE);
        } catch (StreamReadException e) {
            throw readFailure(topic, record, "the bytes after the header are not JSON (truncated or corrupt): " + oneLine(e), e);
        } catch (IOException e) {
            throw readFailure(topic, record, "the JSON does not bind to " + reader.getValueType().getRawClass().getName() + ": " + oneLine(e), e);
        } catch (RuntimeException e) {
            throw readFailure(topic, record, oneLine(e), e);
        }
    }

    @SuppressWarnings("unchecked")
    private T readValidated(int id, byte[] data) throws IOException {
        JsonNode tree = treeReader.readValue(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE);
        requireValid(id, tree);
        return type == null ? (T) tree : reader.readValue(tree);
    }
}
