package io.tillstream.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.tillstream.serde.KafkaProtobufSerializer;
import io.tillstream.serde.TopicRecordNameStrategy;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaDefinition;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(Environment.Extension.class)
class ConsoleApiTest {

    private static final String SALE_SCHEMA = """
        {"type": "record", "name": "Sale", "namespace": "test", "fields": [
          {"name": "invoice_no", "type": "string"}, {"name": "quantity", "type": "int"}]}""";

    static String newTopic(Client client, int partitions) {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.post("/api/v1/topics", Map.of("name", name, "partitions", partitions)).status()).isEqualTo(201);
        return name;
    }

    private static JsonNode topicRow(Client client, String name) {
        return StreamSupport.stream(client.get("/api/v1/topics?search=" + name).body().spliterator(), false)
            .filter(t -> t.get("name").asText().equals(name)).findFirst().orElse(null);
    }

    static void assertError(Client.Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.body().at("/error/code").asText()).isEqualTo(code);
        assertThat(response.body().at("/error/message").asText()).isNotBlank();
        assertThat(response.text()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void overviewNamesTheBrokerTheActiveControllerAndThePartitionHealth(Environment env) {
        JsonNode overview = new Client(env.console().url()).get("/api/v1/cluster").body();

        assertThat(overview.get("clusterId").asText()).isNotBlank();
        assertThat(overview.get("brokers")).hasSize(1);
        JsonNode broker = overview.get("brokers").get(0);
        assertThat(broker.get("controller").asBoolean()).isTrue();
        assertThat(broker.get("voter").asBoolean()).isTrue();
        assertThat(broker.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(broker.get("diskTotalBytes").asLong()).isPositive();
        assertThat(overview.get("underReplicated").asLong()).isZero();
        assertThat(overview.get("offline").asLong()).isZero();
        assertThat(overview.get("metadataVersion").asText()).startsWith("metadata.version ");
    }

    @Test
    void throughputChartsSeeRecordsProducedAndLogDirsGrow(Environment env) {
        Client client = new Client(env.console().url());
        String topic = newTopic(client, 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", env.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 500; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "sale " + i));
            }
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode samples = client.get("/api/v1/cluster/throughput").body().get("samples");
            assertThat(samples.findValues("messagesIn").stream().mapToDouble(JsonNode::asDouble).max().orElse(0))
                .isPositive();
            assertThat(samples.findValues("bytesIn").stream().mapToDouble(JsonNode::asDouble).max().orElse(0))
                .isPositive();
            JsonNode row = topicRow(client, topic);
            assertThat(row).as("topic %s in the topics list", topic).isNotNull();
            assertThat(row.get("messages").asLong()).isEqualTo(500);
            assertThat(row.get("sizeBytes").asLong()).isPositive();
        });
        assertThat(client.get("/api/v1/cluster").body().at("/brokers/0/logDirBytes").asLong()).isPositive();
    }

    @Test
    void aCreatedTopicIsListedWithItsPartitionsReplicationAndConfigs(Environment env) {
        Client client = new Client(env.console().url());
        String name = "orders-" + UUID.randomUUID().toString().substring(0, 6);

        Client.Response created = client.post("/api/v1/topics", Map.of("name", name, "partitions", 3,
            "replicationFactor", 1, "configs", Map.of("retention.ms", "3600000")));

        assertThat(created.status()).isEqualTo(201);
        JsonNode row = topicRow(client, name);
        assertThat(row.get("partitions").asInt()).isEqualTo(3);
        assertThat(row.get("replicationFactor").asInt()).isEqualTo(1);
        JsonNode detail = client.get("/api/v1/topics/" + name).body();
        assertThat(detail.get("partitions")).hasSize(3);
        assertThat(detail.at("/partitions/0/leader").asInt()).isEqualTo(0);
        assertThat(config(detail, "retention.ms").get("value").asText()).isEqualTo("3600000");
        assertThat(config(detail, "retention.ms").get("source").asText()).isEqualTo("DYNAMIC_TOPIC_CONFIG");
        assertThat(client.get("/api/v1/topics/" + name + "?configs=false").body().get("configs").isNull()).isTrue();
    }

    private static JsonNode config(JsonNode detail, String name) {
        return StreamSupport.stream(detail.get("configs").spliterator(), false)
            .filter(c -> c.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void badTopicRequestsAreAnsweredWithAnErrorBodyAndNoStackTrace(Environment env) {
        Client client = new Client(env.console().url());
        String existing = newTopic(client, 1);

        assertError(client.post("/api/v1/topics", Map.of("name", existing, "partitions", 1)), 409, "topic_exists");
        assertError(client.post("/api/v1/topics", Map.of("name", "no spaces/allowed", "partitions", 1)), 400, "bad_request");
        assertError(client.post("/api/v1/topics", Map.of("name", "fine", "partitions", 0)), 400, "bad_request");
        assertError(client.post("/api/v1/topics", Map.of("name", "fine", "partitions", 1, "replicationFactor", 3)),
            400, "invalid_request");
        assertError(client.post("/api/v1/topics", "not an object"), 400, "bad_request");
        assertError(client.get("/api/v1/topics/nope-" + UUID.randomUUID()), 404, "topic_not_found");
        assertError(client.get("/api/v1/no/such/endpoint"), 404, "not_found");
        assertError(client.get("/api/v1/topics/" + existing + "/messages?limit=100000"), 400, "bad_request");
        assertError(client.post("/api/v1/topics/" + existing + "/configs", Map.of("configs", Map.of("no.such.config", "1"))),
            400, "invalid_request");
    }

    @Test
    void configsAreChangedThenResetAndPartitionsOnlyGrow(Environment env) {
        Client client = new Client(env.console().url());
        String name = newTopic(client, 1);

        assertThat(client.post("/api/v1/topics/" + name + "/configs", Map.of("configs", Map.of("cleanup.policy", "compact")))
            .status()).isEqualTo(200);
        assertThat(config(client.get("/api/v1/topics/" + name).body(), "cleanup.policy").get("value").asText())
            .isEqualTo("compact");
        Map<String, Object> reset = new java.util.HashMap<>();
        reset.put("cleanup.policy", null);
        client.post("/api/v1/topics/" + name + "/configs", Map.of("configs", reset));
        assertThat(config(client.get("/api/v1/topics/" + name).body(), "cleanup.policy").get("value").asText())
            .isEqualTo("delete");

        assertThat(client.post("/api/v1/topics/" + name + "/partitions", Map.of("count", 4)).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/topics/" + name).body().get("partitions")).hasSize(4);
        assertError(client.post("/api/v1/topics/" + name + "/partitions", Map.of("count", 2)), 400, "invalid_request");
    }

    @Test
    void deletingNeedsTheNameTypedAgain(Environment env) {
        Client client = new Client(env.console().url());
        String name = newTopic(client, 1);

        assertError(client.delete("/api/v1/topics/" + name + "?confirm=other"), 400, "confirmation_mismatch");
        assertThat(client.delete("/api/v1/topics/" + name + "?confirm=" + name).status()).isEqualTo(204);
        assertThat(topicRow(client, name)).isNull();
    }

    @Test
    void messagesAreDecodedThroughTheRegistryNewestFirstWithKeysHeadersAndRawBytes(Environment env) {
        Client client = new Client(env.console().url());
        String topic = newTopic(client, 1);
        String path = "/api/v1/topics/" + topic + "/messages";

        Client.Response first = client.post(path, Map.of("format", "avro", "schema", SALE_SCHEMA, "key", "I100001",
            "value", "{\"invoice_no\": \"I100001\", \"quantity\": 3}", "headers", Map.of("source", "test")));
        assertThat(first.status()).isEqualTo(201);
        assertThat(client.post(path, Map.of("format", "avro", "value", "{\"invoice_no\": \"I100002\", \"quantity\": 5}"))
            .status()).as("the subject's latest schema without one given").isEqualTo(201);
        Map<String, Object> plain = new HashMap<>(Map.of("format", "text", "value", "plain words"));
        plain.put("headers", Collections.singletonMap("flag", null));
        assertThat(client.post(path, plain).status()).as("a header without a value").isEqualTo(201);

        JsonNode messages = client.get(path + "?raw=true").body().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.at("/0/value/format").asText()).isEqualTo("text");
        assertThat(messages.at("/0/value/content").asText()).isEqualTo("plain words");
        assertThat(messages.at("/0/headers/0/key").asText()).isEqualTo("flag");
        assertThat(messages.at("/0/headers/0/value").isNull()).isTrue();
        JsonNode sale = messages.get(2);
        assertThat(sale.get("offset").asLong()).isZero();
        assertThat(sale.at("/value/format").asText()).isEqualTo("avro");
        assertThat(sale.at("/value/schemaId").asInt()).isPositive();
        assertThat(sale.at("/value/content/invoice_no").asText()).isEqualTo("I100001");
        assertThat(sale.at("/value/content/quantity").asInt()).isEqualTo(3);
        assertThat(sale.at("/value/hex").asText()).startsWith("00");
        assertThat(sale.at("/key/content").asText()).isEqualTo("I100001");
        assertThat(sale.at("/headers/0/key").asText()).isEqualTo("source");
        assertThat(sale.at("/headers/0/value").asText()).isEqualTo("test");
        assertThat(client.get(path).body().at("/messages/0/value/hex").isNull()).as("raw bytes only on request").isTrue();
        assertThat(client.get(path).body().get("truncated").isNull()).as("the whole window").isTrue();

        assertError(client.post(path, Map.of("format", "avro", "value", "{\"invoice_no\": 7}")), 400, "bad_request");
    }

    @Test
    void jsonSchemaTestMessagesProtobufAndPlainJsonAreEachDecodedByTheirFormat(Environment env) throws Exception {
        Client client = new Client(env.console().url());
        String topic = newTopic(client, 1);
        String path = "/api/v1/topics/" + topic + "/messages";
        Map<String, Object> registrySettings = Map.of("schema.registry.url", env.registryUrl(),
            "value.subject.name.strategy", TopicRecordNameStrategy.class.getName());
        try (SchemaRegistryClient registry = new CachedSchemaRegistryClient(registrySettings);
             KafkaProtobufSerializer<Message> protobuf = new KafkaProtobufSerializer<>(registry);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", env.bootstrapServers()),
                 new ByteArraySerializer(), new ByteArraySerializer())) {
            registry.register(topic + "-value", new SchemaDefinition("{\"type\": \"object\", \"properties\": {"
                + "\"invoice_no\": {\"type\": \"string\"}, \"price\": {\"type\": \"number\"}}, \"required\": [\"price\"]}",
                "JSON", List.of()), false);
            assertThat(client.post(path, Map.of("format", "json_schema", "value", "{\"invoice_no\": \"I100001\", \"price\": 1500.40}"))
                .status()).isEqualTo(201);
            assertError(client.post(path, Map.of("format", "json_schema", "value", "{\"invoice_no\": \"I100002\"}")), 400,
                "bad_request");
            protobuf.configure(registrySettings, false);
            producer.send(new ProducerRecord<>(topic, protobuf.serialize(topic, till("I100003")))).get();
        }
        assertThat(client.post(path, Map.of("format", "text", "value", "{\"invoice_no\": \"I100004\", \"quantity\": \"5\"}"))
            .status()).isEqualTo(201);

        Client.Response browsed = client.get(path);
        JsonNode messages = browsed.body().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.at("/0/value/format").asText()).isEqualTo("json");
        assertThat(messages.at("/0/value/content/quantity").asText()).isEqualTo("5");
        assertThat(messages.at("/1/value/format").asText()).isEqualTo("protobuf");
        assertThat(messages.at("/1/value/content/invoiceNo").asText()).isEqualTo("I100003");
        assertThat(messages.at("/2/value/format").asText()).isEqualTo("json_schema");
        assertThat(messages.at("/2/value/schemaId").asInt()).isPositive();
        assertThat(browsed.text()).as("the price with its cents, as typed").contains("\"price\":1500.40");
    }

    /** A message of {@code message Till { string invoice_no = 1; }}, built without protoc. */
    private static DynamicMessage till(String invoiceNo) throws Exception {
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("tills.proto").setPackage("tills").setSyntax("proto3")
            .addMessageType(DescriptorProto.newBuilder().setName("Till").addField(FieldDescriptorProto.newBuilder()
                .setName("invoice_no").setNumber(1).setType(FieldDescriptorProto.Type.TYPE_STRING)))
            .build();
        Descriptor till = FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Till");
        return DynamicMessage.newBuilder(till).setField(till.findFieldByName("invoice_no"), invoiceNo).build();
    }

    @Test
    void theBrowserSeeksByOffsetOrTimestampInOnePartition(Environment env) throws Exception {
        Client client = new Client(env.console().url());
        String topic = newTopic(client, 2);
        String path = "/api/v1/topics/" + topic + "/messages";
        for (int i = 0; i < 10; i++) {
            client.post(path, Map.of("partition", 1, "value", "m" + i));
        }
        long middle = client.get(path + "?partition=1&offset=5&limit=1").body().at("/messages/0/timestamp").asLong();

        JsonNode fromOffset = client.get(path + "?partition=1&offset=5&limit=3").body().get("messages");
        assertThat(fromOffset.findValues("offset").stream().map(JsonNode::asLong).toList()).containsExactly(7L, 6L, 5L);
        JsonNode fromTime = client.get(path + "?partition=1&timestamp=" + middle).body().get("messages");
        assertThat(fromTime.findValues("offset").stream().map(JsonNode::asLong).toList()).last().isEqualTo(5L);
        assertThat(client.get(path + "?partition=0").body().get("messages")).isEmpty();
        assertError(client.get(path + "?partition=2"), 400, "bad_request");
    }

    @Test
    void theBrowserHoldsAtMostItsRecordAndByteCapsAcrossAllPartitions(Environment env) {
        Client client = new Client(env.console().url());
        String topic = newTopic(client, 4);
        String path = "/api/v1/topics/" + topic + "/messages";
        String hundredBytes = "x".repeat(100);
        for (int i = 0; i < 16; i++) {
            client.post(path, Map.of("partition", i % 4, "value", hundredBytes));
        }
        List<String> newest = positions(client.get(path + "?limit=16").body());
        assertThat(newest).hasSize(16);

        try (ControlCenter capped = env.startConsole(Map.of(ConsoleConfig.MESSAGES_MAX_RECORDS_CONFIG, 5))) {
            Client cappedClient = new Client(capped.url());
            JsonNode page = cappedClient.get(path + "?limit=5").body();
            assertThat(positions(page)).as("five in total, not five per partition").isEqualTo(newest.subList(0, 5));
            assertThat(page.get("truncated").isNull()).isTrue();
            assertError(cappedClient.get(path + "?limit=6"), 400, "bad_request");
        }
        try (ControlCenter capped = env.startConsole(Map.of(ConsoleConfig.MESSAGES_MAX_BYTES_CONFIG, 250))) {
            JsonNode page = new Client(capped.url()).get(path + "?limit=16").body();
            assertThat(positions(page)).as("two values of 100 bytes fit in 250").isEqualTo(newest.subList(0, 2));
            assertThat(page.get("truncated").asText()).isEqualTo("bytes");
        }
    }

    private static List<String> positions(JsonNode page) {
        return StreamSupport.stream(page.get("messages").spliterator(), false)
            .map(m -> m.get("partition").asInt() + "-" + m.get("offset").asLong()).toList();
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused(Environment env) {
        Client client = new Client(env.console().url()).withoutCsrf();
        client.get("/api/v1/info");

        assertError(client.post("/api/v1/topics", Map.of("name", "csrf-victim", "partitions", 1)), 403,
            "csrf_token_invalid");
        assertThat(topicRow(client, "csrf-victim")).isNull();
    }

    @Test
    void aConsoleHoldsAProducerOnlyOnceAMessageIsProducedFromItAndNotAfterItStops(Environment env) {
        Client admin = new Client(env.console().url());
        String topic = newTopic(admin, 1);
        long before = consoleProducerThreads();
        try (ControlCenter fresh = env.startConsole(Map.of())) {
            assertThat(consoleProducerThreads()).as("producer threads of a console nobody produced from").isEqualTo(before);

            Client client = new Client(fresh.url());
            assertThat(client.post("/api/v1/topics/" + topic + "/messages", Map.of("value", "first")).status()).isEqualTo(201);
            assertThat(consoleProducerThreads()).as("producer threads once a message was produced").isEqualTo(before + 1);
        }
        assertThat(consoleProducerThreads()).as("producer threads after the console stopped").isEqualTo(before);
    }

    /** The consoles' test-message producers in this JVM, by their I/O threads. */
    private static long consoleProducerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.isAlive() && thread.getName().endsWith("| tillstream-console-producer")).count();
    }

    @Test
    void aReadOnlyConsoleRefusesEveryChange(Environment env) {
        Client admin = new Client(env.console().url());
        String name = newTopic(admin, 1);
        try (ControlCenter readOnly = env.startConsole(Map.of(ConsoleConfig.READ_ONLY_CONFIG, true))) {
            Client client = new Client(readOnly.url());

            assertThat(client.get("/api/v1/info").body().get("readOnly").asBoolean()).isTrue();
            assertError(client.delete("/api/v1/topics/" + name + "?confirm=" + name), 403, "read_only");
            assertError(client.post("/api/v1/topics", Map.of("name", "x", "partitions", 1)), 403, "read_only");
            assertError(client.post("/api/v1/topics/" + name + "/messages", Map.of("value", "x")), 403, "read_only");
            assertThat(topicRow(client, name)).isNotNull();
        }
    }

    @Test
    void withAUsersFileEveryRequestNeedsBasicAuthAndOnlyAdminsChangeAnything(Environment env) throws Exception {
        Path users = Files.writeString(env.dataDir().resolve("users"), "# console users\nalice:s3cret,viewer\nbob: b0b,admin\n");
        String registryUrl = env.console().url().replace("//", "//reg:p4ss@"); // only shown, never reached here
        try (ControlCenter secured = env.startConsole(Map.of(ConsoleConfig.USERS_FILE_CONFIG, users.toString(),
            ConsoleConfig.REGISTRY_URL_CONFIG, registryUrl))) {
            assertError(new Client(secured.url()).get("/api/v1/cluster"), 401, "unauthorized");
            assertThat(new Client(secured.url()).get("/").status()).isEqualTo(401);
            assertError(new Client(secured.url()).basicAuth("alice", "wrong").get("/api/v1/cluster"), 401, "unauthorized");

            Client viewer = new Client(secured.url()).basicAuth("alice", "s3cret");
            assertThat(viewer.get("/api/v1/cluster").status()).isEqualTo(200);
            JsonNode info = viewer.get("/api/v1/info").body();
            assertThat(info.get("readOnly").asBoolean()).isTrue();
            assertThat(info.get("user").asText()).isEqualTo("alice");
            assertThat(info.get("registryUrl").asText()).isEqualTo(env.console().url()).doesNotContain("p4ss");
            assertError(viewer.post("/api/v1/topics", Map.of("name", "viewer-made", "partitions", 1)), 403, "forbidden");
            assertThat(topicRow(viewer, "viewer-made")).isNull();

            Client admin = new Client(secured.url()).basicAuth("bob", "b0b");
            assertThat(admin.get("/api/v1/info").body().get("readOnly").asBoolean()).isFalse();
            String name = newTopic(admin, 1);
            assertError(viewer.delete("/api/v1/topics/" + name + "?confirm=" + name), 403, "forbidden");
            assertThat(topicRow(admin, name)).isNotNull();
        }
    }

    @Test
    void everyAnswerForbidsFramingSniffingAndForeignScripts(Environment env) throws Exception {
        for (String path : List.of("/", "/app.js", "/api/v1/info")) {
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(env.console().url() + path)).build(),
                HttpResponse.BodyHandlers.discarding());
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path)
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'"));
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
    }

    @Test
    void theUiIsServedFromTheJar(Environment env) {
        Client.Response index = new Client(env.console().url()).get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.text()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(List.of("/app.js", "/style.css", "/pages/topic.js"))
            .allSatisfy(file -> assertThat(new Client(env.console().url()).get(file).status()).isEqualTo(200));
    }
}
