package io.tillstream.cli;

import io.tillstream.cluster.ClusterSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where and how {@code up} and {@code demo} run Kafka and the Schema Registry on this machine. */
final class LocalPlatformOptions {

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
        description = "Host name clients on other machines use to reach the brokers; anything but loopback also listens"
            + " on every interface. Default: $" + ADDRESS_VARIABLE + " if set, else 127.0.0.1.")
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

    @Option(names = "--console-port", paramLabel = "PORT", defaultValue = "" + ConsoleCommand.DEFAULT_PORT,
        description = "Port of the Control Center web UI (default: ${DEFAULT-VALUE}).")
    int consolePort;

    @Option(names = "--users-file", paramLabel = "FILE",
        description = "Secure the platform with these users (" + "Jetty's 'name: password[,role...]' lines, e.g. from"
            + " 'tillstream users add'): Kafka's client listeners take SASL SCRAM-SHA-512 (Kafka users are those with a"
            + " readable password; hashed ones sign in to HTTP only), the Schema Registry, the Control Center and the"
            + " processor HTTP basic auth; admin may change things, viewer only read. Writes DATA_DIR/client.properties"
            + " for --command-config. A data directory is secured when it is created.")
    Path usersFile;

    @Option(names = "--tls",
        description = "With --users-file: TLS on every listener, Kafka SASL_SSL and https for the Schema Registry, the"
            + " Control Center and the processor. Without --tls-keystore, a local CA and a server certificate are made"
            + " in DATA_DIR/tls once (with the JDK's keytool) and reused; give DATA_DIR/tls/ca.pem to browsers and curl.")
    boolean tls;

    /** A keystore to serve every TLS listener with instead of the local CA's certificate; implies --tls. */
    @Mixin
    TlsOptions tlsStore;

    @Option(names = "--metrics-port", paramLabel = "PORT",
        description = "Also serve the Kafka nodes' metrics (and the JVM's) for Prometheus at /metrics on this port, as the"
            + " Control Center's port does.")
    Integer metricsPort;

    @Option(names = "--no-console",
        description = "Start without the Control Center (then --console-port is not used), for example to leave its memory free.")
    boolean noConsole;

    /** How the platform's HTTP servers are reached: https with --tls or --tls-keystore. */
    String httpScheme() {
        return tls || tlsStore.keystore != null ? "https" : "http";
    }

    /** The cluster these options describe, after checking the values a cluster spec cannot. */
    ClusterSpec clusterSpec() {
        if (brokers < 1 || brokers > ClusterSpec.MAX_NODES) {
            throw new CommandFailedException("--brokers must be 1 to " + ClusterSpec.MAX_NODES + ", not " + brokers, ExitCode.USAGE);
        }
        if (partitions < 1) {
            throw new CommandFailedException("--partitions must be at least 1, not " + partitions, ExitCode.USAGE);
        }
        return ClusterSpec.local(dataDir, brokers).withPorts(kafkaPort, controllerPort).withAdvertisedHost(advertisedHost())
            .withSasl(usersFile != null);
    }

    private String advertisedHost() {
        if (advertisedHost != null) {
            return advertisedHost;
        }
        String fromEnvironment = System.getenv(ADDRESS_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? ClusterSpec.LOOPBACK : fromEnvironment.trim();
    }
}
