package io.tillstream.console.messages;

import io.tillstream.console.ConsoleJson;
import io.tillstream.console.InvalidInputException;
import io.tillstream.console.cluster.Futures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.serde.JsonSchemaSerdeConfig;
import io.tillstream.serde.KafkaJsonSchemaSerializer;
import io.tillstream.serde.SerdeConfig;
import io.tillstream.serde.KafkaAvroSerializer;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the test messages typed on the Topic page: text as UTF-8; Avro from JSON in Avro's JSON
 * encoding, written with our serializer under the topic's value subject (the schema given, which is
 * registered, or else the subject's latest); or JSON for a JSON Schema subject, validated against
 * and written with its latest schema; so that it reads back as any producer's record would.
 */
final class TestProducer implements AutoCloseable {

    /**
     * A test message; {@code format} is {@code text}, {@code avro} or {@code json_schema}; {@code schema} is
     * optional Avro schema JSON.
     */
    record Request(Integer partition, String key, String value, String format, String schema,
                   Map<String, String> headers) {
    }

    /** Where the message landed. */
    record Sent(int partition, long offset) {
    }

    private static final ObjectMapper JSON = ConsoleJson.typed();

    /** The producer's settings: it is made on the first message, so a console nobody produces from holds no producer. */
    private final Map<String, Object> producerProps;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;
    private final SchemaRegistryClient registry;
    private final KafkaAvroSerializer serializer;
    private final Map<String, Object> jsonSchemaSettings;

    TestProducer(Map<String, Object> clientProps, SchemaRegistryClient registry, Map<String, Object> registrySettings) {
        this.producerProps = new HashMap<>(clientProps);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "tillstream-console-producer");
        this.registry = registry;
        this.serializer = new KafkaAvroSerializer(registry);
        Map<String, Object> serdeSettings = new HashMap<>(registrySettings);
        serdeSettings.put(SerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, true);
        serializer.configure(serdeSettings, false);
        this.jsonSchemaSettings = new HashMap<>(registrySettings);
        jsonSchemaSettings.put(SerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, false);
        jsonSchemaSettings.put(SerdeConfig.USE_LATEST_VERSION_CONFIG, true);
        jsonSchemaSettings.put(JsonSchemaSerdeConfig.FAIL_INVALID_SCHEMA_CONFIG, true);
        // The value typed is the record's value, even one that looks like a {schema, payload} envelope.
        jsonSchemaSettings.put(JsonSchemaSerdeConfig.ENVELOPE_DETECTION_CONFIG, false);
    }

    Sent send(String topic, Request request) {
        byte[] value = switch (request.format() == null ? "text" : request.format()) {
            case "text" -> request.value() == null ? null : request.value().getBytes(StandardCharsets.UTF_8);
            case "avro" -> avro(topic, request);
            case "json_schema" -> jsonSchema(topic, request);
            default -> throw new InvalidInputException("format is 'text', 'avro' or 'json_schema', not '"
                + request.format() + "'.");
        };
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, request.partition(), null,
            request.key() == null || request.key().isEmpty() ? null : request.key().getBytes(StandardCharsets.UTF_8),
            value, request.headers() == null ? List.of() : request.headers().entrySet().stream()
                .<Header>map(h -> new RecordHeader(h.getKey(),
                    h.getValue() == null ? null : h.getValue().getBytes(StandardCharsets.UTF_8))).toList());
        RecordMetadata sent = Futures.join(producer().send(record));
        return new Sent(sent.partition(), sent.offset());
    }

    private byte[] avro(String topic, Request request) {
        Schema schema;
        try {
            schema = request.schema() == null || request.schema().isBlank()
                ? registry.getAvroSchema(registry.getLatestVersion(topic + "-value").id())
                : new Schema.Parser().parse(request.schema());
        } catch (SchemaParseException e) {
            throw new InvalidInputException("The schema is not valid Avro: " + e.getMessage());
        }
        Object datum;
        try {
            datum = new GenericDatumReader<>(schema).read(null,
                DecoderFactory.get().jsonDecoder(schema, request.value() == null ? "null" : request.value()));
        } catch (IOException | AvroRuntimeException e) {
            throw new InvalidInputException("The value does not match the schema (write it in Avro's JSON encoding, "
                + "unions as {\"type\": value}): " + e.getMessage());
        }
        return serializer.serialize(topic, datum);
    }

    private byte[] jsonSchema(String topic, Request request) {
        JsonNode value;
        try {
            value = JSON.readTree(request.value() == null ? "null" : request.value());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The value is not JSON: " + e.getOriginalMessage());
        }
        // A serializer per message: it keeps the latest schema ID it found per topic, and a subject gets new versions
        // while the console runs.
        try (KafkaJsonSchemaSerializer<JsonNode> jsonSchema = new KafkaJsonSchemaSerializer<>(registry)) {
            jsonSchema.configure(jsonSchemaSettings, false);
            return jsonSchema.serialize(topic, value);
        } catch (SerializationException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (closed) {
            throw new IllegalStateException("the console is stopping");
        }
        if (producer == null) {
            producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close();
        }
        serializer.close();
    }
}
