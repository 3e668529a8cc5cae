package io.tillstream.cli;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;

import java.nio.file.Path;
import java.util.Map;

/** A real embedded Kafka node and a real Schema Registry on it, on free ports, for a test class to share. */
final class KafkaWithRegistry implements AutoCloseable {

    private final LocalCluster cluster;
    private final SchemaRegistryServer registry;

    private KafkaWithRegistry(LocalCluster cluster, SchemaRegistryServer registry) {
        this.cluster = cluster;
        this.registry = registry;
    }

    static KafkaWithRegistry start(Path dir) {
        LocalCluster cluster = TestClusters.start(dir.resolve("data"), 1);
        SchemaRegistryServer registry = SchemaRegistryServer.create(new RegistryConfig(Map.of(
            RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:0")));
        try {
            registry.start();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return new KafkaWithRegistry(cluster, registry);
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        registry.close();
        cluster.close();
    }
}
