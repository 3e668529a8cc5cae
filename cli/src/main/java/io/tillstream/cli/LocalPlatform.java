package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.console.ControlCenter;
import io.tillstream.pipeline.SalesPipeline;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What {@code up} and {@code demo} run in this process: a local Kafka cluster with the {@code raw_data}
 * topic, a Schema Registry, for {@code demo} the sales processor, and the Control Center on them (unless
 * {@code --no-console}). Started whole or not at all.
 */
final class LocalPlatform implements AutoCloseable {

    static final String SALES_TOPIC = "raw_data";

    private final ClusterSpec spec;
    private final LocalCluster cluster;
    private final SchemaRegistryServer registry;
    private final SalesPipeline processor;
    private final ControlCenter console;
    private final int salesPartitions;

    private LocalPlatform(ClusterSpec spec, LocalCluster cluster, SchemaRegistryServer registry, SalesPipeline processor,
                          ControlCenter console, int salesPartitions) {
        this.spec = spec;
        this.cluster = cluster;
        this.registry = registry;
        this.processor = processor;
        this.console = console;
        this.salesPartitions = salesPartitions;
    }

    /**
     * Checks every port first, then starts the cluster (logging into its data directory), creates
     * {@code raw_data} if missing and starts the registry; on failure stops what it started.
     */
    static LocalPlatform start(LocalPlatformOptions options, Verbosity verbosity, PrintWriter err) {
        return start(options, verbosity, err, null);
    }

    /**
     * As {@link #start(LocalPlatformOptions, Verbosity, PrintWriter)}, and between the registry and the
     * console runs {@code processor} (given the cluster and the registry's URL), so that the console's
     * Sales page reads the sales processor's HTTP API. The platform closes the processor with the rest.
     */
    static LocalPlatform start(LocalPlatformOptions options, Verbosity verbosity, PrintWriter err,
                               BiFunction<LocalCluster, String, SalesPipeline> processor) {
        ClusterSpec spec = options.clusterSpec();
        String host = spec.listensBeyondLoopback() ? "0.0.0.0" : ClusterSpec.LOOPBACK;
        LocalCluster.checkPortFree(host, options.registryPort, "Schema Registry");
        if (!options.noConsole) {
            LocalCluster.checkPortFree(host, options.consolePort, "Control Center");
        }
        LocalCluster cluster = LocalCluster.prepare(spec);
        verbosity.configure(cluster.dataDirectory().logFile());
        cluster.start();
        SchemaRegistryServer registry = null;
        SalesPipeline sales = null;
        try {
            ConnectionOptions local = ConnectionOptions.to(cluster.bootstrapServers());
            int salesPartitions = ensureSalesTopic(cluster, local, options.partitions);
            registry = RegistryCommand.startRegistry(local,
                Map.of(RegistryConfig.LISTENERS_CONFIG, "http://" + host + ":" + options.registryPort));
            sales = processor == null ? null : processor.apply(cluster, registryUrl(spec, registry));
            ControlCenter console = options.noConsole ? null : startConsole(options, host, local, registry, sales);
            if (spec.listensBeyondLoopback()) {
                err.println(console == null
                    ? "warning: Kafka and the Schema Registry listen on every interface without authentication; anyone who"
                        + " can reach ports " + options.kafkaPort + " and " + options.registryPort + " can read and write every topic"
                    : "warning: Kafka, the Schema Registry and the Control Center listen on every interface without"
                        + " authentication; anyone who can reach ports " + options.kafkaPort + ", " + options.registryPort
                        + " and " + options.consolePort + " can read and write every topic");
            }
            return new LocalPlatform(spec, cluster, registry, sales, console, salesPartitions);
        } catch (RuntimeException e) {
            if (sales != null) {
                sales.close();
            }
            if (registry != null) {
                registry.close();
            }
            cluster.close();
            throw e;
        }
    }

    private static ControlCenter startConsole(LocalPlatformOptions options, String host, ConnectionOptions local,
                                              SchemaRegistryServer registry, SalesPipeline sales) {
        Map<String, Object> consoleSettings = new HashMap<>(Map.of(
            ConsoleConfig.LISTEN_HOST_CONFIG, host, ConsoleConfig.LISTEN_PORT_CONFIG, options.consolePort));
        if (sales != null) {
            consoleSettings.put(ConsoleConfig.SALES_API_URL_CONFIG, sales.httpUrl());
        }
        return ConsoleCommand.startConsole(local.clientSettings(),
            RegistryOptions.at("http://" + ClusterSpec.LOOPBACK + ":" + registry.port()), consoleSettings);
    }

    LocalCluster cluster() {
        return cluster;
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The registry's URL as clients should use it: on the advertised host. */
    String registryUrl() {
        return registryUrl(spec, registry);
    }

    private static String registryUrl(ClusterSpec spec, SchemaRegistryServer registry) {
        return "http://" + spec.advertisedHost() + ":" + registry.port();
    }

    /** The sales processor started with the platform; null when there is none. */
    SalesPipeline processor() {
        return processor;
    }

    /** The Control Center's URL on the advertised host; empty when it runs without one. */
    Optional<String> consoleUrl() {
        return Optional.ofNullable(console).map(c -> "http://" + spec.advertisedHost() + ":" + c.port());
    }

    int salesPartitions() {
        return salesPartitions;
    }

    @Override
    public void close() {
        if (console != null) {
            console.close();
        }
        if (processor != null) {
            processor.close();
        }
        registry.close();
        cluster.close();
    }

    /** Creates raw_data on first start; on later starts reports the partitions it has. */
    private static int ensureSalesTopic(LocalCluster cluster, ConnectionOptions local, int partitions) {
        try (ClusterConnection connection = ClusterConnection.open(local)) {
            try {
                connection.await(connection.admin().createTopics(
                    List.of(new NewTopic(SALES_TOPIC, partitions, cluster.spec().replicationFactor()))).all());
                return partitions;
            } catch (CommandFailedException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new CommandFailedException("cannot create topic " + SALES_TOPIC + ": " + e.getMessage(),
                        ExitCode.FAILED, e.getCause());
                }
            }
            return connection.describeTopics(List.of(SALES_TOPIC)).get(SALES_TOPIC).partitions().size();
        }
    }
}
