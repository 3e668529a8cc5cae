package io.tillstream.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import io.tillstream.registry.testing.KafkaWithRegistry;
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
import java.util.HashMap;
import java.util.Map;

/**
 * The JVM's shared Kafka broker and registry server ({@link KafkaWithRegistry#shared()}) for every
 * test and benchmark here, with the serde tests' own helpers: a shared client, further servers, IMPORT
 * mode. Tests keep apart by using their own topics and subjects ({@link #unique}).
 */
public final class EmbeddedRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedRegistry instance;

    private final KafkaWithRegistry platform;
    private final SchemaRegistryClient client;

    private EmbeddedRegistry(KafkaWithRegistry platform) {
        this.platform = platform;
        this.client = new CachedSchemaRegistryClient(Map.of("schema.registry.url", platform.registryUrl()));
    }

    public static synchronized EmbeddedRegistry get() {
        if (instance == null) {
            instance = new EmbeddedRegistry(KafkaWithRegistry.shared());
        }
        return instance;
    }

    /** A topic or subject name no other test uses: {@code prefix}, a dash and 8 random hex digits. */
    public static String unique(String prefix) {
        return KafkaWithRegistry.unique(prefix);
    }

    public String bootstrapServers() {
        return platform.bootstrapServers();
    }

    public String url() {
        return platform.registryUrl();
    }

    /** A client of the registry for tests to share. */
    public SchemaRegistryClient client() {
        return client;
    }

    /**
     * Another registry server on the same broker, started, with a schemas topic and an election group
     * of its own (so its IDs are its own too, and its election never disturbs the shared registry's),
     * for a test that takes the registry away or runs one configured differently: the caller closes it.
     */
    public SchemaRegistryServer startAnother(Map<String, ?> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        String topic = unique("_schemas");
        config.put(RegistryConfig.KAFKASTORE_TOPIC_CONFIG, topic);
        config.put(RegistryConfig.SCHEMA_REGISTRY_GROUP_ID_CONFIG, "registry" + topic);
        return platform.startRegistry(config);
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
}
