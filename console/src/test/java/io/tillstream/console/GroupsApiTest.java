package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.tillstream.console.ConsoleApiTest.assertError;
import static io.tillstream.console.ConsoleApiTest.newTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Consumer groups API against real consumers in real groups on the embedded cluster. */
@ExtendWith(Environment.Extension.class)
class GroupsApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A group whose one consumer read {@code records} of {@code topics}, committed, and left: its path, once the group is EMPTY. */
    private static String leftEmpty(Environment env, Client client, String group, String clientId, List<String> topics,
                                    int records) {
        consumerThatCommitted(env, group, clientId, topics, records).close();
        return awaitEmpty(client, group);
    }

    private static String awaitEmpty(Client client, String group) {
        String path = "/api/v1/groups/" + group;
        await().atMost(PATIENCE).until(() -> client.get(path).body().get("state").asText().equals("EMPTY"));
        return path;
    }

    static void produce(Environment env, String topic, int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", env.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "sale " + i));
            }
        }
    }

    /** A consumer in {@code group} that has read {@code records} records of {@code topics} and committed; the caller closes it. */
    static KafkaConsumer<String, String> consumerThatCommitted(Environment env, String group, String clientId,
                                                               List<String> topics, int records) {
        return consumerThatCommitted(env, "classic", group, clientId, topics, records);
    }

    /** As above, the group run by {@code protocol}: classic, or consumer for the broker-side rebalance of KIP-848. */
    static KafkaConsumer<String, String> consumerThatCommitted(Environment env, String protocol, String group,
                                                               String clientId, List<String> topics, int records) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers(),
            ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol,
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.CLIENT_ID_CONFIG, clientId,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(topics);
        int[] read = {0};
        await().atMost(PATIENCE).until(() -> {
            read[0] += consumer.poll(Duration.ofMillis(200)).count();
            return read[0] >= records && !consumer.assignment().isEmpty();
        });
        consumer.commitSync();
        return consumer;
    }

    private static String newGroup() {
        return "group-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Long> committed(JsonNode detail) {
        Map<String, Long> offsets = new HashMap<>();
        detail.get("partitions").forEach(p -> offsets.put(p.get("topic").asText() + "-" + p.get("partition").asInt(),
            p.get("committedOffset").isNull() ? null : p.get("committedOffset").asLong()));
        return offsets;
    }

    private static JsonNode listed(Client client, String group) {
        return StreamSupport.stream(client.get("/api/v1/groups?search=" + group).body().spliterator(), false)
            .filter(g -> g.get("groupId").asText().equals(group)).findFirst().orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"classic", "consumer"})
    void lagIsExactPerPartitionAndInTotalWhileAConsumerReads(String protocol, Environment env) {
        Client client = new Client(env.console().url());
        String topic = newTopic(client, 3);
        String group = newGroup();
        produce(env, topic, 30);
        try (KafkaConsumer<String, String> consumer = consumerThatCommitted(env, protocol, group, "reader-1", List.of(topic), 30)) {
            JsonNode caughtUp = client.get("/api/v1/groups/" + group).body();
            assertThat(caughtUp.get("state").asText()).isEqualTo("STABLE");
            assertThat(caughtUp.get("type").asText()).isEqualTo(protocol);
            assertThat(caughtUp.get("assignor").asText()).isNotBlank();
            assertThat(caughtUp.at("/coordinator/id").asInt()).isZero();
            assertThat(caughtUp.get("members")).hasSize(1);
            JsonNode member = caughtUp.at("/members/0");
            assertThat(member.get("clientId").asText()).isEqualTo("reader-1");
            assertThat(member.get("host").asText()).contains("127.0.0.1");
            assertThat(member.get("assignment").findValues("partition").stream().map(JsonNode::asInt))
                .containsExactly(0, 1, 2);
            assertThat(caughtUp.get("totalLag").asLong()).isZero();
            assertThat(caughtUp.get("partitions")).allSatisfy(p -> {
                assertThat(p.get("committedOffset").asLong()).isEqualTo(p.get("endOffset").asLong());
                assertThat(p.get("clientId").asText()).isEqualTo("reader-1");
            });

            produce(env, topic, 17);

            JsonNode behind = client.get("/api/v1/groups/" + group).body();
            assertThat(behind.get("totalLag").asLong()).isEqualTo(17);
            assertThat(behind.get("partitions")).allSatisfy(p -> assertThat(p.get("lag").asLong())
                .isEqualTo(p.get("endOffset").asLong() - p.get("committedOffset").asLong()));
            assertThat(behind.get("partitions").findValues("lag").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(17);
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode row = listed(client, group);
                assertThat(row).as("group %s in the groups list", group).isNotNull();
                assertThat(row.get("state").asText()).isEqualTo("STABLE");
                assertThat(row.get("members").asInt()).isEqualTo(1);
                assertThat(row.get("topics")).hasSize(1);
                assertThat(row.get("topics").get(0).asText()).isEqualTo(topic);
                assertThat(row.get("totalLag").asLong()).isEqualTo(17);
                JsonNode samples = client.get("/api/v1/groups/" + group + "/lag").body().get("samples");
                assertThat(samples.get(samples.size() - 1).get("lag").asLong()).isEqualTo(17);
            });
            assertThat(client.get("/api/v1/groups?search=no-such-group-" + group).body()).isEmpty();
        }
    }

    @Test
    void offsetsAreNeitherResetNorTheGroupDeletedWhileAConsumerIsInIt(Environment env) {
        Client client = new Client(env.console().url());
        String topic = newTopic(client, 1);
        String group = newGroup();
        produce(env, topic, 5);
        try (KafkaConsumer<String, String> consumer = consumerThatCommitted(env, group, "busy", List.of(topic), 5)) {
            Client.Response reset = client.post("/api/v1/groups/" + group + "/offsets", Map.of("to", "earliest"));
            Client.Response delete = client.delete("/api/v1/groups/" + group + "?confirm=" + group);

            assertError(reset, 409, "group_not_empty");
            assertThat(reset.body().at("/error/message").asText()).contains("1 active member", "stop its consumers first");
            assertError(delete, 409, "group_not_empty");
            JsonNode detail = client.get("/api/v1/groups/" + group).body();
            assertThat(committed(detail)).containsEntry(topic + "-0", 5L);
            assertThat(detail.get("members")).hasSize(1);
        }
    }

    @Test
    void resetMovesCommittedOffsetsToTheEarliestTheLatestOrATimestamp(Environment env) {
        Client client = new Client(env.console().url());
        String timed = newTopic(client, 2);
        String other = newTopic(client, 1);
        String group = newGroup();
        long base = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", env.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (int partition = 0; partition < 2; partition++) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(timed, partition, base + i * 1000L, "k", "at " + i));
                }
            }
        }
        produce(env, other, 5);
        String path = leftEmpty(env, client, group, "gone", List.of(timed, other), 25);
        assertThat(committed(client.get(path).body()))
            .containsExactlyInAnyOrderEntriesOf(Map.of(timed + "-0", 10L, timed + "-1", 10L, other + "-0", 5L));

        Client.Response earliest = client.post(path + "/offsets", Map.of("to", "earliest"));
        assertThat(earliest.status()).isEqualTo(200);
        assertThat(earliest.body().get("offsets").findValues("offset")).hasSize(3).allMatch(o -> o.asLong() == 0);
        JsonNode rewound = client.get(path).body();
        assertThat(committed(rewound)).containsExactlyInAnyOrderEntriesOf(
            Map.of(timed + "-0", 0L, timed + "-1", 0L, other + "-0", 0L));
        assertThat(rewound.get("totalLag").asLong()).isEqualTo(25);

        assertThat(client.post(path + "/offsets", Map.of("to", "latest", "topic", other)).status()).isEqualTo(200);
        assertThat(committed(client.get(path).body())).containsExactlyInAnyOrderEntriesOf(
            Map.of(timed + "-0", 0L, timed + "-1", 0L, other + "-0", 5L));

        assertThat(client.post(path + "/offsets", Map.of("to", "timestamp", "timestamp", base + 5_500, "topic", timed))
            .status()).isEqualTo(200);
        assertThat(committed(client.get(path).body())).as("the first record at or after the time: the 7th")
            .containsExactlyInAnyOrderEntriesOf(Map.of(timed + "-0", 6L, timed + "-1", 6L, other + "-0", 5L));

        client.post(path + "/offsets", Map.of("to", "timestamp", "timestamp", System.currentTimeMillis() + 3_600_000L));
        JsonNode future = client.get(path).body();
        assertThat(committed(future)).as("a time after every record: the end of the log")
            .containsExactlyInAnyOrderEntriesOf(Map.of(timed + "-0", 10L, timed + "-1", 10L, other + "-0", 5L));
        assertThat(future.get("totalLag").asLong()).isZero();
    }

    @Test
    void anEmptyGroupIsDeletedOnceItsIdIsTypedAgain(Environment env) {
        Client client = new Client(env.console().url());
        String topic = newTopic(client, 1);
        String group = newGroup();
        produce(env, topic, 3);
        String path = leftEmpty(env, client, group, "done", List.of(topic), 3);

        assertError(client.delete(path + "?confirm=other"), 400, "confirmation_mismatch");
        assertThat(client.delete(path + "?confirm=" + group).status()).isEqualTo(204);

        assertError(client.get(path), 404, "group_not_found");
        assertThat(listed(client, group)).isNull();
        assertError(client.delete(path + "?confirm=" + group), 404, "group_not_found");
    }

    @Test
    void unknownGroupsAndBadRequestsAreAnsweredWithAClearError(Environment env) {
        Client client = new Client(env.console().url());
        String topic = newTopic(client, 1);
        String group = newGroup();
        produce(env, topic, 2);
        String path = leftEmpty(env, client, group, "left", List.of(topic), 2);

        assertError(client.get("/api/v1/groups/no-such-" + group), 404, "group_not_found");
        assertError(client.post("/api/v1/groups/no-such-" + group + "/offsets", Map.of("to", "earliest")), 404,
            "group_not_found");
        assertThat(client.get("/api/v1/groups/no%20such%23" + group).body().at("/error/message").asText())
            .as("the id decoded from the path").contains("no such#" + group);
        assertError(client.get("/api/v1/groups/" + "g".repeat(256)), 400, "bad_request");
        assertError(client.post(path + "/offsets", Map.of("to", "yesterday")), 400, "bad_request");
        assertError(client.post(path + "/offsets", Map.of("to", "timestamp")), 400, "bad_request");
        assertError(client.post(path + "/offsets", Map.of("to", "earliest", "topic", "missing-" + group)), 404,
            "topic_not_found");
        assertError(client.post(path + "/offsets", "not an object"), 400, "bad_request");
        assertThat(committed(client.get(path).body())).containsEntry(topic + "-0", 2L);
    }

    @Test
    void aReadOnlyConsoleShowsGroupsButRefusesToResetOrDeleteThem(Environment env) {
        Client admin = new Client(env.console().url());
        String topic = newTopic(admin, 1);
        String group = newGroup();
        produce(env, topic, 4);
        consumerThatCommitted(env, group, "paused", List.of(topic), 4).close();
        try (ControlCenter readOnly = env.startConsole(Map.of(ConsoleConfig.READ_ONLY_CONFIG, true))) {
            Client client = new Client(readOnly.url());
            String path = awaitEmpty(client, group);

            assertError(client.post(path + "/offsets", Map.of("to", "earliest")), 403, "read_only");
            assertError(client.delete(path + "?confirm=" + group), 403, "read_only");

            assertThat(committed(client.get(path).body())).containsEntry(topic + "-0", 4L);
        }
    }
}
