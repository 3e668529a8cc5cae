package io.tillstream.pipeline;

import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.PipelineApi;
import io.tillstream.pipeline.testing.TestPlatform;
import io.tillstream.retail.DeadLetters;
import io.tillstream.retail.Sale;
import io.tillstream.retail.SyntheticSales;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SalesPipelineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final TestPlatform platform = TestPlatform.get();

    @Test
    void everyAggregateEqualsTheTotalsOfTheGeneratedSalesToTheCent() {
        String source = TestPlatform.unique("sales");
        platform.createTopic(source, 6);
        GeneratedSales generated = new GeneratedSales(42).send(platform, source, 50_000);

        try (SalesPipeline pipeline = platform.startPipeline(platform.pipelineSettings(source, TestPlatform.unique("app")))) {
            PipelineApi api = new PipelineApi(pipeline.httpUrl());
            Awaitility.await().atMost(PATIENCE).until(() -> api.invoicesCounted() == 50_000);

            assertThat(api.rows("/api/v1/sales/by-mall")).isEqualTo(generated.byMall());
            assertThat(api.rows("/api/v1/sales/by-category")).isEqualTo(generated.byCategory());
            assertThat(api.rows("/api/v1/sales/by-payment-method")).isEqualTo(generated.byPaymentMethod());
            assertThat(api.rows("/api/v1/sales/by-day")).isEqualTo(generated.byDay());
            assertThat(api.rows("/api/v1/sales/per-minute?from=" + generated.firstMinute() + "&to=" + Instant.now()))
                .isEqualTo(generated.perMinute());
            assertThat(api.rows("/api/v1/sales/top-customers?limit=10")).containsExactlyEntriesOf(generated.topCustomers(10));
            String best = generated.topCustomers(1).keySet().iterator().next();
            assertThat(api.row("/api/v1/customers/" + best)).containsExactlyEntriesOf(generated.topCustomers(1));
            assertThat(api.get("/api/v1/sales/dead-letters").body().get("total").asLong()).isZero();
            assertThat(api.get("/api/v1/metrics/latency").body().get("count").asLong()).isEqualTo(50_000);

            // The compacted topic holds the same totals, in Avro through the registry.
            Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(platform.latestTotals(source + "_by_mall")).isEqualTo(generated.byMall()));
        }
    }

    @Test
    void garbageLandsInTheDeadLetterTopicWithItsReasonWhileTheGoodSalesAreCounted() {
        String source = TestPlatform.unique("mixed");
        platform.createTopic(source, 2);
        GeneratedSales good = new GeneratedSales(7).send(platform, source, 500);
        byte[] randomBytes = randomBytes(1, 64, 0x7);
        byte[] unknownSchemaId = {0, 0x7f, 0, 0, 1, 2, 3};
        Sale wrongPrice = new SyntheticSales(3, 1, Clock.systemUTC()).next();
        wrongPrice.setPrice(wrongPrice.getPrice().add(new BigDecimal("1.00")));
        byte[] wrongPriceBytes = GeneratedSales.avroSerializer(platform).serialize(source, wrongPrice);
        Map<String, RecordMetadata> garbage = new HashMap<>();
        garbage.put("random", GeneratedSales.sendRaw(platform, source, "k1".getBytes(StandardCharsets.UTF_8), randomBytes));
        garbage.put("schema", GeneratedSales.sendRaw(platform, source, "k2".getBytes(StandardCharsets.UTF_8), unknownSchemaId));
        garbage.put("price", GeneratedSales.sendRaw(platform, source, "k3".getBytes(StandardCharsets.UTF_8), wrongPriceBytes));

        try (SalesPipeline pipeline = platform.startPipeline(platform.pipelineSettings(source, TestPlatform.unique("app")))) {
            PipelineApi api = new PipelineApi(pipeline.httpUrl());
            Awaitility.await().atMost(PATIENCE).until(() -> api.invoicesCounted() == 500
                && api.get("/api/v1/sales/dead-letters").body().get("total").asLong() == 3);

            assertThat(api.rows("/api/v1/sales/by-category")).isEqualTo(good.byCategory());
            assertThat(api.get("/api/v1/sales/dead-letters").body().toString())
                .isEqualTo("{\"total\":3,\"decode\":2,\"invalid\":1}");
            Map<String, ConsumerRecord<byte[], byte[]>> letters = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> letter : platform.readCommitted(source + "_dlq", 3)) {
                letters.put(new String(letter.key(), StandardCharsets.UTF_8), letter);
            }
            assertDeadLetter(letters.get("k1"), randomBytes, garbage.get("random"), "decode", "unknown magic byte 0x07");
            assertDeadLetter(letters.get("k2"), unknownSchemaId, garbage.get("schema"), "decode", "unknown schema ID 2130706433");
            assertDeadLetter(letters.get("k3"), wrongPriceBytes, garbage.get("price"), "invalid", "price "
                + wrongPrice.getPrice().toPlainString() + " is not " + wrongPrice.getQuantity() + " x ");
        }
    }

    /**
     * The totals are written to their changelog only when a task commits (TotalsStore): a new instance
     * on an empty state directory must find every sale in them, none lost and none counted twice.
     */
    @Test
    void anInstanceOnAnEmptyStateDirectoryRestoresEveryTotalFromTheChangelogs() {
        String source = TestPlatform.unique("restored");
        platform.createTopic(source, 3);
        GeneratedSales generated = new GeneratedSales(7).send(platform, source, 5_000);
        String applicationId = TestPlatform.unique("app");

        try (SalesPipeline first = platform.startPipeline(platform.pipelineSettings(source, applicationId))) {
            PipelineApi api = new PipelineApi(first.httpUrl());
            Awaitility.await().atMost(PATIENCE).until(() -> api.invoicesCounted() == 5_000);
        }
        try (SalesPipeline second = platform.startPipeline(platform.pipelineSettings(source, applicationId))) {
            PipelineApi api = new PipelineApi(second.httpUrl());
            Awaitility.await().atMost(PATIENCE).until(() -> second.state().name().equals("RUNNING") && api.invoicesCounted() == 5_000);
            assertThat(api.rows("/api/v1/sales/by-mall")).isEqualTo(generated.byMall());
            assertThat(api.rows("/api/v1/sales/by-day")).isEqualTo(generated.byDay());
            assertThat(api.rows("/api/v1/sales/top-customers?limit=10")).containsExactlyEntriesOf(generated.topCustomers(10));
        }
    }

    @Test
    void aMixedRawDataOfEveryFormatAddsUpToTheCentWithOnlyTheGarbageDeadLettered() {
        String source = TestPlatform.unique("formats");
        platform.createTopic(source, 3);
        GeneratedSales sent = new GeneratedSales(23).sendInEveryFormat(platform, source, 2_000);
        byte[] randomBytes = randomBytes(5, 48, 0x5);
        byte[] truncatedAvro = Arrays.copyOf(GeneratedSales.avroSerializer(platform).serialize(source,
            new SyntheticSales(9, 1, Clock.systemUTC()).next()), 12);
        byte[] notJson = "{\"invoice_no\": \"I1\", \"price\": ".getBytes(StandardCharsets.UTF_8);
        List<byte[]> garbage = List.of(randomBytes, truncatedAvro, notJson);
        garbage.forEach(bytes -> GeneratedSales.sendRaw(platform, source, "garbage".getBytes(StandardCharsets.UTF_8), bytes));

        try (SalesPipeline pipeline = platform.startPipeline(platform.pipelineSettings(source, TestPlatform.unique("app")))) {
            PipelineApi api = new PipelineApi(pipeline.httpUrl());
            Awaitility.await().atMost(PATIENCE).until(() -> api.invoicesCounted() == 2_000
                && api.get("/api/v1/sales/dead-letters").body().get("total").asLong() == garbage.size());

            for (GeneratedSales.Format format : GeneratedSales.Format.values()) {
                assertThat(sent.sentAs(format)).as(format.name()).isEqualTo(500);
            }
            assertThat(api.rows("/api/v1/sales/by-mall")).isEqualTo(sent.byMall());
            assertThat(api.rows("/api/v1/sales/by-day")).isEqualTo(sent.byDay());
            assertThat(api.rows("/api/v1/sales/by-category")).isEqualTo(sent.byCategory());
            assertThat(api.rows("/api/v1/sales/by-payment-method")).isEqualTo(sent.byPaymentMethod());
            assertThat(api.rows("/api/v1/sales/top-customers?limit=10")).containsExactlyEntriesOf(sent.topCustomers(10));
            assertThat(api.get("/api/v1/sales/dead-letters").body().toString()).isEqualTo("{\"total\":3,\"decode\":3,\"invalid\":0}");
            assertThat(platform.readCommitted(source + "_dlq", garbage.size())).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(garbage);
        }
    }

    @Test
    void twoInstancesSplitThePartitionsAndEitherAnswersForBoth() {
        String source = TestPlatform.unique("shared");
        platform.createTopic(source, 4);
        GeneratedSales generated = new GeneratedSales(11).send(platform, source, 5_000);
        String applicationId = TestPlatform.unique("app");

        try (SalesPipeline first = platform.startPipeline(platform.pipelineSettings(source, applicationId));
             SalesPipeline second = platform.startPipeline(platform.pipelineSettings(source, applicationId))) {
            PipelineApi one = new PipelineApi(first.httpUrl());
            PipelineApi two = new PipelineApi(second.httpUrl());
            Awaitility.await().atMost(PATIENCE).until(() -> first.state().name().equals("RUNNING")
                && second.state().name().equals("RUNNING") && one.invoicesCounted() == 5_000 && two.invoicesCounted() == 5_000
                && one.get("/health").body().get("instances").size() == 2);

            long localOne = sum(one.rows("/api/v1/sales/by-mall?local=true"));
            long localTwo = sum(two.rows("/api/v1/sales/by-mall?local=true"));
            assertThat(localOne).isPositive().isLessThan(5_000);
            assertThat(localOne + localTwo).isEqualTo(5_000);
            for (String path : List.of("/api/v1/sales/by-mall", "/api/v1/sales/by-category", "/api/v1/sales/by-payment-method",
                "/api/v1/sales/by-day", "/api/v1/sales/top-customers?limit=5",
                "/api/v1/sales/per-minute?from=" + generated.firstMinute() + "&to=" + Instant.now())) {
                assertThat(two.rows(path)).as(path).containsExactlyEntriesOf(one.rows(path));
            }
            assertThat(one.rows("/api/v1/sales/by-mall")).isEqualTo(generated.byMall());
            assertThat(one.rows("/api/v1/sales/top-customers?limit=5")).containsExactlyEntriesOf(generated.topCustomers(5));
            // A customer's sales are spread over both instances' partitions: either one adds up both parts.
            for (String customer : generated.topCustomers(5).keySet()) {
                assertThat(two.row("/api/v1/customers/" + customer)).isEqualTo(one.row("/api/v1/customers/" + customer))
                    .containsEntry(customer, generated.topCustomers(5).get(customer));
            }
            // The topology's rates come from both instances' tasks: each asks the other for its part over HTTP.
            Awaitility.await().atMost(PATIENCE).until(() -> one.get("/api/v1/topology").body().get("measured").asBoolean()
                && two.get("/api/v1/topology").body().get("measured").asBoolean());
            PipelineApi.Response graph = one.get("/api/v1/topology");
            assertThat(graph.status()).isEqualTo(200);
            assertThat(graph.body().findValuesAsText("id")).contains("sales", "validate", "store:sales-totals")
                .isEqualTo(two.get("/api/v1/topology").body().findValuesAsText("id"));
        }
    }

    /** Random bytes from {@code seed}, the first one {@code first}: no magic byte of Confluent's, no JSON. */
    private static byte[] randomBytes(long seed, int length, int first) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) first;
        return bytes;
    }

    private static long sum(Map<String, GeneratedSales.Group> rows) {
        return rows.values().stream().mapToLong(GeneratedSales.Group::invoices).sum();
    }

    private static void assertDeadLetter(ConsumerRecord<byte[], byte[]> letter, byte[] original, RecordMetadata source,
                                         String errorClass, String reason) {
        assertThat(letter.value()).isEqualTo(original);
        assertThat(header(letter, DeadLetters.ERROR_CLASS_HEADER)).isEqualTo(errorClass);
        assertThat(header(letter, DeadLetters.ERROR_REASON_HEADER)).contains(reason);
        assertThat(header(letter, DeadLetters.SOURCE_TOPIC_HEADER)).isEqualTo(source.topic());
        assertThat(header(letter, DeadLetters.SOURCE_PARTITION_HEADER)).isEqualTo(Integer.toString(source.partition()));
        assertThat(header(letter, DeadLetters.SOURCE_OFFSET_HEADER)).isEqualTo(Long.toString(source.offset()));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
