package io.tillstream.serde;

import io.tillstream.registry.SchemaRegistryServer;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The serializer's bytes against hand-computed Confluent wire format: magic byte, big-endian ID,
 * then Avro's binary encoding (zigzag varints, length-prefixed strings and bytes). Against
 * Tillstream's registry server; schemas whose IDs the expected bytes hold are imported under them.
 */
class KafkaAvroSerializerTest {

    /** An ID with all four bytes set shows their order. */
    private static final int ID = 0x01020304;
    private static final String HEADER = "00 01 02 03 04";
    /**
     * The primitives' IDs, far from {@link #ID}: IDs are global in the shared registry, and it numbers
     * new schemas on from the highest ID it holds.
     */
    private static final int PRIMITIVES_ID = 0x02030401;

    private final EmbeddedRegistry embedded = EmbeddedRegistry.get();
    private final SchemaRegistryClient registry = embedded.client();
    private final String topic = EmbeddedRegistry.unique("sales");
    private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();

    @AfterEach
    void stop() {
        serializer.close();
    }

    @Test
    void aSaleIsWrittenAsConfluentsSerializerWritesIt() {
        embedded.importSchemas(topic + "-value", ID, Sales.SCHEMA);
        serializer.configure(Map.of("schema.registry.url", embedded.url()), false);

        byte[] bytes = serializer.serialize(topic, Sales.generic());

        byte[] expected = concat(
            hex(HEADER),
            hex("0e"), ascii("I138884"),           // invoice_no: length 7, zigzag 14
            hex("0e"), ascii("C241288"),           // customer_id
            hex("0c"), ascii("Female"),            // gender: length 6
            hex("38"),                             // age 28, zigzag 56
            hex("10"), ascii("Clothing"),          // category: length 8
            hex("0a"),                             // quantity 5
            hex("06 02 4a 18"),                    // price 1500.40: 3 bytes of unscaled 150040 = 0x024a18
            hex("16"), ascii("Credit Card"),       // payment_method: length 11
            hex("92 ac 02"),                       // invoice_date 2022-08-05 = day 19209, zigzag 38418
            hex("0c"), ascii("Kanyon"),            // shopping_mall
            hex("80 88 e2 f1 8f 60"));             // event_time 1651400000000 ms
        assertThat(bytes).isEqualTo(expected);
        assertThat(subjectsOf(topic)).containsExactly(topic + "-value");
    }

    @Test
    void specificAndGenericRecordsOfOneSchemaGiveTheSameBytes() {
        serializer.configure(Map.of("schema.registry.url", embedded.url()), false);

        assertThat(serializer.serialize(topic, Sales.specific()))
            .isEqualTo(serializer.serialize(topic, Sales.generic()));
    }

