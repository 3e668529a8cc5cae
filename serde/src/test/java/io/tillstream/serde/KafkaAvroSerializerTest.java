package io.tillstream.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The serializer's bytes against hand-computed Confluent wire format: magic byte, big-endian ID,
 * then Avro's binary encoding (zigzag varints, length-prefixed strings and bytes).
 */
class KafkaAvroSerializerTest {

    /** An ID with all four bytes set shows their order. */
    private static final int ID = 0x01020304;
    private static final String HEADER = "00 01 02 03 04";

    private FakeRegistry registry;
    private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();

    @BeforeEach
    void startRegistry() throws Exception {
        registry = new FakeRegistry(ID);
    }

    @AfterEach
    void stop() {
        serializer.close();
        registry.close();
    }

    @Test
    void aSaleIsWrittenAsConfluentsSerializerWritesIt() {
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);

        byte[] bytes = serializer.serialize("raw_data", Sales.generic());

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
        assertThat(registry.subjects()).containsExactly("raw_data-value");
    }

    @Test
    void specificAndGenericRecordsOfOneSchemaGiveTheSameBytes() {
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);

        assertThat(serializer.serialize("raw_data", Sales.specific()))
            .isEqualTo(serializer.serialize("raw_data", Sales.generic()));
    }

    @Test
    void primitivesAreWrittenAsConfluentWritesThem() {
        serializer.configure(Map.of("schema.registry.url", registry.url()), true);

        assertThat(hexOf(serializer.serialize("t", "I1"))).isEqualTo("0001020304" + "04" + "4931");
        assertThat(hexOf(serializer.serialize("t", -3))).isEqualTo("0001020305" + "05");
        assertThat(hexOf(serializer.serialize("t", 300L))).isEqualTo("0001020306" + "d804");
        assertThat(hexOf(serializer.serialize("t", true))).isEqualTo("0001020307" + "01");
        assertThat(hexOf(serializer.serialize("t", 1.0f))).isEqualTo("0001020308" + "0000803f");
        assertThat(hexOf(serializer.serialize("t", 1.0d))).isEqualTo("0001020309" + "000000000000f03f");
        // Confluent writes byte[] as they are, without the length prefix of Avro bytes.
        assertThat(hexOf(serializer.serialize("t", new byte[] {1, 2, 3}))).isEqualTo("000102030a" + "010203");
        assertThat(registry.subjects()).containsExactly("t-key");
    }

    @Test
    void nullIsWrittenAsNullWithoutAskingTheRegistry() {
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);

        assertThat(serializer.serialize("raw_data", null)).isNull();
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void theRegistryIsAskedOncePerTopicAndSchema() {
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);

        for (int i = 0; i < 100; i++) {
            serializer.serialize("raw_data", Sales.generic());
        }
        serializer.serialize("other", Sales.generic());

        assertThat(registry.requests()).extracting(FakeRegistry.Request::path)
            .containsExactly("/subjects/raw_data-value/versions?normalize=false",
                "/subjects/other-value/versions?normalize=false");
    }

    @Test
    void withoutAutoRegistrationAMissingSchemaFailsNamingTheSubject() {
        serializer.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", "false"), false);

        assertThatThrownBy(() -> serializer.serialize("raw_data", Sales.generic()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Cannot serialize value for topic raw_data")
            .hasMessageContaining("Subject 'raw_data-value' not found")
            .hasMessageContaining("40401");
    }

    @Test
    void withoutAutoRegistrationASchemaRegisteredBeforeIsLookedUp() {
        int id = registry.register("raw_data-value", Sales.SCHEMA);
        serializer.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", false), false);

        byte[] bytes = serializer.serialize("raw_data", Sales.generic());

        assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
        assertThat(registry.requests()).extracting(FakeRegistry.Request::method).containsExactly("POST");
        assertThat(registry.requests().get(0).path()).isEqualTo("/subjects/raw_data-value?normalize=false");
    }

    @Test
    void useLatestVersionWritesWithTheLatestSchemaAndItsId() {
        Schema v1 = SchemaBuilder.record("Point").fields().requiredInt("x").endRecord();
        Schema v2 = SchemaBuilder.record("Point").fields().requiredInt("x").optionalString("label").endRecord();
        registry.register("points-value", v1);
        int latest = registry.register("points-value", v2);
        serializer.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", false,
            "use.latest.version", true), false);
        GenericRecord point = new GenericData.Record(v1);
        point.put("x", 1);

        byte[] bytes = serializer.serialize("points", point);

        // The record has no label: x = 1, then label's default, the null branch (index 0) of its union.
        assertThat(hexOf(bytes)).isEqualTo(HexFormat.of().formatHex(header(latest)) + "02" + "00");
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotReadTheRecord() {
        Schema latest = SchemaBuilder.record("Point").fields().requiredInt("x").requiredString("label").endRecord();
        registry.register("points-value", latest);
        serializer.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", false,
            "use.latest.version", true), false);
        GenericRecord point = new GenericData.Record(SchemaBuilder.record("Point").fields().requiredInt("x").endRecord());
        point.put("x", 1);

        assertThatThrownBy(() -> serializer.serialize("points", point))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("latest schema of subject points-value")
            .hasMessageContaining("label");
    }

    @Test
    void recordNameStrategiesNameTheSubjectAfterTheRecord() {
        Map<String, Object> configs = new HashMap<>(Map.of("schema.registry.url", registry.url()));
        configs.put("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy");
        configs.put("key.subject.name.strategy", "TopicRecordNameStrategy");
        serializer.configure(configs, false);
        try (KafkaAvroSerializer keys = new KafkaAvroSerializer()) {
            keys.configure(configs, true);

            serializer.serialize("raw_data", Sales.generic());
            keys.serialize("raw_data", Sales.generic());
        }

        assertThat(registry.subjects())
            .containsExactly("io.tillstream.serde.sample.Sale", "raw_data-io.tillstream.serde.sample.Sale");
    }

    @Test
    void valuesOfUnsupportedTypesFailWithSerializationException() {
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);

        assertThatThrownBy(() -> serializer.serialize("raw_data", new Object()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Unsupported type java.lang.Object");
    }

    @Test
    void aRecordThatDoesNotMatchItsSchemaFailsWithSerializationException() {
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);
        GenericRecord sale = Sales.generic();
        sale.put("invoice_no", null);

        assertThatThrownBy(() -> serializer.serialize("raw_data", sale))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("invoice_no");
    }

    @Test
    void anUnreachableRegistryFailsNamingItsUrl() {
        serializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1"), false);

        assertThatThrownBy(() -> serializer.serialize("raw_data", Sales.generic()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("Cannot reach the schema registry at http://127.0.0.1:1");
    }

    @Test
    void closeCanBeCalledTwice() {
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);

        serializer.close();
        assertThatCode(serializer::close).doesNotThrowAnyException();
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
