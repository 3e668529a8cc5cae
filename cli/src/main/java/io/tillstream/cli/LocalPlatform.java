package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * What {@code up} and {@code demo} run in this process: a local Kafka cluster with the {@code raw_data}
 * topic, and a Schema Registry on it. Started whole or not at all.
 */
final class LocalPlatform implements AutoCloseable {

    static final String SALES_TOPIC = "raw_data";

    private final ClusterSpec spec;
    private final LocalCluster cluster;
    private final SchemaRegistryServer registry;
    private final int salesPartitions;

    private LocalPlatform(ClusterSpec spec, LocalCluster cluster, SchemaRegistryServer registry, int salesPartitions) {
        this.spec = spec;
        this.cluster = cluster;
        this.registry = registry;
        this.salesPartitions = salesPartitions;
    }

    /**
     * Checks every port first, then starts the cluster (logging into its data directory), creates
     * {@code raw_data} if missing and starts the registry; on failure stops what it started.
     */
    static LocalPlatform start(LocalPlatformOptions options, Verbosity verbosity, PrintWriter err) {
        ClusterSpec spec = options.clusterSpec();
        String registryHost = spec.listensBeyondLoopback() ? "0.0.0.0" : ClusterSpec.LOOPBACK;
        LocalCluster.checkPortFree(registryHost, options.registryPort, "Schema Registry");
        LocalCluster cluster = LocalCluster.prepare(spec);
        verbosity.configure(cluster.dataDirectory().logFile());
        cluster.start();
        try {
            int salesPartitions = ensureSalesTopic(cluster, options.partitions);
            SchemaRegistryServer registry = RegistryCommand.startRegistry(ConnectionOptions.to(cluster.bootstrapServers()),
                Map.of(RegistryConfig.LISTENERS_CONFIG, "http://" + registryHost + ":" + options.registryPort));
            if (spec.listensBeyondLoopback()) {
                err.println("warning: Kafka and the Schema Registry listen on every interface without authentication;"
                    + " anyone who can reach ports " + options.kafkaPort + " and " + options.registryPort
                    + " can read and write every topic");
            }
            return new LocalPlatform(spec, cluster, registry, salesPartitions);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    LocalCluster cluster() {
        return cluster;
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The registry's URL as clients should use it: on the advertised host. */
    String registryUrl() {
        return "http://" + spec.advertisedHost() + ":" + registry.port();
    }

    int salesPartitions() {
        return salesPartitions;
    }

    @Override
    public void close() {
        registry.close();
        cluster.close();
    }

    /** Creates raw_data on first start; on later starts reports the partitions it has. */
    private static int ensureSalesTopic(LocalCluster cluster, int partitions) {
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
            return admin.describeTopics(List.of(SALES_TOPIC)).allTopicNames().get().get(SALES_TOPIC).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while creating " + SALES_TOPIC, ExitCode.FAILED, e);
        } catch (ExecutionException e) {
            throw new CommandFailedException("cannot describe topic " + SALES_TOPIC + ": " + e.getCause().getMessage(),
                ExitCode.FAILED, e.getCause());
        }
    }
}
