package io.tillstream.cli;

import io.tillstream.cluster.BrokerMetrics;
import io.tillstream.cluster.BrokerUser;
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
import io.tillstream.retail.RawData;
import io.tillstream.security.Https;
import io.tillstream.security.Truststore;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.PrintWriter;
import java.nio.file.Path;
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

    /**
     * How Tillstream's own parts reach the platform: Kafka's client settings beyond the bootstrap address
     * (SASL and TLS as the broker user, or none), the registry and its basic-auth user info (null when
     * open), the users file the HTTP servers take (null when open), the servers' TLS (null for plain HTTP)
     * and what clients trust (null: the JVM's own).
     */
    record Access(Map<String, String> kafkaSecurity, String registryUrl, String registryUserInfo, Path httpUsersFile,
                  Https https, Truststore truststore) {

        String scheme() {
            return https == null ? "http" : "https";
        }

        /** This access with the registry at {@code url}. */
        Access withRegistry(String url) {
            return new Access(kafkaSecurity, url, registryUserInfo, httpUsersFile, https, truststore);
        }

        Map<String, Object> registryClientSettings() {
            Map<String, Object> settings = RegistryOptions.at(registryUrl, registryUserInfo).clientSettings();
            settings.putAll(registryTrust());
            return settings;
        }

        /** Confluent's registry client settings that trust the platform's certificates; none without TLS. */
        Map<String, String> registryTrust() {
            return truststore == null ? Map.of() : Map.of(
                SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.location().toString(),
                SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststore.password(),
                SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE_CONFIG, truststore.type());
        }
    }

    private final ClusterSpec spec;
    private final Access access;
    private final LocalUsers users;
    private final PlatformTls tls;
    private final LocalCluster cluster;
    private final SchemaRegistryServer registry;
    private final SalesPipeline processor;
    private final ControlCenter console;
    private final MetricsServer metricsServer;
    private final MetricsEndpoint metrics;
    private final int salesPartitions;

    private LocalPlatform(ClusterSpec spec, Access access, LocalUsers users, PlatformTls tls, LocalCluster cluster,
                          SchemaRegistryServer registry, SalesPipeline processor, ControlCenter console,
                          MetricsServer metricsServer, MetricsEndpoint metrics, int salesPartitions) {
        this.spec = spec;
        this.access = access;
        this.users = users;
        this.tls = tls;
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
     * <p>What does not wait on another part runs beside it: the registry is built and listens while Kafka
     * starts (requests wait until it has read its topic); once Kafka is up, {@code raw_data} is created while
     * the registry reads its topic, and the Control Center is built and started meanwhile too once the URLs it
     * needs are known: the registry's at once unless its port is 0 (else once the registry listens), the
     * processor's ({@code processorApiUrl}) at once unless it is null, else once it listens.
     */
    static LocalPlatform start(LocalPlatformOptions options, Verbosity verbosity, PrintWriter err,
                               BiFunction<LocalCluster, Access, SalesPipeline> processor, String processorApiUrl) {
        LocalUsers users = options.usersFile == null ? null : LocalUsers.read(options.usersFile);
        ClusterSpec spec = users == null ? options.clusterSpec() : options.clusterSpec().withAdmins(users.kafkaAdmins());
        String host = spec.listensBeyondLoopback() ? "0.0.0.0" : ClusterSpec.LOOPBACK;
        LocalCluster.checkPortFree(host, options.registryPort, "Schema Registry");
        if (!options.noConsole) {
            LocalCluster.checkPortFree(host, options.consolePort, "Control Center");
        }
        if (options.metricsPort != null) {
            LocalCluster.checkPortFree(host, options.metricsPort, "metrics");
        }
        PlatformTls tls = PlatformTls.of(options, spec);
        LocalCluster cluster = LocalCluster.prepare(tls == null ? spec : spec.withTls(tls.listenerTls()));
        verbosity.configure(cluster.dataDirectory().logFile());
        BrokerUser brokerUser = cluster.brokerUser().orElse(null);
        Path httpUsers = users == null ? null : users.writeHttpUsers(cluster, brokerUser);
        Access access = new Access(cluster.clientSecurity(), null,
            brokerUser == null ? null : brokerUser.name() + ":" + brokerUser.password(), httpUsers,
            tls == null ? null : tls.https(), tls == null ? null : tls.truststore());
        ConnectionOptions local = ConnectionOptions.to(cluster.bootstrapServers(), access.kafkaSecurity());
        Map<String, Object> registrySettings = new HashMap<>(Map.of(RegistryConfig.LISTENERS_CONFIG,
            access.scheme() + "://" + host + ":" + options.registryPort));
        if (httpUsers != null) {
            registrySettings.put(RegistryConfig.AUTHENTICATION_USERS_FILE_CONFIG, httpUsers.toString());
        }
        if (tls != null) {
            registrySettings.put(RegistryConfig.SSL_KEYSTORE_LOCATION_CONFIG, tls.https().keystore().toString());
            registrySettings.put(RegistryConfig.SSL_KEYSTORE_PASSWORD_CONFIG, tls.https().password());
            registrySettings.put(RegistryConfig.SSL_KEYSTORE_TYPE_CONFIG, tls.https().type());
        }
        CompletableFuture<SchemaRegistryServer> registry = inBackground("registry", () -> {
            SchemaRegistryServer server = RegistryCommand.createRegistry(local, registrySettings);
            server.listen();
            return server;
        });
        CompletableFuture<Integer> registryPort = new CompletableFuture<>();
        CompletableFuture<String> salesApiUrl = new CompletableFuture<>();
        CompletableFuture<Integer> salesTopic = CompletableFuture.completedFuture(0);
        CompletableFuture<ControlCenter> console = CompletableFuture.completedFuture(null);
        SalesPipeline sales = null;
        MetricsServer metricsServer = null;
        try {
            cluster.start();
            if (users != null) {
                syncKafkaUsers(users, local, brokerUser);
                users.writeClientProperties(cluster, brokerUser, access.registryTrust());
            }
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
            registry.thenAccept(server -> registryPort.complete(server.port()));
            if (processor == null || processorApiUrl != null) {
                salesApiUrl.complete(processorApiUrl);
            }
            if (!options.noConsole) {
                Path lake = processor == null ? null : lakeDirectory(cluster);
                console = registryPort.thenCombineAsync(salesApiUrl,
                    (port, salesApi) -> startConsole(options, host, local,
                        access.withRegistry(access.scheme() + "://" + ClusterSpec.LOOPBACK + ":" + port), salesApi, lake),
                    daemonThread("console"));
            }
            SchemaRegistryServer started = await(registry);
            started.start();
            int salesPartitions = await(salesTopic);
            sales = processor == null ? null : processor.apply(cluster, access.withRegistry(registryUrl(spec, started)));
            salesApiUrl.complete(sales == null ? null : sales.httpUrl());
            ControlCenter controlCenter = await(console);
            if (spec.listensBeyondLoopback() && users == null) {
                err.println(controlCenter == null
                    ? "warning: Kafka and the Schema Registry listen on every interface without authentication; anyone who"
                        + " can reach ports " + options.kafkaPort + " and " + options.registryPort + " can read and write every topic"
                    : "warning: Kafka, the Schema Registry and the Control Center listen on every interface without"
                        + " authentication; anyone who can reach ports " + options.kafkaPort + ", " + options.registryPort
                        + " and " + options.consolePort + " can read and write every topic");
            }
            return new LocalPlatform(spec, access.withRegistry(registryUrl(spec, started)), users, tls, cluster, started,
                sales, controlCenter, metricsServer,
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

    /** Where {@code demo}'s sink lands {@code sales_enriched}, and so where the console's Lake page looks. */
    static Path lakeDirectory(LocalCluster cluster) {
        return cluster.dataDirectory().root().resolve("lake");
    }

    private static MetricsServer serveMetrics(String host, int port, MetricsEndpoint endpoint) {
        try {
            return MetricsServer.start(host, port, endpoint);
        } catch (MetricsServerException e) {
            throw new CommandFailedException(e.getMessage(), ExitCode.FAILED, e);
        }
    }

    /**
     * Makes the Control Center and starts serving it, on its own thread: its web server's start then overlaps the
     * registry's reading of {@code _schemas} (and {@code demo}'s processor start) instead of following them.
     * Nothing it serves needs the registry or the processor to be listening yet; its pages ask them when opened.
     * It is made only once Kafka is up: its clients connect when made, and would knock on a port not yet open.
     */
    private static ControlCenter startConsole(LocalPlatformOptions options, String host, ConnectionOptions local,
                                              Access access, String salesApiUrl, Path lakePath) {
        ControlCenter console = createConsole(options, host, local, access, salesApiUrl, lakePath);
        console.metrics().register(new BrokerMetrics());
        console.start();
        return console;
    }

    private static ControlCenter createConsole(LocalPlatformOptions options, String host, ConnectionOptions local,
                                               Access access, String salesApiUrl, Path lakePath) {
        Map<String, Object> consoleSettings = new HashMap<>(Map.of(
            ConsoleConfig.LISTEN_HOST_CONFIG, host, ConsoleConfig.LISTEN_PORT_CONFIG, options.consolePort));
        if (salesApiUrl != null) {
            consoleSettings.put(ConsoleConfig.SALES_API_URL_CONFIG, salesApiUrl);
        }
        if (access.httpUsersFile() != null) {
            consoleSettings.put(ConsoleConfig.USERS_FILE_CONFIG, access.httpUsersFile().toString());
        }
        if (access.https() != null) {
            consoleSettings.put(ConsoleConfig.TLS_KEYSTORE_LOCATION_CONFIG, access.https().keystore().toString());
            consoleSettings.put(ConsoleConfig.TLS_KEYSTORE_PASSWORD_CONFIG, access.https().password());
            consoleSettings.put(ConsoleConfig.TLS_STORE_TYPE_CONFIG, access.https().type());
        }
        if (access.truststore() != null) {
            consoleSettings.put(ConsoleConfig.TLS_TRUSTSTORE_LOCATION_CONFIG, access.truststore().location().toString());
            consoleSettings.put(ConsoleConfig.TLS_TRUSTSTORE_PASSWORD_CONFIG, access.truststore().password());
        }
        if (lakePath != null) {
            consoleSettings.put(ConsoleConfig.LAKE_PATH_CONFIG, lakePath.toString());
        }
        return ConsoleCommand.createConsole(local.clientSettings(),
            RegistryOptions.at(access.registryUrl(), access.registryUserInfo()), consoleSettings);
    }

    private static void syncKafkaUsers(LocalUsers users, ConnectionOptions local, BrokerUser brokerUser) {
        try (ClusterConnection connection = ClusterConnection.open(local)) {
            users.syncKafkaUsers(connection.admin(), brokerUser);
        } catch (Exception e) {
            throw new CommandFailedException("cannot create Kafka's SCRAM users from the users file: " + e.getMessage(),
                ExitCode.FAILED, e);
        }
    }

    static <T> CompletableFuture<T> inBackground(String name, Supplier<T> task) {
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
    static <T> T await(CompletableFuture<T> part) {
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

    /** How Tillstream's own parts reach this platform. */
    Access access() {
        return access;
    }

    /** The client settings file {@code up} wrote for a secured platform; empty when it is open. */
    Optional<Path> clientProperties() {
        return users == null ? Optional.empty()
            : Optional.of(cluster.dataDirectory().root().resolve(LocalUsers.CLIENT_PROPERTIES_FILE));
    }

    /** The local CA's certificate of a {@code --tls} platform; empty without TLS or with a keystore given. */
    Optional<Path> caCertificate() {
        return Optional.ofNullable(tls).map(PlatformTls::caCertificate);
    }

    /** For a secured platform, where its client settings are and who signs in where; nothing when it is open. */
    void printSecurity(PrintWriter out) {
        if (users == null) {
            return;
        }
        out.printf("Secured: Kafka takes SASL SCRAM-SHA-512%s and the HTTP servers basic auth%s from %s; client settings in %s"
                + " (--command-config, and Kafka's --consumer.config).%n", tls == null ? "" : " over TLS",
            tls == null ? "" : " over https", users.file(), clientProperties().orElseThrow());
        caCertificate().ifPresent(ca ->
            out.printf("  TLS certificates from the local CA %s (trust it in browsers, curl --cacert).%n", ca));
        List<String> httpOnly = users.httpOnlyUsers();
        if (!httpOnly.isEmpty()) {
            out.printf("  Signing in to HTTP only (hashed passwords cannot make Kafka's SCRAM users): %s%n",
                String.join(", ", httpOnly));
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
        return registryUrl(spec, registry);
    }

    private static String registryUrl(ClusterSpec spec, SchemaRegistryServer registry) {
        return registry.config().listenerScheme() + "://" + spec.advertisedHost() + ":" + registry.port();
    }

    /** The sales processor started with the platform; null when there is none. */
    SalesPipeline processor() {
        return processor;
    }

    /** The Control Center's URL on the advertised host; empty when it runs without one. */
    Optional<String> consoleUrl() {
        return Optional.ofNullable(console).map(c -> access.scheme() + "://" + spec.advertisedHost() + ":" + c.port());
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
                    List.of(new NewTopic(RawData.TOPIC, partitions, cluster.spec().replicationFactor()))).all());
                return partitions;
            } catch (CommandFailedException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new CommandFailedException("cannot create topic " + RawData.TOPIC + ": " + e.getMessage(),
                        ExitCode.FAILED, e.getCause());
                }
            }
            return connection.describeTopics(List.of(RawData.TOPIC)).get(RawData.TOPIC).partitions().size();
        }
    }
}
