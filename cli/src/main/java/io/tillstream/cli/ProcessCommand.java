package io.tillstream.cli;

import io.tillstream.pipeline.PipelineConfig;
import io.tillstream.pipeline.PipelineException;
import io.tillstream.pipeline.PipelineUnreachableException;
import io.tillstream.pipeline.SalesPipeline;
import io.tillstream.security.UsersFile;
import io.tillstream.serde.client.SchemaRegistryClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tillstream process}: the sales pipeline ({@link SalesPipeline}) until Ctrl-C. Started several
 * times with one application id, the processes share the partitions and answer queries for each other.
 */
@Command(name = "process", mixinStandardHelpOptions = true,
    description = {"Process the sales stream until Ctrl-C: validate (bad records to raw_data_dlq with the reason in"
        + " headers), enrich (to sales_enriched), aggregate (compacted sales_by_* topics), and serve the aggregates"
        + " over HTTP as JSON.",
        "Kafka Streams with exactly-once processing: run it several times with one --application-id and the instances"
            + " share the partitions; each answers queries for all."},
    footer = {"", "HTTP: /api/v1/sales/by-mall, /by-category, /by-payment-method, /by-day, /per-minute?minutes=15,"
        + " /top-customers?limit=10, /by-customer, /dead-letters; /api/v1/customers/{id}; /api/v1/metrics/latency; /health.",
        "Exit codes: 0 stopped by Ctrl-C; 1 could not start (no source topic, port taken, ...);"
            + " 2 bad command line; 3 Kafka or the Schema Registry unreachable."})
final class ProcessCommand implements Callable<Integer> {

    /** Restoring large state stores can take a while before processing starts. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = "tillstream-pipeline",
        description = "Kafka Streams application id; instances with the same id share the work (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
        description = "Where the HTTP API listens, and the address other instances reach it at (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--users-file", paramLabel = "FILE",
        description = UsersFile.DOC + " DELETE needs the admin role.")
    Path usersFile;

    @Mixin
    TlsOptions tls;

    @Mixin
    TruststoreOptions truststore;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "7070",
        description = "Port of the HTTP API (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "Local state stores, a cache of their changelog topics (default: <temp dir>/tillstream-streams/<http-port>,"
            + " so instances on one machine keep apart).")
    Path stateDir;

    @Option(names = "--stream-threads", paramLabel = "N",
        description = "Kafka Streams threads in this instance (num.stream.threads); each takes its share of the partitions"
            + " (default: 1, or the --command-config file's num.stream.threads).")
    Integer streamThreads;

    @Mixin
    ConnectionOptions connection;
    @Mixin
    RegistryOptions registry;
    @Mixin
    Verbosity verbosity;
    @Spec
    CommandSpec spec;

    private final Shutdown shutdown = new Shutdown();

    @Override
    public Integer call() {
        verbosity.configure();
        PrintWriter out = spec.commandLine().getOut();
        PipelineConfig config = new PipelineConfig(settings());
        OpenListener.warnIfOpen(spec.commandLine().getErr(), "the sales pipeline's HTTP API", httpHost, usersFile != null);
        SalesPipeline pipeline = SalesPipeline.create(config);
        try {
            pipeline.start();
            pipeline.awaitRunning(READY_TIMEOUT);
        } catch (PipelineUnreachableException e) {
            pipeline.close();
            throw new CommandFailedException(e.getMessage(), ExitCode.UNREACHABLE, e);
        } catch (PipelineException e) {
            pipeline.close();
            throw new CommandFailedException(e.getMessage(), ExitCode.FAILED, e);
        }
        out.printf("Processing %s as %s: HTTP API at %s/api/v1/sales, dead letters to %s, state in %s. Ctrl-C stops it.%n",
            config.topics().source(), config.applicationId(), pipeline.httpUrl(), config.topics().deadLetters(),
            config.stateDir());
        out.flush();
        shutdown.runUntilStopped(out, pipeline::close);
        return ExitCode.OK;
    }

    /** Asks a running {@code process} to shut down as Ctrl-C would. */
    void stop() {
        shutdown.request();
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = connection.clientSettings();
        settings.putAll(registry.clientSettings());
        // The pipeline trusts the registry's truststore for the registry and for its peers alike.
        truststore.putInto(settings, SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG,
            SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, SchemaRegistryClientConfig.SSL_TRUSTSTORE_TYPE_CONFIG);
        settings.put(PipelineConfig.APPLICATION_ID_CONFIG, applicationId);
        settings.put(PipelineConfig.HTTP_HOST_CONFIG, httpHost);
        if (usersFile != null) {
            settings.put(PipelineConfig.USERS_FILE_CONFIG, usersFile.toString());
        }
        if (tls.enabled()) {
            settings.put(PipelineConfig.HTTP_TLS_KEYSTORE_LOCATION_CONFIG, tls.keystore.toString());
            settings.put(PipelineConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, tls.password);
        }
        settings.put(PipelineConfig.HTTP_PORT_CONFIG, httpPort);
        settings.put(PipelineConfig.STATE_DIR_CONFIG, (stateDir != null ? stateDir
            : Path.of(PipelineConfig.DEFAULT_STATE_DIR, Integer.toString(httpPort))).toString());
        settings.put(PipelineConfig.STARTUP_TIMEOUT_MS_CONFIG, connection.timeout().toMillis());
        if (streamThreads != null) {
            if (streamThreads < 1) {
                throw new CommandFailedException("--stream-threads must be at least 1, not " + streamThreads, ExitCode.USAGE);
            }
            settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        }
        return settings;
    }
}
