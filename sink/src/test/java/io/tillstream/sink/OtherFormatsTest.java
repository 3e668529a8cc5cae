package io.tillstream.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.TestPlatform;
import io.tillstream.retail.DeadLetters;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SaleJsonSchema;
import io.tillstream.retail.SaleProtobuf;
import io.tillstream.retail.SyntheticSales;
import io.tillstream.serde.JsonSchemaEnvelope;
import io.tillstream.serde.KafkaJsonSchemaSerializer;
import io.tillstream.serde.KafkaProtobufSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sales as {@code generate --format protobuf} and {@code --format jsonschema} write them, landed typed from
 * their registered schemas: the price an exact decimal, the invoice date a DATE. One value that no Parquet
 * row can hold goes to the dead-letter topic with its reason, and the sales around it land. A topic of every
 * format at once lands in one roll, a file per schema and day, not a roll at each change of format.
 */
class OtherFormatsTest {

    private static final int SALES = 300;
    private static final String BAD_KEY = "bad";

    @TempDir
    Path dir;

    @Test
    void protobufSalesLandWithTheirMoneyDecimalAndTheirDateADate() throws Exception {
        SyntheticSales synthetic = new SyntheticSales(9, 2_000, Clock.systemUTC());
        List<Sale> sales = Stream.generate(synthetic::next).limit(SALES).toList();
        try (KafkaProtobufSerializer<Message> protobuf = new KafkaProtobufSerializer<>()) {
            Landed landed = land(protobuf, sales, SaleProtobuf::toMessage, withoutItsDay(SaleProtobuf.toMessage(synthetic.next())));

            assertThat(landed.columns()).containsEntry("price", "DECIMAL(28,9)").containsEntry("price_currency_code", "VARCHAR")
                .containsEntry("invoice_date", "DATE").containsEntry("event_time", "TIMESTAMP WITH TIME ZONE")
                .containsEntry("age", "INTEGER").containsEntry("invoice_no", "VARCHAR");
            assertThat(landed.revenueByDay()).isEqualTo(revenueByDay(sales, 9));
            assertThat(landed.deadLetterReason()).matches("the Protobuf value at topic \\S+ partition \\d offset \\d+ cannot be"
                + " a Parquet row: the google.type.Date \\d+-\\d+-0 is not a whole date .*");
        }
    }

    @Test
    void jsonSchemaSalesLandWithTheirNumberDecimalAndTheirDateADate() throws Exception {
        SyntheticSales synthetic = new SyntheticSales(10, 2_000, Clock.systemUTC());
        List<Sale> sales = Stream.generate(synthetic::next).limit(SALES).toList();
        ObjectNode tooFine = SaleJsonSchema.toJson(synthetic.next()).put("price", new BigDecimal("12.0000000001"));
        try (KafkaJsonSchemaSerializer<JsonNode> jsonSchema = new KafkaJsonSchemaSerializer<>()) {
            Landed landed = land(jsonSchema, sales, sale -> JsonSchemaEnvelope.of(SaleJsonSchema.SCHEMA, SaleJsonSchema.toJson(sale)),
                JsonSchemaEnvelope.of(SaleJsonSchema.SCHEMA, tooFine));

            assertThat(landed.columns()).containsEntry("price", "DECIMAL(38,9)").containsEntry("invoice_date", "DATE")
                .containsEntry("age", "BIGINT").containsEntry("invoice_no", "VARCHAR").containsEntry("event_time", "BIGINT");
            assertThat(landed.revenueByDay()).isEqualTo(revenueByDay(sales, 9));
            assertThat(landed.deadLetterReason()).matches("the JSON Schema value at topic \\S+ partition \\d offset \\d+ cannot"
                + " be a Parquet row: property price is 12.0000000001, which has more than 9 decimal places");
        }
    }

    @Test
    void aTopicOfEveryFormatLandsInOneRollAFileOfEachSchemaPerDay() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String topic = TestPlatform.unique("mixed");
        platform.createTopic(topic, 2);
        GeneratedSales sent = new GeneratedSales(11).sendInEveryFormat(platform, topic, 400);
        Path lake = dir.resolve("lake");

