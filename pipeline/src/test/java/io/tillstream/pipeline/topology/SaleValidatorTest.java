package io.tillstream.pipeline.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.tillstream.retail.DeadLetters;
import io.tillstream.pipeline.EnrichedSale;
import io.tillstream.pipeline.SalesTotals;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleJsonSchema;
import io.tillstream.retail.SaleProtobuf;
import io.tillstream.serde.WireFormat;
import io.tillstream.serde.client.RegistryConnectionException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.tillstream.pipeline.topology.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaleValidatorTest {

    /** {@link Sales#sale()} as the original Python producer wrote it, without an event time. */
    private static final byte[] ORIGINAL_PRODUCER_JSON = ("{\"invoice_no\": \"I138884\", \"customer_id\": \"C241288\","
        + " \"gender\": \"Female\", \"age\": 28, \"category\": \"Clothing\", \"quantity\": \"5\", \"price\": 1500.4,"
        + " \"payment_method\": \"Credit Card\", \"invoice_date\": \"2022-08-05 00:00:00\", \"shopping_mall\": \"Kanyon\"}")
        .getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.start();

    @Test
    void aValidSaleGoesOnEnrichedUnderItsOwnKeyWithItsEventTimeAsTheRecordsTimestamp() {
        Instant eventTime = START.minusSeconds(90);
        topology.send(Sales.sale().setEventTime(eventTime).build());

        List<TestRecord<byte[], EnrichedSale>> enriched = topology.enriched();
        assertThat(enriched).hasSize(1);
        assertThat(text(enriched.get(0).key())).isEqualTo("I138884");
        assertThat(enriched.get(0).getRecordTime()).isEqualTo(eventTime);
        assertThat(enriched.get(0).value().getEventTime()).isEqualTo(eventTime);
        assertThat(topology.deadLetters()).isEmpty();
    }

    @Test
    void aSaleWrittenBeforeEventTimeExistedTakesItsRecordsTimestampAsItsEventTime() {
        Instant recordTime = START.minusSeconds(5);
        Sale withoutEventTime = Sales.sale().setEventTime(Instant.EPOCH).build();
        topology.send(key("I138884"), topology.avro(withoutEventTime), new RecordHeaders(), recordTime);

        List<TestRecord<byte[], EnrichedSale>> enriched = topology.enriched();
        assertThat(enriched).hasSize(1);
        assertThat(enriched.get(0).getRecordTime()).isEqualTo(recordTime);
        assertThat(enriched.get(0).value().getEventTime()).isEqualTo(recordTime);
    }

    @Test
    void anInvalidSaleGoesToTheDeadLetterTopicAsItsOriginalKeyAndBytesWithHeadersSayingWhyAndWhereFrom() {
        topology.send(Sales.sale().build());
        byte[] original = topology.avro(Sales.sale().setPrice(new BigDecimal("1500.41")).build());
        Headers producerHeaders = new RecordHeaders().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        topology.send(key("k-1"), original, producerHeaders, START);

        List<TestRecord<byte[], byte[]>> letters = topology.deadLetters();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(text(letter.key())).isEqualTo("k-1");
        assertThat(letter.value()).isEqualTo(original);
        assertThat(headers(letter)).isEqualTo(Map.of(
            "trace-id", "t-1",
            DeadLetters.ERROR_CLASS_HEADER, DeadLetters.INVALID,
            DeadLetters.ERROR_REASON_HEADER, "price 1500.41 is not 5 x 300.08 = 1500.40",
            DeadLetters.ERROR_FIELD_HEADER, "price",
            DeadLetters.SOURCE_TOPIC_HEADER, topology.topics.source(),
            DeadLetters.SOURCE_PARTITION_HEADER, "0",
            DeadLetters.SOURCE_OFFSET_HEADER, "1"));
        assertThat(topology.enriched()).hasSize(1);
        assertThat(topology.deadLetterCounts().get(DeadLetters.INVALID)).isEqualTo(1);
    }

    @Test
    void aValueThatIsNotASaleGoesToTheDeadLetterTopicAsADecodeErrorWithoutAField() {
        // First, while the source's subject is still free for another record type.
        byte[] totals = topology.avro(new SalesTotals(new BigDecimal("1.00"), 1L, 1L));
        byte[] unknownMagicByte = {7, 0, 0, 0, 1, 2, 3};
        byte[] unknownSchemaId = {0, 0x7f, 0, 0, 1, 2, 3};
        topology.send(key("totals"), totals, new RecordHeaders(), START);
        topology.send(key("magic"), unknownMagicByte, new RecordHeaders(), START);
        topology.send(key("schema"), unknownSchemaId, new RecordHeaders(), START);
        topology.send(key("tombstone"), null, new RecordHeaders(), START);

        List<TestRecord<byte[], byte[]>> letters = topology.deadLetters();
        assertThat(letters).extracting(letter -> text(letter.key())).containsExactly("totals", "magic", "schema", "tombstone");
        assertThat(letters).extracting(TestRecord::value).containsExactly(totals, unknownMagicByte, unknownSchemaId, null);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(headers(letter)).containsEntry(DeadLetters.ERROR_CLASS_HEADER, DeadLetters.DECODE)
                .doesNotContainKey(DeadLetters.ERROR_FIELD_HEADER);
        });
        assertThat(letters).extracting(letter -> headers(letter).get(DeadLetters.ERROR_REASON_HEADER)).satisfiesExactly(
            reason -> assertThat(reason).isEqualTo("not a sale: the value is a SalesTotals"),
            reason -> assertThat(reason).contains("unknown magic byte 0x07"),
            reason -> assertThat(reason).contains("unknown schema ID 2130706433"),
            reason -> assertThat(reason).isEqualTo("no value (a tombstone)"));
        assertThat(topology.deadLetterCounts().get(DeadLetters.DECODE)).isEqualTo(4);
        assertThat(topology.enriched()).isEmpty();
    }

    @Test
    void theOriginalProducersJsonIsReadAsTheSameSaleAndJsonThatIsNoSaleIsADecodeError() {
        byte[] original = ORIGINAL_PRODUCER_JSON;
        byte[] noPrice = "{\"invoice_no\": \"I1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = "{\"invoice_no\": ".getBytes(StandardCharsets.UTF_8);
        Instant recordTime = START.minusSeconds(3);
        topology.send(key("{\"invoice_no\": \"I138884\"}"), original, new RecordHeaders(), recordTime);
        topology.send(key("no-price"), noPrice, new RecordHeaders(), START);
        topology.send(key("broken"), broken, new RecordHeaders(), START);

        List<TestRecord<byte[], EnrichedSale>> enriched = topology.enriched();
        assertThat(enriched).hasSize(1);
        EnrichedSale sale = enriched.get(0).value();
        assertThat(sale.getPrice()).isEqualTo(new BigDecimal("1500.40"));
        assertThat(sale.getQuantity()).isEqualTo(5);
        assertThat(sale.getInvoiceDate()).isEqualTo(java.time.LocalDate.of(2022, 8, 5));
        assertThat(sale.getEventTime()).isEqualTo(recordTime);
        assertThat(topology.deadLetters()).extracting(letter -> headers(letter).get(DeadLetters.ERROR_REASON_HEADER))
            .containsExactly("not a sale in the original producer's JSON: field price is missing",
                "not a sale in the original producer's JSON: not JSON: Unexpected end-of-input within/between Object entries at column 16");
    }

    @Test
    void theSameSaleInAvroJsonSchemaProtobufAndPlainJsonIsEnrichedAlikeAndOnlyGarbageIsDeadLettered() {
        Sale sale = Sales.sale().build();
        byte[] plainJson = ORIGINAL_PRODUCER_JSON;
        byte[] protobuf = topology.protobuf(SaleProtobuf.toMessage(sale));
        byte[] truncatedProtobuf = Arrays.copyOf(protobuf, protobuf.length - 3);
        byte[] jsonSchema = topology.jsonSchema(SaleJsonSchema.toJson(sale));
        byte[] notJsonAfterItsHeader = Arrays.copyOf(jsonSchema, WireFormat.HEADER_SIZE + 3);
        byte[] noFraming = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 1, 2, 3};
        // The plain JSON has no event time: its record's timestamp, START, stands in, as the others carry.
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("avro", topology.avro(sale));
        inputs.put("jsonschema", jsonSchema);
        inputs.put("protobuf", protobuf);
        inputs.put("plain-json", plainJson);
        inputs.put("truncated-protobuf", truncatedProtobuf);
        inputs.put("json-schema-not-json", notJsonAfterItsHeader);
        inputs.put("no-framing", noFraming);
        inputs.forEach((name, value) -> topology.send(key(name), value, new RecordHeaders(), START));

        List<TestRecord<byte[], EnrichedSale>> enriched = topology.enriched();
        assertThat(enriched).extracting(record -> text(record.key())).containsExactly("avro", "jsonschema", "protobuf", "plain-json");
        assertThat(enriched).extracting(TestRecord::value).containsOnly(enriched.get(0).value());
        assertThat(enriched.get(0).value().getPrice()).isEqualTo(new BigDecimal("1500.40"));
        assertThat(enriched.get(0).value().getEventTime()).isEqualTo(START);

        List<TestRecord<byte[], byte[]>> letters = topology.deadLetters();
        assertThat(letters).extracting(letter -> text(letter.key()))
            .containsExactly("truncated-protobuf", "json-schema-not-json", "no-framing");
        assertThat(letters).extracting(TestRecord::value).containsExactly(truncatedProtobuf, notJsonAfterItsHeader, noFraming);
        assertThat(letters).extracting(letter -> headers(letter).get(DeadLetters.ERROR_REASON_HEADER)).satisfiesExactly(
            reason -> assertThat(reason).contains("not a Protobuf message of schema ID"),
            reason -> assertThat(reason).contains("the bytes after the header are not JSON"),
            reason -> assertThat(reason).contains("unknown magic byte 0xde"));
    }

    @Test
    void aJsonSchemaOrProtobufValueThatIsNoSaleIsADecodeErrorNamingItsFormat() {
        ObjectNode noPrice = SaleJsonSchema.toJson(Sales.sale().build());
        noPrice.remove("price");
        DynamicMessage dollars = SaleProtobuf.toMessage(Sales.sale().build());
        FieldDescriptor price = SaleProtobuf.SALE.findFieldByName("price");
        Message priceInDollars = ((Message) dollars.getField(price)).toBuilder()
            .setField(price.getMessageType().findFieldByName("currency_code"), "USD").build();
        topology.send(key("no-price"), topology.jsonSchema(noPrice), new RecordHeaders(), START);
        topology.send(key("dollars"), topology.protobuf(dollars.toBuilder().setField(price, priceInDollars).build()),
            new RecordHeaders(), START);

        assertThat(topology.deadLetters()).extracting(letter -> headers(letter).get(DeadLetters.ERROR_REASON_HEADER))
            .containsExactly("not a sale in JSON Schema: field price is missing", "not a sale in Protobuf: price is in USD, not TRY");
        assertThat(topology.enriched()).isEmpty();
    }

    @Test
    void aRegistryOutageFailsTheTaskInsteadOfDeadLetteringTheSale() {
        try (TopologyHarness cutOff = TopologyHarness.withTopologyRegistryAt("http://127.0.0.1:1")) {
            byte[] sale = cutOff.avro(Sales.sale().build());

            assertThatThrownBy(() -> cutOff.send(key("I138884"), sale, new RecordHeaders(), START))
                .isInstanceOf(StreamsException.class)
                .hasCauseInstanceOf(SerializationException.class)
                .cause().hasCauseInstanceOf(RegistryConnectionException.class);
            assertThat(cutOff.deadLetters()).isEmpty();
        }
    }

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(TestRecord<?, ?> record) {
        return Arrays.stream(record.headers().toArray())
            .collect(Collectors.toMap(Header::key, header -> text(header.value())));
    }
}
