package io.tillstream.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaRegistryClient;
import io.tillstream.serde.internals.BoundedCache;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A record's key or value as JSON text for people and tools to read, whatever format wrote it. In
 * Confluent's wire format it is decoded by the type of the schema its ID names: Avro as
 * {@link AvroJson} writes it, a JSON Schema value as its JSON, Protobuf in protobuf-java-util's JSON
 * mapping (as Confluent's console consumer prints it: lowerCamelCase names, fields at their default
 * value included), a {@code google.protobuf.Any} printed with its content when the writer's schema or
 * its references declare the content's type (else the record is an error saying which type). Without the header, JSON text is taken as it is: the original producer wrote
 * plain JSON. Anything else is a {@link SerializationException} with a one-line message naming the
 * topic, partition and offset; a registry that cannot be reached is its cause, so callers can tell
 * that from a bad record.
 *
 * <p>The registry is asked once per schema ID. Thread-safe.
 */
public final class RecordJson {

    /** What a key or value was read as. */
    public enum Format { AVRO, JSON_SCHEMA, PROTOBUF, JSON }

    /**
     * A key or value read: its format, the schema ID of its header (null for plain JSON), and its JSON, as text on one
     * line or as a tree, each made only when asked. An Avro value comes as a tree, so a reader of the tree (a search
     * over millions of values) never pays for writing it as text and parsing it back. Two are equal when their
     * format, schema ID and text are.
     */
    public static final class Json {
        private final Format format;
        private final Integer schemaId;
        private String text;
        private JsonNode tree;

        public Json(Format format, Integer schemaId, String text) {
            this.format = format;
            this.schemaId = schemaId;
            this.text = text;
        }

        private Json(Format format, Integer schemaId, JsonNode tree) {
            this.format = format;
            this.schemaId = schemaId;
            this.tree = tree;
        }

        public Format format() {
            return format;
        }

        public Integer schemaId() {
            return schemaId;
        }

        /** The JSON text on one line. */
        public String text() {
            if (text == null) {
                text = write(tree);
            }
            return text;
        }

