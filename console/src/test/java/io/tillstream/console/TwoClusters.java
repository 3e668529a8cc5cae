package io.tillstream.console;

import io.tillstream.cluster.LocalCluster;
import io.tillstream.cluster.testing.TestClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * A second real Kafka node beside the environment's, and a console showing both from a clusters file: {@value #MAIN}
 * (the environment's, first) and {@value #SECOND} (read-only), both decoding through the environment's registry,
 * which the file leaves to the console's settings.
 */
final class TwoClusters implements AutoCloseable {

    static final String MAIN = "main";
    static final String SECOND = "second";

    private final Environment env;
    private final LocalCluster second;
    private final ControlCenter console;

    private TwoClusters(Environment env, LocalCluster second, ControlCenter console) {
        this.env = env;
        this.second = second;
        this.console = console;
    }

    static TwoClusters start(Environment env) {
        try {
            Path dir = Files.createTempDirectory(env.dataDir(), "two-clusters-");
            LocalCluster second = TestClusters.start(dir.resolve("kafka"), 1);
            try {
                Path file = Files.writeString(dir.resolve("clusters.properties"), String.join("\n",
                    "clusters=" + MAIN + "," + SECOND,
                    "cluster." + MAIN + ".bootstrap.servers=" + env.bootstrapServers(),
                    "cluster." + SECOND + ".bootstrap.servers=" + second.bootstrapServers(),
                    "cluster." + SECOND + ".read.only=true", ""));
                return new TwoClusters(env, second,
                    env.startConsole(Map.of(ConsoleConfig.CLUSTERS_FILE_CONFIG, file.toString())));
            } catch (RuntimeException e) {
                second.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ControlCenter console() {
        return console;
    }

    String bootstrapServers(String cluster) {
        return cluster.equals(SECOND) ? second.bootstrapServers() : env.bootstrapServers();
    }

    /** An Admin client of {@code cluster}'s own, to see what the console did there; the caller closes it. */
    Admin admin(String cluster) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(cluster)));
    }

    /** Creates {@code topic} on {@code cluster} behind the console's back. */
    void createTopic(String cluster, String topic) {
        try (Admin admin = admin(cluster)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Set<String> topics(String cluster) throws Exception {
        try (Admin admin = admin(cluster)) {
            return admin.listTopics().names().get();
        }
    }

    @Override
    public void close() {
        console.close();
        second.close();
    }
}
