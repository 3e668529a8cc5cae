package io.tillstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interoperability with a real third-party client: Confluent's official JavaScript Schema Registry
 * client and Avro serdes ({@code @confluentinc/schemaregistry} from the npm registry) register and
 * fetch against Tillstream's registry, our deserializer reads its bytes and its deserializer reads
 * ours. The package is installed under {@code target/npm-interop} once and reused by later runs.
 */
@Tag("interop")
class ConfluentJsInteropTest {

    /** Pinned so that the test always talks to the same client. */
    private static final String PACKAGE = "@confluentinc/schemaregistry";
    private static final String VERSION = "1.10.1";

    private static final Path NPM_DIR = Path.of("target", "npm-interop").toAbsolutePath();
    private static final Path SCRIPT = Path.of("src", "test", "js", "interop.js").toAbsolutePath();
    private static final Path SALE_SCHEMA = Path.of("src", "test", "avro", "sale.avsc").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedRegistry embedded;
    private static KafkaAvroSerializer serializer;
    private static KafkaAvroDeserializer deserializer;

    @BeforeAll
    static void installClient() throws Exception {
        assumeTrue(runs("node", "--version") && runs("npm", "--version"),
            "node and npm are not installed: skipping the interoperability test with Confluent's JavaScript client");
        if (!installedVersion().equals(VERSION)) {
            Files.createDirectories(NPM_DIR);
            // A package.json of its own keeps npm from adopting a project further up the tree.
            Files.writeString(NPM_DIR.resolve("package.json"), "{\"name\":\"tillstream-npm-interop\",\"private\":true}\n");
            run(NPM_DIR, 300, "npm", "install", "--no-audit", "--no-fund", "--no-save", PACKAGE + "@" + VERSION);
            assertThat(installedVersion()).as(PACKAGE + " installed").isEqualTo(VERSION);
        }
        embedded = EmbeddedRegistry.get();
        serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", embedded.url()), false);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", embedded.url()), false);
    }

    @AfterAll
    static void closeSerdes() {
        if (serializer != null) {
            serializer.close();
            deserializer.close();
        }
    }

    @Test
    void bytesTheJsSerializerWritesAreOursByteForByteAndOurDeserializerReadsThem() throws Exception {
        String topic = topic();

        JsonNode produced = JSON.readTree(node("produce", embedded.url(), topic, SALE_SCHEMA.toString()));
        byte[] jsBytes = HexFormat.of().parseHex(produced.get("hex").asText());

        assertThat(WireFormat.schemaId(jsBytes)).isEqualTo(produced.get("id").asInt());
        assertThat(deserializer.deserialize(topic, jsBytes)).hasToString(Sales.generic().toString());
        assertThat(serializer.serialize(topic, Sales.generic()))
            .as("our bytes for the same record, its schema found registered under the same ID")
            .isEqualTo(jsBytes);
    }

    @Test
    void theJsDeserializerReadsOurBytes() throws Exception {
        String topic = topic();
        String hex = HexFormat.of().formatHex(serializer.serialize(topic, Sales.generic()));

        JsonNode sale = JSON.readTree(node("consume", embedded.url(), topic, hex));

        assertThat(sale.get("invoice_no").asText()).isEqualTo("I138884");
        assertThat(sale.get("customer_id").asText()).isEqualTo("C241288");
        assertThat(sale.get("age").asInt()).isEqualTo(28);
        assertThat(sale.get("quantity").asInt()).isEqualTo(5);
        assertThat(sale.get("price").asText()).as("unscaled 150040 of 1500.40").isEqualTo("024a18");
        assertThat(sale.get("invoice_date").asInt()).as("2022-08-05").isEqualTo(19209);
        assertThat(sale.get("shopping_mall").asText()).isEqualTo("Kanyon");
        assertThat(sale.get("event_time").asLong()).isEqualTo(1_651_400_000_000L);
    }

    private static String topic() {
        return "js-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String node(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
        command.addAll(List.of(args));
        return run(NPM_DIR, 60, command.toArray(String[]::new));
    }

    private static String installedVersion() throws IOException {
        Path packageJson = NPM_DIR.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
        return Files.exists(packageJson) ? JSON.readTree(packageJson.toFile()).path("version").asText() : "";
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command in {@code dir}, returning its standard output; fails with its error output. */
    private static String run(Path dir, int timeoutSeconds, String... command) throws Exception {
        Path stdout = Files.createTempFile("interop", ".out");
        Path stderr = Files.createTempFile("interop", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().put("NODE_PATH", NPM_DIR.resolve("node_modules").toString());
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            assertThat(process.exitValue()).as(String.join(" ", command) + " failed:\n" + Files.readString(stderr))
                .isZero();
            return Files.readString(stdout);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
