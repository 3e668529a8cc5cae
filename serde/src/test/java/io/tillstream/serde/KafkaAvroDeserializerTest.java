package io.tillstream.serde;

import io.tillstream.registry.SchemaRegistryServer;
import io.tillstream.serde.client.CompatibilityLevel;
import io.tillstream.serde.sample.Sale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deserializer against Tillstream's registry server, reading what the serializer wrote. */
class KafkaAvroDeserializerTest {

    /** No schema has it: the registry numbers schemas up from 1. */
    private static final int UNKNOWN_ID = Integer.MAX_VALUE;

    private final EmbeddedRegistry registry = EmbeddedRegistry.get();
    private final String topic = EmbeddedRegistry.unique("sales");
    private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    private final KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();

    @BeforeEach
    void start() {
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);
    }

    @AfterEach
    void stop() {
        serializer.close();
        deserializer.close();
    }

    @Test
    void aGenericSaleRoundTripsWithItsDecimalDateAndTimestamp() {
        deserializer.configure(Map.of("schema.registry.url", registry.url()), false);

        GenericRecord sale = (GenericRecord) deserializer.deserialize(topic, serializer.serialize(topic, Sales.generic()));

        // GenericData.Record's equals compares decimals as ByteBuffer, so compare the text form.
        assertThat(sale).hasToString(Sales.generic().toString());
        assertThat(sale.get("price")).isEqualTo(new BigDecimal("1500.40"));
        assertThat(sale.get("invoice_date")).isEqualTo(LocalDate.of(2022, 8, 5));
        assertThat(sale.get("event_time")).isEqualTo(Instant.ofEpochMilli(1_651_400_000_000L));
    }

    @Test
    void withoutLogicalTypeConvertersGenericRecordsCarryTheUnderlyingAvroTypes() {
        deserializer.configure(Map.of("schema.registry.url", registry.url(), "avro.use.logical.type.converters", false), false);

        GenericRecord sale = (GenericRecord) deserializer.deserialize(topic, serializer.serialize(topic, Sales.generic()));

        assertThat(sale.get("price")).isEqualTo(ByteBuffer.wrap(new byte[] {0x02, 0x4a, 0x18}));
        assertThat(sale.get("invoice_date")).isEqualTo(19209);
    }

    @Test
    void theSpecificReaderReturnsTheGeneratedClass() {
        deserializer.configure(Map.of("schema.registry.url", registry.url(), "specific.avro.reader", true), false);

        Object sale = deserializer.deserialize(topic, serializer.serialize(topic, Sales.generic()));

        assertThat(sale).isInstanceOf(Sale.class).isEqualTo(Sales.specific());
    }

    @Test
    void theSpecificReaderResolvesAnOlderWriterSchemaToTheGeneratedClass() {
        deserializer.configure(Map.of("schema.registry.url", registry.url(), "specific.avro.reader", true), false);
        Schema withoutEventTime = Schema.createRecord(Sales.SCHEMA.getName(), null, Sales.SCHEMA.getNamespace(), false,
            Sales.SCHEMA.getFields().stream().filter(f -> !f.name().equals("event_time"))
                .map(f -> new Schema.Field(f, f.schema())).toList());
        GenericRecord older = new GenericData.Record(withoutEventTime);
        withoutEventTime.getFields().forEach(f -> older.put(f.name(), Sales.generic().get(f.name())));

        Sale sale = (Sale) deserializer.deserialize(topic, serializer.serialize(topic, older));

        assertThat(sale.getPrice()).isEqualTo(new BigDecimal("1500.40"));
        assertThat(sale.getEventTime()).as("the field's default").isEqualTo(Instant.EPOCH);
    }

    @Test
    void primitivesComeBackAsTheJavaTypesTheyWereWrittenFrom() {
        deserializer.configure(Map.of("schema.registry.url", registry.url()), false);

        // One subject takes them all only if it checks no compatibility.
        registry.client().updateCompatibility(topic + "-value", CompatibilityLevel.NONE);

        for (Object value : new Object[] {"I138884", 28, 5L, true, 1.5f, 1500.4d}) {
            assertThat(deserializer.deserialize(topic, serializer.serialize(topic, value))).isEqualTo(value);
        }
        assertThat((byte[]) deserializer.deserialize(topic, serializer.serialize(topic, new byte[] {1, 2, 3})))
            .containsExactly(1, 2, 3);
    }

    @Test
    void nullIsReadAsNull() {
        deserializer.configure(Map.of("schema.registry.url", registry.url()), false);

        assertThat(deserializer.deserialize(topic, null)).isNull();
    }

    @Test
    void theRegistryIsAskedOncePerSchemaId() {
        try (SchemaRegistryServer server = registry.startAnother(Map.of());
             KafkaAvroSerializer writer = new KafkaAvroSerializer()) {
            writer.configure(Map.of("schema.registry.url", server.url()), false);
            byte[] sale = writer.serialize(topic, Sales.generic());
            byte[] uncached = writer.serialize(EmbeddedRegistry.unique("other"), "a schema not read before");
            deserializer.configure(Map.of("schema.registry.url", server.url()), false);
            deserializer.deserialize(topic, sale);

            String url = server.url();
            server.close();

            for (int i = 0; i < 100; i++) {
                assertThat(deserializer.deserialize(topic, sale)).hasToString(Sales.generic().toString());
            }
            assertThat(deserializer.deserialize("another-topic", sale)).as("the same ID from another topic")
                .hasToString(Sales.generic().toString());
            assertThatThrownBy(() -> deserializer.deserialize(topic, uncached))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot reach the schema registry at " + url);
        }
    }

    @Test
    void aWrongMagicByteFailsNamingTopicAndByte() {
        deserializer.configure(Map.of("schema.registry.url", registry.url()), false);
        byte[] bytes = serializer.serialize(topic, Sales.generic());
        bytes[0] = 1;

        assertThatThrownBy(() -> deserializer.deserialize(topic, bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessage("Cannot deserialize value from topic " + topic + ": unknown magic byte 0x01, expected 0x00 "
                + "(Confluent's wire format)");
    }

    @Test
    void anUnknownSchemaIdFailsNamingTopicAndId() {
        deserializer.configure(Map.of("schema.registry.url", registry.url()), false);
        byte[] bytes = serializer.serialize(topic, Sales.generic());
        WireFormat.writeHeader(bytes, UNKNOWN_ID);

        assertThatThrownBy(() -> deserializer.deserialize(topic, bytes))
            .isInstanceOf(SerializationException.class)
            .hasMessageStartingWith("Cannot deserialize value from topic " + topic + ": unknown schema ID " + UNKNOWN_ID + ": ")
            .hasMessageContaining("40403");
    }

    @Test
    void truncatedBytesFailNamingTopicAndSchemaId() {
        deserializer.configure(Map.of("schema.registry.url", registry.url()), false);
        byte[] bytes = serializer.serialize(topic, Sales.generic());

        assertThatThrownBy(() -> deserializer.deserialize(topic, Arrays.copyOf(bytes, bytes.length - 3)))
            .isInstanceOf(SerializationException.class)
            .hasMessageStartingWith("Cannot deserialize value from topic " + topic + ": the bytes after the header are not "
                + "Avro of schema ID " + WireFormat.schemaId(bytes) + " (truncated or corrupt)");
        assertThatThrownBy(() -> deserializer.deserialize(topic, new byte[] {0, 0, 0}))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("it has 3 bytes, fewer than the 5 of the header");
    }

    @Test
    void aConsumedRecordThatFailsIsNamedByTopicPartitionAndOffset() {
        deserializer.configure(Map.of("schema.registry.url", registry.url()), true);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, 3, 42L, new byte[] {7}, null);

        assertThatThrownBy(() -> deserializer.deserialize(record))
            .isInstanceOf(SerializationException.class)
            .hasMessageStartingWith("Cannot deserialize key from topic " + topic + " partition 3 offset 42: it has 1 bytes");
    }

    @Test
    void aConsumedRecordIsDecodedFromTheSideItWasConfiguredFor() {
        deserializer.configure(Map.of("schema.registry.url", registry.url()), false);
        byte[] value = serializer.serialize(topic, Sales.generic());

        assertThat(deserializer.deserialize(new ConsumerRecord<>(topic, 0, 0L, new byte[] {1}, value)))
            .hasToString(Sales.generic().toString());
    }

    @Test
    void closeCanBeCalledTwice() {
        deserializer.configure(Map.of("schema.registry.url", registry.url()), false);

        deserializer.close();
        assertThatCode(deserializer::close).doesNotThrowAnyException();
    }
}
