package io.tillstream.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import io.tillstream.serde.client.CachedSchemaRegistryClient;
import io.tillstream.serde.client.SchemaRegistryClient;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One real Kafka broker and Tillstream's registry server for every test and benchmark in this JVM,
 * started on first use and stopped when the JVM exits: starting them takes seconds, and tests keep
 * apart by using their own topics and subjects ({@link #unique}).
 */
public final class EmbeddedRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedRegistry instance;

    private final Path dataDir;
    private final LocalCluster cluster;
    private final SchemaRegistryServer server;
    private final SchemaRegistryClient client;

    private EmbeddedRegistry(Path dataDir, LocalCluster cluster, SchemaRegistryServer server) {
        this.dataDir = dataDir;
        this.cluster = cluster;
        this.server = server;
        this.client = new CachedSchemaRegistryClient(Map.of("schema.registry.url", server.url()));
    }

    public static synchronized EmbeddedRegistry get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "embedded-registry-stop"));
        }
        return instance;
    }

    /** A topic or subject name no other test uses: {@code prefix}, a dash and 8 random hex digits. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public String url() {
        return server.url();
    }

    /** A client of the registry for tests to share; it closes with the registry. */
    public SchemaRegistryClient client() {
        return client;
    }

    /**
     * Another registry server on the same broker, started, with a schemas topic of its own (so its IDs
     * are its own too), for a test that takes the registry away or runs one configured differently:
     * the caller closes it.
     */
    public SchemaRegistryServer startAnother(Map<String, ?> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(RegistryConfig.KAFKASTORE_TOPIC_CONFIG, unique("_schemas"));
        return startServer(cluster.bootstrapServers(), config);
    }

    /**
     * Imports {@code schemas} into the empty {@code subject} as versions 1, 2, ... under the IDs
     * {@code firstId}, {@code firstId + 1}, ..., as a migration does (IMPORT mode, then READWRITE
     * again), for tests whose expected bytes hold a known ID. IDs are global: a test importing under
     * an ID must import the same schema another test imported under it, if any.
     */
    public void importSchemas(String subject, int firstId, Schema... schemas) {
        setMode(subject, "IMPORT");
        for (int i = 0; i < schemas.length; i++) {
            call("POST", "/subjects/" + segment(subject) + "/versions",
                Map.of("schema", schemas[i].toString(), "id", firstId + i, "version", i + 1));
        }
        setMode(subject, "READWRITE");
    }

    /** Sets {@code subject}'s mode: READWRITE, READONLY or IMPORT (the client has no call for modes). */
    public void setMode(String subject, String mode) {
        call("PUT", "/mode/" + segment(subject), Map.of("mode", mode));
    }

    private void call(String method, String path, Map<String, Object> body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static EmbeddedRegistry start() {
        try {
            Path dataDir = Files.createTempDirectory("tillstream-serde-test");
            LocalCluster cluster = TestClusters.start(dataDir, 1);
            return new EmbeddedRegistry(dataDir, cluster, startServer(cluster.bootstrapServers(), Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SchemaRegistryServer startServer(String bootstrapServers, Map<String, ?> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0");
        SchemaRegistryServer server = SchemaRegistryServer.create(new RegistryConfig(config));
        server.start();
        return server;
    }

    private void stop() {
        client.close();
        server.close();
        cluster.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
