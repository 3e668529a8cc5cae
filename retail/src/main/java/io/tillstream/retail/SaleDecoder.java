package io.tillstream.retail;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
import io.tillstream.serde.AvroSerdeConfig;
import io.tillstream.serde.KafkaAvroDeserializer;
import io.tillstream.serde.KafkaJsonSchemaDeserializer;
import io.tillstream.serde.KafkaProtobufDeserializer;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.RegistryClientException;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads a sale in any of the formats it reaches {@code raw_data} in: the original producer's plain
 * JSON, told by its first character, or Confluent's wire format in Avro, JSON Schema or Protobuf,
 * told by the type of the schema its ID names. Each becomes the same {@link Sale}, its fields as
 * written; whether they obey the rules is {@link SaleRules}' question. Thread-safe.
 */
public final class SaleDecoder {

    private final SchemaRegistryClient registry;
    private final KafkaAvroDeserializer avro;
    private final KafkaJsonSchemaDeserializer<JsonNode> jsonSchema;
    private final KafkaProtobufDeserializer<Message> protobuf;
    private final SaleBinaryReader binaryReader = SaleBinaryReader.get();
    /** Whether each Avro schema ID seen lays a sale out as {@link SaleBinaryReader} reads it. */
    private final Map<Integer, Boolean> saleLayouts = new ConcurrentHashMap<>();

    /**
     * @param registry the client the deserializers share; the caller closes it
     * @param settings serde settings under Confluent's names; a sale is read as a specific Avro record
     */
    public SaleDecoder(SchemaRegistryClient registry, Map<String, ?> settings) {
        this.registry = registry;
        Map<String, Object> avroSettings = new HashMap<>(settings);
        avroSettings.put(AvroSerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true);
        this.avro = new KafkaAvroDeserializer(registry);
        avro.configure(avroSettings, false);
        this.jsonSchema = new KafkaJsonSchemaDeserializer<>(registry);
        jsonSchema.configure(settings, false);
        this.protobuf = new KafkaProtobufDeserializer<>(registry);
        protobuf.configure(settings, false);
    }

    /**
     * @throws ProducerJson.MalformedSaleException if the value decodes but is not a sale
     * @throws SerializationException              if it does not decode, or the registry cannot say how;
     *                                             its cause is then the registry client's exception
     */
    public Sale decode(String topic, byte[] value) {
        if (ProducerJson.looksLikeJson(value)) {
            return described("in the original producer's JSON", () -> ProducerJson.read(value));
        }
        if (value.length < WireFormat.HEADER_SIZE || value[0] != WireFormat.MAGIC_BYTE) {
            // Avro's deserializer words why these are not Confluent's wire format.
            return asSale(avro.deserialize(topic, value));
        }
        return switch (schemaType(topic, WireFormat.schemaId(value))) {
            case SchemaDefinition.JSON -> {
                JsonNode json = jsonSchema.deserialize(topic, value);
                yield described("in JSON Schema", () -> ProducerJson.read(json));
            }
            case SchemaDefinition.PROTOBUF -> {
                Message message = protobuf.deserialize(topic, value);
                yield described("in Protobuf", () -> SaleProtobuf.fromMessage(message));
            }
            default -> avroSale(topic, WireFormat.schemaId(value), value);
        };
    }

    /** Avro: by {@link SaleBinaryReader} when the writer's schema has Sale's layout (the generator's), else by Avro. */
    private Sale avroSale(String topic, int id, byte[] value) {
        if (!saleLayouts.computeIfAbsent(id, this::hasSaleLayout)) {
            return asSale(avro.deserialize(topic, value));
        }
        try {
            return binaryReader.read(value, WireFormat.HEADER_SIZE);
        } catch (SaleBinaryReader.MalformedAvroException e) {
            throw new SerializationException("Cannot deserialize value from topic " + topic + ": the bytes after the header "
                + "are not Avro of schema ID " + id + " (truncated or corrupt): " + e.getMessage(), e);
        }
    }

    /** Only asked once an ID's type is known, so the client has the schema cached. */
    private boolean hasSaleLayout(int id) {
        try {
            return SaleAvroLayout.matches(new Schema.Parser().parse(registry.getSchema(id).schema()));
        } catch (RuntimeException e) {
            // A schema that needs its references, say: Avro's deserializer knows how to read it.
            return false;
        }
    }

    /** Cached by the client after the first record of each schema, so a record costs no request. */
    private String schemaType(String topic, int id) {
        try {
            return registry.getSchema(id).schemaType();
        } catch (RuntimeException e) {
            String reason = e instanceof RegistryClientException client && client.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND
                ? "unknown schema ID " + id : "cannot fetch schema ID " + id + ": " + e.getMessage();
            throw new SerializationException("Cannot deserialize value from topic " + topic + ": " + reason, e);
        }
    }

    /** The reason a value that decoded is not a sale, saying in which format it came. */
    private static Sale described(String format, Supplier<Sale> read) {
        try {
            return read.get();
        } catch (ProducerJson.MalformedSaleException e) {
            throw new ProducerJson.MalformedSaleException("not a sale " + format + ": " + e.getMessage());
        }
    }

    private static Sale asSale(Object value) {
        if (value instanceof Sale sale) {
            return sale;
        }
        throw new ProducerJson.MalformedSaleException("not a sale: the value is a " + value.getClass().getSimpleName());
    }
}
