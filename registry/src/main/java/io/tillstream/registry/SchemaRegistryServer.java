package io.tillstream.registry;

import io.javalin.Javalin;
import io.tillstream.registry.core.SchemaRegistry;
import io.tillstream.registry.http.BasicAuth;
import io.tillstream.registry.http.RestApi;
import io.tillstream.registry.store.KafkaLog;
import io.tillstream.registry.store.RegistryState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A Schema Registry with Confluent's v1 REST API, its state in a Kafka topic.
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

    private final RegistryConfig config;
    private final KafkaLog kafkaLog;
    private final Javalin http;
    private volatile boolean closed;
    private volatile int port = -1;

    private SchemaRegistryServer(RegistryConfig config, KafkaLog kafkaLog, Javalin http) {
        this.config = config;
        this.kafkaLog = kafkaLog;
        this.http = http;
    }

    /** A server for {@code config}, not yet started. */
    public static SchemaRegistryServer create(RegistryConfig config) {
        RegistryState state = new RegistryState();
        KafkaLog kafkaLog = new KafkaLog(config.getString(RegistryConfig.KAFKASTORE_TOPIC_CONFIG),
            config.kafkaClientProps(), config.getLong(RegistryConfig.KAFKASTORE_TIMEOUT_MS_CONFIG), state::apply);
        SchemaRegistry registry = new SchemaRegistry(state, kafkaLog, config.defaultCompatibility());
        String usersFile = config.getString(RegistryConfig.AUTHENTICATION_USERS_FILE_CONFIG);
        BasicAuth auth;
        try {
            auth = usersFile == null ? null : BasicAuth.fromUsersFile(Path.of(usersFile));
        } catch (UncheckedIOException e) {
            throw new RegistryStartException("Cannot read " + RegistryConfig.AUTHENTICATION_USERS_FILE_CONFIG + " "
                + usersFile + ": " + e.getCause().getMessage(), e);
        }
        Javalin http = RestApi.create(registry, config.listenerHost(), config.listenerPort(), auth);
        return new SchemaRegistryServer(config, kafkaLog, http);
    }

    /**
     * Reads the {@code _schemas} topic to its end (creating it if missing), then starts serving;
     * returns once both are done. On failure nothing is left running.
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
            throw new RegistryStartException("Kafka at " + bootstrap + " did not answer within " + initTimeoutMs
                + " ms (" + RegistryConfig.KAFKASTORE_INIT_TIMEOUT_MS_CONFIG + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new RegistryStartException("Interrupted while reading the schemas topic", e);
        } catch (ExecutionException | RuntimeException e) {
            close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new RegistryStartException("Cannot use Kafka at " + bootstrap + ": " + cause.getMessage(), cause);
        }
        try {
            http.start();
            port = http.port();
        } catch (RuntimeException e) {
            close();
            throw new RegistryStartException("Cannot listen on " + config.listenerHost() + ":" + config.listenerPort()
                + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        log.info("Schema registry listening on {}", url());
    }

    /**
     * The port the REST API listens on, the chosen one when configured as 0; still the same after
     * {@link #close()}, so that a caller can name the server it stopped. -1 before {@link #start()}.
     */
    public int port() {
        return port;
    }

    /** The REST API's base URL, for example {@code http://127.0.0.1:8081}. */
    public String url() {
        String host = config.listenerHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop();
        kafkaLog.close();
    }
}
