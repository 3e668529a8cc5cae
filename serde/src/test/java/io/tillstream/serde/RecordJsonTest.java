package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Message;
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