    @Test
    void primitivesAreWrittenAsConfluentWritesThem() {
        embedded.importSchemas(topic + "-key", PRIMITIVES_ID, Stream.of(Schema.Type.STRING, Schema.Type.INT,
            Schema.Type.LONG, Schema.Type.BOOLEAN, Schema.Type.FLOAT, Schema.Type.DOUBLE, Schema.Type.BYTES)
            .map(Schema::create).toArray(Schema[]::new));
        serializer.configure(Map.of("schema.registry.url", embedded.url()), true);

        assertThat(hexOf(serializer.serialize(topic, "I1"))).isEqualTo("0002030401" + "04" + "4931");
        assertThat(hexOf(serializer.serialize(topic, -3))).isEqualTo("0002030402" + "05");
        assertThat(hexOf(serializer.serialize(topic, 300L))).isEqualTo("0002030403" + "d804");
        assertThat(hexOf(serializer.serialize(topic, true))).isEqualTo("0002030404" + "01");
        assertThat(hexOf(serializer.serialize(topic, 1.0f))).isEqualTo("0002030405" + "0000803f");
        assertThat(hexOf(serializer.serialize(topic, 1.0d))).isEqualTo("0002030406" + "000000000000f03f");
        // Confluent writes byte[] as they are, without the length prefix of Avro bytes.
        assertThat(hexOf(serializer.serialize(topic, new byte[] {1, 2, 3}))).isEqualTo("0002030407" + "010203");
        assertThat(subjectsOf(topic)).containsExactly(topic + "-key");
        assertThat(registry.getVersions(topic + "-key")).as("nothing registered beyond the imports")
            .containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void nullIsWrittenAsNullWithoutAskingTheRegistry() {
        // A registry that cannot be reached: asking it would fail (see anUnreachableRegistryFailsNamingItsUrl).
        serializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1"), false);

        assertThat(serializer.serialize(topic, null)).isNull();
    }

    @Test
    void theRegistryIsAskedOncePerTopicAndSchema() {
        String other = EmbeddedRegistry.unique("other");
        GenericRecord point = new GenericData.Record(SchemaBuilder.record("Point").fields().requiredInt("x").endRecord());
        point.put("x", 1);
        try (SchemaRegistryServer server = embedded.startAnother(Map.of())) {
            serializer.configure(Map.of("schema.registry.url", server.url()), false);
            byte[] sale = serializer.serialize(topic, Sales.generic());
            byte[] otherSale = serializer.serialize(other, Sales.generic());

            String url = server.url();
            server.close();

            for (int i = 0; i < 100; i++) {
                assertThat(serializer.serialize(topic, Sales.generic())).isEqualTo(sale);
            }
            assertThat(serializer.serialize(other, Sales.generic())).isEqualTo(otherSale);
            assertThatThrownBy(() -> serializer.serialize(EmbeddedRegistry.unique("third"), Sales.generic()))
                .as("the same schema for a topic not written to before")
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot reach the schema registry at " + url);
            assertThatThrownBy(() -> serializer.serialize(topic, point))
                .as("another schema for a topic written to before")
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot reach the schema registry at " + url);
        }
    }

    @Test
    void withoutAutoRegistrationAMissingSchemaFailsNamingTheSubject() {
        serializer.configure(Map.of("schema.registry.url", embedded.url(), "auto.register.schemas", "false"), false);

        assertThatThrownBy(() -> serializer.serialize(topic, Sales.generic()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Cannot serialize value for topic " + topic)
            .hasMessageContaining("Subject '" + topic + "-value' not found")
            .hasMessageContaining("40401");
        assertThat(subjectsOf(topic)).as("nothing registered").isEmpty();
    }

    @Test
    void withoutAutoRegistrationASchemaRegisteredBeforeIsLookedUp() {
        String subject = topic + "-value";
        int id = registry.register(subject, Sales.SCHEMA, false);
        serializer.configure(Map.of("schema.registry.url", embedded.url(), "auto.register.schemas", false), false);
        // Read-only, the subject refuses registrations but still answers lookups.
        embedded.setMode(subject, "READONLY");
        try {
            byte[] bytes = serializer.serialize(topic, Sales.generic());

            assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
        } finally {
            embedded.setMode(subject, "READWRITE");
        }
    }

    @Test
    void useLatestVersionWritesWithTheLatestSchemaAndItsId() {
        Schema v1 = SchemaBuilder.record("Point").fields().requiredInt("x").endRecord();
        Schema v2 = SchemaBuilder.record("Point").fields().requiredInt("x").optionalString("label").endRecord();
        registry.register(topic + "-value", v1, false);
        int latest = registry.register(topic + "-value", v2, false);
        serializer.configure(Map.of("schema.registry.url", embedded.url(), "auto.register.schemas", false,
            "use.latest.version", true), false);
        GenericRecord point = new GenericData.Record(v1);
        point.put("x", 1);

        byte[] bytes = serializer.serialize(topic, point);

        // The record has no label: x = 1, then label's default, the null branch (index 0) of its union.
        assertThat(hexOf(bytes)).isEqualTo(HexFormat.of().formatHex(header(latest)) + "02" + "00");
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotReadTheRecord() {
        Schema latest = SchemaBuilder.record("Point").fields().requiredInt("x").requiredString("label").endRecord();
        registry.register(topic + "-value", latest, false);
        serializer.configure(Map.of("schema.registry.url", embedded.url(), "auto.register.schemas", false,
            "use.latest.version", true), false);
        GenericRecord point = new GenericData.Record(SchemaBuilder.record("Point").fields().requiredInt("x").endRecord());
        point.put("x", 1);

        assertThatThrownBy(() -> serializer.serialize(topic, point))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("latest schema of subject " + topic + "-value")
            .hasMessageContaining("label");
    }

    @Test
    void recordNameStrategiesNameTheSubjectAfterTheRecord() {
        // A record name of this test's own: subjects named after it are too.
        Schema schema = SchemaBuilder.record(EmbeddedRegistry.unique("Sale").replace('-', '_'))
            .namespace("io.tillstream.serde.sample").fields().requiredInt("x").endRecord();
        GenericRecord record = new GenericData.Record(schema);
        record.put("x", 1);
        Map<String, Object> configs = new HashMap<>(Map.of("schema.registry.url", embedded.url()));
        configs.put("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        configs.put("key.subject.name.strategy", "TopicRecordNameStrategy");
        serializer.configure(configs, false);
        try (KafkaAvroSerializer keys = new KafkaAvroSerializer()) {
            keys.configure(configs, true);

            serializer.serialize(topic, record);
            keys.serialize(topic, record);
        }

        assertThat(registry.getSubjects(false)).filteredOn(subject -> subject.contains(schema.getName()))
            .containsExactlyInAnyOrder(schema.getFullName(), topic + "-" + schema.getFullName());
    }

    @Test
    void valuesOfUnsupportedTypesFailWithSerializationException() {
        serializer.configure(Map.of("schema.registry.url", embedded.url()), false);

        assertThatThrownBy(() -> serializer.serialize(topic, new Object()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Unsupported type java.lang.Object");
    }

    @Test
    void aRecordThatDoesNotMatchItsSchemaFailsWithSerializationException() {
        serializer.configure(Map.of("schema.registry.url", embedded.url()), false);
        GenericRecord sale = Sales.generic();
        sale.put("invoice_no", null);

        assertThatThrownBy(() -> serializer.serialize(topic, sale))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("invoice_no");
    }

    @Test
    void anUnreachableRegistryFailsNamingItsUrl() {
        serializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1"), false);

        assertThatThrownBy(() -> serializer.serialize(topic, Sales.generic()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Cannot reach the schema registry at http://127.0.0.1:1");
    }

    @Test
    void closeCanBeCalledTwice() {
        serializer.configure(Map.of("schema.registry.url", embedded.url()), false);

        serializer.close();
        assertThatCode(serializer::close).doesNotThrowAnyException();
    }

    /** The registry's subjects that start with {@code prefix}. */
    private List<String> subjectsOf(String prefix) {
        return registry.getSubjects(false).stream().filter(subject -> subject.startsWith(prefix)).toList();
    }

    static byte[] header(int id) {
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(header, id);
        return header;
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] hex(String spaced) {
        return HexFormat.ofDelimiter(" ").parseHex(spaced);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
