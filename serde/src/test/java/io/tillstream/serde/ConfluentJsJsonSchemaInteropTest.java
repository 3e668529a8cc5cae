package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.serde.client.SchemaReference;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interoperability of the JSON Schema serdes with a real third-party client: Confluent's official
 * JavaScript serdes ({@code @confluentinc/schemaregistry}) register against Tillstream's registry and
 * validate what they write and read; ours read their bytes and write the same bytes for the same
 * value, and theirs read ours, a {@code $ref} to another subject resolved on both sides.
 */
@Tag("interop")
class ConfluentJsJsonSchemaInteropTest {

    private static final Path SCRIPT = Path.of("src", "test", "js", "interop-jsonschema.js").toAbsolutePath();
    /**
     * The sale as JavaScript writes it, its price a double: {@code JSON.stringify} drops the trailing
     * zero of 1500.40, so that is the value both sides can write alike.
     */
    private static final String SALE = JsonSales.JSON.replace("1500.40", "1500.4");
    private static final String MALL_SCHEMA = "{\"type\":\"string\",\"enum\":[\"Mall of Istanbul\",\"Kanyon\",\"Metrocity\","
        + "\"Metropol AVM\",\"Istinye Park\",\"Zorlu Center\",\"Cevahir AVM\",\"Forum Istanbul\",\"Viaport Outlet\","
        + "\"Emaar Square Mall\"]}";

    private static EmbeddedRegistry embedded;
    private static Path saleSchema;
    private static KafkaJsonSchemaSerializer<Object> serializer;
    private static KafkaJsonSchemaDeserializer<Object> deserializer;

    @BeforeAll
    static void installClient() throws Exception {
        assumeTrue(ConfluentJsClient.nodeAndNpmAvailable(),
            "node and npm are not installed: skipping the interoperability test with Confluent's JavaScript client");
        ConfluentJsClient.install();
        embedded = EmbeddedRegistry.get();
        saleSchema = file(JsonSales.schema());
        serializer = new KafkaJsonSchemaSerializer<>();
        serializer.configure(SerdeSettings.with(Map.of("json.fail.invalid.schema", true)), false);
        deserializer = new KafkaJsonSchemaDeserializer<>();
        deserializer.configure(SerdeSettings.with(Map.of("json.fail.invalid.schema", true)), false);
    }

    @AfterAll
    static void closeSerdes() throws IOException {
        if (serializer != null) {
            serializer.close();
            deserializer.close();
            Files.deleteIfExists(saleSchema);
        }
    }

    @Test
    void bytesTheJsSerializerWritesAreOursByteForByteAndOurDeserializerReadsThem() throws Exception {
        String topic = EmbeddedRegistry.unique("js");

        JsonNode produced = JsonSales.parse(ConfluentJsClient.node(SCRIPT, "produce", embedded.url(), topic,
            saleSchema.toString(), SALE).stdoutIfSucceeded());
        byte[] jsBytes = HexFormat.of().parseHex(produced.get("hex").asText());

        assertThat(jsBytes).as("magic byte, ID, compact JSON").isEqualTo(JsonWireFormat.bytes(produced.get("id").asInt(), SALE));
        assertThat(deserializer.deserialize(topic, jsBytes)).isEqualTo(JsonSales.parse(SALE));
        try (KafkaJsonSchemaSerializer<JsonSales.Sale> records = new KafkaJsonSchemaSerializer<>();
             KafkaJsonSchemaDeserializer<JsonSales.Sale> bound = new KafkaJsonSchemaDeserializer<>()) {
            records.configure(SerdeSettings.with(Map.of("use.latest.version", true)), false);
            bound.configure(SerdeSettings.with(Map.of("json.value.type", JsonSales.Sale.class)), false);
            JsonSales.Sale sale = JsonSales.record(JsonSales.record().invoiceNo(), new BigDecimal("1500.4"));

            assertThat(bound.deserialize(topic, jsBytes)).isEqualTo(sale);
            assertThat(records.serialize(topic, sale)).as("our bytes for the same sale as a record").isEqualTo(jsBytes);
        }
        assertThat(serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.parse(SALE))))
            .as("our bytes for the same sale as a tree, its schema found registered under the same ID")
            .isEqualTo(jsBytes);
    }

    @Test
    void theJsDeserializerValidatesAndReadsOurBytes() throws Exception {
        String topic = EmbeddedRegistry.unique("js");
        String hex = HexFormat.of().formatHex(serializer.serialize(topic,
            JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree())));

        String sale = ConfluentJsClient.node(SCRIPT, "consume", embedded.url(), topic, hex).stdoutIfSucceeded();

        assertThat(sale.strip()).isEqualTo(SALE);
    }

    @Test
    void aRefToAnotherSubjectResolvesBothWays() throws Exception {
        String topic = EmbeddedRegistry.unique("js");
        String mallSubject = EmbeddedRegistry.unique("mall");
        ObjectNode schema = JsonSales.schema();
        ((ObjectNode) schema.path("properties")).putObject("shopping_mall").put("$ref", "mall.json");
        List<SchemaReference> references = List.of(new SchemaReference("mall.json", mallSubject, 1));
        Path schemaFile = file(schema);
        Path mallFile = file(JsonSales.parse(MALL_SCHEMA));
        try {
            JsonNode produced = JsonSales.parse(ConfluentJsClient.node(SCRIPT, "produce", embedded.url(), topic,
                schemaFile.toString(), SALE, "mall.json", mallSubject, mallFile.toString()).stdoutIfSucceeded());
            byte[] jsBytes = HexFormat.of().parseHex(produced.get("hex").asText());
            byte[] ours = serializer.serialize(topic, JsonSchemaEnvelope.of(schema, references, JsonSales.parse(SALE)));
            byte[] nowhere = unvalidated(topic, JsonSchemaEnvelope.of(schema, references,
                JsonSales.parse(SALE.replace("Kanyon", "Nowhere"))));

            assertThat(deserializer.deserialize(topic, jsBytes)).isEqualTo(JsonSales.parse(SALE));
            assertThat(ours).as("the same schema and references, found under the same ID").isEqualTo(jsBytes);
            assertThat(ConfluentJsClient.node(SCRIPT, "consume", embedded.url(), topic, HexFormat.of().formatHex(ours))
                .stdoutIfSucceeded().strip()).isEqualTo(SALE);
            assertThat(ConfluentJsClient.node(SCRIPT, "consume", embedded.url(), topic, HexFormat.of().formatHex(nowhere)))
                .as("the JS deserializer validates through the reference")
                .satisfies(outcome -> assertThat(outcome.exitCode()).isNotZero())
                .satisfies(outcome -> assertThat(outcome.stderr()).contains("Invalid message"));
            assertThatThrownBy(() -> deserializer.deserialize(topic, nowhere))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("/shopping_mall");
        } finally {
            Files.deleteIfExists(schemaFile);
            Files.deleteIfExists(mallFile);
        }
    }

    /** What a serializer without validation writes, as a producer that does not validate would. */
    private static byte[] unvalidated(String topic, Object value) {
        try (KafkaJsonSchemaSerializer<Object> plain = new KafkaJsonSchemaSerializer<>()) {
            plain.configure(SerdeSettings.with(Map.of()), false);
            return plain.serialize(topic, value);
        }
    }

    /** A schema in a file of its own, pretty-printed as a person would write it, for the script to register. */
    private static Path file(JsonNode schema) throws IOException {
        Path file = Files.createTempFile("schema", ".json");
        Files.writeString(file, schema.toPrettyString());
        return file;
    }
}