        try (RunningSink sink = RunningSink.start(SinkProcess.settings(platform, topic, lake,
            Map.of(SinkConfig.EXIT_AT_END_CONFIG, "true")))) {
            sink.run().get(60, TimeUnit.SECONDS);
        }

        long days = sent.sales().stream().map(Sale::getInvoiceDate).distinct().count();
        // The original producer's plain JSON has no registered schema: a dead letter. Each other format is a schema.
        long landed = sent.sales().size() - sent.sentAs(GeneratedSales.Format.ORIGINAL_JSON);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT invoice_no), count(DISTINCT filename)"
                 + " FROM read_parquet('" + lake + "/**/*.parquet', union_by_name = true, filename = true)")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(landed);
            assertThat(rows.getLong(2)).isEqualTo(landed);
            assertThat(rows.getLong(3)).isLessThanOrEqualTo(2 * days * 3);
        }
    }

    /** What DuckDB reads of the lake, and the one dead letter's reason. */
    private record Landed(Map<String, String> columns, Map<String, BigDecimal> revenueByDay, String deadLetterReason) {
    }

    /**
     * Sends the sales, with {@code bad} among them, as {@code serializer} writes them into a new topic, lands the
     * topic with {@code exit.at.end}, and checks that every sale landed once in its day's directory.
     */
    private <T> Landed land(Serializer<T> serializer, List<Sale> sales, Function<Sale, T> value, T bad) throws Exception {
        TestPlatform platform = TestPlatform.get();
        String topic = TestPlatform.unique("formats");
        platform.createTopic(topic, 2);
        serializer.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < sales.size(); i++) {
                if (i == sales.size() / 2) {
                    producer.send(new ProducerRecord<>(topic, BAD_KEY.getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, bad)));
                }
                Sale sale = sales.get(i);
                producer.send(new ProducerRecord<>(topic, sale.getInvoiceNo().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(topic, value.apply(sale))));
            }
        }
        Path lake = dir.resolve("lake");
        try (RunningSink sink = RunningSink.start(SinkProcess.settings(platform, topic, lake,
                 Map.of(SinkConfig.EXIT_AT_END_CONFIG, "true")));
             LakeReader duckdb = new LakeReader(lake)) {
            sink.run().get(60, TimeUnit.SECONDS);
            List<ConsumerRecord<byte[], byte[]>> letters = platform.readCommitted(DeadLetters.topicFor(topic), 1);

            assertThat(duckdb.count()).isEqualTo(sales.size());
            assertThat(duckdb.distinctInvoices()).isEqualTo(sales.size());
            assertThat(duckdb.misplaced()).isZero();
            assertThat(letters).singleElement().extracting(letter -> new String(letter.key(), StandardCharsets.UTF_8))
                .isEqualTo(BAD_KEY);
            return new Landed(duckdb.columnTypes(), duckdb.revenueByDay(), new String(
                letters.get(0).headers().lastHeader(DeadLetters.ERROR_REASON_HEADER).value(), StandardCharsets.UTF_8));
        }
    }

    /** Revenue per ISO invoice date, at the scale DuckDB sums the price column in. */
    private static Map<String, BigDecimal> revenueByDay(List<Sale> sales, int scale) {
        return sales.stream().collect(Collectors.groupingBy(sale -> sale.getInvoiceDate().toString(), TreeMap::new,
            Collectors.reducing(BigDecimal.ZERO.setScale(scale), sale -> sale.getPrice().setScale(scale), BigDecimal::add)));
    }

    /** A google.type.Date may leave its day out (a card's expiry month); a DATE column may not. */
    private static DynamicMessage withoutItsDay(DynamicMessage sale) {
        Descriptor date = SaleProtobuf.SALE.findFieldByName("invoice_date").getMessageType();
        DynamicMessage invoiceDate = (DynamicMessage) sale.getField(SaleProtobuf.SALE.findFieldByName("invoice_date"));
        return sale.toBuilder().setField(SaleProtobuf.SALE.findFieldByName("invoice_date"),
            invoiceDate.toBuilder().setField(date.findFieldByName("day"), 0).build()).build();
    }
}
