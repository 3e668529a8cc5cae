package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON Schema deserializer against Tillstream's registry server, reading bytes written by hand and by the serializer. */
class KafkaJsonSchemaDeserializerTest {

    /** No schema has it: the registry numbers schemas up from 1. */
    private static final int UNKNOWN_ID = Integer.MAX_VALUE;

    private final EmbeddedRegistry embedded = EmbeddedRegistry.get();
    private final SchemaRegistryClient registry = embedded.client();
    private final String topic = EmbeddedRegistry.unique("sales");
    private final KafkaJsonSchemaDeserializer<Object> deserializer = new KafkaJsonSchemaDeserializer<>();

    @AfterEach
    void stop() {
        deserializer.close();
    }

    @Test
    void bytesAreReadAsATreeByDefaultWithThePriceExactToTheCent() {
        int id = registerSale();
        deserializer.configure(SerdeSettings.with(Map.of()), false);

        JsonNode sale = (JsonNode) deserializer.deserialize(topic, JsonWireFormat.bytes(id, JsonSales.JSON));

        assertThat(sale).isEqualTo(JsonSales.tree());
        assertThat(sale.get("price").decimalValue()).isEqualTo(new BigDecimal("1500.40"));
        assertThat(sale).hasToString(JsonSales.JSON);
    }

    @Test
    void withAValueTypeTheJsonIsBoundToThatClass() {
        int id = registerSale();
        deserializer.configure(SerdeSettings.with(Map.of("json.value.type", JsonSales.Sale.class.getName())), false);

        assertThat(deserializer.deserialize(topic, JsonWireFormat.bytes(id, JsonSales.JSON))).isEqualTo(JsonSales.record());
    }

    @Test
    void keysAreBoundToTheKeyType() {
        int id = registerSale();
        deserializer.configure(SerdeSettings.with(Map.of("json.key.type", JsonSales.Sale.class.getName(),
            "json.value.type", String.class.getName())), true);

        assertThat(deserializer.deserialize(topic, JsonWireFormat.bytes(id, JsonSales.JSON))).isEqualTo(JsonSales.record());
    }

