package io.tillstream.cli;

import io.tillstream.security.Https;
import io.tillstream.security.UsersFile;
import io.tillstream.registry.RegistryConfig;
import io.tillstream.registry.SchemaRegistryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROPERTIES",
        description = "A Confluent schema-registry.properties file: its settings apply (listeners, kafkastore.*, "
            + "authentication.method, authentication.roles, authentication.realm, authentication.users.file, ...), and "
            + "the options given here override them. authentication.method=BASIC without a users file refuses to start.")
    Path properties;

    @Option(names = "--listeners", paramLabel = "URL",
        description = "Where the REST API listens (default: http://127.0.0.1:8081).")
    String listeners;

    @Option(names = "--users-file", paramLabel = "FILE",
        description = UsersFile.DOC)
    Path usersFile;

    @Mixin
    TlsOptions tls;

    @Mixin
    TruststoreOptions truststore;

    @Option(names = "--topic", paramLabel = "NAME",
        description = "The compacted topic holding the schemas (default: _schemas).")
    String topic;

    @Option(names = "--group-id", paramLabel = "ID",
        description = "The group in which the instances sharing the topic elect their leader (default: schema-registry).")
    String groupId;

    @Option(names = "--leader-eligibility", paramLabel = "true|false", arity = "1",
        description = "Whether this instance may lead; false makes it a follower that forwards every write "
            + "(default: true).")
    Boolean leaderEligibility;

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
        if (properties != null) {
            ConnectionOptions.readProperties(properties, "PROPERTIES").forEach((key, value) -> settings.put((String) key, value));
            if (spec.commandLine().getParseResult().hasMatchedOption("--bootstrap-server")) {
                settings.put(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServer());
            }
        }
        putIfGiven(settings, RegistryConfig.LISTENERS_CONFIG, listeners);
        putIfGiven(settings, RegistryConfig.KAFKASTORE_TOPIC_CONFIG, topic);
        putIfGiven(settings, RegistryConfig.SCHEMA_REGISTRY_GROUP_ID_CONFIG, groupId);
        putIfGiven(settings, RegistryConfig.LEADER_ELIGIBILITY_CONFIG, leaderEligibility);
        putIfGiven(settings, RegistryConfig.HOST_NAME_CONFIG, hostName);
        putIfGiven(settings, RegistryConfig.AUTHENTICATION_USERS_FILE_CONFIG, usersFile == null ? null : usersFile.toString());
        if (tls.enabled()) {
            settings.put(RegistryConfig.SSL_KEYSTORE_LOCATION_CONFIG, tls.keystore.toString());
            settings.put(RegistryConfig.SSL_KEYSTORE_PASSWORD_CONFIG, tls.password);
            settings.put(RegistryConfig.SSL_KEYSTORE_TYPE_CONFIG, Https.DEFAULT_STORE_TYPE);
            settings.computeIfPresent(RegistryConfig.LISTENERS_CONFIG, (key, url) -> url.toString().replaceFirst("^http:", "https:"));
            settings.putIfAbsent(RegistryConfig.LISTENERS_CONFIG, "https://127.0.0.1:8081");
        }
        truststore.putInto(settings, RegistryConfig.SSL_TRUSTSTORE_LOCATION_CONFIG,
            RegistryConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, RegistryConfig.SSL_TRUSTSTORE_TYPE_CONFIG);
        PrintWriter out = spec.commandLine().getOut();
        SchemaRegistryServer server = createRegistry(connection, settings);
        server.start();
        RegistryConfig config = server.config();
        OpenListener.warnIfOpen(spec.commandLine().getErr(), "the Schema Registry", config.listenerHost(),
            config.usersFile().isPresent());
        out.printf("Schema Registry is up at %s, schemas in topic %s on %s, %s in group %s%s. Ctrl-C stops it.%n",
            server.url(), config.getString(RegistryConfig.KAFKASTORE_TOPIC_CONFIG),
            String.join(",", config.getList(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG)),
            config.getBoolean(RegistryConfig.LEADER_ELIGIBILITY_CONFIG) ? "electing a leader" : "following the leader",
            config.getString(RegistryConfig.SCHEMA_REGISTRY_GROUP_ID_CONFIG),
            config.usersFile().isPresent() ? ", basic auth required" : "");
        out.flush();
        shutdown.runUntilStopped(out, server::close);
        return ExitCode.OK;
    }

    private static void putIfGiven(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
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
        connection.clientProperties().forEach((key, value) -> all.putIfAbsent("kafkastore." + key, value));
        all.put(RegistryConfig.KAFKASTORE_INIT_TIMEOUT_MS_CONFIG, connection.timeout().toMillis());
        return SchemaRegistryServer.create(new RegistryConfig(all));
    }
}
