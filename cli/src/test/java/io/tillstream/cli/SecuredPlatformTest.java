package io.tillstream.cli;

import io.tillstream.cluster.BrokerUser;
import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.security.StoredPassword;
import io.tillstream.security.Truststore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code up --users-file}: Kafka with SASL SCRAM, every HTTP server with basic auth and roles, client.properties. */
class SecuredPlatformTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    private static int status(String method, String url, String credentials, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json");
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Map<String, Object> kafka(String bootstrap, Map<String, String> security) {
        Map<String, Object> props = new HashMap<>(security);
        props.put("bootstrap.servers", bootstrap);
        props.put("default.api.timeout.ms", 10_000);
        props.put("request.timeout.ms", 5_000);
        return props;
    }

    @Test
    void aSecuredUpRefusesStrangersAndServesItsUsersByRole() throws Exception {
        Path dataDir = temp.resolve("data");
        Path users = Files.writeString(temp.resolve("users.properties"), "ada: ada pw \"1\",admin\nvic: vicpw,viewer\n"
            + "hashy: " + StoredPassword.bcrypt("hashpw").text() + ",admin\n");
        ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
        String bootstrap = ports.bootstrapServers();
        String[] args = {"up", "--data-dir", dataDir.toString(), "--kafka-port", "" + ports.clientPort(),
            "--controller-port", "" + ports.controllerPort(), "--registry-port", "0", "--console-port", "0",
            "--users-file", users.toString()};
        Path clientProperties = dataDir.resolve("client.properties");
        try (UpCommandTest.RunningUp up = UpCommandTest.RunningUp.start(args)) {
            assertThat(up.out()).contains("Secured: Kafka takes SASL SCRAM-SHA-512")
                .contains("Signing in to HTTP only (hashed passwords cannot make Kafka's SCRAM users): hashy");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(clientProperties))).isEqualTo("rw-------");
            Properties client = new Properties();
            try (Reader in = Files.newBufferedReader(clientProperties)) {
                client.load(in);
            }
            assertThat(client.getProperty("sasl.jaas.config")).contains("username=\"ada\" password=\"ada pw \\\"1\\\"\"");
            assertThat(client.getProperty("basic.auth.user.info")).isEqualTo("ada:ada pw \"1\"");

            // Kafka: no credentials and a wrong password are refused, the written settings accepted.
            try (Admin stranger = Admin.create(kafka(bootstrap, Map.of()))) {
                assertThatThrownBy(() -> stranger.describeCluster().clusterId().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(Exception.class);
            }
            Map<String, String> wrong = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", BrokerUser.MECHANISM,
                "sasl.jaas.config", BrokerUser.jaasConfig("vic", "guess"));
            try (Admin guesser = Admin.create(kafka(bootstrap, wrong))) {
                assertThatThrownBy(() -> guesser.describeCluster().clusterId().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            // The commands without the written settings: Kafka drops a PLAINTEXT client silently, and the error says why.
            Cli.Result plaintext = Cli.run("topics", "list", "--bootstrap-server", bootstrap, "--timeout", "2s");
            assertThat(plaintext.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
            assertThat(plaintext.err()).hasLineCount(1).startsWith("error: Kafka at " + bootstrap
                + " accepts connections but did not answer a PLAINTEXT client within 2s; if its listener wants SASL or TLS,"
                + " give its client settings with --command-config FILE");
            Cli.Result topics = Cli.run("topics", "list", "--bootstrap-server", bootstrap, "--command-config", clientProperties.toString());
            assertThat(topics.exitCode()).as(topics.err()).isZero();
            assertThat(topics.out()).contains("raw_data");

            // The generator and the consumer through the secured Kafka and registry, with exact counts.
            String registry = up.registryUrl();
            Cli.Result generated = Cli.run("generate", "--count", "100", "--rate", "max", "--seed", "7",
                "--bootstrap-server", bootstrap, "--command-config", clientProperties.toString(), "--registry-url", registry);
            assertThat(generated.exitCode()).as(generated.err()).isZero();
            Cli.Result consumed = Cli.run("consume", "--from-beginning", "--max", "100", "--bootstrap-server", bootstrap,
                "--command-config", clientProperties.toString(), "--registry-url", registry);
            assertThat(consumed.exitCode()).as(consumed.err()).isZero();
            assertThat(consumed.out().lines()).hasSize(100).allSatisfy(line -> assertThat(line).contains("\"invoice_no\""));

            // Kafka's own console consumer takes the same file unchanged.
            Process kafkaConsumer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.consumer.ConsoleConsumer",
                "--bootstrap-server", bootstrap, "--topic", "raw_data", "--from-beginning", "--max-messages", "100",
                "--timeout-ms", "30000", "--consumer.config", clientProperties.toString(),
                "--formatter-property", "print.value=false", "--formatter-property", "print.key=true")
                .redirectError(temp.resolve("console-consumer.err").toFile()).start();
            List<String> keys = new String(kafkaConsumer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(kafkaConsumer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // Kafka 4.4 prints that --consumer.config is deprecated (for --command-config) before the records.
            assertThat(keys.stream().filter(line -> line.matches("I\\d{6}"))).hasSize(100);
            assertThat(Files.readString(temp.resolve("console-consumer.err"))).contains("Processed a total of 100 messages");

            // Kafka's ACLs by role: the viewer reads the topics and consumes, but may not write; the admin may.
            Map<String, String> vic = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", BrokerUser.MECHANISM,
                "sasl.jaas.config", BrokerUser.jaasConfig("vic", "vicpw"));
            try (Admin viewer = Admin.create(kafka(bootstrap, vic))) {
                assertThat(viewer.listTopics().names().get(20, TimeUnit.SECONDS)).contains("raw_data");
                assertThatThrownBy(() -> viewer.createTopics(List.of(new NewTopic("by-viewer", 1, (short) 1))).all()
                    .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            Map<String, Object> vicConsumer = kafka(bootstrap, vic);
            vicConsumer.put("group.id", "vic-reads");
            vicConsumer.put("auto.offset.reset", "earliest");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(vicConsumer, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("raw_data"));
                int read = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (read < 100 && System.nanoTime() < deadline) {
                    read += consumer.poll(Duration.ofMillis(500)).count();
                }
                assertThat(read).isEqualTo(100);
                consumer.commitSync();
            }
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka(bootstrap, vic), new ByteArraySerializer(),
                new ByteArraySerializer())) {
                // An idempotent producer is refused its producer id (no WRITE anywhere) before the topic is asked.
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("raw_data", new byte[1])).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ClusterAuthorizationException.class);
            }

            // The registry: 401 without credentials, reads for a viewer, writes for admins only.
            String schema = "{\"schema\": \"{\\\"type\\\":\\\"string\\\"}\"}";
            assertThat(status("GET", registry + "/subjects", null, null)).isEqualTo(401);
            assertThat(status("GET", registry + "/subjects", "vic:vicpw", null)).isEqualTo(200);
            assertThat(status("POST", registry + "/subjects/secured-value/versions", "vic:vicpw", schema)).isEqualTo(403);
            assertThat(status("POST", registry + "/subjects/secured-value/versions", "hashy:hashpw", schema)).isEqualTo(200);

            // The Control Center: the same users and roles.
            String console = up.consoleUrl();
            assertThat(status("GET", console + "/api/v1/info", null, null)).isEqualTo(401);
            assertThat(status("GET", console + "/api/v1/info", "vic:vicpw", null)).isEqualTo(200);
            assertThat(status("DELETE", console + "/api/v1/topics/raw_data?confirm=raw_data", "vic:vicpw", null)).isEqualTo(403);
        }

        // A restart follows the users file: vic is no longer a Kafka user.
        Files.writeString(users, "ada: ada pw \"1\",admin\n");
        try (UpCommandTest.RunningUp up = UpCommandTest.RunningUp.start(args);
             Admin admin = Admin.create(kafka(bootstrap, Map.of("security.protocol", "SASL_PLAINTEXT",
                 "sasl.mechanism", BrokerUser.MECHANISM, "sasl.jaas.config", BrokerUser.jaasConfig("ada", "ada pw \"1\""))))) {
            assertThat(admin.describeUserScramCredentials().all().get().keySet()).containsExactlyInAnyOrder("ada", "tillstream");
            assertThat(admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter("User:vic",
                null, AclOperation.ANY, AclPermissionType.ANY))).values().get()).as("a former viewer's grants").isEmpty();
            assertThat(status("GET", up.registryUrl() + "/subjects", "vic:vicpw", null)).isEqualTo(401);
        }
    }

    @Test
    void withTlsEveryListenerSpeaksTlsOnlyAndTheLocalCaIsMadeOnce() throws Exception {
        Path dataDir = temp.resolve("data");
        Path users = Files.writeString(temp.resolve("users.properties"), "ada: adapw,admin\nvic: vicpw,viewer\n");
        ClusterSpec ports = TestClusters.freePorts(ClusterSpec.local(dataDir, 1));
        String bootstrap = ports.bootstrapServers();
        String[] args = {"up", "--data-dir", dataDir.toString(), "--kafka-port", "" + ports.clientPort(),
            "--controller-port", "" + ports.controllerPort(), "--registry-port", "0", "--console-port", "0",
            "--users-file", users.toString(), "--tls"};
        Path clientProperties = dataDir.resolve("client.properties");
        String ca;
        // The first start makes the local CA with keytool, a JVM per step: minutes on a loaded machine.
        try (UpCommandTest.RunningUp up = UpCommandTest.RunningUp.start(Duration.ofMinutes(4), args)) {
            assertThat(up.out()).contains("SASL SCRAM-SHA-512 over TLS").contains(dataDir.resolve("tls/ca.pem").toString());
            ca = Files.readString(dataDir.resolve("tls/ca.pem"));
            Properties client = new Properties();
            try (Reader in = Files.newBufferedReader(clientProperties)) {
                client.load(in);
            }
            assertThat(client.getProperty("security.protocol")).isEqualTo("SASL_SSL");
            assertThat(client.getProperty("ssl.truststore.location")).isEqualTo(dataDir.resolve("tls/truststore.p12").toString());
            assertThat(client.getProperty("schema.registry.ssl.truststore.location")).isEqualTo(client.getProperty("ssl.truststore.location"));

            Map<String, String> withoutTls = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", BrokerUser.MECHANISM,
                "sasl.jaas.config", BrokerUser.jaasConfig("ada", "adapw"));
            try (Admin plain = Admin.create(kafka(bootstrap, withoutTls))) {
                assertThatThrownBy(() -> plain.describeCluster().clusterId().get(20, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
            }
            String registry = up.registryUrl();
            assertThat(registry).startsWith("https://");
            Cli.Result generated = Cli.run("generate", "--count", "50", "--rate", "max", "--bootstrap-server", bootstrap,
                "--command-config", clientProperties.toString(), "--registry-url", registry);
            assertThat(generated.exitCode()).as(generated.err()).isZero();
            Cli.Result consumed = Cli.run("consume", "--from-beginning", "--max", "50", "--bootstrap-server", bootstrap,
                "--command-config", clientProperties.toString(), "--registry-url", registry);
            assertThat(consumed.exitCode()).as(consumed.err()).isZero();
            assertThat(consumed.out().lines()).hasSize(50);
            Cli.Result listed = Cli.run("schemas", "list", "--registry-url", registry,
                "--command-config", clientProperties.toString());
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("raw_data-value");
            assertThat(Cli.run("schemas", "list", "--registry-url", registry).exitCode())
                .as("neither the local CA trusted nor credentials given").isNotZero();

            HttpClient trusting = HttpClient.newBuilder().sslContext(new Truststore(dataDir.resolve("tls/truststore.p12"),
                client.getProperty("ssl.truststore.password"), "PKCS12").sslContext()).build();
            for (String url : List.of(registry + "/subjects", up.consoleUrl() + "/api/v1/info")) {
                assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url.replace("https://", "http://"))).build(),
                    HttpResponse.BodyHandlers.discarding())).as("plain HTTP to " + url).isInstanceOf(IOException.class);
                HttpRequest signedIn = HttpRequest.newBuilder(URI.create(url)).header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("vic:vicpw".getBytes(StandardCharsets.UTF_8))).build();
                assertThat(trusting.send(signedIn, HttpResponse.BodyHandlers.discarding()).statusCode()).as(url).isEqualTo(200);
            }

            // The Control Center alone reaches the https registry by trusting the local CA.
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            CommandLine commandLine = Tillstream.commandLine();
            ConsoleCommand standalone = commandLine.getSubcommands().get("console").getCommand();
            StringWriter out = new StringWriter();
            commandLine.setOut(new PrintWriter(out, true));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("console",
                "--bootstrap-server", bootstrap, "--command-config", clientProperties.toString(), "--port", "" + port,
                "--registry-url", registry, "--registry-user-info", "ada:adapw",
                "--tls-truststore", dataDir.resolve("tls/truststore.p12").toString(),
                "--tls-truststore-password", client.getProperty("ssl.truststore.password")));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("is up") || exit.isDone());
            HttpResponse<String> subjects = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/schemas/subjects")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(subjects.body()).as(out.toString()).contains("raw_data-value");
            standalone.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        }
        try (UpCommandTest.RunningUp again = UpCommandTest.RunningUp.start(args)) {
            assertThat(Files.readString(dataDir.resolve("tls/ca.pem"))).as("the CA is reused").isEqualTo(ca);
            Cli.Result topics = Cli.run("topics", "list", "--bootstrap-server", bootstrap, "--command-config", clientProperties.toString());
            assertThat(topics.exitCode()).as(topics.err()).isZero();
        }
    }

    @Test
    void tlsWithoutUsersIsAUsageError() {
        Cli.Result result = Cli.run("up", "--data-dir", temp.resolve("data").toString(), "--tls");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("error: --tls needs --users-file: TLS is there to protect the credentials of its users\n");
    }
}
