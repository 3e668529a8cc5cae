package io.tillstream.registry.testing;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real one-node Kafka cluster and a real Schema Registry on it, on free ports, for tests in any
 * module (through this module's test jar). {@link #shared()} is one for the whole JVM, started on
 * first use and stopped when the JVM exits, since starting takes seconds: tests keep apart with
 * topics, subjects and application ids of their own ({@link #unique}).
 */
public final class KafkaWithRegistry implements AutoCloseable {

    private static KafkaWithRegistry shared;

    private final Path dataDir;
    private final LocalCluster cluster;
    private final SchemaRegistryServer registry;

    private KafkaWithRegistry(Path dataDir) {
        this.dataDir = dataDir;
        this.cluster = TestClusters.start(dataDir.resolve("kafka"), 1);
        try {
            this.registry = startRegistry(Map.of());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** A node and a registry of the caller's own, which the caller closes. */
    public static KafkaWithRegistry start() {
        try {
            return new KafkaWithRegistry(Files.createTempDirectory("tillstream-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM's node and registry, started on first use, closed when the JVM exits. */
    public static synchronized KafkaWithRegistry shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-with-registry-stop"));
        }
        return shared;
    }

    /** A topic, subject or id no other test uses: {@code prefix}, a dash and 8 random hex digits. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The node's {@code host:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The registry's {@code http://127.0.0.1:<port>}, for {@code schema.registry.url}. */
    public String registryUrl() {
        return registry.url();
    }

    /** A directory of this instance's own for tests' files (state directories, ...), deleted on close. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * A further registry server on this node, started on a free port, with {@code settings} on top of
     * the node's address; the caller closes it.
     */
    public SchemaRegistryServer startRegistry(Map<String, ?> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0");
        SchemaRegistryServer server = SchemaRegistryServer.create(new RegistryConfig(config));
        server.start();
        return server;
    }

    @Override
    public void close() {
        registry.close();
        cluster.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
