package io.tillstream.cli;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real embedded Kafka node and a real Schema Registry on it, on free ports, shared by one test
 * class: {@code @RegisterExtension static KafkaWithRegistry stack = new KafkaWithRegistry();}
 */
final class KafkaWithRegistry implements BeforeAllCallback, AfterAllCallback {

    private Path dataDir;
    private LocalCluster cluster;
    private SchemaRegistryServer registry;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("tillstream-test-");
        cluster = TestClusters.start(dataDir, 1);
        registry = SchemaRegistryServer.create(new RegistryConfig(Map.of(
            RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0")));
        registry.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }
}
