package io.tillstream.registry;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.tillstream.metrics.MetricsEndpoint;
import io.tillstream.registry.core.SchemaRegistry;
import io.tillstream.registry.http.RestApi;
import io.tillstream.registry.leader.LeaderElection;
import io.tillstream.registry.leader.Leadership;
import io.tillstream.registry.leader.RegistryInstance;
import io.tillstream.registry.store.KafkaLog;
import io.tillstream.registry.store.RegistryState;
import io.tillstream.security.AccessFilter;
import io.tillstream.security.Https;
import io.tillstream.security.SilentKafka;
import io.tillstream.security.TlsException;
import io.tillstream.security.Truststore;
import io.tillstream.security.UsersFile;
import io.tillstream.security.UsersFileException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A Schema Registry with Confluent's v1 REST API, its state in a Kafka topic. Any number of them may
 * share one topic: they elect a leader through Kafka, which alone writes; the others serve reads
 * from their own copy of the log and forward writes to it.
 *
 * <pre>{@code
 * try (SchemaRegistryServer server = SchemaRegistryServer.create(new RegistryConfig(Map.of(
 *         RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")))) {
 *     server.start();
 *     System.out.println(server.url());
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
    /** Every instance of a topic writes under this one transactional ID, so each new leader fences the last. */
    private static final String WRITER_ID_PREFIX = "tillstream-registry-";

    private final RegistryConfig config;
    private final KafkaLog kafkaLog;
    private final Leadership leadership;
    private final Javalin http;
    /** Done once {@link #start()} has read the log; requests that come earlier wait for it. */
    private final CompletableFuture<Void> loaded;
    private LeaderElection election;
    private volatile boolean closed;
    private volatile int port = -1;

    private SchemaRegistryServer(RegistryConfig config, KafkaLog kafkaLog, Leadership leadership, Javalin http,
                                 CompletableFuture<Void> loaded) {
        this.config = config;
        this.kafkaLog = kafkaLog;
        this.leadership = leadership;
        this.http = http;
        this.loaded = loaded;
    }

    /** The settings it runs with. */
    public RegistryConfig config() {
        return config;
    }

    /** A server for {@code config}, not yet started. */
    public static SchemaRegistryServer create(RegistryConfig config) {
        RegistryState state = new RegistryState();
        String topic = config.getString(RegistryConfig.KAFKASTORE_TOPIC_CONFIG);
        long timeoutMs = config.getLong(RegistryConfig.KAFKASTORE_TIMEOUT_MS_CONFIG);
        KafkaLog kafkaLog = new KafkaLog(topic, config.kafkaClientProps(), timeoutMs, state::apply);
        Leadership leadership = new Leadership(() -> kafkaLog.openWriter(WRITER_ID_PREFIX + topic), timeoutMs);
        SchemaRegistry registry = new SchemaRegistry(state, kafkaLog, leadership, config.defaultCompatibility());
        AccessFilter access;
        try {
            access = config.usersFile().map(file -> RestApi.access(UsersFile.read(Path.of(file)), config.signInRoles(),
                config.getString(RegistryConfig.AUTHENTICATION_REALM_CONFIG))).orElse(null);
        } catch (UsersFileException e) {
            throw new RegistryStartException(RegistryConfig.AUTHENTICATION_USERS_FILE_CONFIG + ": " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new RegistryStartException(e.getMessage(), e);
        }
        Https https;
        Optional<SSLContext> forwardingTls;
        try {
            https = config.https().orElse(null);
            forwardingTls = config.truststore().map(Truststore::sslContext);
        } catch (ConfigException | TlsException e) {
            throw new RegistryStartException(e.getMessage(), e);
        }
        MetricsEndpoint metrics = new MetricsEndpoint();
        Gauge.builder("tillstream.registry.schemas", state, RegistryState::schemaCount)
            .description("Schemas (distinct IDs) readable").register(metrics.registry());
        Gauge.builder("tillstream.registry.subjects", state, RegistryState::subjectCount)
            .description("Subjects with a version that is not deleted").register(metrics.registry());
        Gauge.builder("tillstream.registry.leader", leadership, l -> l.isLeader() ? 1 : 0)
            .description("1 while this instance leads (hands out IDs), 0 while it follows").register(metrics.registry());
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        Javalin http = RestApi.create(new RestApi.Parts(registry, leadership, kafkaLog,
            config.getString(RegistryConfig.SCHEMA_REGISTRY_GROUP_ID_CONFIG), timeoutMs, access, metrics,
            forwardingTls, loaded),
            config.listenerHost(), config.listenerPort(), https, List.of(config.listenerHost(), config.advertisedHost()));
        return new SchemaRegistryServer(config, kafkaLog, leadership, http, loaded);
    }

    /**
     * Starts serving without reaching Kafka, so that a caller can have the web server's start overlap
     * Kafka's: requests that arrive before {@link #start()} has read the log wait for it. Does nothing
     * when already listening. On failure nothing is left running.
     *
     * @throws RegistryStartException if the port is taken
     */
    public synchronized void listen() {
        if (port != -1) {
            return;
        }
        try {
            http.start();
            port = http.port();
        } catch (RuntimeException e) {
            close();
            throw new RegistryStartException("Cannot listen on " + config.listenerHost() + ":" + config.listenerPort()
                + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /**
     * Reads the {@code _schemas} topic to its end (creating it if missing), starts serving (unless
     * {@link #listen()} did already) and joins the leader election; returns once all three are done.
     * Writes that arrive before the first election ends wait for it. On failure nothing is left running.
     *
     * @throws RegistryStartException if Kafka is out of reach within {@code kafkastore.init.timeout.ms},
     *                                the topic is unusable or the port is taken
     */
    public void start() {
        String bootstrap = String.join(",", config.getList(RegistryConfig.KAFKASTORE_BOOTSTRAP_SERVERS_CONFIG));
        long initTimeoutMs = config.getLong(RegistryConfig.KAFKASTORE_INIT_TIMEOUT_MS_CONFIG);
        try {
            kafkaLog.start(initTimeoutMs);
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            close();
            throw notAnswering(bootstrap, initTimeoutMs, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new RegistryStartException("Interrupted while reading the schemas topic", e);
        } catch (IllegalStateException e) {
            close();
            throw new RegistryStartException(e.getMessage(), e);
        } catch (ExecutionException | RuntimeException e) {
            close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            // The admin client's own timeout (no node answered) arrives wrapped, racing the one above.
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw notAnswering(bootstrap, initTimeoutMs, cause);
            }
            throw new RegistryStartException("Cannot use Kafka at " + bootstrap + ": " + cause.getMessage(), cause);
        }
        loaded.complete(null);
        listen();
        RegistryInstance self = new RegistryInstance(url(config.advertisedHost()),
            config.getBoolean(RegistryConfig.LEADER_ELIGIBILITY_CONFIG));
        election = new LeaderElection(self, config.getString(RegistryConfig.SCHEMA_REGISTRY_GROUP_ID_CONFIG),
            kafkaLog.topic(), config.kafkaClientProps(), leadership);
        election.start();
        log.info("Schema registry listening on {}", url());
    }

    /**
     * The port the REST API listens on, the chosen one when configured as 0; still the same after
     * {@link #close()}, so that a caller can name the server it stopped. -1 before it listens.
     */
    public int port() {
        return port;
    }

    /** The REST API's base URL, for example {@code http://127.0.0.1:8081}. */
    public String url() {
        return url(config.listenerHost());
    }

    private String url(String host) {
        return config.listenerScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** Whether this instance is the elected leader right now. */
    public boolean isLeader() {
        return leadership.isLeader();
    }

    /** Stops serving, leaves the election (the others elect a new leader at once) and stops reading. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loaded.completeExceptionally(new RegistryStartException("The registry was stopped before it read its schemas topic", null));
        http.stop();
        if (election != null) {
            election.close();
        }
        kafkaLog.close();
    }

    private RegistryStartException notAnswering(String bootstrap, long timeoutMs, Throwable cause) {
        return RegistryStartException.kafkaOutOfReach(SilentKafka.message(bootstrap,
            timeoutMs + " ms (" + RegistryConfig.KAFKASTORE_INIT_TIMEOUT_MS_CONFIG + ")", config.kafkaClientProps()), cause);
    }
}