    @Test
    void anUnknownPropertyFailsBindingUnlessJsonFailUnknownPropertiesIsFalse() {
        int id = registerSale();
        byte[] withVoucher = JsonWireFormat.bytes(id, JsonSales.JSON.replace("}", ",\"voucher\":\"V1\"}"));
        deserializer.configure(SerdeSettings.with(Map.of("json.value.type", JsonSales.Sale.class)), false);
        try (KafkaJsonSchemaDeserializer<JsonSales.Sale> lenient = new KafkaJsonSchemaDeserializer<>()) {
            lenient.configure(SerdeSettings.with(Map.of("json.value.type", JsonSales.Sale.class,
                "json.fail.unknown.properties", false)), false);

            assertThatThrownBy(() -> deserializer.deserialize(topic, withVoucher))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Cannot deserialize value from topic " + topic + ": the JSON does not bind to "
                    + JsonSales.Sale.class.getName() + ": Unrecognized field \"voucher\"")
                .hasMessageNotContaining("\n");
            assertThat(lenient.deserialize(topic, withVoucher)).isEqualTo(JsonSales.record());
        }
    }

    @Test
    void withValidationAValueThatBreaksItsSchemaIsRefusedAndWithoutItIsRead() {
        int id = registerSale();
        byte[] noQuantity = JsonWireFormat.bytes(id, JsonSales.JSON.replace("\"quantity\":5", "\"quantity\":0"));
        deserializer.configure(SerdeSettings.with(Map.of()), false);
        try (KafkaJsonSchemaDeserializer<Object> validating = new KafkaJsonSchemaDeserializer<>()) {
            validating.configure(SerdeSettings.with(Map.of("json.fail.invalid.schema", true)), false);

            assertThatThrownBy(() -> validating.deserialize(topic, noQuantity))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Cannot deserialize value from topic " + topic + ": the value does not match JSON Schema ID "
                    + id + ": /quantity: must have a minimum value of 1");
            assertThat(deserializer.deserialize(topic, noQuantity)).hasToString(JsonSales.JSON.replace("\"quantity\":5",
                "\"quantity\":0"));
            assertThat(validating.deserialize(topic, JsonWireFormat.bytes(id, JsonSales.JSON))).isEqualTo(JsonSales.tree());
        }
    }

    @Test
    void validationOnReadFollowsARefToAnotherSubject() {
        String mallSubject = EmbeddedRegistry.unique("mall");
        registry.register(mallSubject, new SchemaDefinition("{\"type\":\"string\",\"enum\":[\"Kanyon\"]}", "JSON",
            List.of()), false);
        ObjectNode schema = JsonSales.schema();
        ((ObjectNode) schema.path("properties")).putObject("shopping_mall").put("$ref", "mall.json");
        int id = registry.register(topic + "-value", new SchemaDefinition(schema.toString(), "JSON",
            List.of(new SchemaReference("mall.json", mallSubject, 1))), false);
        deserializer.configure(SerdeSettings.with(Map.of("json.fail.invalid.schema", true)), false);

        assertThat(deserializer.deserialize(topic, JsonWireFormat.bytes(id, JsonSales.JSON))).isEqualTo(JsonSales.tree());
        assertThatThrownBy(() -> deserializer.deserialize(topic, JsonWireFormat.bytes(id, JsonSales.JSON.replace("Kanyon", "Metrocity"))))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("/shopping_mall");
    }

    @Test
    void aSchemaIdOfAnotherTypeIsRefusedNamingTheType() {
        int avro = registry.register(topic + "-value", SchemaDefinition.avro("\"string\""), false);
        deserializer.configure(SerdeSettings.with(Map.of()), false);

        assertThatThrownBy(() -> deserializer.deserialize(topic, JsonWireFormat.bytes(avro, "\"I138884\"")))
            .isInstanceOf(SerializationException.class)
            .hasMessage("Cannot deserialize value from topic " + topic + ": schema ID " + avro + " is AVRO, not a JSON Schema");
    }

    @Test
    void bytesNotInTheWireFormatFailNamingTheCause() {
        int id = registerSale();
        deserializer.configure(SerdeSettings.with(Map.of()), false);
        byte[] good = JsonWireFormat.bytes(id, JsonSales.JSON);
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        String prefix = "Cannot deserialize value from topic " + topic + ": ";

        assertThatThrownBy(() -> deserializer.deserialize(topic, new byte[] {0, 0, 1}))
            .hasMessageStartingWith(prefix + "it has 3 bytes, fewer than the 5 of the header");
        assertThatThrownBy(() -> deserializer.deserialize(topic, badMagic))
            .hasMessage(prefix + "unknown magic byte 0x01, expected 0x00 (Confluent's wire format)");
        assertThatThrownBy(() -> deserializer.deserialize(topic, JsonWireFormat.bytes(UNKNOWN_ID, JsonSales.JSON)))
            .hasMessageStartingWith(prefix + "unknown schema ID " + UNKNOWN_ID + ": ")
            .hasMessageContaining("40403");
        assertThatThrownBy(() -> deserializer.deserialize(topic, Arrays.copyOf(good, good.length - 4)))
            .hasMessageStartingWith(prefix + "the bytes after the header are not JSON (truncated or corrupt): ")
            .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> deserializer.deserialize(topic, Arrays.copyOf(good, WireFormat.HEADER_SIZE)))
            .hasMessage(prefix + "there is no JSON after the header");
    }

    @Test
    void aFailureReadingAPolledRecordNamesItsPartitionAndOffset() {
        deserializer.configure(SerdeSettings.with(Map.of()), false);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, 3, 42L, null, new byte[] {1, 2, 3, 4, 5, 6});

        assertThatThrownBy(() -> deserializer.deserialize(record))
            .isInstanceOf(SerializationException.class)
            .hasMessage("Cannot deserialize value from topic " + topic + " partition 3 offset 42: unknown magic byte 0x01,"
                + " expected 0x00 (Confluent's wire format)");
    }

    @Test
    void nullIsReadAsNull() {
        deserializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1"), false);

        assertThat(deserializer.deserialize(topic, null)).isNull();
    }

    @Test
    void whatTheSerializerWritesReadsBackAsTheSameRecord() {
        registerSale();
        Map<String, Object> settings = SerdeSettings.with(Map.of("use.latest.version", true, "json.fail.invalid.schema", true,
            "json.value.type", JsonSales.Sale.class));
        deserializer.configure(settings, false);
        try (KafkaJsonSchemaSerializer<JsonSales.Sale> serializer = new KafkaJsonSchemaSerializer<>()) {
            serializer.configure(settings, false);

            assertThat(deserializer.deserialize(topic, serializer.serialize(topic, JsonSales.record())))
                .isEqualTo(JsonSales.record());
        }
    }

    @Test
    void deserializingBeforeConfigureFailsSayingSo() {
        assertThatThrownBy(() -> deserializer.deserialize(topic, new byte[] {0, 0, 0, 0, 1, '1'}))
            .isInstanceOf(SerializationException.class)
            .hasMessage("KafkaJsonSchemaDeserializer is not configured: call configure() first");
    }

    @Test
    void closeCanBeCalledTwice() {
        deserializer.configure(SerdeSettings.with(Map.of()), false);

        deserializer.close();
        assertThatCode(deserializer::close).doesNotThrowAnyException();
    }

    private int registerSale() {
        return registry.register(topic + "-value", JsonSales.definition(), false);
    }
}