        /** The JSON as a tree, decimals keeping their scale. */
        public JsonNode tree() {
            if (tree == null) {
                try {
                    tree = MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return tree;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Json other && format == other.format && Objects.equals(schemaId, other.schemaId)
                && text().equals(other.text());
        }

        @Override
        public int hashCode() {
            return Objects.hash(format, schemaId, text());
        }

        @Override
        public String toString() {
            return "Json[format=" + format + ", schemaId=" + schemaId + ", text=" + text() + "]";
        }
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
    private static final JsonFormat.Printer PROTOBUF_JSON = JsonFormat.printer()
        .alwaysPrintFieldsWithNoPresence()
        .omittingInsignificantWhitespace();

    private static final String ANY = "google.protobuf.Any";
    /** Schemas read at once rarely number more than a few; each writer type keeps its registry while cached. */
    private static final int PROTOBUF_TYPES_CACHED = 1_000;

    private final SchemaRegistryClient registry;
    private final boolean isKey;
    private final BoundedCache<Descriptor, JsonFormat.TypeRegistry> protobufTypes = new BoundedCache<>(PROTOBUF_TYPES_CACHED);
    private final KafkaAvroDeserializer avro;
    private final KafkaJsonSchemaDeserializer<JsonNode> jsonSchema;
    private final KafkaProtobufDeserializer<Message> protobuf;

    /**
     * A reader of keys or values through {@code registry}, which stays the caller's to close;
     * {@code settings} are the deserializers' (the registry's URL at least).
     */
    public RecordJson(SchemaRegistryClient registry, Map<String, ?> settings, boolean isKey) {
        this.registry = registry;
        this.isKey = isKey;
        this.avro = new KafkaAvroDeserializer(registry);
        this.jsonSchema = new KafkaJsonSchemaDeserializer<>(registry);
        this.protobuf = new KafkaProtobufDeserializer<>(registry);
        avro.configure(settings, isKey);
        jsonSchema.configure(settings, isKey);
        protobuf.configure(settings, isKey);
    }

    /** The record's key or value, whichever this reader is for; null stays null. */
    public Json read(ConsumerRecord<byte[], byte[]> record) {
        byte[] data = isKey ? record.key() : record.value();
        if (data == null) {
            return null;
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            return plainJson(record, data);
        }
        int id;
        try {
            id = WireFormat.requireHeader(data, false);
        } catch (IllegalArgumentException e) {
            throw failure(record, e.getMessage(), null);
        }
        String type = schemaType(record, id);
        return switch (type) {
            case SchemaDefinition.AVRO -> new Json(Format.AVRO, id, AvroJson.toJson(avro.deserialize(record)));
            case SchemaDefinition.JSON -> new Json(Format.JSON_SCHEMA, id, write(jsonSchema.deserialize(record)));
            case SchemaDefinition.PROTOBUF -> new Json(Format.PROTOBUF, id, protobufJson(record, id, protobuf.deserialize(record)));
            default -> throw failure(record, "schema ID " + id + " is of type " + type
                + ", which is none of AVRO, JSON and PROTOBUF", null);
        };
    }

    private String schemaType(ConsumerRecord<byte[], byte[]> record, int id) {
        try {
            return registry.getSchema(id).schemaType();
        } catch (RegistryClientException e) {
            String reason = e.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND ? "unknown schema ID " + id
                : "cannot fetch schema ID " + id;
            throw failure(record, reason + ": " + Errors.describe(e), e);
        } catch (RuntimeException e) {
            throw failure(record, "cannot fetch schema ID " + id + ": " + Errors.describe(e), e);
        }
    }

    /** Plain JSON as the producer wrote it, unless it spans lines: readers take one record per line. */
    private Json plainJson(ConsumerRecord<byte[], byte[]> record, byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8).strip();
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw failure(record, String.format("unknown magic byte 0x%02x, expected 0x00 (Confluent's wire format),"
                + " and not JSON text either", data[0]), null);
        }
        return new Json(Format.JSON, null, text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text : write(tree));
    }

    private String protobufJson(ConsumerRecord<byte[], byte[]> record, int id, Message message) {
        // The writer's types: its file and, through the file's dependencies, its references and well-known imports.
        JsonFormat.TypeRegistry types = protobufTypes.computeIfAbsent(message.getDescriptorForType(),
            type -> JsonFormat.TypeRegistry.newBuilder().add(type).build());
        try {
            return PROTOBUF_JSON.usingTypeRegistry(types).print(message);
        } catch (InvalidProtocolBufferException e) {
            String reason = unknownAnyType(message, types)
                .map(url -> "it holds a google.protobuf.Any of type " + url + ", which neither schema ID " + id
                    + " nor its references declare, and an Any has a JSON mapping only when its type is known")
                .orElse(Errors.describe(e));
            throw failure(record, "the Protobuf message of schema ID " + id + " has no JSON mapping: " + reason, e);
        }
    }

    /** The type URL of the first {@code google.protobuf.Any} in {@code message} whose type {@code types} lacks. */
    private static Optional<String> unknownAnyType(Message message, JsonFormat.TypeRegistry types) {
        if (message.getDescriptorForType().getFullName().equals(ANY)) {
            String url = (String) message.getField(message.getDescriptorForType().findFieldByName("type_url"));
            return types.find(url.substring(url.lastIndexOf('/') + 1)) == null ? Optional.of(url) : Optional.empty();
        }
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
            for (Object value : values) {
                Optional<String> unknown = unknownAnyType((Message) value, types);
                if (unknown.isPresent()) {
                    return unknown;
                }
            }
        }
        return Optional.empty();
    }

    private static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SerializationException failure(ConsumerRecord<?, ?> record, String reason, Throwable cause) {
        return new SerializationException("Cannot deserialize " + (isKey ? "key" : "value") + " from topic " + record.topic()
            + " partition " + record.partition() + " offset " + record.offset() + ": " + reason, cause);
    }
}
