package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tillstream.pipeline.testing.GeneratedSales;
import io.tillstream.pipeline.testing.MirroredSale;
import io.tillstream.pipeline.testing.PipelineApi;
import io.tillstream.retail.DeadLetters;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tillstream.console.ConsoleApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The Dead letters API over a real pipeline: what it rejected, grouped and decoded, and redriven once fixed. */
@ExtendWith(Environment.Extension.class)
class DeadLettersApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aSaleDeadLetteredForAnUnknownSchemaIsRedrivenOnceTheSchemaIsImportedAndTheTotalsMoveByExactlyThatSale(
        Environment env) throws Exception {
        try (SalesFixture sales = SalesFixture.start(env)) {
            Client api = new Client(env.console().url());
            PipelineApi pipeline = new PipelineApi(sales.url());
            sales.send(20, "max");
            Awaitility.await().atMost(PATIENCE).until(() -> sales.invoicesCounted() == 20);
            BigDecimal kanyonBefore = revenue(pipeline, "Kanyon");

            MirroredSale mirrored = MirroredSale.create();
            mirrored.send(env.bootstrapServers(), sales.sourceTopic());
            String dlq = "/api/v1/dead-letters/" + sales.deadLetterTopic();
            JsonNode group = Awaitility.await().atMost(PATIENCE).until(() -> groups(api, dlq), g -> g.size() == 1).get(0);
            assertThat(group.get("errorClass").asText()).isEqualTo(DeadLetters.DECODE);
            assertThat(group.get("reason").asText()).contains("unknown schema ID " + mirrored.schemaId());
            assertThat(group.get("count").asLong()).isEqualTo(1);
            assertThat(group.get("redriven").asLong()).isZero();
            assertThat(api.get("/api/v1/dead-letters").body().findValuesAsText("topic")).contains(sales.deadLetterTopic());

            JsonNode records = api.get(dlq + "/records?group=" + group.get("id").asText()).body();
            assertThat(records.get("matched").asLong()).isEqualTo(1);
            JsonNode letter = records.get("records").get(0);
            assertThat(letter.at("/source/topic").asText()).isEqualTo(sales.sourceTopic());
            assertThat(letter.at("/key/content").asText()).isEqualTo(mirrored.sale().getInvoiceNo());
            assertThat(letter.at("/value/format").asText()).isEqualTo("binary");
            assertThat(letter.at("/value/schemaId").asInt()).isEqualTo(mirrored.schemaId());
            assertThat(letter.at("/value/error").asText()).contains(Integer.toString(mirrored.schemaId()));
            String id = letter.get("partition").asInt() + ":" + letter.get("offset").asLong();

            mirrored.importSchema(env.registryUrl());
            Map<String, Object> request = Map.of("requestId", UUID.randomUUID().toString(), "records", List.of(id));
            JsonNode preview = api.post(dlq + "/redrive", with(request, "dryRun", true)).body();
            assertThat(preview.get("sent").asLong()).isEqualTo(1);
            assertThat(preview.get("dryRun").asBoolean()).isTrue();
            JsonNode answer = api.post(dlq + "/redrive", request).body();
            assertThat(answer.get("sent").asLong()).as(answer.toString()).isEqualTo(1);
            assertThat(answer.at("/records/0/topic").asText()).isEqualTo(sales.sourceTopic());
            assertThat(answer.at("/records/0/offset").asLong()).isNotNegative();
            assertThat(answer.at("/records/0/redriveCount").asInt()).isEqualTo(1);

            Awaitility.await().atMost(PATIENCE).until(() -> sales.invoicesCounted() == 21);
            assertThat(revenue(pipeline, "Kanyon")).isEqualByComparingTo(kanyonBefore.add(mirrored.sale().getPrice()));

            JsonNode again = api.post(dlq + "/redrive", request).body();
            assertThat(again.get("sent").asLong()).isZero();
            assertThat(again.at("/skipped/0/reason").asText()).isEqualTo("sent_by_this_request");
            JsonNode another = api.post(dlq + "/redrive", Map.of("requestId", "another", "filter", Map.of())).body();
            assertThat(another.get("sent").asLong()).isZero();
            assertThat(another.at("/skipped/0/reason").asText()).isEqualTo("already_redriven");
            assertThat(groups(api, dlq).get(0).get("redriven").asLong()).isEqualTo(1);
            assertThat(api.get(dlq + "/records").body().at("/records/0/redriven/count").asInt()).isEqualTo(1);
            Thread.sleep(2_000);
            assertThat(sales.invoicesCounted()).as("nothing sent twice").isEqualTo(21);
        }
    }

    @Test
    void aRecordThatKeepsFailingComesBackWithItsRedriveCountUntilTheLimitStopsItUnlessForced(Environment env)
        throws Exception {
        try (SalesFixture sales = SalesFixture.start(env)) {
            Client api = new Client(env.console().url());
            String dlq = "/api/v1/dead-letters/" + sales.deadLetterTopic();
            send(env, sales.sourceTopic(), "not a sale".getBytes(StandardCharsets.UTF_8));
            Awaitility.await().atMost(PATIENCE).until(() -> count(api, dlq), n -> n == 1);

            for (int round = 1; round <= 3; round++) {
                JsonNode answer = api.post(dlq + "/redrive", Map.of("requestId", "round-" + round,
                    "filter", Map.of("errorClass", DeadLetters.DECODE))).body();
                assertThat(answer.get("sent").asLong()).as(answer.toString()).isEqualTo(1);
                int expected = round + 1;
                Awaitility.await().atMost(PATIENCE).until(() -> count(api, dlq), n -> n == expected);
            }
            JsonNode newest = api.get(dlq + "/records?limit=1").body().get("records").get(0);
            assertThat(newest.get("redriveCount").asInt()).isEqualTo(3);
            assertThat(newest.get("headers").findValuesAsText("key")).containsOnlyOnce(DeadLetters.REDRIVE_COUNT_HEADER);

            JsonNode limited = api.post(dlq + "/redrive", Map.of("requestId", "round-4", "filter", Map.of())).body();
            assertThat(limited.get("sent").asLong()).isZero();
            assertThat(limited.get("summary").asText()).contains("already_redriven 3", "redrive_limit 1");
            JsonNode forced = api.post(dlq + "/redrive", Map.of("requestId", "forced", "dryRun", true, "force", true,
                "filter", Map.of("group", newest.get("group").asText()))).body();
            assertThat(forced.get("sent").asLong()).isEqualTo(4);
        }
    }

    @Test
    void aRedriveIsRefusedReadOnlyWithoutTheCsrfTokenAndForBadRequests(Environment env) throws Exception {
        String topic = "orphans_dlq";
        new Client(env.console().url()).post("/api/v1/topics", Map.of("name", topic, "partitions", 1));
        send(env, topic, "no headers".getBytes(StandardCharsets.UTF_8));
        send(env, topic, "from a topic deleted since".getBytes(StandardCharsets.UTF_8),
            new RecordHeader(DeadLetters.ERROR_CLASS_HEADER, "decode".getBytes(StandardCharsets.UTF_8)),
            new RecordHeader(DeadLetters.SOURCE_TOPIC_HEADER, "gone".getBytes(StandardCharsets.UTF_8)),
            new RecordHeader(DeadLetters.SOURCE_PARTITION_HEADER, "0".getBytes(StandardCharsets.UTF_8)),
            new RecordHeader(DeadLetters.SOURCE_OFFSET_HEADER, "1".getBytes(StandardCharsets.UTF_8)));
        String redrive = "/api/v1/dead-letters/" + topic + "/redrive";
        Map<String, Object> all = Map.of("requestId", "r", "filter", Map.of());
        try (ControlCenter readOnly = env.startConsole(Map.of(ConsoleConfig.READ_ONLY_CONFIG, true))) {
            assertError(new Client(readOnly.url()).post(redrive, all), 403, "read_only");
            assertThat(new Client(readOnly.url()).get("/api/v1/dead-letters/" + topic + "/groups").status()).isEqualTo(200);
        }
        Client api = new Client(env.console().url());
        assertError(new Client(env.console().url()).withoutCsrf().post(redrive, all), 403, "csrf_token_invalid");
        assertError(api.post(redrive, Map.of("filter", Map.of())), 400, "bad_request");
        assertError(api.post(redrive, Map.of("requestId", "r")), 400, "bad_request");
        assertError(api.post(redrive, Map.of("requestId", "r", "records", List.of("zero"))), 400, "bad_request");
        assertError(api.post("/api/v1/dead-letters/missing_dlq/redrive", all), 404, "topic_not_found");
        assertError(api.get("/api/v1/dead-letters/" + topic + "/records?sourceFromOffset=9&sourceToOffset=3"), 400,
            "bad_request");

        JsonNode answer = api.post(redrive, all).body();
        assertThat(answer.get("sent").asLong()).isZero();
        assertThat(answer.get("summary").asText()).isEqualTo("sent 0, skipped 2 (no_source 1, source_missing 1) of 2 matching, 2 read");
        assertThat(api.get("/api/v1/topics/gone").status())
            .as("a redrive never creates a topic").isEqualTo(404);
        assertThat(api.get("/api/v1/dead-letters/" + topic + "/groups").body().get("groups").findValuesAsText("errorClass"))
            .containsExactlyInAnyOrder("unknown", "decode");
        assertThat(api.get("/api/v1/clusters/" + env.console().clusters().get(0) + "/dead-letters/" + topic + "/groups")
            .body().get("groups")).as("scoped by cluster too").hasSize(2);
    }

    private static Map<String, Object> with(Map<String, Object> request, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(request);
        copy.put(key, value);
        return copy;
    }

    private static JsonNode groups(Client api, String dlq) {
        Client.Response response = api.get(dlq + "/groups");
        return response.status() == 200 ? response.body().get("groups") : JsonNodeFactory.instance.arrayNode();
    }

    private static long count(Client api, String dlq) {
        Client.Response response = api.get(dlq + "/records?limit=1");
        return response.status() == 200 ? response.body().get("matched").asLong() : -1;
    }

    private static BigDecimal revenue(PipelineApi pipeline, String mall) {
        GeneratedSales.Group group = pipeline.rows("/api/v1/sales/by-mall").get(mall);
        return group == null ? BigDecimal.ZERO : group.revenue();
    }

    private static void send(Environment env, String topic, byte[] value, RecordHeader... headers) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            env.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<byte[], byte[]>(topic, null, (byte[]) null, value,
                headers.length > 0 ? List.of(headers) : List.of(new RecordHeader("trace", "t-1".getBytes(StandardCharsets.UTF_8))))).get();
        }
    }
}
