package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillstream.registry.SchemaRegistryServer;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaReference;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON Schema serializer's bytes against hand-written Confluent wire format (magic byte,
 * big-endian ID, compact UTF-8 JSON), and where it takes its schema from, against Tillstream's
 * registry server.
 */
class KafkaJsonSchemaSerializerTest {

    /**
     * An ID with all four bytes set shows their order. IDs are global in the shared registry: this one
     * is far from those the Avro tests import, and only the sale schema is imported under it.
     */
    private static final int ID = 0x0A0B0C0D;

    private final EmbeddedRegistry embedded = EmbeddedRegistry.get();
    private final SchemaRegistryClient registry = embedded.client();
    private final String topic = EmbeddedRegistry.unique("sales");
    private final KafkaJsonSchemaSerializer<Object> serializer = new KafkaJsonSchemaSerializer<>();

    @AfterEach
    void stop() {
        serializer.close();
    }

    @Test
    void aSaleInAnEnvelopeIsWrittenAsMagicByteBigEndianIdAndCompactJson() throws Exception {
        importSchema(topic + "-value", ID, JsonSales.schema());
        serializer.configure(SerdeSettings.with(Map.of()), false);

        byte[] bytes = serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree()));

        assertThat(Arrays.copyOf(bytes, 5)).as("magic byte, then the ID big-endian")
            .isEqualTo(HexFormat.ofDelimiter(" ").parseHex("00 0a 0b 0c 0d"));
        assertThat(body(bytes)).isEqualTo("{\"invoice_no\":\"I138884\",\"customer_id\":\"C241288\",\"gender\":\"Female\","
            + "\"age\":28,\"category\":\"Clothing\",\"quantity\":5,\"price\":1500.40,\"payment_method\":\"Credit Card\","
            + "\"invoice_date\":\"2022-08-05\",\"shopping_mall\":\"Kanyon\",\"event_time\":1651400000000}");
        assertThat(registry.getVersions(topic + "-value")).as("the imported schema found, nothing registered").containsExactly(1);
    }

    @Test
    void aRecordIsWrittenWithTheSubjectsLatestSchemaAsItsTreeIs() {
        int id = registerSale(topic + "-value");
        serializer.configure(SerdeSettings.with(Map.of("use.latest.version", true)), false);

        byte[] bytes = serializer.serialize(topic, JsonSales.record());

        assertThat(bytes).isEqualTo(JsonWireFormat.bytes(id, JsonSales.JSON));
        assertThat(serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree()))).isEqualTo(bytes);
    }

    @Test
    void aValueWithoutASchemaIsRefusedSayingWhereOneCanComeFrom() {
        serializer.configure(SerdeSettings.with(Map.of()), false);

        assertThatThrownBy(() -> serializer.serialize(topic, JsonSales.record()))
            .isInstanceOf(SerializationException.class)
            .hasMessage("Cannot serialize value for topic " + topic + ": a " + JsonSales.Sale.class.getName()
                + " carries no JSON Schema: send it in an envelope (JsonSchemaEnvelope.of), or set use.latest.version=true"
                + " to write it with the subject's latest schema");
    }

    @Test
    void nullIsWrittenAsNullWithoutAskingTheRegistry() {
        // A registry that cannot be reached: asking it would fail.
        serializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1", "use.latest.version", true), false);

        assertThat(serializer.serialize(topic, null)).isNull();
    }

    @Test
    void anEnvelopeWithoutPayloadIsWrittenAsNullAsConfluentWritesIt() {
        serializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1"), false);
        ObjectNode envelope = JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree());
        envelope.remove("payload");

        assertThat(serializer.serialize(topic, envelope)).isNull();
    }

    @Test
    void withValidationAValueThatBreaksTheSchemaIsRefusedNamingWhere() {
        serializer.configure(SerdeSettings.with(Map.of("json.fail.invalid.schema", true)), false);
        ObjectNode sale = (ObjectNode) JsonSales.tree();
        sale.put("invoice_no", "138884").put("quantity", 0);

        assertThatThrownBy(() -> serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), sale)))
            .isInstanceOf(SerializationException.class)
            .hasMessageStartingWith("Cannot serialize value for topic " + topic + ": the value does not match JSON Schema ID ")
            .hasMessageContaining("/invoice_no")
            .hasMessageContaining("/quantity")
            .hasMessageNotContaining("\n");
    }

    @Test
    void withoutValidationAValueThatBreaksTheSchemaIsWrittenAsConfluentWritesIt() {
        serializer.configure(SerdeSettings.with(Map.of()), false);
        ObjectNode sale = (ObjectNode) JsonSales.tree();
        sale.put("quantity", 0);

        byte[] bytes = serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), sale));

        assertThat(body(bytes)).isEqualTo(sale.toString());
    }

    @Test
    void validationLeavesTheBytesOfAValidRecordAsTheyAreWithout() {
        registerSale(topic + "-value");
        serializer.configure(SerdeSettings.with(Map.of("use.latest.version", true)), false);
        try (KafkaJsonSchemaSerializer<Object> validating = new KafkaJsonSchemaSerializer<>()) {
            validating.configure(SerdeSettings.with(Map.of("use.latest.version", true, "json.fail.invalid.schema", true)), false);

            assertThat(validating.serialize(topic, JsonSales.record())).isEqualTo(serializer.serialize(topic, JsonSales.record()));
        }
    }

    @Test
    void aRefToAnotherSubjectIsRegisteredAsAReferenceAndValuesAreValidatedThroughIt() {
        String mallSubject = EmbeddedRegistry.unique("mall");
        registry.register(mallSubject, new SchemaDefinition("{\"type\":\"string\",\"enum\":[\"Kanyon\",\"Metrocity\"]}",
            "JSON", List.of()), false);
        ObjectNode schema = JsonSales.schema();
        ((ObjectNode) schema.path("properties")).putObject("shopping_mall").put("$ref", "mall.json");
        List<SchemaReference> references = List.of(new SchemaReference("mall.json", mallSubject, 1));
        serializer.configure(SerdeSettings.with(Map.of("json.fail.invalid.schema", true)), false);
        ObjectNode elsewhere = ((ObjectNode) JsonSales.tree()).put("shopping_mall", "Zorlu Center");

        byte[] bytes = serializer.serialize(topic, JsonSchemaEnvelope.of(schema, references, JsonSales.tree()));

        assertThat(registry.getSchema(WireFormat.schemaId(bytes)).references()).isEqualTo(references);
        assertThatThrownBy(() -> serializer.serialize(topic, JsonSchemaEnvelope.of(schema, references, elsewhere)))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("does not match JSON Schema ID " + WireFormat.schemaId(bytes))
            .hasMessageContaining("/shopping_mall");
    }

    @Test
    void recordNameStrategiesNameTheSubjectAfterTheSchemasTitle() {
        String title = EmbeddedRegistry.unique("io.tillstream.test.Sale");
        ObjectNode schema = JsonSales.schema().put("title", title);
        Map<String, Object> settings = SerdeSettings.with(Map.of(
            "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy",
            "key.subject.name.strategy", "TopicRecordNameStrategy"));
        serializer.configure(settings, false);
        try (KafkaJsonSchemaSerializer<Object> keys = new KafkaJsonSchemaSerializer<>()) {
            keys.configure(settings, true);

            serializer.serialize(topic, JsonSchemaEnvelope.of(schema, JsonSales.tree()));
            keys.serialize(topic, JsonSchemaEnvelope.of(schema, JsonSales.tree()));
        }

        assertThat(registry.getSubjects(false)).filteredOn(subject -> subject.contains(title))
            .containsExactlyInAnyOrder(title, topic + "-" + title);
    }

    @Test
    void aRecordNameStrategyRefusesASchemaWithoutTitle() {
        serializer.configure(SerdeSettings.with(Map.of("value.subject.name.strategy", "RecordNameStrategy")), false);
        ObjectNode untitled = JsonSales.schema();
        untitled.remove("title");

        assertThatThrownBy(() -> serializer.serialize(topic, JsonSchemaEnvelope.of(untitled, JsonSales.tree())))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("a JSON Schema with a title");
    }

    @Test
    void withoutAutoRegistrationAMissingSchemaFailsNamingTheSubject() {
        serializer.configure(SerdeSettings.with(Map.of("auto.register.schemas", false)), false);

        assertThatThrownBy(() -> serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree())))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Cannot serialize value for topic " + topic)
            .hasMessageContaining("Subject '" + topic + "-value' not found")
            .hasMessageContaining("40401");
        assertThat(registry.getSubjects(false)).as("nothing registered").doesNotContain(topic + "-value");
    }

    @Test
    void withoutAutoRegistrationASchemaRegisteredBeforeIsLookedUp() {
        String subject = topic + "-value";
        int id = registerSale(subject);
        serializer.configure(SerdeSettings.with(Map.of("auto.register.schemas", false)), false);
        // Read-only, the subject refuses registrations but still answers lookups.
        embedded.setMode(subject, "READONLY");
        try {
            byte[] bytes = serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree()));

            assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
        } finally {
            embedded.setMode(subject, "READWRITE");
        }
    }

    @Test
    void useLatestVersionRefusesALatestSchemaOfAnotherType() {
        registry.register(topic + "-value", SchemaDefinition.avro("\"string\""), false);
        serializer.configure(SerdeSettings.with(Map.of("use.latest.version", true)), false);

        assertThatThrownBy(() -> serializer.serialize(topic, JsonSales.record()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("the latest schema of subject " + topic + "-value (version 1, ID ")
            .hasMessageEndingWith("is AVRO, not a JSON Schema");
    }

    @Test
    void theRegistryIsAskedOncePerTopicAndSchema() {
        try (SchemaRegistryServer server = embedded.startAnother(Map.of())) {
            serializer.configure(Map.of("schema.registry.url", server.url()), false);
            byte[] sale = serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree()));

            String url = server.url();
            server.close();

            for (int i = 0; i < 100; i++) {
                assertThat(serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree())))
                    .isEqualTo(sale);
            }
            assertThatThrownBy(() -> serializer.serialize(EmbeddedRegistry.unique("other"),
                JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree())))
                .as("the same schema for a topic not written to before")
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot reach the schema registry at " + url);
        }
    }

    @Test
    void datesAreWrittenAsConfluentWritesThemUnlessIso8601IsAsked() {
        record Delivery(LocalDate day) {
        }
        registerAnyObject();
        serializer.configure(SerdeSettings.with(Map.of("use.latest.version", true)), false);
        try (KafkaJsonSchemaSerializer<Object> iso = new KafkaJsonSchemaSerializer<>()) {
            iso.configure(SerdeSettings.with(Map.of("use.latest.version", true, "json.write.dates.iso8601", true)), false);

            assertThat(body(serializer.serialize(topic, new Delivery(LocalDate.of(2022, 8, 5))))).isEqualTo("{\"day\":[2022,8,5]}");
            assertThat(body(iso.serialize(topic, new Delivery(LocalDate.of(2022, 8, 5))))).isEqualTo("{\"day\":\"2022-08-05\"}");
        }
    }

    @Test
    void withEnvelopeDetectionOffAnObjectWithASchemaPropertyIsAPlainValue() {
        registerAnyObject();
        serializer.configure(SerdeSettings.with(Map.of("use.latest.version", true, "json.envelope.detection", false)), false);

        byte[] bytes = serializer.serialize(topic, JsonSales.parse("{\"schema\":\"v2\",\"payload\":1}"));

        assertThat(body(bytes)).isEqualTo("{\"schema\":\"v2\",\"payload\":1}");
    }

    @Test
    void aValueJacksonCannotWriteFailsWithSerializationExceptionOnOneLine() {
        registerAnyObject();
        serializer.configure(SerdeSettings.with(Map.of("use.latest.version", true)), false);

        assertThatThrownBy(() -> serializer.serialize(topic, new Object()))
            .isInstanceOf(SerializationException.class)
            .hasMessageStartingWith("Cannot serialize value for topic " + topic + ": No serializer found for class java.lang.Object")
            .hasMessageNotContaining("\n");
    }

    @Test
    void serializingBeforeConfigureFailsSayingSo() {
        assertThatThrownBy(() -> serializer.serialize(topic, JsonSales.tree()))
            .isInstanceOf(SerializationException.class)
            .hasMessage("KafkaJsonSchemaSerializer is not configured: call configure() first");
    }

    @Test
    void closeCanBeCalledTwice() {
        serializer.configure(SerdeSettings.with(Map.of()), false);

        serializer.close();
        assertThatCode(serializer::close).doesNotThrowAnyException();
    }

    /** A schema that any JSON object matches, for tests about what is written rather than what is valid. */
    private void registerAnyObject() {
        registry.register(topic + "-value", new SchemaDefinition("{\"type\":\"object\"}", "JSON", List.of()), false);
    }

    private int registerSale(String subject) {
        return registry.register(subject, JsonSales.definition(), false);
    }

    /**
     * Imports {@code schema} into the empty {@code subject} as version 1 under {@code id}, as a
     * migration does; the shared helper imports Avro only.
     */
    private void importSchema(String subject, int id, JsonNode schema) throws Exception {
        embedded.setMode(subject, "IMPORT");
        try {
            String body = new ObjectMapper().writeValueAsString(Map.of("schema", schema.toString(), "schemaType", "JSON",
                "id", id, "version", 1));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(embedded.url() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } finally {
            embedded.setMode(subject, "READWRITE");
        }
    }

    private static String body(byte[] bytes) {
        return new String(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, StandardCharsets.UTF_8);
    }
}
