package io.tillstream.registry;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A registry on a one-node local cluster for {@code bench/registry/ids-wrk.sh}; runs until killed.
 * The port is the first argument (default 8081).
 */
public final class RegistryBenchmarkServer {

    private RegistryBenchmarkServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        Path dataDir = Files.createTempDirectory("registry-bench");
        LocalCluster cluster = TestClusters.start(dataDir, 1);
        SchemaRegistryServer server = SchemaRegistryServer.create(new RegistryConfig(Map.of(
            RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            RegistryConfig.LISTENERS_CONFIG, "http://127.0.0.1:" + port)));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            cluster.close();
        }));
        System.out.println("registry ready at " + server.url());
        new CountDownLatch(1).await();
    }
}
