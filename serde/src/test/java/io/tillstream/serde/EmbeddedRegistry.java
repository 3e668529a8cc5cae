package io.tillstream.serde;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One real Kafka broker and Tillstream's registry server for every test and benchmark in this JVM,
 * started on first use and stopped when the JVM exits: starting them takes seconds, and tests keep
 * apart by using their own topics and subjects.
 */
public final class EmbeddedRegistry {

    private static EmbeddedRegistry instance;

    private final Path dataDir;
    private final LocalCluster cluster;
    private final SchemaRegistryServer server;

    private EmbeddedRegistry(Path dataDir, LocalCluster cluster, SchemaRegistryServer server) {
        this.dataDir = dataDir;
        this.cluster = cluster;
        this.server = server;
    }

    public static synchronized EmbeddedRegistry get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "embedded-registry-stop"));
        }
        return instance;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public String url() {
        return server.url();
    }

    private static EmbeddedRegistry start() {
        try {
            Path dataDir = Files.createTempDirectory("tillstream-serde-test");
            LocalCluster cluster = TestClusters.start(dataDir, 1);
            SchemaRegistryServer server = SchemaRegistryServer.create(new RegistryConfig(Map.of(
                RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0")));
            server.start();
            return new EmbeddedRegistry(dataDir, cluster, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        server.close();
        cluster.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
