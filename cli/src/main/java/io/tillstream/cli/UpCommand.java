package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code tillstream up}: a local Kafka cluster in this process, with the {@code raw_data} topic, until
 * Ctrl-C or SIGTERM.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start a local Apache Kafka cluster (KRaft, no ZooKeeper) and keep it running until Ctrl-C.",
        "Data lives under --data-dir, so a second start finds its topics, records and offsets again."})
final class UpCommand implements Callable<Integer> {

    static final String SALES_TOPIC = "raw_data";
    static final String ADDRESS_VARIABLE = "KAFKA_ADDRESS";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
        description = "Where the cluster keeps its data and logs (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
        description = "Nodes in the local cluster, 1 to " + ClusterSpec.MAX_NODES + " (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
        description = "Partitions of the raw_data topic when it is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--advertised-host", paramLabel = "HOST",
        description = {"Host name clients on other machines use to reach the brokers; anything but loopback",
            "also listens on every interface. Default: $" + ADDRESS_VARIABLE + " if set, else 127.0.0.1."})
    String advertisedHost;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "" + ClusterSpec.DEFAULT_CLIENT_PORT,
        description = "Client port of the first node; node i uses PORT+2i (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "" + ClusterSpec.DEFAULT_CONTROLLER_PORT,
        description = "KRaft controller port of the first node; node i uses PORT+2i (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
        description = "Port of the Schema Registry (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    private final Shutdown shutdown = new Shutdown();

    @Override
    public Integer call() {
        if (brokers < 1 || brokers > ClusterSpec.MAX_NODES) {
            throw new CommandFailedException("--brokers must be 1 to " + ClusterSpec.MAX_NODES + ", not " + brokers, ExitCode.USAGE);
        }
        if (partitions < 1) {
            throw new CommandFailedException("--partitions must be at least 1, not " + partitions, ExitCode.USAGE);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterSpec clusterSpec = ClusterSpec.local(dataDir, brokers)
            .withPorts(kafkaPort, controllerPort)
            .withAdvertisedHost(advertisedHost());
        String registryHost = clusterSpec.listensBeyondLoopback() ? "0.0.0.0" : ClusterSpec.LOOPBACK;
        LocalCluster.checkPortFree(registryHost, registryPort, "Schema Registry");
        LocalCluster cluster = LocalCluster.prepare(clusterSpec);
        verbosity.configure(cluster.dataDirectory().logFile());
        cluster.start();
        SchemaRegistryServer registry;
        int salesPartitions;
        try {
            salesPartitions = ensureSalesTopic(cluster);
            registry = startRegistry(cluster, registryHost);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        if (clusterSpec.listensBeyondLoopback()) {
            err.println("warning: Kafka and the Schema Registry listen on every interface without authentication;"
                + " anyone who can reach ports " + kafkaPort + " and " + registryPort + " can read and write every topic");
        }
        out.printf("Tillstream is up: Kafka %s at %s (%d node%s, KRaft), topic %s with %d partitions,"
                + " Schema Registry at %s, data in %s. Ctrl-C stops it.%n",
            KafkaVersion.current(), cluster.bootstrapServers(), brokers, brokers == 1 ? "" : "s",
            SALES_TOPIC, salesPartitions, "http://" + clusterSpec.advertisedHost() + ":" + registry.port(),
            cluster.dataDirectory().root());
        out.flush();
        shutdown.runUntilStopped(out, () -> {
            registry.close();
            cluster.close();
        });
        return ExitCode.OK;
    }

    /** Asks a running {@code up} to shut down as Ctrl-C would. */
    void stop() {
        shutdown.request();
    }

    private SchemaRegistryServer startRegistry(LocalCluster cluster, String host) {
        ConnectionOptions local = ConnectionOptions.to(cluster.bootstrapServers());
        return RegistryCommand.startRegistry(local, Map.of(RegistryConfig.LISTENERS_CONFIG,
            "http://" + host + ":" + registryPort));
    }

    private String advertisedHost() {
        if (advertisedHost != null) {
            return advertisedHost;
        }
        String fromEnvironment = System.getenv(ADDRESS_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? ClusterSpec.LOOPBACK : fromEnvironment.trim();
    }

    /** Creates raw_data on first start; on later starts reports the partitions it has. */
    private int ensureSalesTopic(LocalCluster cluster) {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            try {
                admin.createTopics(List.of(new NewTopic(SALES_TOPIC, partitions, cluster.spec().replicationFactor())))
                    .all().get();
                return partitions;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new CommandFailedException("cannot create topic " + SALES_TOPIC + ": " + e.getCause().getMessage(),
                        ExitCode.FAILED, e.getCause());
                }
            }
            TopicDescription existing = admin.describeTopics(List.of(SALES_TOPIC)).allTopicNames().get().get(SALES_TOPIC);
            return existing.partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while creating " + SALES_TOPIC, ExitCode.FAILED, e);
        } catch (ExecutionException e) {
            throw new CommandFailedException("cannot describe topic " + SALES_TOPIC + ": " + e.getCause().getMessage(),
                ExitCode.FAILED, e.getCause());
        }
    }
}
