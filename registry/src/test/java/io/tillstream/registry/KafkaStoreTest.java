package io.tillstream.registry;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tillstream.registry.Http.body;
import static io.tillstream.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's state in the {@code _schemas} topic: restarts, Confluent's record layout, concurrency, start-up. */
class KafkaStoreTest {

    @TempDir
    static Path dataDir;
    static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestClusters.start(dataDir, 1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static SchemaRegistryServer start(String topic, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(Map.of(
            RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            RegistryConfig.KAFKASTORE_TOPIC_CONFIG, topic,
            RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0"));
        props.putAll(extra);
        SchemaRegistryServer server = SchemaRegistryServer.create(new RegistryConfig(props));
        server.start();
        return server;
    }

    private static void createTopic(String topic, String cleanupPolicy) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy)))).all().get();
        }
    }

    private static void produce(String topic, List<String[]> keysAndValues) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (String[] r : keysAndValues) {
                producer.send(new ProducerRecord<>(topic, 0, r[0], r[1]));
            }
        }
    }

    /** What compaction leaves of the topic once it has run and removed the tombstones: the last value of each key's bytes. */
    private static Map<String, String> compacted(String topic) {
        Map<String, String> last = new LinkedHashMap<>();
        records(topic).forEach(r -> last.put(r.key(), r.value()));
        last.values().removeIf(Objects::isNull);
        return last;
    }

    private static List<ConsumerRecord<String, String>> records(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Test
    void aRestartedServerKeepsEverySubjectVersionIdConfigAndDeletion() {
        Map<String, String> before = new HashMap<>();
        try (SchemaRegistryServer server = start("_schemas_restart", Map.of())) {
            Http http = new Http(server.url());
            http.post("/subjects/keep-a-value/versions", body(record("KeepA")));
            http.post("/subjects/keep-b-value/versions", body(record("KeepB")));
            http.post("/subjects/keep-b-value/versions", body(record("KeepA")));
            http.post("/subjects/gone-value/versions", body(record("Gone")));
            http.delete("/subjects/gone-value");
            http.put("/config/keep-a-value", "{\"compatibility\":\"NONE\"}");
            http.put("/mode/keep-b-value", "{\"mode\":\"READONLY\"}");
            for (String path : List.of("/subjects", "/subjects?deleted=true", "/schemas?deleted=true",
                "/subjects/keep-b-value/versions", "/config/keep-a-value", "/mode/keep-b-value", "/schemas/ids/1",
                "/schemas/ids/2", "/schemas/ids/3")) {
                before.put(path, http.get(path).body());
            }
        }
        try (SchemaRegistryServer server = start("_schemas_restart", Map.of())) {
            Http http = new Http(server.url());
            before.forEach((path, body) -> assertThat(http.get(path).body()).as(path).isEqualTo(body));
            assertThat(new Http(server.url()).post("/subjects/new-value/versions", body(record("New"))).body())
                .isEqualTo("{\"id\":4}");
        }
    }

    @Test
    void aRequestThatArrivesWhileTheTopicIsNotYetReadWaitsAndSeesEverySchema() throws Exception {
        try (SchemaRegistryServer server = start("_schemas_early", Map.of())) {
            new Http(server.url()).post("/subjects/early-value/versions", body(record("Early")));
        }
        SchemaRegistryServer server = SchemaRegistryServer.create(new RegistryConfig(Map.of(
            RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            RegistryConfig.KAFKASTORE_TOPIC_CONFIG, "_schemas_early",
            RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0")));
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (server) {
            server.listen();
            Future<Http.Response> subjects = client.submit(() -> new Http(server.url()).get("/subjects"));
            Thread.sleep(300);
            assertThat(subjects).as("answered before the topic was read").isNotDone();
            server.start();
            assertThat(subjects.get().body()).isEqualTo("[\"early-value\"]");
        } finally {
            client.shutdownNow();
        }
    }

    @Test
    void fiftyConcurrentRegistrationsOfOneSchemaGetOneId() throws Exception {
        try (SchemaRegistryServer server = start("_schemas_concurrent", Map.of())) {
            Http http = new Http(server.url());
            ExecutorService pool = Executors.newFixedThreadPool(50);
            try {
                List<Callable<String>> calls = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    calls.add(() -> http.post("/subjects/race-value/versions", body(record("Race"))).body());
                }
                Set<String> answers = new HashSet<>();
                for (Future<String> answer : pool.invokeAll(calls)) {
                    answers.add(answer.get());
                }
                assertThat(answers).containsExactly("{\"id\":1}");
            } finally {
                pool.shutdownNow();
            }
            assertThat(http.get("/subjects/race-value/versions").body()).isEqualTo("[1]");
        }
    }

    @Test
    void aTopicConfluentWroteIsReadWithTheSameIdsVersionsConfigAndDeletions() throws Exception {
        String topic = "_schemas_confluent";
        createTopic(topic, TopicConfig.CLEANUP_POLICY_COMPACT);
        String orders = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
        String ordersV2 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"total\",\"type\":\"double\",\"default\":0.0}]}";
        String gone = "{\"type\":\"record\",\"name\":\"Gone\",\"fields\":[]}";
        // Records as Confluent Schema Registry 7.x writes them (compare a kafka-console-consumer dump of its _schemas).
        List<String[]> confluentRecords = List.of(
            new String[] {"{\"keytype\":\"NOOP\",\"magic\":0}", null},
            new String[] {"{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}", "{\"compatibilityLevel\":\"FULL\"}"},
            new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"orders-value\",\"version\":1,\"id\":21,\"schema\":" + Http.JSON.valueToTree(orders) + ",\"deleted\":false}"},
            new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":2,\"magic\":1}",
                "{\"subject\":\"orders-value\",\"version\":2,\"id\":34,\"schema\":" + Http.JSON.valueToTree(ordersV2) + ",\"deleted\":false}"},
            new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"orders-copy-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"orders-copy-value\",\"version\":1,\"id\":21,\"schema\":" + Http.JSON.valueToTree(orders) + ",\"deleted\":false}"},
            new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"orders-copy-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"orders-copy-value\",\"version\":1,\"id\":21,\"schema\":" + Http.JSON.valueToTree(orders) + ",\"deleted\":true}"},
            new String[] {"{\"keytype\":\"CONFIG\",\"subject\":\"orders-value\",\"magic\":0}", "{\"compatibilityLevel\":\"NONE\"}"},
            new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"gone-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"gone-value\",\"version\":1,\"id\":40,\"schema\":" + Http.JSON.valueToTree(gone) + ",\"deleted\":false}"},
            new String[] {"{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"gone-value\",\"magic\":0}",
                "{\"subject\":\"gone-value\",\"version\":1}"},
            new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"gone-value\",\"version\":1,\"magic\":1}", null},
            new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"later-value\",\"version\":1,\"magic\":1}",
                "{\"subject\":\"later-value\",\"version\":1,\"id\":35,\"schema\":\"\\\"string\\\"\",\"deleted\":false}"},
            new String[] {"{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"later-value\",\"magic\":0}",
                "{\"subject\":\"later-value\",\"version\":1}"},
            new String[] {"{\"keytype\":\"MODE\",\"subject\":\"later-value\",\"magic\":0}", "{\"mode\":\"READONLY\"}"},
            // Keys in the forms older versions wrote: magic 0, Confluent 3.x's field order, and no magic at all.
            new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"legacy-value\",\"version\":1,\"magic\":0}",
                "{\"subject\":\"legacy-value\",\"version\":1,\"id\":36,\"schema\":\"\\\"int\\\"\",\"deleted\":false}"},
            new String[] {"{\"subject\":\"legacy-value\",\"version\":2,\"magic\":1,\"keytype\":\"SCHEMA\"}",
                "{\"subject\":\"legacy-value\",\"version\":2,\"id\":37,\"schema\":\"\\\"long\\\"\",\"deleted\":false}"},
            new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"legacy-value\",\"version\":3}",
                "{\"subject\":\"legacy-value\",\"version\":3,\"id\":38,\"schema\":\"\\\"float\\\"\",\"deleted\":false}"},
            new String[] {"{\"subject\":\"legacy-value\",\"version\":3,\"magic\":1,\"keytype\":\"SCHEMA\"}", null});
        produce(topic, confluentRecords);

        try (SchemaRegistryServer server = start(topic, Map.of())) {
            Http http = new Http(server.url());
            assertThat(http.get("/subjects").body()).isEqualTo("[\"legacy-value\",\"orders-value\"]");
            assertThat(http.get("/subjects?deleted=true").body())
                .isEqualTo("[\"later-value\",\"legacy-value\",\"orders-copy-value\",\"orders-value\"]");
            assertThat(http.get("/subjects?deletedOnly=true").body()).isEqualTo("[\"later-value\",\"orders-copy-value\"]");
            assertThat(http.get("/subjects/legacy-value/versions?deleted=true").body()).isEqualTo("[1,2]");
            assertThat(http.get("/subjects/legacy-value/versions/2").json().get("id").asInt()).isEqualTo(37);
            assertThat(http.get("/subjects/orders-value/versions/1").json().get("id").asInt()).isEqualTo(21);
            assertThat(http.get("/subjects/orders-value/versions/2").json().get("id").asInt()).isEqualTo(34);
            assertThat(http.get("/schemas/ids/21").json().get("schema").asText()).isEqualTo(orders);
            assertThat(http.get("/schemas/ids/35").json().get("schema").asText()).isEqualTo("\"string\"");
            assertThat(http.get("/schemas/ids/40").errorCode()).isEqualTo(40403);
            assertThat(http.get("/subjects/later-value/versions").errorCode()).isEqualTo(40401);
            assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
            assertThat(http.get("/config/orders-value").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
            assertThat(http.get("/mode/later-value").body()).isEqualTo("{\"mode\":\"READONLY\"}");
            assertThat(http.post("/subjects/orders-value", body(ordersV2)).json().get("version").asInt()).isEqualTo(2);
            // IDs continue above the highest the log ever held, even one whose versions were all removed.
            assertThat(http.post("/subjects/fresh-value/versions", body(record("Fresh"))).body()).isEqualTo("{\"id\":41}");
            assertThat(http.post("/subjects/orders-copy-value/versions", body(orders)).body()).isEqualTo("{\"id\":21}");
        }
    }

    @Test
    void aHardDeleteTombstonesEveryFormOlderRegistriesWroteTheKeyIn() throws Exception {
        String topic = "_schemas_legacy_keys";
        createTopic(topic, TopicConfig.CLEANUP_POLICY_COMPACT);
        String magicZero = "{\"keytype\":\"SCHEMA\",\"subject\":\"old-value\",\"version\":1,\"magic\":0}";
        String otherOrder = "{\"subject\":\"old-value\",\"version\":2,\"magic\":1,\"keytype\":\"SCHEMA\"}";
        produce(topic, List.<String[]>of(
            new String[] {magicZero, "{\"subject\":\"old-value\",\"version\":1,\"id\":7,\"schema\":\"\\\"int\\\"\",\"deleted\":false}"},
            new String[] {otherOrder, "{\"subject\":\"old-value\",\"version\":2,\"id\":8,\"schema\":\"\\\"long\\\"\",\"deleted\":false}"}));
        try (SchemaRegistryServer server = start(topic, Map.of())) {
            Http http = new Http(server.url());
            assertThat(http.delete("/subjects/old-value").body()).isEqualTo("[1,2]");
            assertThat(http.delete("/subjects/old-value?permanent=true").body()).isEqualTo("[1,2]");
        }
        // Kafka compacts by key bytes: had only our own form been tombstoned, the old records would survive compaction.
        // (The DELETE_SUBJECT marker stays, as Confluent leaves it: with no versions left it deletes nothing.)
        assertThat(compacted(topic).keySet()).noneMatch(key -> key.contains("SCHEMA"));
        try (SchemaRegistryServer server = start(topic, Map.of())) {
            Http http = new Http(server.url());
            assertThat(http.get("/subjects?deleted=true").body()).isEqualTo("[]");
            assertThat(http.get("/schemas/ids/7").errorCode()).isEqualTo(40403);
            assertThat(http.post("/subjects/new-value/versions", body(record("New"))).body()).isEqualTo("{\"id\":9}");
        }
    }

    @Test
    void twoRegistriesGivenOneGroupByMistakeEachLeadTheirOwnTopic() {
        try (SchemaRegistryServer first = start("_schemas_first", Map.of());
             SchemaRegistryServer second = start("_schemas_second", Map.of())) {
            for (SchemaRegistryServer server : List.of(first, second)) {
                Http http = new Http(server.url());
                Http.Response registered = http.post("/subjects/own-value/versions", body(record("Own")));
                assertThat(registered.status()).as(registered.body()).isEqualTo(200);
                assertThat(http.get("/schemas/ids/" + registered.json().get("id").asInt()).status()).isEqualTo(200);
                assertThat(http.get("/v1/metadata/id").json().get("leader").asText()).isEqualTo(server.url());
            }
        }
    }

    @Test
    void aSchemasTopicThatIsNotCompactedIsRefused() throws Exception {
        createTopic("_schemas_deleting", TopicConfig.CLEANUP_POLICY_DELETE);
        assertThatThrownBy(() -> start("_schemas_deleting", Map.of())).isInstanceOf(RegistryStartException.class)
            .hasMessageStartingWith("Topic _schemas_deleting has cleanup.policy=delete;").hasMessageNotContaining("\n");
    }

    @Test
    void aDataContractAndEveryConfigFieldAreStoredAsConfluentStoresThem() {
        String topic = "_schemas_contracts";
        String metadata = "{\"tags\":{\"price\":[\"PII\"]},\"properties\":{\"owner\":\"sales\"},\"sensitive\":[\"customer_id\"]}";
        String ruleSet = "{\"domainRules\":[{\"name\":\"positive\",\"kind\":\"CONDITION\",\"type\":\"CEL\","
            + "\"mode\":\"WRITE\",\"expr\":\"message.price > 0\"}]}";
        try (SchemaRegistryServer server = start(topic, Map.of())) {
            Http http = new Http(server.url());
            http.post("/subjects/contract-value/versions", "{\"schema\":\"\\\"string\\\"\",\"metadata\":" + metadata
                + ",\"ruleSet\":" + ruleSet + "}");
            http.put("/config/contract-value", "{\"compatibility\":\"FULL\",\"normalize\":true,\"compatibilityGroup\":\"major\","
                + "\"defaultMetadata\":{\"properties\":{\"team\":\"tills\"}}}");
        }
        assertThat(records(topic)).extracting(r -> r.key() + " -> " + r.value()).containsExactly(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"contract-value\",\"version\":1,\"magic\":1} -> "
                + "{\"subject\":\"contract-value\",\"version\":1,\"id\":1,\"metadata\":" + metadata + ",\"ruleSet\":" + ruleSet
                + ",\"schema\":\"\\\"string\\\"\",\"deleted\":false}",
            "{\"keytype\":\"CONFIG\",\"subject\":\"contract-value\",\"magic\":0} -> {\"normalize\":true,"
                + "\"compatibilityLevel\":\"FULL\",\"compatibilityGroup\":\"major\",\"defaultMetadata\":{\"properties\":{\"team\":\"tills\"}}}");
        try (SchemaRegistryServer server = start(topic, Map.of())) {
            Http http = new Http(server.url());
            JsonNode version = http.get("/subjects/contract-value/versions/1").json();
            assertThat(version.get("metadata").toString()).isEqualTo(metadata);
            assertThat(version.get("ruleSet").toString()).isEqualTo(ruleSet);
            assertThat(http.get("/schemas/ids/1").json().get("ruleSet").toString()).isEqualTo(ruleSet);
            assertThat(http.get("/config/contract-value").json().get("compatibilityGroup").asText()).isEqualTo("major");
        }
    }

    @Test
    void ourRecordsAreByteForByteConfluentsLayout() {
        String topic = "_schemas_layout";
        String schema = "{\"type\":\"record\",\"name\":\"Layout\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}]}";
        String customer = "{\"type\":\"record\",\"name\":\"Customer\",\"fields\":[{\"name\":\"l\",\"type\":\"Layout\"}]}";
        try (SchemaRegistryServer server = start(topic, Map.of())) {
            Http http = new Http(server.url());
            http.post("/subjects/layout-value/versions", body(schema));
            http.post("/subjects/customer-value/versions", "{\"schema\":" + Http.JSON.valueToTree(customer)
                + ",\"references\":[{\"name\":\"Layout\",\"subject\":\"layout-value\",\"version\":1}]}");
            http.put("/config", "{\"compatibility\":\"FULL\"}");
            http.put("/config/layout-value", "{\"compatibility\":\"NONE\"}");
            http.put("/mode/layout-value", "{\"mode\":\"READWRITE\"}");
            http.delete("/subjects/customer-value");
            http.delete("/subjects/customer-value?permanent=true");
        }
        String quoted = Http.JSON.valueToTree(schema).toString();
        assertThat(records(topic)).extracting(r -> r.key() + " -> " + r.value()).containsExactly(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"layout-value\",\"version\":1,\"magic\":1} -> "
                + "{\"subject\":\"layout-value\",\"version\":1,\"id\":1,\"schema\":" + quoted + ",\"deleted\":false}",
            "{\"keytype\":\"SCHEMA\",\"subject\":\"customer-value\",\"version\":1,\"magic\":1} -> "
                + "{\"subject\":\"customer-value\",\"version\":1,\"id\":2,"
                + "\"references\":[{\"name\":\"Layout\",\"subject\":\"layout-value\",\"version\":1}],"
                + "\"schema\":" + Http.JSON.valueToTree(customer) + ",\"deleted\":false}",
            "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0} -> {\"compatibilityLevel\":\"FULL\"}",
            "{\"keytype\":\"CONFIG\",\"subject\":\"layout-value\",\"magic\":0} -> {\"compatibilityLevel\":\"NONE\"}",
            "{\"keytype\":\"MODE\",\"subject\":\"layout-value\",\"magic\":0} -> {\"mode\":\"READWRITE\"}",
            "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"customer-value\",\"magic\":0} -> "
                + "{\"subject\":\"customer-value\",\"version\":1}",
            "{\"keytype\":\"SCHEMA\",\"subject\":\"customer-value\",\"version\":1,\"magic\":1} -> null");
    }

    @Test
    void withAUsersFileEveryRequestNeedsBasicAuthAndOnlyAdminsWrite() throws Exception {
        Path users = Files.writeString(dataDir.resolve("users.properties"),
            "# users\nalice:secret\nbob: hunter2,admin\nvic: MD5:5ebe2294ecd0e0f08eab7690d2a6ee69,viewer\n");
        try (SchemaRegistryServer server = start("_schemas_auth",
            Map.of(RegistryConfig.AUTHENTICATION_USERS_FILE_CONFIG, users.toString()))) {
            Http anonymous = new Http(server.url());
            Http.Response refused = anonymous.get("/subjects");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo(401);
            assertThat(anonymous.as("alice", "wrong").get("/subjects").status()).isEqualTo(401);
            assertThat(anonymous.as("alice", "secret").get("/subjects").status()).isEqualTo(200);
            Http admin = anonymous.as("bob", "hunter2");
            assertThat(admin.post("/subjects/auth-value/versions", body(record("Auth"))).status()).isEqualTo(200);

            Http viewer = anonymous.as("vic", "secret");
            Http.Response write = viewer.post("/subjects/auth-value/versions", body(record("Other")));
            assertThat(write.status()).isEqualTo(403);
            assertThat(write.errorCode()).isEqualTo(40301);
            assertThat(viewer.put("/config/auth-value", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(403);
            assertThat(viewer.delete("/subjects/auth-value").status()).isEqualTo(403);
            assertThat(anonymous.as("alice", "secret").post("/subjects/auth-value/versions", body(record("Other"))).status())
                .as("a user without a role only reads").isEqualTo(403);
            // Reads that Confluent's API sends as POST stay open to viewers.
            assertThat(viewer.post("/subjects/auth-value", body(record("Auth"))).status()).isEqualTo(200);
            assertThat(viewer.post("/compatibility/subjects/auth-value/versions/latest", body(record("Auth"))).status())
                .isEqualTo(200);
            assertThat(viewer.get("/subjects").body()).isEqualTo("[\"auth-value\"]");

            // What a cross-site page could send: a form's content type, or a write the browser marks cross-site.
            assertThat(admin.post("/subjects/auth-value/versions", body(record("Other")), "text/plain").status()).isEqualTo(415);
            HttpResponse<String> crossSite = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/subjects/auth-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json").header("Sec-Fetch-Site", "cross-site")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("bob:hunter2".getBytes()))
                    .POST(HttpRequest.BodyPublishers.ofString(body(record("Other")))).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(crossSite.statusCode()).isEqualTo(403);
            assertThat(admin.get("/subjects/auth-value/versions").body()).isEqualTo("[1]");
        }
    }

    @Test
    void confluentsAuthenticationSettingsAreHonouredAndBasicWithoutUsersNeverStartsOpen() throws Exception {
        assertThatThrownBy(() -> start("_schemas_basic", Map.of(RegistryConfig.AUTHENTICATION_METHOD_CONFIG, "BASIC")))
            .isInstanceOf(RegistryStartException.class)
            .hasMessageStartingWith("authentication.method=BASIC needs authentication.users.file");

        Path users = Files.writeString(dataDir.resolve("roles.properties"), "fred: letmein,user\nada: a,admin\nvic: v,viewer\n");
        try (SchemaRegistryServer server = start("_schemas_roles", Map.of(
            RegistryConfig.AUTHENTICATION_METHOD_CONFIG, "BASIC",
            RegistryConfig.AUTHENTICATION_USERS_FILE_CONFIG, users.toString(),
            RegistryConfig.AUTHENTICATION_ROLES_CONFIG, "user,admin",
            RegistryConfig.AUTHENTICATION_REALM_CONFIG, "Team"))) {
            Http anonymous = new Http(server.url());
            assertThat(anonymous.as("fred", "letmein").get("/subjects").status()).isEqualTo(200);
            assertThat(anonymous.as("ada", "a").get("/subjects").status()).isEqualTo(200);
            assertThat(anonymous.as("vic", "v").get("/subjects").status()).as("holds none of authentication.roles").isEqualTo(403);
        }
    }

    @Test
    void startingOnATakenPortFailsWithAOneLineMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> start("_schemas_port",
                Map.of(RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:" + taken.getLocalPort())))
                .isInstanceOf(RegistryStartException.class)
                .hasMessageStartingWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort())
                .hasMessageNotContaining("\n");
        }
    }

    @Test
    void startingWithKafkaOutOfReachFailsWithinTheInitTimeout() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        SchemaRegistryServer server = SchemaRegistryServer.create(new RegistryConfig(Map.of(
            RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
            RegistryConfig.KAFKASTORE_INIT_TIMEOUT_MS_CONFIG, "2000",
            RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0")));
        long started = System.nanoTime();
        assertThatThrownBy(server::start).isInstanceOf(RegistryStartException.class)
            .hasMessageContaining("127.0.0.1:" + closedPort).hasMessageNotContaining("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        server.close();
    }
}
