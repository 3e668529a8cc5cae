package io.tillstream.cli;

import io.tillstream.security.UsersFile;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tillstream registry}: the Schema Registry alone, against any Kafka cluster, until Ctrl-C. */
@Command(name = "registry", mixinStandardHelpOptions = true,
    description = "Run the Schema Registry (Confluent's v1 REST API, schemas kept in the _schemas topic) "
        + "against any Kafka cluster until Ctrl-C.")
final class RegistryCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--listeners", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
        description = "Where the REST API listens (default: ${DEFAULT-VALUE}).")
    String listeners;

    @Option(names = "--users-file", paramLabel = "FILE",
        description = UsersFile.DOC)
    Path usersFile;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = "_schemas",
        description = "The compacted topic holding the schemas (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--group-id", paramLabel = "ID", defaultValue = "schema-registry",
        description = "The group in which the instances sharing the topic elect their leader (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--leader-eligibility", paramLabel = "true|false", arity = "1", defaultValue = "true",
        description = "Whether this instance may lead; false makes it a follower that forwards every write "
            + "(default: ${DEFAULT-VALUE}).")
    boolean leaderEligibility;

    @Option(names = "--host-name", paramLabel = "HOST",
        description = "The host the other instances forward writes to (default: the listener's host).")
    String hostName;

    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    private final Shutdown shutdown = new Shutdown();

    @Override
    public Integer call() {
        verbosity.configure();
        Map<String, Object> settings = new HashMap<>();
        settings.put(RegistryConfig.LISTENERS_CONFIG, listeners);
        settings.put(RegistryConfig.KAFKASTORE_TOPIC_CONFIG, topic);
        settings.put(RegistryConfig.SCHEMA_REGISTRY_GROUP_ID_CONFIG, groupId);
        settings.put(RegistryConfig.LEADER_ELIGIBILITY_CONFIG, leaderEligibility);
        if (hostName != null) {
            settings.put(RegistryConfig.HOST_NAME_CONFIG, hostName);
        }
        if (usersFile != null) {
            settings.put(RegistryConfig.AUTHENTICATION_USERS_FILE_CONFIG, usersFile.toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        SchemaRegistryServer server = createRegistry(connection, settings);
        server.start();
        if (usersFile == null && !listeners.contains("//127.") && !listeners.contains("//localhost")) {
            spec.commandLine().getErr().println("warning: the Schema Registry listens beyond loopback without"
                + " authentication; pass --users-file to require it");
        }
        out.printf("Schema Registry is up at %s, schemas in topic %s on %s, %s in group %s. Ctrl-C stops it.%n",
            server.url(), topic, connection.bootstrapServer(),
            leaderEligibility ? "electing a leader" : "following the leader", groupId);
        out.flush();
        shutdown.runUntilStopped(out, server::close);
        return ExitCode.OK;
    }

    /** Asks a running registry to shut down as Ctrl-C would. */
    void stop() {
        shutdown.request();
    }

    /**
     * A registry, not yet started, for the cluster that {@code connection} names, with that connection's
     * client settings (SASL, TLS) handed to the registry's own Kafka clients. Creating it does not reach Kafka.
     */
    static SchemaRegistryServer createRegistry(ConnectionOptions connection, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        connection.clientProperties().forEach((key, value) -> all.put("kafkastore." + key, value));
        all.put(RegistryConfig.KAFKASTORE_INIT_TIMEOUT_MS_CONFIG, connection.timeout().toMillis());
        return SchemaRegistryServer.create(new RegistryConfig(all));
    }
}
