package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.tillstream.protobuf.KnownFiles;
import io.tillstream.protobuf.ProtoTextParser;
import io.tillstream.serde.RecordJson.Format;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordJsonTest {

    private final EmbeddedRegistry embedded = EmbeddedRegistry.get();
    private final String topic = EmbeddedRegistry.unique("sales");
    private final RecordJson values = new RecordJson(embedded.client(), SerdeSettings.with(Map.of()), false);

    @Test
    void anAvroValueReadsAsAvroJsonWritesIt() {
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer(embedded.client())) {
            serializer.configure(SerdeSettings.with(Map.of()), false);
            byte[] data = serializer.serialize(topic, Sales.generic());

            assertThat(values.read(record(data)))
                .isEqualTo(new RecordJson.Json(Format.AVRO, WireFormat.schemaId(data), AvroJson.write(Sales.generic())));
        }
    }

    @Test
    void aJsonSchemaValueReadsAsItsJsonWithThePriceScaleKept() {
        try (KafkaJsonSchemaSerializer<JsonNode> serializer = new KafkaJsonSchemaSerializer<>(embedded.client())) {
            serializer.configure(SerdeSettings.with(Map.of()), false);
            byte[] data = serializer.serialize(topic, JsonSchemaEnvelope.of(JsonSales.schema(), JsonSales.tree()));

            RecordJson.Json read = values.read(record(data));

            assertThat(read).isEqualTo(new RecordJson.Json(Format.JSON_SCHEMA, WireFormat.schemaId(data), JsonSales.JSON));
            assertThat(read.tree().get("price").decimalValue()).isEqualByComparingTo("1500.40").hasScaleOf(2);
        }
    }

    @Test
    void aProtobufValueReadsInProtobufsJsonMapping() {
        try (KafkaProtobufSerializer<Message> serializer = new KafkaProtobufSerializer<>(embedded.client())) {
            serializer.configure(SerdeSettings.with(Map.of()), false);
            byte[] data = serializer.serialize(topic, ProtobufSales.sale());

            assertThat(values.read(record(data))).isEqualTo(new RecordJson.Json(Format.PROTOBUF, WireFormat.schemaId(data),
                "{\"invoiceNo\":\"I138884\",\"customerId\":\"C241288\",\"gender\":\"Female\",\"age\":28,"
                    + "\"category\":\"Clothing\",\"quantity\":5,\"price\":{\"currencyCode\":\"TRY\",\"units\":\"1500\","
                    + "\"nanos\":400000000},\"paymentMethod\":\"Credit Card\",\"invoiceDate\":{\"year\":2022,\"month\":8,"
                    + "\"day\":5},\"shoppingMall\":\"Kanyon\",\"eventTime\":\"2022-05-01T10:13:20Z\"}"));
        }
    }

    @Test
    void aProtobufAnyPrintsItsContentWhenTheSchemaOrAReferenceDeclaresItsTypeAndIsAClearErrorWhenNot() {
        String notePath = EmbeddedRegistry.unique("shop") + "/note.proto";
        FileDescriptor note = ProtoTextParser.parse(notePath, """
            syntax = "proto3";
            package shop;
            message Note { string text = 1; }
            """, path -> KnownFiles.file(path).orElseThrow());
        FileDescriptor envelope = ProtoTextParser.parse("shop/envelope.proto", """
            syntax = "proto3";
            package shop;
            import "google/protobuf/any.proto";
            import "%s";
            message Envelope { repeated google.protobuf.Any payloads = 1; }
            message Stamp { int32 year = 1; }
            """.formatted(notePath), path -> path.equals(notePath) ? note : KnownFiles.file(path).orElseThrow());
        Descriptor type = envelope.findMessageTypeByName("Envelope");
        DynamicMessage fromReference = DynamicMessage.newBuilder(note.findMessageTypeByName("Note"))
            .setField(note.findMessageTypeByName("Note").findFieldByName("text"), "fragile").build();
        DynamicMessage fromSchema = DynamicMessage.newBuilder(envelope.findMessageTypeByName("Stamp"))
            .setField(envelope.findMessageTypeByName("Stamp").findFieldByName("year"), 2024).build();
        Any unknown = Any.newBuilder().setTypeUrl("type.googleapis.com/shop.Secret").setValue(ByteString.copyFromUtf8("x")).build();
        try (KafkaProtobufSerializer<Message> serializer = new KafkaProtobufSerializer<>(embedded.client())) {
            serializer.configure(SerdeSettings.with(Map.of()), false);
            byte[] known = serializer.serialize(topic, DynamicMessage.newBuilder(type)
                .addRepeatedField(type.findFieldByName("payloads"), Any.pack(fromReference))
                .addRepeatedField(type.findFieldByName("payloads"), Any.pack(fromSchema)).build());
            byte[] withUnknown = serializer.serialize(topic, DynamicMessage.newBuilder(type)
                .addRepeatedField(type.findFieldByName("payloads"), Any.pack(fromSchema))
                .addRepeatedField(type.findFieldByName("payloads"), unknown).build());

            assertThat(values.read(record(known)).text()).isEqualTo("{\"payloads\":["
                + "{\"@type\":\"type.googleapis.com/shop.Note\",\"text\":\"fragile\"},"
                + "{\"@type\":\"type.googleapis.com/shop.Stamp\",\"year\":2024}]}");
            assertThatThrownBy(() -> values.read(record(withUnknown)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("Cannot deserialize value from topic " + topic + " partition 2 offset 7: the Protobuf message of"
                    + " schema ID " + WireFormat.schemaId(withUnknown) + " has no JSON mapping: it holds a google.protobuf.Any"
                    + " of type type.googleapis.com/shop.Secret, which neither schema ID " + WireFormat.schemaId(withUnknown)
                    + " nor its references declare, and an Any has a JSON mapping only when its type is known");
        }
    }

    @Test
    void plainJsonWithoutTheHeaderIsTheTextAsTheProducerWroteIt() {
        String original = "{\"invoice_no\": \"I138884\", \"quantity\": \"5\", \"price\": 1500.40}";

        assertThat(values.read(record(original.getBytes(StandardCharsets.UTF_8))))
            .isEqualTo(new RecordJson.Json(Format.JSON, null, original));
    }

    @Test
    void plainJsonOnSeveralLinesIsWrittenOnOne() {
        assertThat(values.read(record("{\n  \"price\": 1500.40\n}\n".getBytes(StandardCharsets.UTF_8))).text())
            .isEqualTo("{\"price\":1500.40}");
    }

    @Test
    void bytesThatAreNeitherFramedNorJsonAreAOneLineErrorNamingWhereTheyAre() {
        assertThatThrownBy(() -> values.read(record("not json".getBytes(StandardCharsets.UTF_8))))
            .isInstanceOf(SerializationException.class)
            .hasMessage("Cannot deserialize value from topic " + topic + " partition 2 offset 7: unknown magic byte 0x6e,"
                + " expected 0x00 (Confluent's wire format), and not JSON text either");
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsAOneLineError() {
        assertThatThrownBy(() -> values.read(record(new byte[] {0, 0x7f, 0, 0, 1, 2})))
            .isInstanceOf(SerializationException.class)
            .hasMessageStartingWith("Cannot deserialize value from topic " + topic + " partition 2 offset 7: unknown schema ID "
                + 0x7f000001 + ": ")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(topic, 2, 7L, null, value);
    }
}
