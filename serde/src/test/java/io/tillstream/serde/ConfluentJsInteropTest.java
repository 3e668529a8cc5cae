package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with a real third-party client: Confluent's official JavaScript Schema Registry
 * client and Avro serdes ({@code @confluentinc/schemaregistry} from the npm registry) register and
 * fetch against Tillstream's registry, our deserializer reads its bytes and its deserializer reads
 * ours. The package is installed under {@code target/npm-interop} once and reused by later runs.
 */
@Tag("interop")
class ConfluentJsInteropTest {

    private static final Path SALE_SCHEMA = Path.of("src", "test", "avro", "sale.avsc").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfluentJsNode script;
    private static EmbeddedRegistry embedded;
    private static KafkaAvroSerializer serializer;
    private static KafkaAvroDeserializer deserializer;

    @BeforeAll
    static void installClient() throws Exception {
        script = ConfluentJsNode.install("interop.js");
        embedded = EmbeddedRegistry.get();
        serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", embedded.url()), false);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", embedded.url()), false);
    }

    @AfterAll
    static void closeSerdes() {
        if (serializer != null) {
            serializer.close();
            deserializer.close();
        }
    }

    @Test
    void bytesTheJsSerializerWritesAreOursByteForByteAndOurDeserializerReadsThem() throws Exception {
        String topic = topic();

        JsonNode produced = JSON.readTree(node("produce", embedded.url(), topic, SALE_SCHEMA.toString()));
        byte[] jsBytes = HexFormat.of().parseHex(produced.get("hex").asText());

        assertThat(WireFormat.schemaId(jsBytes)).isEqualTo(produced.get("id").asInt());
        assertThat(deserializer.deserialize(topic, jsBytes)).hasToString(Sales.generic().toString());
        assertThat(serializer.serialize(topic, Sales.generic()))
            .as("our bytes for the same record, its schema found registered under the same ID")
            .isEqualTo(jsBytes);
    }

    @Test
    void theJsDeserializerReadsOurBytes() throws Exception {
        String topic = topic();
        String hex = HexFormat.of().formatHex(serializer.serialize(topic, Sales.generic()));

        JsonNode sale = JSON.readTree(node("consume", embedded.url(), topic, hex));

        assertThat(sale.get("invoice_no").asText()).isEqualTo("I138884");
        assertThat(sale.get("customer_id").asText()).isEqualTo("C241288");
        assertThat(sale.get("age").asInt()).isEqualTo(28);
        assertThat(sale.get("quantity").asInt()).isEqualTo(5);
        assertThat(sale.get("price").asText()).as("unscaled 150040 of 1500.40").isEqualTo("024a18");
        assertThat(sale.get("invoice_date").asInt()).as("2022-08-05").isEqualTo(19209);
        assertThat(sale.get("shopping_mall").asText()).isEqualTo("Kanyon");
        assertThat(sale.get("event_time").asLong()).isEqualTo(1_651_400_000_000L);
    }

    private static String topic() {
        return "js-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String node(String... args) throws Exception {
        return script.run(args);
    }
}
