package io.tillstream.cli;

import io.tillstream.cluster.BrokerMetrics;
import io.tillstream.cluster.ClusterSpec;
import io.tillstream.cluster.LocalCluster;
import io.tillstream.console.ConsoleConfig;
import io.tillstream.console.ControlCenter;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.metrics.MetricsServer;
import io.tillstream.metrics.MetricsServerException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;

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
    private final MetricsServer metricsServer;
    private final MetricsEndpoint metrics;
    private final int salesPartitions;

    private LocalPlatform(ClusterSpec spec, LocalCluster cluster, SchemaRegistryServer registry, SalesPipeline processor,
                          ControlCenter console, MetricsServer metricsServer, MetricsEndpoint metrics, int salesPartitions) {
        this.spec = spec;
        this.cluster = cluster;
        this.registry = registry;
        this.processor = processor;
        this.console = console;
        this.metricsServer = metricsServer;
        this.metrics = metrics;
        this.salesPartitions = salesPartitions;
    }

    /**
     * Checks every port first, then starts the cluster (logging into its data directory), creates
     * {@code raw_data} if missing and starts the registry; on failure stops what it started.
     */
    static LocalPlatform start(LocalPlatformOptions options, Verbosity verbosity, PrintWriter err) {
        return start(options, verbosity, err, null, null);
    }

    /**
     * As {@link #start(LocalPlatformOptions, Verbosity, PrintWriter)}, and between the registry and the
     * console runs {@code processor} (given the cluster and the registry's URL), so that the console's
     * Sales page reads the sales processor's HTTP API. The platform closes the processor with the rest.
     *
     * <p>What does not wait on another part runs beside it: the registry's HTTP routes are built while
     * Kafka starts, {@code raw_data} is created while the registry reads its topic, and the Control Center
     * is built meanwhile too once the URLs it needs are known: the registry's at once unless its port is
     * 0, the processor's ({@code processorApiUrl}) at once unless it is null, else once it listens.
     */
    static LocalPlatform start(LocalPlatformOptions options, Verbosity verbosity, PrintWriter err,
                               BiFunction<LocalCluster, String, SalesPipeline> processor, String processorApiUrl) {
        ClusterSpec spec = options.clusterSpec();
        String host = spec.listensBeyondLoopback() ? "0.0.0.0" : ClusterSpec.LOOPBACK;
        LocalCluster.checkPortFree(host, options.registryPort, "Schema Registry");
        if (!options.noConsole) {
            LocalCluster.checkPortFree(host, options.consolePort, "Control Center");
        }
        if (options.metricsPort != null) {
            LocalCluster.checkPortFree(host, options.metricsPort, "metrics");
        }
        LocalCluster cluster = LocalCluster.prepare(spec);
        verbosity.configure(cluster.dataDirectory().logFile());
        ConnectionOptions local = ConnectionOptions.to(cluster.bootstrapServers());
        CompletableFuture<SchemaRegistryServer> registry = inBackground("registry", () -> RegistryCommand.createRegistry(local,
            Map.of(RegistryConfig.LISTENERS_CONFIG, "http://" + host + ":" + options.registryPort)));
        CompletableFuture<Integer> registryPort = new CompletableFuture<>();
        CompletableFuture<String> salesApiUrl = new CompletableFuture<>();
        CompletableFuture<Integer> salesTopic = CompletableFuture.completedFuture(0);
        CompletableFuture<ControlCenter> console = CompletableFuture.completedFuture(null);
        SalesPipeline sales = null;
        MetricsServer metricsServer = null;
        try {
            cluster.start();
            MetricsEndpoint brokerMetrics = null;
            if (options.metricsPort != null) {
                brokerMetrics = new MetricsEndpoint();
                brokerMetrics.register(new BrokerMetrics());
                metricsServer = serveMetrics(host, options.metricsPort, brokerMetrics);
            }
            salesTopic = inBackground("sales-topic", () -> ensureSalesTopic(cluster, local, options.partitions));
            if (options.registryPort != 0) {
                registryPort.complete(options.registryPort);
            }
            if (processor == null || processorApiUrl != null) {
                salesApiUrl.complete(processorApiUrl);
            }
            if (!options.noConsole) {
                console = registryPort.thenCombineAsync(salesApiUrl,
                    (port, salesApi) -> createConsole(options, host, local, port, salesApi), daemonThread("console"));
            }
            SchemaRegistryServer started = await(registry);
            started.start();
            registryPort.complete(started.port());
            int salesPartitions = await(salesTopic);
            sales = processor == null ? null : processor.apply(cluster, registryUrl(spec, started));
            salesApiUrl.complete(sales == null ? null : sales.httpUrl());
            ControlCenter controlCenter = await(console);
            if (controlCenter != null) {
                controlCenter.metrics().register(new BrokerMetrics());
                controlCenter.start();
            }
            if (spec.listensBeyondLoopback()) {
                err.println(controlCenter == null
                    ? "warning: Kafka and the Schema Registry listen on every interface without authentication; anyone who"
                        + " can reach ports " + options.kafkaPort + " and " + options.registryPort + " can read and write every topic"
                    : "warning: Kafka, the Schema Registry and the Control Center listen on every interface without"
                        + " authentication; anyone who can reach ports " + options.kafkaPort + ", " + options.registryPort
                        + " and " + options.consolePort + " can read and write every topic");
            }
            return new LocalPlatform(spec, cluster, started, sales, controlCenter, metricsServer,
                brokerMetrics != null ? brokerMetrics : controlCenter != null ? controlCenter.metrics() : null, salesPartitions);
        } catch (RuntimeException e) {
            // A part still being made is waited for, so that nothing is left running.
            registryPort.cancel(false);
            salesApiUrl.cancel(false);
            ControlCenter madeConsole = madeOrNull(console);
            if (madeConsole != null) {
                madeConsole.close();
            }
            if (sales != null) {
                sales.close();
            }
            if (metricsServer != null) {
                metricsServer.close();
            }
            SchemaRegistryServer madeRegistry = madeOrNull(registry);
            if (madeRegistry != null) {
                madeRegistry.close();
            }
            madeOrNull(salesTopic);
            cluster.close();
            throw e;
        }
    }

    private static MetricsServer serveMetrics(String host, int port, MetricsEndpoint endpoint) {
        try {
            return MetricsServer.start(host, port, endpoint);
        } catch (MetricsServerException e) {
            throw new CommandFailedException(e.getMessage(), ExitCode.FAILED, e);
        }
    }

    private static ControlCenter createConsole(LocalPlatformOptions options, String host, ConnectionOptions local,
                                               int registryPort, String salesApiUrl) {
        Map<String, Object> consoleSettings = new HashMap<>(Map.of(
            ConsoleConfig.LISTEN_HOST_CONFIG, host, ConsoleConfig.LISTEN_PORT_CONFIG, options.consolePort));
        if (salesApiUrl != null) {
            consoleSettings.put(ConsoleConfig.SALES_API_URL_CONFIG, salesApiUrl);
        }
        return ConsoleCommand.createConsole(local.clientSettings(),
            RegistryOptions.at("http://" + ClusterSpec.LOOPBACK + ":" + registryPort), consoleSettings);
    }

    private static <T> CompletableFuture<T> inBackground(String name, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, daemonThread(name));
    }

    private static Executor daemonThread(String name) {
        return task -> {
            Thread thread = new Thread(task, "tillstream-start-" + name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** What a part's own failure was, rather than the wrapper the future adds. */
    private static <T> T await(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Waits until a part is made or has failed; null if it failed. */
    private static <T> T madeOrNull(CompletableFuture<T> part) {
        return part.handle((made, failure) -> made).join();
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

    /** Where the brokers' metrics are served, {@code --metrics-port}'s endpoint else the Control Center's; empty with neither. */
    Optional<MetricsEndpoint> metrics() {
        return Optional.ofNullable(metrics);
    }

    /** {@code --metrics-port}'s URL on the advertised host; empty without it. */
    Optional<String> metricsUrl() {
        return Optional.ofNullable(metricsServer)
            .map(server -> "http://" + spec.advertisedHost() + ":" + server.port() + MetricsEndpoint.PATH);
    }

    @Override
    public void close() {
        if (console != null) {
            console.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
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
